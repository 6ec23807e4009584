import "server-only";
import { auditCheckpointJob } from "@/lib/server/platform/audit-checkpoint";
import { sendDueReminders } from "@/lib/server/requests/reminders";
import { cleanupOrphans } from "./cleanup-orphans";
import { extractTextJob, requeueStalePending, rescanActiveContent } from "./extract-text";
import { importLedgerJob } from "./import-ledger";
import { renderReportJob, renderReportVersionJob } from "./render-report";
import type { JobHandlers } from "./queue";

/**
 * Job name → handler: the workers instrumentation.ts starts. The type makes a job without a
 * handler (or a handler for an unknown name) a compile error.
 */
export const JOB_HANDLERS: JobHandlers = {
  "extract-text": extractTextJob,
  "import-ledger": importLedgerJob,
  "cleanup-orphans": async () => ({ ...(await cleanupOrphans()), requeued: await requeueStalePending(), rescanned: await rescanActiveContent() }),
  "request-reminders": () => sendDueReminders(),
  "render-report": renderReportJob,
  "render-report-version": renderReportVersionJob,
  "audit-checkpoint": auditCheckpointJob,
};
