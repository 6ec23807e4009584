"use client";

import { useActionState, useState } from "react";
import { saveFiguresAction } from "@/app/console/(staff)/reports/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { readCell } from "@/lib/domain/reports/cells";
import { enteredRows } from "@/lib/domain/reports/figures";
import { FORMATS } from "@/lib/domain/reports/formats";
import { initialFormState } from "@/lib/form-state";
import { formatValue, RevisionFields, useReportEditor } from "./editor-context";

/**
 * 录入数据: the table-二 figures no record holds (行政许可 decisions, 收费 …), one field per
 * entered cell of the format, named "row.column". Blank means 0; each bad figure gets its own
 * message and every typed value stays in the form.
 */
export function FiguresForm() {
  const { format: key, computed, canEdit } = useReportEditor();
  const [state, action, pending] = useActionState(saveFiguresAction, initialFormState);
  const [open, setOpen] = useState(false);
  const rows = enteredRows(FORMATS[key]);
  if (!canEdit || rows.length === 0) return null;
  const errors = state.fieldErrors ?? {};
  return (
    <details className="rounded-md border border-gray-200 bg-gray-50 p-3" open={open || !!state.fieldErrors} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-sm font-medium">年度数据：表二填报项</summary>
      <form action={action} className="mt-3 space-y-3" noValidate data-testid="figures-form">
        <RevisionFields />
        <div className="overflow-x-auto">
          <table className="text-sm">
            <tbody>
              {rows.map(({ block, row }) => (
                <tr key={row.key} className="align-top">
                  <th scope="row" className="py-1 pe-3 text-start font-medium whitespace-nowrap">
                    {row.label}
                    <span className="block text-xs font-normal text-gray-600">{block.title}</span>
                  </th>
                  {block.columns.map((c) => {
                    const name = `${row.key}.${c.key}`;
                    const id = `figure-${row.key}-${c.key}`;
                    const err = errors[name];
                    return (
                      <td key={c.key} className="py-1 pe-3">
                        <label htmlFor={id} className="block text-xs text-gray-700">
                          {row.label} · {c.label}
                        </label>
                        <input
                          id={id}
                          name={name}
                          inputMode={c.kind === "decimal" ? "decimal" : "numeric"}
                          defaultValue={state.values?.[name] ?? formatValue(readCell(computed, `table2.${name}`))}
                          key={state.values?.[name] ?? "initial"}
                          aria-invalid={err?.length ? true : undefined}
                          aria-describedby={err?.length ? `${id}-error` : undefined}
                          className={`w-28 rounded-md border px-2 py-1 tabular-nums ${err?.length ? "border-red-600" : "border-gray-300"}`}
                        />
                        <p id={`${id}-error`} aria-live="polite" className="max-w-40 text-xs text-red-700">
                          {err?.join("；")}
                        </p>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : "保存录入数据"}
        </Button>
        <div aria-live="polite">{state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}</div>
      </form>
    </details>
  );
}
