"use client";

import { useActionState } from "react";
import { initialFormState } from "@/lib/form-state";
import type { FormAction } from "./form-bits";

/**
 * 上移 / 下移 for one row; the server renumbers the whole list in one transaction, refusing the move
 * if the list's order (`version`) changed since this page showed it.
 */
export function MoveButtons({ action, id, name, first, last, version }: { action: FormAction; id: string; name: string; first: boolean; last: boolean; version: string }) {
  return (
    <div className="flex items-center gap-1">
      <MoveButton action={action} id={id} direction="up" label={`上移 ${name}`} disabled={first} version={version} />
      <MoveButton action={action} id={id} direction="down" label={`下移 ${name}`} disabled={last} version={version} />
    </div>
  );
}

function MoveButton({ action, id, direction, label, disabled, version }: { action: FormAction; id: string; direction: "up" | "down"; label: string; disabled: boolean; version: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="direction" value={direction} />
      <input type="hidden" name="version" value={version} />
      <button
        type="submit"
        aria-label={label}
        title={label}
        disabled={disabled || pending}
        className="rounded px-2 py-1 text-sm ring-1 ring-gray-300 hover:bg-gray-50 disabled:opacity-40"
      >
        {direction === "up" ? "↑" : "↓"}
      </button>
      {state.ok === false && state.message && (
        <span role="alert" className="ms-1 text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
