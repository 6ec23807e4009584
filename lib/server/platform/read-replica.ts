import "server-only";
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
  globalForReplica.gongkaiReplicaDb ??= createClient(url);
  return globalForReplica.gongkaiReplicaDb;
}

const globalForReplica = globalThis as unknown as { gongkaiReplicaDb?: Db };

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
    log.warn({ lsn, timeoutMs: options.timeoutMs ?? REPLAY_WAIT_MS }, "read replica has not replayed the primary's WAL in time; public pages may show the previous state until their cache expires");
  } catch (error) {
    log.warn(errorFields(error), "could not compare the read replica's replay position with the primary's");
  }
  return false;
}
