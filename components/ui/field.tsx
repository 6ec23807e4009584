import type { ReactNode } from "react";

/** A labelled form field whose error is tied to it (aria-describedby) and announced (aria-live). */
export function Field({
  id,
  label,
  hint,
  errors,
  required,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  required?: boolean;
  children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean; className: string }) => ReactNode;
}) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ") || undefined;
  const className = `block w-full rounded-md border px-3 py-2 text-base shadow-sm focus:border-blue-700 focus:outline-none focus:ring-2 focus:ring-blue-700/30 ${
    errors?.length ? "border-red-600" : "border-gray-300"
  }`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-gray-800">
        {label}
        {required && <span className="ms-1 text-red-700" aria-hidden="true">*</span>}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": errors?.length ? true : undefined, className })}
      {hint && (
        <p id={hintId} className="text-xs text-gray-600">
          {hint}
        </p>
      )}
      <p id={errorId} aria-live="polite" className="text-sm text-red-700">
        {errors?.join("；")}
      </p>
    </div>
  );
}
