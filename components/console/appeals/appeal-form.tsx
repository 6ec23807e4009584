"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { initialFormState, type FormState } from "@/lib/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export interface AppealFormValues {
  id?: string;
  version?: string;
  kind: string;
  requestNumber: string;
  filedOn: string;
  result: string;
  concludedOn: string;
  note: string;
}

/** 登记 or 修改 a 行政复议/诉讼 case; on a refusal the typed values come back with the messages. */
export function AppealForm({
  action,
  initial,
  kinds,
  results,
  submitLabel,
}: {
  action: Action;
  initial: AppealFormValues;
  kinds: [string, string][];
  results: [string, string][];
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const v = { ...initial, ...state.values } as AppealFormValues;
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="max-w-xl space-y-4" noValidate>
      {state.message && !state.ok && <Alert>{state.message}</Alert>}
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      {initial.version && <input type="hidden" name="version" value={initial.version} />}
      <Field id="kind" label="类型" required errors={e.kind}>
        {(p) => (
          <select {...p} name="kind" defaultValue={v.kind} key={`k-${v.kind}`}>
            <option value="">请选择</option>
            {kinds.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="requestNumber" label="关联申请编号" errors={e.requestNumber} hint="可不填；填写时须为已登记的申请编号，如 2026-0012">
        {(p) => <input {...p} name="requestNumber" defaultValue={v.requestNumber} key={`r-${v.requestNumber}`} maxLength={50} />}
      </Field>
      <Field id="filedOn" label="收到日期" required errors={e.filedOn} hint="收到复议申请书或起诉状副本的日期">
        {(p) => <input {...p} name="filedOn" type="date" defaultValue={v.filedOn} key={`f-${v.filedOn}`} />}
      </Field>
      <Field id="result" label="结果" required errors={e.result}>
        {(p) => (
          <select {...p} name="result" defaultValue={v.result} key={`s-${v.result}`}>
            {results.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="concludedOn" label="审结日期" errors={e.concludedOn} hint="已审结的必填；尚未审结的不填">
        {(p) => <input {...p} name="concludedOn" type="date" defaultValue={v.concludedOn} key={`c-${v.concludedOn}`} />}
      </Field>
      <Field id="note" label="备注" errors={e.note}>
        {(p) => <textarea {...p} name="note" rows={3} defaultValue={v.note} key={`n-${v.note}`} maxLength={2000} />}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "正在保存…" : submitLabel}
      </Button>
    </form>
  );
}
