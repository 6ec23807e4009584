"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/form-state";

/** 重新执行 one dead-lettered job (/console/jobs). */
export function RetryJobForm({ action, jobId }: { action: (s: FormState, f: FormData) => Promise<FormState>; jobId: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="jobId" value={jobId} />
      <button type="submit" disabled={pending} className="rounded px-2 py-1 text-sm whitespace-nowrap text-gov-red ring-1 ring-gov-red/30 hover:bg-red-50">
        {pending ? "正在提交…" : "重新执行"}
      </button>
      {state.message && <span role={state.ok ? "status" : "alert"} className="text-xs text-gray-600">{state.message}</span>}
    </form>
  );
}
