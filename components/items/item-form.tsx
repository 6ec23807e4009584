"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { initialFormState, type FormState } from "@/lib/form-state";

export interface ItemFormValues {
  title: string;
  categoryId: string;
  documentNumber: string;
  formedOn: string;
  body: string;
}

/** The liaison's draft form. On an error the typed values come back, so nothing is lost. */
export function ItemForm({
  action,
  categories,
  initial,
  today,
  submitLabel,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  categories: { id: string; label: string }[];
  initial: ItemFormValues;
  today: string;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const v = { ...initial, ...state.values };
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.message && !state.ok && <Alert>{state.message}</Alert>}
      <Field id="title" label="标题" required errors={e.title} hint="不超过 200 个字">
        {(p) => <input {...p} name="title" defaultValue={v.title} key={`t-${v.title}`} maxLength={400} />}
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="categoryId" label="栏目" required errors={e.categoryId}>
          {(p) => (
            <select {...p} name="categoryId" defaultValue={v.categoryId} key={`c-${v.categoryId}`}>
              <option value="">请选择栏目</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="formedOn" label="信息形成日期" required errors={e.formedOn} hint="自形成之日起 20 个工作日内公开（条例第二十六条）">
          {(p) => <input {...p} name="formedOn" type="date" max={today} defaultValue={v.formedOn} key={`f-${v.formedOn}`} />}
        </Field>
      </div>
      <Field id="documentNumber" label="文号" errors={e.documentNumber} hint="如：吉市科发〔2026〕18号；没有可不填">
        {(p) => <input {...p} name="documentNumber" defaultValue={v.documentNumber} key={`d-${v.documentNumber}`} />}
      </Field>
      <Field id="body" label="正文" errors={e.body} hint="段落之间空一行">
        {(p) => <textarea {...p} name="body" rows={14} defaultValue={v.body} key={`b-${v.body.length}`} />}
      </Field>
      <div className="flex gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
