"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";
import { ROLE_LABELS, type Role } from "@/lib/domain/roles";
import { DepartmentField } from "./department-field";

/**
 * 分配角色和处室 (安全管理员). The server checks 三员分立 and names each violation; the form only
 * offers the roles this actor may give (all of them, or only 安全管理员 for the first one).
 */
export function AssignRolesForm({
  action,
  user,
  roles,
  departments,
}: {
  action: (s: FormState, f: FormData) => Promise<FormState>;
  user: { id: string; roles: Role[]; departmentId: string | null; version: string };
  roles: readonly Role[];
  departments: { id: string; name: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const e = state.fieldErrors ?? {};
  const typed = state.ok ? undefined : state.values;
  const checked = typed ? (typed.roles ?? "").split(",") : user.roles;
  const departmentId = typed ? (typed.departmentId ?? "") : (user.departmentId ?? "");
  const rolesError = e.roles?.length ? "roles-error" : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="version" value={user.version} />
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <fieldset aria-describedby={rolesError} key={`r-${checked.join(",")}`}>
        <legend className="text-sm font-medium text-gray-800">角色</legend>
        <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
          {roles.map((r) => (
            <label key={r} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="roles" value={r} defaultChecked={checked.includes(r)} />
              {ROLE_LABELS[r]}
            </label>
          ))}
        </div>
        <p id="roles-error" aria-live="polite" className="mt-1 text-sm text-red-700">
          {e.roles?.join(" ")}
        </p>
      </fieldset>
      <DepartmentField id="assign-departmentId" label="处室" errors={e.departmentId} departments={departments} value={departmentId} />
      <p className="text-xs text-gray-600">保存后，该用户已登录的会话全部结束，须重新登录。</p>
      <Button type="submit" disabled={pending}>
        保存角色和处室
      </Button>
    </form>
  );
}
