"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/form-state";

export function UserStatusForm({ action, userId, status }: { action: (s: FormState, f: FormData) => Promise<FormState>; userId: string; status: "ACTIVE" | "DISABLED" }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const next = status === "ACTIVE" ? "DISABLED" : "ACTIVE";
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="status" value={next} />
      <button type="submit" disabled={pending} className="rounded px-2 py-1 text-sm text-gov-red ring-1 ring-gov-red/30 hover:bg-red-50">
        {next === "DISABLED" ? "停用" : "启用"}
      </button>
      {state.message && <span role={state.ok ? "status" : "alert"} className="text-xs text-gray-600">{state.message}</span>}
    </form>
  );
}
