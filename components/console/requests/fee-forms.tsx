"use client";

import { useActionState, useState } from "react";
import { issueFeeNoticeAction, previewFeeAction, recordFeePaidAction, type FeePreviewState } from "@/app/console/(staff)/requests/[id]/fee-actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { initialFormState } from "@/lib/form-state";

/**
 * The calculator and the 收费通知 in one form: 计算 shows the breakdown computeFee gives (the same
 * lines the notice prints), 登记收费通知 records it. The typed values survive either answer.
 */
export function FeeNoticeForm({ requestId, defaultQuantity, replyDue }: { requestId: string; defaultQuantity: number | null; replyDue: string | null }) {
  const [preview, previewAction, previewing] = useActionState<FeePreviewState, FormData>(previewFeeAction, {});
  const [issued, issueAction, issuing] = useActionState(issueFeeNoticeAction, initialFormState);
  const [method, setMethod] = useState(issued.values?.method ?? preview.values?.method ?? "per_page");
  const v = { quantity: defaultQuantity && method === "per_piece" ? String(defaultQuantity) : "", noticeOn: "", ...preview.values, ...issued.values };
  const e = { ...preview.fieldErrors, ...issued.fieldErrors };
  const p = preview.preview;
  return (
    <form className="space-y-3" noValidate>
      <input type="hidden" name="requestId" value={requestId} />
      {issued.message && <Alert tone={issued.ok ? "success" : "error"}>{issued.message}</Alert>}
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-gray-800">计收方式</legend>
        <div className="flex gap-4">
          {(
            [
              ["per_page", "按量计收（页数）"],
              ["per_piece", "按件计收（本自然月第几件）"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="inline-flex items-center gap-1">
              <input type="radio" name="method" value={value} checked={method === value} onChange={() => setMethod(value)} />
              {label}
            </label>
          ))}
        </div>
        <p className="text-sm text-red-700" aria-live="polite">
          {e.method?.join("；")}
        </p>
      </fieldset>
      <Field id="fee-quantity" label={method === "per_piece" ? "本件为该申请人本自然月第几件" : "页数"} required errors={e.quantity}>
        {(props) => <input {...props} name="quantity" type="number" min={1} step={1} inputMode="numeric" defaultValue={v.quantity} key={`q-${method}-${v.quantity}`} />}
      </Field>
      <Button type="submit" variant="secondary" formAction={previewAction} disabled={previewing}>
        {previewing ? "正在计算…" : "计算金额"}
      </Button>
      {p && (
        <div className="rounded border border-gray-200 bg-gray-50 px-3 py-2" data-testid="fee-preview" aria-live="polite">
          {p.free ? (
            <p>{p.free}</p>
          ) : (
            <>
              <table className="w-full text-left text-sm">
                <thead>
                  <tr className="text-gray-600">
                    <th className="font-normal">区间</th>
                    <th className="font-normal">数量</th>
                    <th className="font-normal">单价（元）</th>
                    <th className="font-normal">小计（元）</th>
                  </tr>
                </thead>
                <tbody>
                  {p.lines.map((l) => (
                    <tr key={l.from}>
                      <td>{l.from === l.to ? `第 ${l.from}` : `第 ${l.from}–${l.to}`}</td>
                      <td>{l.count}</td>
                      <td>{l.rateYuan}</td>
                      <td>{l.subtotalYuan}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-1 font-semibold">合计 {p.totalYuan} 元</p>
            </>
          )}
        </div>
      )}
      <Field
        id="fee-notice-on"
        label="申请人收到收费通知的日期"
        required
        errors={e.noticeOn}
        hint={replyDue ? `应在答复期限 ${replyDue} 之前（含当日）；不能晚于今天` : "不能晚于今天"}
      >
        {(props) => <input {...props} name="noticeOn" type="date" defaultValue={v.noticeOn} key={`n-${v.noticeOn}`} />}
      </Field>
      <Button type="submit" formAction={issueAction} disabled={issuing}>
        {issuing ? "正在登记…" : "登记收费通知"}
      </Button>
    </form>
  );
}

export function FeePaidForm({ requestId, payBy }: { requestId: string; payBy: string }) {
  const [state, action, pending] = useActionState(recordFeePaidAction, initialFormState);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="requestId" value={requestId} />
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <Field id="fee-paid-on" label="缴费日期" required errors={state.fieldErrors?.paidOn} hint={`最迟 ${payBy}`}>
        {(props) => <input {...props} name="paidOn" type="date" defaultValue={state.values?.paidOn ?? ""} key={state.values?.paidOn ?? ""} />}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "正在登记…" : "登记缴费"}
      </Button>
    </form>
  );
}
