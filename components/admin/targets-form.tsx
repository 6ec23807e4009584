"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { targetField } from "@/lib/domain/admin";
import { initialFormState } from "@/lib/form-state";
import { FormNotice, valueOf, type FormAction } from "./form-bits";

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** 月度目标: departments × months of one year, saved in one go. An empty cell means no target. */
export function TargetsForm({ action, year, version, departments, values }: {
  action: FormAction;
  year: number;
  /** The year's table as this page showed it: a save over someone else's newer one is refused. */
  version: string;
  departments: { id: string; name: string }[];
  values: Record<string, Record<number, number>>;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="version" value={version} />
      <FormNotice state={state} />
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">{year} 年各处室月度公开目标（条）</caption>
          <thead className="border-b border-gray-200 text-gray-600">
            <tr>
              <th scope="col" className="py-2 pe-3 text-left">处室</th>
              {MONTHS.map((m) => (
                <th key={m} scope="col" className="px-1 py-2 text-center font-normal">
                  {m}月
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {departments.map((d) => (
              <tr key={d.id}>
                <th scope="row" className="py-2 pe-3 text-left font-medium whitespace-nowrap">
                  {d.name}
                </th>
                {MONTHS.map((m) => {
                  const name = targetField(d.id, m);
                  const saved = values[d.id]?.[m];
                  const value = valueOf(state, name, saved === undefined ? "" : String(saved));
                  const error = errors[name];
                  return (
                    <td key={m} className="px-1 py-1 align-top">
                      <input
                        name={name}
                        defaultValue={value}
                        key={`${name}-${value}`}
                        inputMode="numeric"
                        maxLength={4}
                        aria-label={`${d.name} ${m}月目标`}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${name}-error` : undefined}
                        className={`w-14 rounded border px-1 py-1 text-center ${error ? "border-red-600" : "border-gray-300"}`}
                      />
                      {error && (
                        <p id={`${name}-error`} className="mt-1 w-14 text-xs text-red-700">
                          {error.join("；")}
                        </p>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-gray-600">每格填写 0–999 的整数；留空表示不设目标。</p>
      <Button type="submit" disabled={pending}>
        {pending ? "正在保存…" : "保存目标"}
      </Button>
    </form>
  );
}
