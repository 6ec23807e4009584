"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { initialFormState, type FormState } from "@/lib/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

function Outcome({ state }: { state: FormState }) {
  if (!state.message) return null;
  return <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>;
}

/** One-button transitions: 提交审核, 发布. */
export function SingleActionForm({ action, label, pendingLabel }: { action: Action; label: string; pendingLabel: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-3">
      <Outcome state={state} />
      {!state.ok && (
        <Button type="submit" disabled={pending}>
          {pending ? pendingLabel : label}
        </Button>
      )}
    </form>
  );
}

/** 审核意见: approve, or return/reject with a required comment. */
export function ReviewForm({ action, revisionId, stageLabel }: { action: Action; revisionId: string; stageLabel: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  if (state.ok) return <Outcome state={state} />;
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4">
      <Outcome state={state} />
      <input type="hidden" name="revisionId" value={revisionId} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-gray-800">{stageLabel}意见</legend>
        {[
          ["APPROVE", "同意公开"],
          ["RETURN", "退回修改"],
          ["REJECT", "不予公开"],
        ].map(([value, label]) => (
          <label key={value} className="me-6 inline-flex items-center gap-2">
            <input type="radio" name="decision" value={value} defaultChecked={(state.values?.decision ?? "APPROVE") === value} />
            {label}
          </label>
        ))}
        {errors.decision && <p className="text-sm text-red-700">{errors.decision.join("；")}</p>}
      </fieldset>
      <Field id="comment" label="意见说明" hint="退回修改或不予公开时必须填写理由" errors={errors.comment}>
        {(p) => <textarea {...p} name="comment" rows={3} defaultValue={state.values?.comment ?? ""} />}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "正在提交…" : "提交审核意见"}
      </Button>
    </form>
  );
}
