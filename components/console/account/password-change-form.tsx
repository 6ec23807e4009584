"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { initialFormState, type FormState } from "@/lib/form-state";

/** 修改密码: the server checks everything; paste and password managers are welcome (ASVS 6.2.7). */
export function PasswordChangeForm({ action }: { action: (s: FormState, f: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const errors = (name: string) => state.fieldErrors?.[name];
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.message && !state.ok && <Alert>{state.message}</Alert>}
      <Field id="currentPassword" label="当前密码" required errors={errors("currentPassword")}>
        {(p) => <input {...p} name="currentPassword" type="password" autoComplete="current-password" />}
      </Field>
      <Field id="newPassword" label="新密码" required errors={errors("newPassword")}>
        {(p) => <input {...p} name="newPassword" type="password" autoComplete="new-password" />}
      </Field>
      <Field id="confirmPassword" label="确认新密码" required errors={errors("confirmPassword")}>
        {(p) => <input {...p} name="confirmPassword" type="password" autoComplete="new-password" />}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "正在保存…" : "修改密码"}
      </Button>
    </form>
  );
}
