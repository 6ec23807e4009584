import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { createClient, db, type Db } from "@/lib/server/platform/db";
import { errorFields, log } from "@/lib/server/platform/log";

/**
 * Issue 11's scale-out contract (docs/decisions.md "Performance (issue 11): read replica"):
 * - `publicDb()` is the client for anonymous public reads (the public site, feeds, sitemap, the
 *   open API, the public annual reports). With `DATABASE_REPLICA_URL` set it reads from a
 *   streaming replica; staff pages and every write keep `db()`, the primary — so the page that
 *   confirms a publication reads what was just committed.
 * - `awaitReplicaReplay()` resolves once the replica has replayed the primary's WAL up to the
 *   moment of the call, or a bounded wait has passed. Cache invalidation calls it before
 *   revalidating, so a page re-rendered from the replica after a publish cannot be cached without
 *   the item that was just published.
 */
export function publicDb(): Db {
  const url = env().DATABASE_REPLICA_URL;
  if (!url) return db();
  const replica = replicaState(url);
  // A replica that is down must not take the public site with it: the primary answers until the next probe finds it again.
  return replica.healthy ? replica.client : db();
}

interface ReplicaState {
  client: Db;
  healthy: boolean;
  /** Failed probes in a row: one slow answer on a busy machine is not an outage. */
  failures: number;
  timer?: NodeJS.Timeout;
}

const globalForReplica = globalThis as unknown as { gongkaiReplica?: ReplicaState };

/** How often the replica is probed; a dead one costs the public site at most two rounds of errors. */
export const REPLICA_PROBE_MS = 5_000;
const PROBE_FAILURES_TO_LEAVE = 2;

function replicaState(url: string): ReplicaState {
  if (globalForReplica.gongkaiReplica) return globalForReplica.gongkaiReplica;
  const state: ReplicaState = { client: createClient(url), healthy: true, failures: 0 };
  globalForReplica.gongkaiReplica = state;
  // unref: the probe never keeps a process (a script, a test) alive.
  state.timer = setInterval(() => void probeReplica(), REPLICA_PROBE_MS).unref();
  return state;
}

/**
 * Asks the replica, on a connection of its own with a short deadline (a pooled one could wait
 * forever for a host that drops packets), whether it answers; publicDb() leaves it after two
 * failed probes in a row and returns at the first good one. Returns the new state; logs only when it changes.
 */
export async function probeReplica(): Promise<boolean> {
  const url = env().DATABASE_REPLICA_URL;
  if (!url) return false;
  const state = replicaState(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000, query_timeout: 2_000 });
  // A failed connection emits "error" as well as rejecting; unhandled, it would crash the process.
  client.on("error", () => {});
  try {
    await client.connect();
    await caughtUp(client);
    if (!state.healthy) log.info("read replica answers again and has caught up: public pages read it");
    state.failures = 0;
    state.healthy = true;
  } catch (error) {
    state.failures++;
    if (state.healthy && state.failures >= PROBE_FAILURES_TO_LEAVE) {
      log.warn(errorFields(error), "read replica unreachable: public pages read the primary until it answers again");
      state.healthy = false;
    }
  } finally {
    client.end().catch(() => {});
  }
  return state.healthy;
}

/**
 * Throws unless the replica on `client` replays, within REPLAY_WAIT_MS, everything the primary had
 * committed when asked: a replica that answers but lags (back after an outage, its streaming
 * broken, its replay paused) must not serve the public pages — a withdrawn item would reappear.
 */
async function caughtUp(client: pg.Client): Promise<void> {
  const [{ lsn }] = await db().$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
  const deadline = Date.now() + REPLAY_WAIT_MS;
  for (;;) {
    const { rows } = await client.query<{ replayed: boolean | null }>("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS replayed", [lsn]);
    if (rows[0]?.replayed !== false) return;
    if (Date.now() >= deadline) throw new Error(`read replica has not replayed the primary's WAL up to ${lsn}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * The bounded wait found the replica behind: public reads go to the primary from now on, until a
 * probe finds the replica caught up (probeReplica). Otherwise a page re-rendered after the
 * invalidation would read the state before it and be kept as new.
 */
function leaveLaggingReplica(): void {
  const url = env().DATABASE_REPLICA_URL;
  if (!url) return;
  const state = replicaState(url);
  if (state.healthy) log.warn("read replica is behind the primary: public pages read the primary until it has caught up");
  state.healthy = false;
  state.failures = PROBE_FAILURES_TO_LEAVE;
}

/** Long enough for a healthy replica on the same network (milliseconds of lag), short enough not to hold a publish. */
export const REPLAY_WAIT_MS = 2_000;
const POLL_MS = 25;

/**
 * True once the replica has replayed everything committed before the call (or there is no
 * replica); false when `timeoutMs` passed first or the replica could not be asked. Never throws:
 * the invalidation that waits must still happen — a page cached from a lagging replica is then
 * stale for one cache lifetime (60 s), which the warning in the log explains.
 */
export async function awaitReplicaReplay(options: { timeoutMs?: number } = {}): Promise<boolean> {
  if (!env().DATABASE_REPLICA_URL) return true;
  const deadline = Date.now() + (options.timeoutMs ?? REPLAY_WAIT_MS);
  try {
    const [{ lsn }] = await db().$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
    for (;;) {
      // NULL when the server is not in recovery (a promoted replica, or the URL names the primary): nothing to wait for.
      const [{ replayed }] = await publicDb().$queryRaw<{ replayed: boolean | null }[]>`
        SELECT pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn AS replayed`;
      if (replayed !== false) return true;
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    log.warn({ lsn, timeoutMs: options.timeoutMs ?? REPLAY_WAIT_MS }, "read replica has not replayed the primary's WAL in time");
    leaveLaggingReplica();
  } catch (error) {
    log.warn(errorFields(error), "could not compare the read replica's replay position with the primary's");
  }
  return false;
}
