"use client";

import { useActionState, useEffect, useState } from "react";
import { requestExportAction, type ExportRequestState } from "@/app/console/(staff)/reports/actions";
import { Alert } from "@/components/ui/alert";

/**
 * 导出: JSON and CSV download at once (small, computed in milliseconds); Word and PDF are rendered
 * by the render-report job (requestExport), its progress polled here once a second until done,
 * then a download link. The draft's files are marked 草稿; a published year exports its version.
 */
const LINK = "inline-flex items-center rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-inset ring-gray-300 hover:bg-gray-50 disabled:opacity-60";
const LABEL: Record<string, string> = { docx: "Word", pdf: "PDF" };

interface Job {
  id: string;
  format: string;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  error: string | null;
  downloadUrl: string | null;
}

export function ExportPanel({ year, versionId }: { year: number; versionId: string | null }) {
  const [state, action, pending] = useActionState<ExportRequestState, FormData>(requestExportAction, {});
  const [jobs, setJobs] = useState<Job[]>([]);
  const [asked, setAsked] = useState<string | undefined>(undefined);

  if (state.exportId && state.exportId !== asked) {
    setAsked(state.exportId);
    setJobs((prev) => [{ id: state.exportId!, format: state.format ?? "docx", status: "queued", progress: 0, error: null, downloadUrl: null }, ...prev]);
  }

  const open = jobs.filter((j) => j.status === "queued" || j.status === "running").map((j) => j.id).join(",");
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(async () => {
      for (const id of open.split(",")) {
        const response = await fetch(`/console/reports/exports/${id}/status`, { cache: "no-store" }).catch(() => null);
        if (!response?.ok) continue;
        const next = (await response.json()) as Job;
        setJobs((prev) => prev.map((j) => (j.id === id ? { ...j, ...next } : j)));
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [open]);

  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={action} className="inline-flex gap-2">
        <input type="hidden" name="year" value={year} />
        {versionId && <input type="hidden" name="versionId" value={versionId} />}
        <button type="submit" name="format" value="docx" className={LINK} disabled={pending}>
          导出 Word
        </button>
        <button type="submit" name="format" value="pdf" className={LINK} disabled={pending}>
          导出 PDF
        </button>
      </form>
      <a href={`/console/reports/${year}/export/json`} className={LINK} download>
        导出 JSON
      </a>
      <a href={`/console/reports/${year}/export/csv`} className={LINK} download>
        导出 CSV
      </a>
      <div aria-live="polite" className="w-full space-y-1 text-sm" data-testid="export-jobs">
        {state.ok === false && state.message && <Alert>{state.message}</Alert>}
        {jobs.map((j) => (
          <p key={j.id} className="flex flex-wrap items-center gap-2">
            <span>{LABEL[j.format] ?? j.format}：</span>
            {j.status === "done" && j.downloadUrl ? (
              <a href={j.downloadUrl} className="text-gov-red underline" download>
                已生成，下载{LABEL[j.format] ?? j.format}文件
              </a>
            ) : j.status === "failed" ? (
              <span className="text-red-700">导出失败：{j.error ?? "请稍后重试"}</span>
            ) : (
              <>
                <progress value={j.progress} max={100} aria-label={`${LABEL[j.format] ?? j.format}导出进度`} className="h-2 w-32" />
                <span>{j.status === "queued" ? "排队中…" : `正在生成 ${j.progress}%`}</span>
              </>
            )}
          </p>
        ))}
      </div>
    </div>
  );
}
