"use client";

import { useActionState } from "react";
import { clearCheckNoteAction, noteCheckAction } from "@/app/console/(staff)/reports/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { cellLabel } from "@/lib/domain/reports/cells";
import { FORMATS } from "@/lib/domain/reports/formats";
import type { ReportCheck } from "@/lib/domain/reports/shape";
import { initialFormState } from "@/lib/form-state";
import { checkDomId, RevisionFields, useReportEditor } from "./editor-context";

/**
 * 检查结果: every finding of the cross-checks with the cells it names. An error blocks 送审 until
 * the figures are fixed or the office accepts it with a written reason (说明并接受), which is
 * audited and printed in the report's notes; the note can be withdrawn.
 */
export function ChecksPanel() {
  const { checks } = useReportEditor();
  const open = checks.filter((c) => !c.overridden);
  const errors = open.filter((c) => c.severity === "error").length;
  const warnings = open.filter((c) => c.severity === "warning").length;
  return (
    <div className="space-y-3" data-testid="checks-panel">
      <p className="text-sm" aria-live="polite" data-testid="checks-summary">
        {checks.length === 0
          ? "全部检查通过。"
          : `${errors} 项错误、${warnings} 项提示未处理${checks.length - open.length ? `，${checks.length - open.length} 项已说明` : ""}。`}
      </p>
      {checks.length > 0 && (
        <ul className="space-y-3">
          {checks.map((c) => (
            <CheckItem key={c.id} check={c} />
          ))}
        </ul>
      )}
    </div>
  );
}

function CheckItem({ check }: { check: ReportCheck }) {
  const { canEdit, format, select } = useReportEditor();
  const [noted, noteAction, noting] = useActionState(noteCheckAction, initialFormState);
  const [withdrawn, withdrawAction, withdrawing] = useActionState(clearCheckNoteAction, initialFormState);
  const tone = check.overridden ? "border-gray-300 bg-gray-50" : check.severity === "error" ? "border-red-300 bg-red-50" : "border-amber-300 bg-amber-50";
  const id = checkDomId(check.id);
  return (
    <li className={`rounded-md border p-3 text-sm ${tone}`} data-check-id={check.id} data-severity={check.severity} data-overridden={check.overridden || undefined}>
      <p id={id}>
        <span className={`me-2 rounded px-1.5 py-0.5 text-xs font-medium ${check.severity === "error" ? "bg-red-700 text-white" : "bg-amber-500 text-black"}`}>
          {check.severity === "error" ? "错误" : "提示"}
        </span>
        <code className="me-2 font-mono text-xs text-gray-700">{check.id}</code>
        {check.message}
      </p>
      {check.cells.length > 0 && (
        <p className="mt-1 text-xs text-gray-700">
          涉及：
          {check.cells.map((cell, i) => (
            <span key={cell}>
              {i > 0 && "；"}
              {canEdit && cell.startsWith("table") ? (
                <button type="button" className="text-blue-800 underline" onClick={() => select(cell)}>
                  {cellLabel(FORMATS[format], cell)}
                </button>
              ) : (
                cellLabel(FORMATS[format], cell)
              )}
            </span>
          ))}
        </p>
      )}
      {check.overridden ? (
        <div className="mt-2 space-y-1">
          <p>
            <span className="font-medium">已说明：</span>
            {check.reason}
          </p>
          {canEdit && (
            <form action={withdrawAction}>
              <RevisionFields />
              <input type="hidden" name="checkId" value={check.id} />
              <Button type="submit" variant="ghost" disabled={withdrawing}>
                {withdrawing ? "正在撤回…" : "撤回说明"}
              </Button>
            </form>
          )}
        </div>
      ) : (
        canEdit && (
          <form action={noteAction} className="mt-2 space-y-2" noValidate>
            <RevisionFields />
            <input type="hidden" name="checkId" value={check.id} />
            <Field id={`${id}-reason`} label="说明理由" required errors={noted.fieldErrors?.reason}>
              {(props) => <textarea {...props} name="reason" rows={2} maxLength={500} defaultValue={noted.values?.reason ?? ""} key={noted.values?.reason ?? ""} />}
            </Field>
            <Button type="submit" variant="secondary" disabled={noting}>
              {noting ? "正在保存…" : "说明并接受"}
            </Button>
          </form>
        )
      )}
      <div aria-live="polite" className="mt-1">
        {noted.message && !noted.ok && <Alert>{noted.message}</Alert>}
        {withdrawn.message && !withdrawn.ok && <Alert>{withdrawn.message}</Alert>}
      </div>
    </li>
  );
}
