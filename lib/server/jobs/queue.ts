import "server-only";
import PgBoss from "pg-boss";
import { databaseUrl } from "@/lib/env";
import { log } from "@/lib/server/platform/log";
import {
  deadLetterQueue,
  JOB_NAMES,
  JOBS,
  PermanentJobError,
  SCHEDULE_TIME_ZONE,
  SCHEDULES,
  type JobName,
  type JobPayload,
} from "./definitions";

/**
 * The job queue: pg-boss on our own PostgreSQL (DESIGN §10: no in-memory queue). One PgBoss per
 * process, kept on globalThis (instrumentation and the route bundles are separate module graphs
 * in one process). Several app instances share the queue safely: a job is fetched with
 * `FOR UPDATE SKIP LOCKED`, so it runs once; a failure is retried with exponential backoff;
 * after its last retry a copy goes to the job's dead-letter queue (`<name>__dead`), shown to the
 * 系统管理员 at /console/jobs.
 *
 * Nothing starts at import: `startJobs()` is called by instrumentation.ts at run time (never
 * during `next build`, never in unit tests). `sendJob()` from a process without workers (a
 * script, an integration test) starts a producer-only instance on first use.
 */

/** A job as a handler sees it: the parsed payload, and whether this is its last attempt. */
export interface JobContext<N extends JobName> {
  id: string;
  name: N;
  payload: JobPayload<N>;
  attempt: number;
  lastAttempt: boolean;
}
export type JobHandler<N extends JobName> = (job: JobContext<N>) => Promise<unknown>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

export interface QueueOptions {
  connectionString?: string;
  /** Workers for these handlers (instrumentation passes the registry); none = send only. */
  handlers?: Partial<JobHandlers>;
  /** Send the cron jobs (SCHEDULES). Off for producers and tests. */
  schedule?: boolean;
  pollingIntervalSeconds?: number;
  /** Tests: polling loops per job name instead of each job's own concurrency. */
  concurrency?: number;
  /**
   * Install or upgrade pg-boss's schema and create missing queues (DDL: the owner role only,
   * installJobQueue). Off for the app: it runs as a role that may not create tables, and pg-boss
   * then only checks that its schema is installed and current.
   */
  install?: boolean;
}

const PGBOSS_SCHEMA = "pgboss";

/** A started PgBoss with our queues created (idempotent; pg-boss installs its schema on first start). */
export async function createBoss(options: QueueOptions = {}): Promise<PgBoss> {
  const work = Object.keys(options.handlers ?? {}).length > 0;
  const boss = new PgBoss({
    connectionString: options.connectionString ?? databaseUrl(),
    schema: PGBOSS_SCHEMA,
    application_name: "gongkai-jobs",
    max: work ? 4 : 2,
    // Maintenance (expiry, archiving) and the cron clock only where work is done.
    supervise: work,
    schedule: options.schedule ?? false,
    migrate: options.install ?? false,
  });
  boss.on("error", (error) => log.error({ err: error }, "job queue error"));
  await boss.start();
  for (const name of JOB_NAMES) {
    const def = JOBS[name];
    const dead = deadLetterQueue(name);
    const policy = {
      name,
      retryLimit: def.retryLimit,
      retryDelay: def.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: def.expireInSeconds,
      deadLetter: dead,
    };
    await boss.createQueue(dead, { name: dead, retentionMinutes: 30 * 24 * 60 });
    // createQueue leaves an existing queue as it was; the policy follows this file on every start.
    await boss.createQueue(name, policy);
    await boss.updateQueue(name, policy);
  }
  if (options.schedule) {
    for (const s of SCHEDULES) await boss.schedule(s.name, s.cron, s.payload, { tz: SCHEDULE_TIME_ZONE });
  }
  for (const [name, handler] of Object.entries(options.handlers ?? {}) as [JobName, JobHandler<JobName>][]) {
    for (let i = 0; i < (options.concurrency ?? JOBS[name].concurrency); i++) {
      await boss.work(name, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, ([job]) =>
        runOne(boss, name, job, handler),
      );
    }
  }
  return boss;
}

