"use client";

import { Alert } from "@/components/ui/alert";
import type { FormState } from "@/lib/form-state";

/** A server action as the admin forms receive it (useActionState's shape). */
export type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** The outcome of the last submit: a success notice or the error summary, announced. */
export function FormNotice({ state }: { state: FormState }) {
  if (!state.message) return null;
  return <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>;
}

/** A typed value from the failed submit, else the saved one. */
export function valueOf(state: FormState, name: string, saved: string): string {
  return state.ok === false && state.values ? (state.values[name] ?? "") : saved;
}
