import pg from "pg";
import { afterAll, expect, inject, test } from "vitest";
import { PGBOSS_SCHEMA, sendJob, startJobs, stopJobs } from "@/lib/server/jobs/queue";
import { waitFor } from "../support/jobs";

/**
 * Graceful shutdown (issue 10 §8): on SIGTERM instrumentation calls stopJobs(), which stops
 * fetching and lets a job already running finish before the pool closes — so a deploy does not
 * cut an import or a render in half and leave it to expire and retry.
 */
afterAll(() => stopJobs());

test("a job in flight when the queue stops completes; nothing new is fetched afterwards", async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const seen: string[] = [];
  const finished: string[] = [];
  await startJobs(
    {
      "cleanup-orphans": async (job) => {
        seen.push(job.id);
        await gate;
        finished.push(job.id);
      },
    },
    { schedule: false, pollingIntervalSeconds: 0.5, concurrency: 1 },
  );
  const first = await sendJob("cleanup-orphans", {});
  await waitFor(async () => seen.includes(first), 20_000, "the job to start");

  const stopped = stopJobs(15_000);
  // The job is still running while the queue stops; it finishes only now.
  release();
  await stopped;
  expect(finished).toEqual([first]);

  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    const state = async (id: string) =>
      (await client.query<{ state: string }>(`SELECT state FROM ${PGBOSS_SCHEMA}.job WHERE name = 'cleanup-orphans' AND id = $1`, [id])).rows[0]?.state;
    expect(await state(first)).toBe("completed");
    // Sent after the stop: no worker of this process takes it.
    const { rows } = await client.query<{ id: string }>(`INSERT INTO ${PGBOSS_SCHEMA}.job (name, data) VALUES ('cleanup-orphans', '{}') RETURNING id`);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await state(rows[0].id)).toBe("created");
    expect(seen).toEqual([first]);
  } finally {
    await client.end();
  }
});
