"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { initialFormState, type FormState } from "@/lib/form-state";

type Action = (s: FormState, f: FormData) => Promise<FormState>;

/** Which roles must use 动态口令; the three administrators always must (the server adds them too). */
export function TotpPolicyForm({ action, roles, relaxed }: { action: Action; roles: { role: string; label: string; required: boolean; always: boolean }[]; relaxed: boolean }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      {relaxed && <Alert tone="info">演示数据未对管理员强制动态口令；保存本策略后，系统管理员、安全管理员、审计管理员均须启用。</Alert>}
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-gray-800">须使用动态口令登录的角色</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {roles.map((r) => (
            <label key={r.role} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="roles" value={r.role} defaultChecked={r.required || r.always} disabled={r.always} />
              {r.label}
              {r.always && <span className="text-xs text-gray-500">（管理员必须）</span>}
            </label>
          ))}
        </div>
      </fieldset>
      <Button type="submit" disabled={pending}>{pending ? "正在保存…" : "保存策略"}</Button>
    </form>
  );
}

/** 重置动态口令: for a user who lost their phone; the use case checks the permission again. */
export function TotpResetForm({ action, userId, username }: { action: Action; userId: string; username: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" disabled={pending} aria-label={`重置 ${username} 的动态口令`} className="rounded px-2 py-1 text-sm text-gov-red ring-1 ring-gov-red/30 hover:bg-red-50">
        重置动态口令
      </button>
      {state.message && <span role={state.ok ? "status" : "alert"} className="text-xs text-gray-600">{state.message}</span>}
    </form>
  );
}
