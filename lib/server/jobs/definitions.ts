import "server-only";
import { z } from "zod";

/**
 * The jobs this app runs on its PostgreSQL queue (pg-boss), each with the zod schema of its
 * payload and its retry policy. A payload carries ids only — never personal data or file text —
 * because it is stored in the "pgboss" schema and shown on the dead-letter page (/console/jobs).
 * Adding a job: a name and schema here, a handler file, a line in handlers.ts.
 */
export const JOBS = {
  /** 附件文字提取: an upload's text for the secrecy scan (extract-text.ts). */
  "extract-text": {
    label: "附件文字提取",
    schema: z.object({ fileId: z.string().min(1).max(64) }).strict(),
    retryLimit: 2,
    retryDelaySeconds: 10,
    concurrency: 2,
    /** The handler's own timeout (TEXT_EXTRACT_TIMEOUT_SECONDS) fires first; this is pg-boss's backstop. */
    expireInSeconds: 15 * 60,
  },
  /** 清理未使用的上传文件: the daily removal of orphan uploads and unreferenced blobs (cleanup-orphans.ts). */
  "cleanup-orphans": {
    label: "清理未使用的上传文件",
    schema: z.object({}).strict(),
    retryLimit: 3,
    retryDelaySeconds: 60,
    concurrency: 1,
    expireInSeconds: 60 * 60,
  },
  /** 依申请公开到期提醒: the working morning's due-soon and overdue messages (lib/server/requests/reminders.ts). */
  "request-reminders": {
    label: "依申请公开到期提醒",
    schema: z.object({}).strict(),
    retryLimit: 3,
    retryDelaySeconds: 300,
    concurrency: 1,
    expireInSeconds: 30 * 60,
  },
  /** 台账导入: a confirmed upload imported in one transaction (lib/server/requests/ledger-upload.ts). */
  "import-ledger": {
    label: "台账导入",
    schema: z.object({ uploadId: z.string().min(1).max(64) }).strict(),
    // Safe to retry: the upload turns DONE inside the import's transaction, and a DONE one is skipped.
    retryLimit: 1,
    retryDelaySeconds: 5,
    concurrency: 1,
    expireInSeconds: 10 * 60,
  },
  /** 年度报告导出: a report's DOCX or PDF, rendered off the request (lib/server/jobs/render-report.ts). */
  "render-report": {
    label: "年度报告导出",
    schema: z.object({ exportId: z.string().min(1).max(64) }).strict(),
    // Safe to retry: rendering is pure and the row turns done in one conditional update.
    retryLimit: 1,
    retryDelaySeconds: 5,
    concurrency: 1,
    expireInSeconds: 10 * 60,
  },
  /** 年度报告公开文本: a published version's DOCX and PDF, rendered once after publication (lib/server/reports/public.ts). */
  "render-report-version": {
    label: "年度报告公开文本",
    schema: z.object({ versionId: z.string().min(1).max(64) }).strict(),
    // Safe to retry: a stored document is kept, never rendered twice.
    retryLimit: 2,
    retryDelaySeconds: 10,
    concurrency: 1,
    expireInSeconds: 10 * 60,
  },
  /** 审计日志检查点: verify the chain, then sign its head into DATA_DIR/audit (lib/server/platform/audit-checkpoint.ts). */
  "audit-checkpoint": {
    label: "审计日志校验与检查点",
    schema: z.object({}).strict(),
    retryLimit: 2,
    retryDelaySeconds: 60,
    concurrency: 1,
    expireInSeconds: 30 * 60,
  },
} as const satisfies Record<string, JobDefinition>;

export interface JobDefinition {
  label: string;
  schema: z.ZodType<Record<string, unknown>>;
  /** Attempts after the first; then the job fails and a copy goes to its dead-letter queue. */
  retryLimit: number;
  /** First retry delay; pg-boss doubles it (with jitter) on each further attempt. */
  retryDelaySeconds: number;
  expireInSeconds: number;
  /** Jobs of this kind one instance runs at once (each is one polling loop). */
  concurrency: number;
}

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]["schema"]>;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** Where a job goes once its retries are exhausted; nothing works these queues, people do (/console/jobs). */
export const deadLetterQueue = (name: JobName) => `${name}__dead`;

export function isJobName(name: unknown): name is JobName {
  return typeof name === "string" && Object.hasOwn(JOBS, name);
}

/** Cron schedules (Asia/Shanghai). pg-boss sends each once per slot however many instances run. */
export const SCHEDULES: { name: JobName; cron: string; payload: Record<string, never> }[] = [
  { name: "cleanup-orphans", cron: "30 3 * * *", payload: {} },
  { name: "request-reminders", cron: "0 8 * * *", payload: {} },
  // Hourly: rows appended and deleted within one interval are the window tail deletion can hide in.
  { name: "audit-checkpoint", cron: "7 * * * *", payload: {} },
];
export const SCHEDULE_TIME_ZONE = "Asia/Shanghai";

/** Thrown by a handler for a job that can never succeed (e.g. a malformed payload): no retries. */
export class PermanentJobError extends Error {}
