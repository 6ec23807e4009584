import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startReplicaCluster, type ReplicaCluster } from "../support/replica-cluster";

/**
 * Issue 11 §6: public reads from a PostgreSQL streaming replica. A primary and a hot standby of
 * our own (tests/support/replica-cluster.ts); the app's modules are imported only after
 * DATABASE_URL and DATABASE_REPLICA_URL name them, since lib/env.ts reads the environment once.
 */
let cluster: ReplicaCluster;
let app: Awaited<ReturnType<typeof loadApp>>;

async function loadApp() {
  const [replica, platform, site, bureau, publication, staff, jobs, setup] = await Promise.all([
    import("@/lib/server/platform/read-replica"),
    import("@/lib/server/platform/db"),
    import("@/lib/server/public/site"),
    import("../support/bureau"),
    import("@/lib/server/items/publication"),
    import("@/lib/server/items/work-queue"),
    import("@/lib/server/jobs/queue"),
    import("@/lib/server/platform/database-setup"),
  ]);
  return { ...replica, ...platform, ...site, ...bureau, ...publication, ...staff, ...jobs, ...setup };
}

async function onReplica<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: cluster.replicaUrl });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  cluster = await startReplicaCluster("gongkai_replica");
  process.env.DATABASE_URL = cluster.primaryUrl;
  process.env.DATABASE_REPLICA_URL = cluster.replicaUrl;
  app = await loadApp();
  await app.prepareDatabase({ ownerUrl: cluster.primaryUrl });
  expect(await app.awaitReplicaReplay()).toBe(true);
}, 60_000);

afterAll(async () => {
  await app?.stopJobs();
  await app?.db().$disconnect();
  await app?.publicDb().$disconnect();
  await cluster?.stop();
});

describe("which server answers", () => {
  test("public reads go to the replica (in recovery), staff reads and writes to the primary", async () => {
    const [replica] = await app.publicDb().$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`;
    const [primary] = await app.db().$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`;
    expect(replica.standby).toBe(true);
    expect(primary.standby).toBe(false);
    // The replica really streams from this primary.
    const [sender] = await app.db().$queryRaw<{ state: string }[]>`SELECT state FROM pg_stat_replication WHERE application_name = 'gongkai_replica'`;
    expect(sender?.state).toBe("streaming");
  });

  test("the replica refuses writes, so nothing can be written through the public client by mistake", async () => {
    await expect(app.publicDb().department.create({ data: { code: "replica-write", name: "不应写入" } })).rejects.toThrow(/read-only/);
    await expect(onReplica("CREATE TABLE nope (id int)")).rejects.toThrow(/read-only/);
  });
});

describe("replication lag around a publication", () => {
  test("paused replay: the staff confirmation page shows the item; once the bounded wait finds the replica behind, public reads go to the primary until it has caught up", async () => {
    const b = await app.seedBureau();
    const item = await app.seedPending(b, "APPROVED");
    expect(await app.probeReplica()).toBe(true);
    await onReplica("SELECT pg_wal_replay_pause()");
    try {
      // The publication's own invalidation waits (bounded) for the replica and finds it behind.
      expect(await app.publishItem(b.people.office, item.id, item.revisionId)).toMatchObject({ ok: true });
      // The confirmation page reads the primary.
      expect(await app.getItemForStaff(b.people.office, item.id)).toMatchObject({ status: "PUBLISHED" });
      // The replica itself has not replayed the publication…
      expect(await onReplica(`SELECT count(*)::int AS n FROM "DisclosureItem" WHERE id = '${item.id}' AND status = 'PUBLISHED'`)).toEqual([{ n: 0 }]);
      // …so the public reads have left it: the item is not missing from the public page.
      expect(await app.getPublishedItem(item.id)).toMatchObject({ id: item.id });
      // A replica that answers but is behind is not taken back.
      expect(await app.probeReplica()).toBe(false);
    } finally {
      await onReplica("SELECT pg_wal_replay_resume()");
    }
    expect(await app.probeReplica()).toBe(true);
    const [answer] = await app.publicDb().$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`;
    expect(answer.standby).toBe(true);
    expect(await app.getPublishedItem(item.id)).toMatchObject({ id: item.id });
  });

  test("awaitReplicaReplay returns only once the replica has the just-published item: a re-render right after it includes it", async () => {
    const b = await app.seedBureau();
    const item = await app.seedPending(b, "APPROVED");
    await onReplica("SELECT pg_wal_replay_pause()");
    let resumed = false;
    try {
      // Replay resumes a little later, as a lagging replica catches up; the publication's own
      // invalidation waits for it (within REPLAY_WAIT_MS), so the replica keeps the public reads.
      const resume = new Promise<void>((resolve) =>
        setTimeout(() => void onReplica("SELECT pg_wal_replay_resume()").then(() => ((resumed = true), resolve())), 300),
      );
      expect(await app.publishItem(b.people.office, item.id, item.revisionId)).toMatchObject({ ok: true });
      expect(resumed).toBe(true);
      expect(await app.awaitReplicaReplay()).toBe(true);
      const [answer] = await app.publicDb().$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`;
      expect(answer.standby).toBe(true);
      expect(await app.getPublishedItem(item.id)).toMatchObject({ id: item.id });
      await resume;
    } finally {
      if (!resumed) await onReplica("SELECT pg_wal_replay_resume()");
    }
  });
});

describe("a replica that goes down", () => {
  test("public reads fall back to the primary once the probe finds it gone, without an error", async () => {
    const b = await app.seedBureau();
    const item = await app.seedPending(b, "PUBLISHED");
    expect(await app.awaitReplicaReplay()).toBe(true);
    await cluster.stopReplica();
    // One failed probe may be a slow answer; two in a row are an outage (the background probe may have made one).
    let healthy = true;
    for (let i = 0; i < 3 && healthy; i++) healthy = await app.probeReplica();
    expect(healthy).toBe(false);
    const [answer] = await app.publicDb().$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`;
    expect(answer.standby).toBe(false);
    expect(await app.getPublishedItem(item.id)).toMatchObject({ id: item.id });
    // Nothing to wait for when the public reads are on the primary.
    expect(await app.awaitReplicaReplay()).toBe(true);
  });
});
