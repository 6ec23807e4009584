"use client";

import { useActionState } from "react";
import { formatChineseDate } from "@/lib/domain/dates";
import type { TrackState } from "@/lib/domain/requests/public-application";

type Action = (state: TrackState, formData: FormData) => Promise<TrackState>;

const FAILED = "查询没有成功：网络中断或服务器繁忙，请稍后再试。";
const input =
  "block w-full rounded-md border border-gray-300 px-3 py-2 font-mono text-base uppercase tracking-wider shadow-sm focus:border-blue-700 focus:outline-none focus:ring-2 focus:ring-blue-700/30";

/**
 * 查询办理进度: the 查询码 is sent in the POST body (never in the URL, so never in a proxy log, the
 * browser history or a Referer); the answer is status and dates only.
 */
export function TrackForm({ action }: { action: Action }) {
  const [state, dispatch, pending] = useActionState<TrackState, FormData>(async (previous, formData) => {
    try {
      return await action(previous, formData);
    } catch {
      return { status: "refused", message: FAILED, code: String(formData.get("code") ?? "") };
    }
  }, { status: "idle" });
  const code = state.status === "idle" ? "" : state.code;
  return (
    <div className="space-y-6">
      <form action={dispatch} className="space-y-3" aria-label="查询办理进度">
        <div className="space-y-1">
          <label htmlFor="code" className="block text-sm font-medium text-gray-800">
            查询码
          </label>
          <input
            id="code"
            name="code"
            defaultValue={code}
            key={code}
            required
            autoComplete="off"
            spellCheck={false}
            maxLength={60}
            placeholder="GK-XXXX-XXXX-XXXX-XXXX-X"
            aria-describedby="code-hint"
            className={input}
          />
          <p id="code-hint" className="text-xs text-gray-600">
            提交申请后回执上显示的查询码；大小写、空格和连字符不影响查询。
          </p>
        </div>
        <button type="submit" disabled={pending} className="rounded-md bg-gov-red px-6 py-2.5 text-base font-medium text-white hover:bg-gov-red-dark disabled:opacity-60">
          {pending ? "正在查询……" : "查询"}
        </button>
      </form>
      <div aria-live="polite">
        {state.status === "refused" && (
          <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
            {state.message}
          </div>
        )}
        {state.status === "found" && <TrackResult state={state} />}
      </div>
    </div>
  );
}

function TrackResult({ state }: { state: Extract<TrackState, { status: "found" }> }) {
  const a = state.answer;
  const date = (d: string | null) => (d ? formatChineseDate(d) : "—");
  return (
    <section aria-labelledby="track-result" className="space-y-4 rounded-lg border border-gray-200 px-4 py-4">
      <h2 id="track-result" className="text-lg font-semibold text-gray-900">
        办理进度
      </h2>
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[8rem_1fr]">
        <dt className="font-medium text-gray-700">办理状态</dt>
        <dd data-testid="track-status">{a.statusLabel}</dd>
        <dt className="font-medium text-gray-700">收到申请之日</dt>
        <dd>{date(a.receivedOn)}</dd>
        <dt className="font-medium text-gray-700">答复期限</dt>
        <dd>
          {a.closedOn ? "已答复" : a.dueOn ? date(a.dueOn) : "等待申请人补正，收到补正后重新计算"}
          {!a.closedOn && a.dueOn && a.provisional && (
            <span className="block text-sm text-gray-600">该期限按法定节假日推算，国务院办公厅公布当年节假日安排后可能调整。</span>
          )}
          {!a.closedOn && a.dueOn && <span className="block text-sm text-gray-600">征求第三方或其他机关意见、依法延期等情形会使期限变化，以本机关告知为准。</span>}
        </dd>
        <dt className="font-medium text-gray-700">答复日</dt>
        <dd>{date(a.closedOn)}</dd>
      </dl>
      {a.replyReady && (
        <div className="space-y-2">
          <p className="font-medium text-gray-900">下载答复书</p>
          <div className="flex flex-wrap gap-3">
            {(["pdf", "docx"] as const).map((format) => (
              <form key={format} method="post" action="/track/reply">
                <input type="hidden" name="code" value={state.code} />
                <input type="hidden" name="format" value={format} />
                <button type="submit" className="rounded-md border border-gray-400 px-4 py-2 text-gray-800 hover:border-gov-red hover:text-gov-red">
                  {format === "pdf" ? "下载答复书（PDF）" : "下载答复书（Word）"}
                </button>
              </form>
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
