"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { initialFormState, type FormState } from "@/lib/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** 新增或修改 one date of the WorkCalendar. On an error the typed values come back with the messages. */
export function CalendarEntryForm({ action, initial }: { action: Action; initial: { date: string; kind: string; name: string } }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const v = { ...initial, ...state.values };
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.message && !state.ok && <Alert>{state.message}</Alert>}
      <Field id="date" label="日期" required errors={e.date} hint="已有修改的日期会被替换">
        {(p) => <input {...p} name="date" type="date" defaultValue={v.date} key={`d-${v.date}`} />}
      </Field>
      <Field id="kind" label="类型" required errors={e.kind}>
        {(p) => (
          <select {...p} name="kind" defaultValue={v.kind} key={`k-${v.kind}`}>
            <option value="HOLIDAY">法定节假日（放假）</option>
            <option value="WORKDAY">调休上班日（上班）</option>
          </select>
        )}
      </Field>
      <Field id="name" label="名称" required errors={e.name} hint="如：国庆节；不超过 20 个字">
        {(p) => <input {...p} name="name" defaultValue={v.name} key={`n-${v.name}`} maxLength={40} />}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "正在保存…" : "保存"}
      </Button>
    </form>
  );
}

/** One button posting fixed fields (恢复内置, 确认覆盖), with the refusal shown beside it. */
export function CalendarButton({
  action,
  fields,
  label,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending} className="rounded px-2 py-1 text-xs text-gov-red ring-1 ring-gov-red/30 hover:bg-red-50 disabled:opacity-60">
        {label}
      </button>
      {state.message && !state.ok && (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