/**
 * pg-boss's schema and our queues (each a partition table), as the owner role: part of every
 * migration run (lib/server/platform/database-setup.ts). Idempotent.
 */
export async function installJobQueue(ownerUrl: string): Promise<void> {
  const boss = await createBoss({ connectionString: ownerUrl, install: true });
  await boss.stop({ graceful: false, wait: true, close: true });
}

/** Parses the payload, runs the handler; a malformed payload fails at once, without retries. */
async function runOne(boss: PgBoss, name: JobName, job: PgBoss.JobWithMetadata<unknown>, handler: JobHandler<JobName>) {
  const parsed = JOBS[name].schema.safeParse(job.data);
  try {
    if (!parsed.success) throw new PermanentJobError(`任务数据无效（${name}）：${parsed.error.issues.map((i) => i.path.join(".") || i.message).join("，")}`);
    return await handler({ id: job.id, name, payload: parsed.data as JobPayload<JobName>, attempt: job.retryCount + 1, lastAttempt: job.retryCount >= job.retryLimit });
  } catch (error) {
    if (error instanceof PermanentJobError) {
      // pg-boss retries while retry_count < retry_limit: spend the remaining retries, so this
      // failure goes straight to the dead-letter queue instead of storming.
      await boss.getDb().executeSql(`UPDATE ${PGBOSS_SCHEMA}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`, [name, job.id]);
    }
    throw error;
  }
}

type Holder = { boss?: Promise<PgBoss>; workers?: boolean };
const holder = (globalThis as unknown as { gongkaiJobs?: Holder }).gongkaiJobs ?? {};
(globalThis as unknown as { gongkaiJobs?: Holder }).gongkaiJobs = holder;

/** The app's queue with its workers and schedules (instrumentation.ts, after migrations). */
export async function startJobs(handlers: Partial<JobHandlers>, options: Omit<QueueOptions, "handlers"> = {}): Promise<PgBoss> {
  if (holder.boss && holder.workers) return holder.boss;
  if (holder.boss) await stopJobs();
  holder.workers = true;
  holder.boss = createBoss({ schedule: true, ...options, handlers });
  holder.boss.catch(() => {
    holder.boss = undefined;
  });
  return holder.boss;
}

/** The process's queue, started on first use (without workers) where startJobs() did not run. */
export function jobQueue(): Promise<PgBoss> {
  if (!holder.boss) {
    holder.workers = false;
    holder.boss = createBoss();
    holder.boss.catch(() => {
      holder.boss = undefined;
    });
  }
  return holder.boss;
}

/** Stops fetching, waits up to `timeoutMs` for running jobs, closes the pool (SIGTERM). */
export async function stopJobs(timeoutMs = 20_000): Promise<void> {
  const boss = holder.boss;
  holder.boss = undefined;
  holder.workers = undefined;
  if (!boss) return;
  await (await boss.catch(() => null))?.stop({ graceful: true, wait: true, timeout: timeoutMs });
}

/** SIGTERM/SIGINT stop the workers gracefully (Next.js's own handler closes the server and exits). */
export function stopJobsOnSignals(): void {
  const stop = () => {
    log.info("stopping the job queue: no new jobs, running ones get up to 20 s");
    void stopJobs()
      .then(() => log.info("job queue stopped"))
      .catch((error) => log.error({ err: error }, "stopping the job queue failed"));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

/**
 * Puts a job on the queue: the payload is checked against the job's schema here, so a bad one
 * fails the caller, not a worker. Returns the job id.
 */
export async function sendJob<N extends JobName>(name: N, payload: JobPayload<N>, options: { startAfterSeconds?: number } = {}): Promise<string> {
  const data = JOBS[name].schema.parse(payload);
  const boss = await jobQueue();
  const id = await boss.send(name, data, options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {});
  if (!id) throw new Error(`job ${name} was not queued`);
  return id;
}

export { PGBOSS_SCHEMA };
