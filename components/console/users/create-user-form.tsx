"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormState } from "@/lib/form-state";
import { OneTimePasswordNotice } from "./one-time-password";
import { DepartmentField } from "./department-field";

type State = FormState & { oneTime?: { username: string; password: string } };

/** 新建用户 (系统管理员): the account starts without roles; the 安全管理员 gives them. */
export function CreateUserForm({ action, departments }: { action: (s: State, f: FormData) => Promise<State>; departments: { id: string; name: string }[] }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.ok ? {} : (state.values ?? {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.oneTime && <OneTimePasswordNotice username={state.oneTime.username} password={state.oneTime.password} />}
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="new-username" label="用户名" hint="3–32 位小写字母、数字、点、下划线或连字符" errors={e.username} required>
          {(p) => <input {...p} name="username" autoComplete="off" defaultValue={v.username} key={`u-${v.username ?? ""}`} />}
        </Field>
        <Field id="new-displayName" label="姓名" errors={e.displayName} required>
          {(p) => <input {...p} name="displayName" autoComplete="off" defaultValue={v.displayName} key={`n-${v.displayName ?? ""}`} />}
        </Field>
        <DepartmentField id="new-departmentId" label="处室（可不选）" errors={e.departmentId} departments={departments} value={v.departmentId ?? ""} />
      </div>
      <Button type="submit" disabled={pending}>
        新建用户
      </Button>
    </form>
  );
}
