"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import type { LedgerUploadStatus } from "@/lib/server/requests/ledger-upload";
import { LedgerErrors } from "./ledger-errors";

/** Where a confirmed import stands; re-reads the page each second until it is done or refused. */
export function ImportProgress({ status }: { status: LedgerUploadStatus }) {
  const router = useRouter();
  const running = (status.status === "IMPORTING" || status.status === "PREVIEWED") && !status.stalled;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [running, router]);
  const what = status.kind === "requests" ? "依申请公开申请" : "行政复议、诉讼案件";
  const r = status.result ?? {};
  return (
    <div className="space-y-4" aria-live="polite">
      {running && (
        <div className="space-y-2">
          <p className="text-sm">
            正在导入“{status.fileName}”的 {status.rows} 条记录……（全部写入后才生效，中途出错则不导入任何数据）
          </p>
          <div role="progressbar" aria-label="导入进度" aria-valuemin={0} aria-valuemax={100} aria-valuenow={status.progress} className="h-3 w-full overflow-hidden rounded bg-gray-200">
            <div className="h-full bg-gov-red transition-all" style={{ width: `${Math.max(2, status.progress)}%` }} />
          </div>
          <p className="text-xs text-gray-600">{status.progress}%</p>
        </div>
      )}
      {status.stalled && <Alert>导入任务长时间没有进展，可能已中断。请到审计日志确认是否已导入；未导入的，请重新上传。</Alert>}
      {status.status === "DONE" && (
        <Alert tone="success">
          <span data-testid="import-result">
            已导入 {r.imported} 条{what}
            {status.kind === "requests" && `（已办结 ${r.closed} 条，办理中 ${r.open} 条）`}。
          </span>
        </Alert>
      )}
      {status.status === "FAILED" && (
        <div className="space-y-3">
          <Alert>{r.message || "导入失败"}未导入任何数据。</Alert>
          {r.errors && r.errors.length > 0 && <LedgerErrors errors={r.errors} />}
        </div>
      )}
      {!running && (
        <Link href="/console/requests/import" className="text-sm text-gov-red underline">
          继续导入其他文件
        </Link>
      )}
    </div>
  );
}
