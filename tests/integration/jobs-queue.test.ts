import { randomBytes } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { jobsOverview, retryDeadJob } from "@/lib/server/jobs/dead-letters";
import { createBoss, stopJobs, type JobContext } from "@/lib/server/jobs/queue";
import { db } from "@/lib/server/platform/db";
import { startWorker, waitFor } from "../support/jobs";
import { seedBureau, type Bureau } from "../support/bureau";

/**
 * The queue itself (pg-boss on our PostgreSQL): a job runs once however many instances compete
 * for it; a failing job is retried, then dead-lettered, shown to the 系统管理员 and run again
 * from there. Payload ids are tagged per run: other files' extract-text jobs share these queues.
 */
let b: Bureau;
const tag = randomBytes(3).toString("hex");
const bosses: PgBoss[] = [];
const runs = new Map<string, number>();

async function handler(job: JobContext<"extract-text">) {
  const id = job.payload.fileId;
  if (!id.startsWith(`t${tag}-`)) return; // not this file's job
  runs.set(id, (runs.get(id) ?? 0) + 1);
  await new Promise((r) => setTimeout(r, 20)); // long enough for the other worker to try the same job
  if (id.includes("-fail-")) throw new Error(`故意失败 ${id}`);
}

beforeAll(async () => {
  b = await seedBureau();
  // Four polling loops each, started together, so their fetches coincide: without pg-boss's
  // FOR UPDATE SKIP LOCKED the loops take the same job (checked: the first test then fails).
  bosses.push(await startWorker({ "extract-text": handler }, 4), await startWorker({ "extract-text": handler }, 4));
});

afterAll(async () => {
  await Promise.all(bosses.map((boss) => boss.stop({ graceful: true, timeout: 5_000 })));
  await stopJobs();
});

describe("job queue (pg-boss)", () => {
  test("a job sent once runs once while two workers (two PgBoss instances) compete", async () => {
    const producer = await createBoss();
    bosses.push(producer);
    const ids = Array.from({ length: 30 }, (_, i) => `t${tag}-once-${i}`);
    await Promise.all(ids.map((fileId) => producer.send("extract-text", { fileId })));
    await waitFor(async () => ids.every((id) => runs.has(id)), 30_000, "every job to run");
    await new Promise((r) => setTimeout(r, 1_500)); // a second, duplicate run would land here
    expect(ids.map((id) => runs.get(id))).toEqual(ids.map(() => 1));
  });

  test("a failing job is retried, then dead-lettered; the sysadmin sees it and runs it again", async () => {
    const producer = bosses[2];
    const fileId = `t${tag}-fail-1`;
    await producer.send("extract-text", { fileId }, { retryLimit: 1, retryDelay: 0, retryBackoff: false });
    const dead = await waitFor(async () => (await jobsOverview(b.people.sysadmin))!.dead.find((j) => j.payload === `fileId=${fileId}`), 30_000, "the dead letter");
    expect(runs.get(fileId)).toBe(2); // the first attempt and one retry
    expect(dead).toMatchObject({ name: "extract-text", label: "附件文字提取", error: `故意失败 ${fileId}`, attempts: 2 });
    const overview = (await jobsOverview(b.people.sysadmin))!;
    expect(overview.queues.find((q) => q.name === "extract-text")!.dead).toBeGreaterThanOrEqual(1);
    expect(overview.failed.some((j) => j.payload === `fileId=${fileId}`)).toBe(true);

    // Only the 系统管理员 (job.manage); a refusal is audited.
    expect(await jobsOverview(b.people.office)).toBeNull();
    expect(await retryDeadJob(b.people.office, { jobId: dead.id })).toMatchObject({ ok: false, error: "forbidden" });

    const retried = await retryDeadJob(b.people.sysadmin, { jobId: dead.id });
    expect(retried).toMatchObject({ ok: true, value: { name: "extract-text" } });
    await waitFor(async () => runs.get(fileId) === 3, 30_000, "the job to run again");
    expect(await retryDeadJob(b.people.sysadmin, { jobId: dead.id })).toMatchObject({ ok: false, error: "conflict" });
    const events = await db().auditEvent.findMany({ where: { action: "job.retry", actorId: { in: [b.people.sysadmin.id, b.people.office.id] } } });
    // The refusal, the success and the second click (a lost race: nothing left to retry) are all audited.
    expect(events.map((e) => `${e.actorName}:${e.result}`).sort()).toEqual(["office:DENIED", "sysadmin:DENIED", "sysadmin:SUCCESS"]);
    expect(events.find((e) => e.result === "SUCCESS")).toMatchObject({ entityId: dead.id, detail: { newJobId: retried.ok ? retried.value.jobId : "" } });
  });

  test("a malformed payload fails at once, without a retry storm, and is dead-lettered", async () => {
    const producer = bosses[2];
    const bogus = `t${tag}-bogus`;
    // Sent past sendJob's own schema check, as a stale or hand-made job would be.
    await producer.send("extract-text", { fileId: 42, note: bogus }, { retryLimit: 3, retryDelay: 0, retryBackoff: false });
    const dead = await waitFor(async () => (await jobsOverview(b.people.sysadmin))!.dead.find((j) => j.payload.includes(`note=${bogus}`)), 30_000, "the dead letter");
    expect(dead.error).toContain("任务数据无效");
    expect(dead.attempts).toBe(1);
    expect(await retryDeadJob(b.people.sysadmin, { jobId: dead.id })).toMatchObject({ ok: false, error: "invalid" });
  });
});
