"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ImportState } from "@/app/console/(staff)/reports/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * 导入往年年度报告: a .json file in the report's JSON shape becomes that year's frozen report.
 * The use case validates the whole file first; a refusal lists each problem with its path
 * (table3.granted.total …) and nothing is saved.
 */
export function ReportImportForm({ action }: { action: (state: ImportState, formData: FormData) => Promise<ImportState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <p className="text-sm text-gray-700">
        上传往年已公布的年度报告数据（JSON 文件，格式见
        <a href="/api/v1/reports/schema.json" className="mx-1 text-gov-red underline" download>
          JSON Schema
        </a>
        ），导入后作为该年度的已公布数据，用于上年结转检查和多年对比。
      </p>
      <div className="space-y-1">
        <label htmlFor="report-import-file" className="block text-sm font-medium text-gray-800">
          年度报告 JSON 文件<span className="ms-1 text-red-700" aria-hidden="true">*</span>
        </label>
        <input
          id="report-import-file"
          name="file"
          type="file"
          accept=".json,application/json"
          aria-describedby="report-import-result"
          className="block text-sm file:me-3 file:rounded-md file:border-0 file:bg-gray-100 file:px-3 file:py-1.5"
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "正在导入…" : "导入"}
      </Button>
      <div id="report-import-result" aria-live="polite" className="space-y-2">
        {state.message && (
          <Alert tone={state.ok ? "success" : "error"}>
            {state.message}
            {state.ok && state.year !== undefined && (
              <>
                {" "}
                <Link href={`/console/reports/${state.year}`} className="font-medium underline">查看 {state.year} 年报告</Link>
              </>
            )}
          </Alert>
        )}
        {state.problems && state.problems.length > 0 && (
          <ul className="list-disc space-y-1 ps-6 text-sm text-red-800" data-testid="import-problems">
            {state.problems.map((p, i) => (
              <li key={`${p.path}-${i}`}>
                <code className="rounded bg-red-50 px-1 font-mono">{p.path || "（整个文件）"}</code>：{p.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </form>
  );
}
