"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { initialFormState, type FormState } from "@/lib/form-state";

/** 据此起草主动公开信息: one click; a refusal is said beside the button. */
export function DraftFromRequestButton({ action, requestId }: { action: (s: FormState, f: FormData) => Promise<FormState>; requestId: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="requestId" value={requestId} />
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "正在起草…" : "据此起草主动公开信息"}
      </button>
      <span aria-live="polite" className="text-sm text-red-700">
        {state.ok === false && state.message}
      </span>
    </form>
  );
}
