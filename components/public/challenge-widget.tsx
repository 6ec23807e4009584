"use client";

import "altcha/altcha.css";
import type {} from "altcha/types/react";
import { useEffect, useState } from "react";

/** The widget's words, in Chinese and without the vendor's footer link. */
const STRINGS = {
  ariaLinkLabel: "ALTCHA",
  enterCode: "输入验证码",
  enterCodeAria: "输入您听到的验证码。按空格键播放音频。",
  error: "验证失败，请稍后再试。",
  expired: "验证已过期，请重新验证。",
  footer: "",
  getAudioChallenge: "获取语音验证码",
  label: "我不是机器人",
  loading: "正在加载……",
  reload: "重新加载",
  verify: "验证",
  verificationRequired: "请先完成人机验证。",
  verified: "验证通过",
  verifying: "正在验证，请稍候……",
  waitAlert: "正在验证，请稍候。",
  cancel: "取消",
  enterCodeFromImage: "请输入下图中的验证码。",
};

type AltchaGlobal = {
  algorithms: Map<string, () => Worker>;
  i18n: { set: (language: string, strings: Record<string, string>) => void };
};

/**
 * 人机验证: the ALTCHA proof-of-work widget, bundled into our JavaScript (altcha/external) with its
 * PBKDF2 worker served from /apply/challenge/worker, challenges from /apply/challenge — nothing is
 * fetched from another origin. It puts its payload in the hidden field "altcha" of the form.
 */
export function ChallengeWidget({ error }: { error?: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    import("altcha/external").then(() => {
      const altcha = (globalThis as unknown as { $altcha: AltchaGlobal }).$altcha;
      altcha.i18n.set("zh-cn", STRINGS);
      altcha.algorithms.set("PBKDF2/SHA-256", () => new Worker("/apply/challenge/worker"));
      if (live) setReady(true);
    });
    return () => {
      live = false;
    };
  }, []);
  return (
    <fieldset className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3" aria-describedby="altcha-error">
      <legend className="px-1 text-sm font-medium text-gray-900">人机验证</legend>
      <p className="mb-2 text-sm text-gray-700">本机今天已多次提交申请。为防止恶意批量提交，请勾选下方“我不是机器人”，浏览器将自动完成一次计算验证（约需数秒），完成后再提交。</p>
      {ready ? (
        <altcha-widget
          challenge="/apply/challenge"
          name="altcha"
          language="zh-cn"
          configuration={JSON.stringify({ hideFooter: true, hideLogo: true })}
        />
      ) : (
        <p className="text-sm text-gray-600">正在加载人机验证……</p>
      )}
      <p id="altcha-error" aria-live="polite" className="mt-1 text-sm text-red-700">
        {error}
      </p>
    </fieldset>
  );
}
