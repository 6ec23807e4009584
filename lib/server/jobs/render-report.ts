import "server-only";
import { abandonReportExport, runReportExport } from "@/lib/server/reports/exports";
import { prerenderVersion } from "@/lib/server/reports/public";
import type { JobHandler } from "./queue";

/** 年度报告导出: renders one ReportExport row (its progress is on the row the page polls). */
export const renderReportJob: JobHandler<"render-report"> = async ({ payload, lastAttempt }) => {
  try {
    return await runReportExport(payload.exportId);
  } catch (error) {
    if (lastAttempt) await abandonReportExport(payload.exportId);
    throw error;
  }
};

/** 年度报告公开文本: the published version's DOCX and PDF, so no visitor's download waits for a render. */
export const renderReportVersionJob: JobHandler<"render-report-version"> = async ({ payload }) => prerenderVersion(payload.versionId);
