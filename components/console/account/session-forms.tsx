"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";

const buttonStyle = "rounded px-2 py-1 text-sm text-gov-red ring-1 ring-gov-red/30 hover:bg-red-50 disabled:opacity-60";

/** 结束会话: the row's opaque handle (a hash of the session id) is all the page holds. */
export function RevokeSessionForm({ action, handle, label }: { action: (s: FormState, f: FormData) => Promise<FormState>; handle: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="handle" value={handle} />
      <button type="submit" disabled={pending} aria-label={label} className={buttonStyle}>
        结束此会话
      </button>
      {state.message && <span role={state.ok ? "status" : "alert"} className="text-xs text-gray-600">{state.message}</span>}
    </form>
  );
}

export function RevokeOthersForm({ action }: { action: () => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <button type="submit" disabled={pending} className={buttonStyle}>
        结束其他全部会话
      </button>
      {state.message && <span role={state.ok ? "status" : "alert"} className="text-xs text-gray-600">{state.message}</span>}
    </form>
  );
}
