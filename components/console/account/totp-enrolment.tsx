"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { initialFormState, type FormState } from "@/lib/form-state";

export type EnrolmentState = FormState & { recoveryCodes?: string[] };

/**
 * 启用动态口令: scan the QR code (or type the secret), confirm with a code; the ten recovery codes
 * are shown once, in this state only. `enrolment` is null once 动态口令 is on.
 */
export function TotpEnrolment({
  action,
  enrolment,
}: {
  action: (s: EnrolmentState, f: FormData) => Promise<EnrolmentState>;
  enrolment: { secret: string; qrSvg: string } | null;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState as EnrolmentState);
  if (state.recoveryCodes) {
    return (
      <div className="space-y-3">
        <Alert tone="success">动态口令已启用。以后登录时，请在“动态口令”一栏填写验证器应用显示的 6 位数字。</Alert>
        <p className="text-sm font-medium text-gray-900">恢复码（仅显示这一次，请抄写或打印后妥善保管；手机丢失时每个恢复码可代替动态口令登录一次）：</p>
        <ol data-testid="recovery-codes" className="grid grid-cols-2 gap-2 font-mono text-sm">
          {state.recoveryCodes.map((c) => (
            <li key={c} className="rounded bg-gray-100 px-2 py-1">{c}</li>
          ))}
        </ol>
        <Link href="/console" className="inline-block text-gov-red underline">我已保存恢复码，进入工作台</Link>
      </div>
    );
  }
  if (!enrolment) {
    return <Alert tone="info">您的账户已启用动态口令。如手机丢失且恢复码用完，请联系安全管理员重置。</Alert>;
  }
  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-1 ps-5 text-sm text-gray-700">
        <li>在手机上安装支持 TOTP 的验证器应用（如 FreeOTP、Microsoft Authenticator、Google 身份验证器）。</li>
        <li>用应用扫描下方二维码，或手动输入密钥。</li>
        <li>输入应用显示的 6 位动态口令，完成启用。</li>
      </ol>
      {/* The SVG is made on our server by the qrcode package from our own otpauth URI. */}
      <div role="img" aria-label="动态口令二维码" className="h-48 w-48" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
      <p className="text-sm">
        密钥：<code data-testid="totp-secret" className="select-all rounded bg-gray-100 px-2 py-1 font-mono">{enrolment.secret}</code>
      </p>
      <form action={formAction} className="max-w-xs space-y-4" noValidate>
        {state.message && !state.ok && <Alert>{state.message}</Alert>}
        <Field id="code" label="6 位动态口令" required errors={state.fieldErrors?.code}>
          {(p) => <input {...p} name="code" inputMode="numeric" autoComplete="one-time-code" defaultValue={state.values?.code ?? ""} />}
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "正在验证…" : "启用动态口令"}
        </Button>
      </form>
    </div>
  );
}
