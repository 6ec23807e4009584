"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/form-state";

/** 解除锁定: shown to the 安全管理员 on a locked account's row; the use case checks again. */
export function UserUnlockForm({ action, userId, username }: { action: (s: FormState, f: FormData) => Promise<FormState>; userId: string; username: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" disabled={pending} aria-label={`解除 ${username} 的锁定`} className="rounded px-2 py-1 text-sm text-gov-red ring-1 ring-gov-red/30 hover:bg-red-50">
        解除锁定
      </button>
      {state.message && <span role={state.ok ? "status" : "alert"} className="text-xs text-gray-600">{state.message}</span>}
    </form>
  );
}
