import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db, type Tx } from "@/lib/server/platform/db";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "@/lib/server/platform/result";
import { refuse, write, type Target } from "@/lib/server/platform/use-case";
import { deadLetterQueue, isJobName, JOB_NAMES, JOBS, type JobName } from "./definitions";
import { jobQueue } from "./queue";

/**
 * 任务队列 for the 系统管理员 (/console/jobs): per queue how many jobs wait, run, failed and were
 * dead-lettered; the dead letters themselves; and 重新执行 of one. pg-boss 10 has no API that
 * lists jobs by state, so this reads its "pgboss"."job" table directly — one reason the version
 * is pinned exactly (docs/decisions.md, "Job queue").
 */
export interface QueueCounts {
  name: JobName;
  label: string;
  queued: number;
  active: number;
  failed: number;
  dead: number;
}

export interface JobRow {
  id: string;
  name: JobName;
  label: string;
  payload: string;
  error: string;
  attempts: number;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
}

export interface JobsOverview {
  installed: boolean;
  queues: QueueCounts[];
  dead: JobRow[];
  failed: JobRow[];
}

const LIST_LIMIT = 100;
const deadNames = () => JOB_NAMES.map(deadLetterQueue);
const jobOfDead = (dead: string) => JOB_NAMES.find((n) => deadLetterQueue(n) === dead);

type RawJob = { id: string; name: string; data: unknown; output: unknown; attempts: number; created_on: Date; started_on: Date | null; completed_on: Date | null };

export async function jobsOverview(actor: Actor): Promise<JobsOverview | null> {
  if (!can(actor, "job.manage")) return null;
  const installed = (await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'pgboss' AND tablename = 'job'`)[0].n > 0;
  if (!installed) return { installed, queues: JOB_NAMES.map((n) => ({ name: n, label: JOBS[n].label, queued: 0, active: 0, failed: 0, dead: 0 })), dead: [], failed: [] };
  const names = [...JOB_NAMES, ...deadNames()];
  const counts = await db().$queryRaw<{ name: string; state: string; n: number }[]>`
    SELECT name, state::text AS state, count(*)::int AS n FROM pgboss.job WHERE name = ANY(${names}) GROUP BY 1, 2`;
  const count = (name: string, ...states: string[]) => counts.filter((c) => c.name === name && states.includes(c.state)).reduce((s, c) => s + c.n, 0);
  const queues = JOB_NAMES.map((n) => ({
    name: n,
    label: JOBS[n].label,
    queued: count(n, "created", "retry"),
    active: count(n, "active"),
    failed: count(n, "failed"),
    dead: count(deadLetterQueue(n), "created", "retry", "active"),
  }));
  const dead = await db().$queryRaw<RawJob[]>`
    SELECT id::text, name, data, output, retry_limit + 1 AS attempts, created_on, started_on, completed_on
    FROM pgboss.job WHERE name = ANY(${deadNames()}) AND state = 'created' ORDER BY created_on DESC LIMIT ${LIST_LIMIT}`;
  const failed = await db().$queryRaw<RawJob[]>`
    SELECT id::text, name, data, output, retry_count + 1 AS attempts, created_on, started_on, completed_on
    FROM pgboss.job WHERE name = ANY(${[...JOB_NAMES]}) AND state = 'failed' ORDER BY completed_on DESC LIMIT ${LIST_LIMIT}`;
  return {
    installed,
    queues,
    dead: dead.flatMap((j) => row(j, jobOfDead(j.name))),
    failed: failed.flatMap((j) => row(j, isJobName(j.name) ? j.name : undefined)),
  };
}

function row(j: RawJob, name: JobName | undefined): JobRow[] {
  if (!name) return [];
  return [{ id: j.id, name, label: JOBS[name].label, payload: summarizePayload(j.data), error: errorMessage(j.output), attempts: Number(j.attempts), createdAt: j.created_on, startedAt: j.started_on, endedAt: j.completed_on }];
}

/** Payloads hold ids only (definitions.ts); anything else is not shown, in case it is not. */
export function summarizePayload(data: unknown): string {
  if (!data || typeof data !== "object") return "—";
  const parts = Object.entries(data as Record<string, unknown>).map(([k, v]) =>
    typeof v === "string" && /^[\w-]{1,64}$/.test(v) ? `${k}=${v}` : typeof v === "number" || typeof v === "boolean" ? `${k}=${v}` : `${k}=…`,
  );
  return parts.length ? parts.join("，").slice(0, 200) : "（无参数）";
}

function errorMessage(output: unknown): string {
  const message = output && typeof output === "object" && "message" in output ? String((output as { message: unknown }).message) : "";
  return message.slice(0, 300) || "（无错误信息）";
}

const retrySchema = z.object({ jobId: z.uuid("任务编号无效") });

/**
 * 重新执行: the dead letter is taken off its dead-letter queue and the job is queued again with its
 * payload — in one transaction with the audit event, so it happens exactly once however often
 * the button is pressed.
 */
export async function retryDeadJob(actor: Actor, raw: Record<string, unknown>): Promise<Result<{ jobId: string; name: JobName }>> {
  const parsed = retrySchema.safeParse(raw);
  const target: Target = { action: "job.retry", entity: "Job", entityId: parsed.success ? parsed.data.jobId : undefined };
  if (!can(actor, "job.manage")) return refuse(actor, target, "wrong_role", forbidden("只有系统管理员可以重新执行任务。"));
  if (!parsed.success) return notFound("未找到该任务。");
  const boss = await jobQueue().catch(() => null);
  if (!boss) return conflict("任务队列暂不可用，请稍后再试。");
  return write(actor, target, async (tx) => {
    // The guard: the dead letter is deleted as it is read, so a second 重新执行 finds nothing.
    const [deadJob] = await tx.$queryRaw<{ name: string; data: unknown }[]>`
      DELETE FROM pgboss.job WHERE id = ${parsed.data.jobId}::uuid AND name = ANY(${deadNames()}) AND state = 'created' RETURNING name, data`;
    if (!deadJob) return conflict("该任务已重新执行或已不存在，请刷新页面。");
    const name = jobOfDead(deadJob.name)!;
    const payload = JOBS[name].schema.safeParse(deadJob.data);
    if (!payload.success) return invalid({}, "该任务的数据无效，重新执行也会失败；请联系开发人员。");
    // A dead extraction left its file FAILED, and the handler only reads PENDING files: put the file
    // back in the queue's hands, or 重新执行 would do nothing and 保密审查 would still check by hand.
    if (name === "extract-text") {
      await tx.storedFile.updateMany({ where: { id: (payload.data as { fileId: string }).fileId, textStatus: "FAILED" }, data: { textStatus: "PENDING" } });
    }
    const jobId = await boss.send(name, payload.data, { db: prismaExecutor(tx) });
    if (!jobId) return conflict("任务未能加入队列，请稍后再试。");
    await audit(tx, { actor, ...target, detail: { name, newJobId: jobId } });
    return ok({ jobId, name });
  });
}

/** pg-boss's `db` option: its SQL runs in our transaction, so the new job commits with the audit row. */
function prismaExecutor(tx: Tx) {
  return { executeSql: async (text: string, values: unknown[]) => ({ rows: await tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values) }) };
}
