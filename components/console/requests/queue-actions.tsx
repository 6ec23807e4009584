"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { initialFormState, type FormState } from "@/lib/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

function Message({ state }: { state: FormState }) {
  if (!state.message) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={`text-xs ${state.ok ? "text-green-800" : "text-red-700"}`}>
      {state.message}
    </p>
  );
}

/** 确认收到 an online application (第三十一条第三项: that day is its 收到日). */
export function ConfirmButton({ action, from = "queue", label = "确认收到" }: { action: Action; from?: "queue" | "page"; label?: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="from" value={from} />
      <Button type="submit" disabled={pending} className="px-3 py-1 text-xs">
        {pending ? "正在确认…" : label}
      </Button>
      <Message state={state} />
    </form>
  );
}

/** 分办: choose the 承办处室. */
export function AssignForm({
  action,
  departments,
  current,
  from = "queue",
  idSuffix,
}: {
  action: Action;
  departments: { id: string; name: string }[];
  current?: string | null;
  from?: "queue" | "page";
  idSuffix: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const selectId = `departmentId-${idSuffix}`;
  const error = state.fieldErrors?.departmentId;
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="from" value={from} />
      <div className="flex items-center gap-2">
        <label htmlFor={selectId} className={from === "queue" ? "sr-only" : "text-sm text-gray-800"}>
          承办处室
        </label>
        <select
          id={selectId}
          name="departmentId"
          defaultValue={state.values?.departmentId ?? current ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${selectId}-error`}
          className="rounded-md border border-gray-300 px-2 py-1 text-sm"
        >
          <option value="">请选择承办处室</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <Button type="submit" disabled={pending} className="px-3 py-1 text-xs">
          {pending ? "正在分办…" : current ? "改派" : "分办"}
        </Button>
      </div>
      <p id={`${selectId}-error`} aria-live="polite" className="text-xs text-red-700">
        {error?.join("；")}
      </p>
      {!error && <Message state={state} />}
    </form>
  );
}
