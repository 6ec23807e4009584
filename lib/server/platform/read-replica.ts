import "server-only";
import { db, type Db } from "@/lib/server/platform/db";

/**
 * Contract between issue 11's scale-out parts (filled in by the replica work; until then both are
 * the primary and a no-op):
 * - `publicDb()` is the client for anonymous public reads (the public site, feeds, sitemap, the
 *   open API). With `DATABASE_REPLICA_URL` set it reads from a streaming replica; staff pages and
 *   every write keep `db()`, the primary.
 * - `awaitReplicaReplay()` resolves once the replicas have replayed the primary's WAL up to the
 *   moment of the call (or a bounded wait has passed). Cache invalidation calls it before
 *   revalidating, so a page re-rendered from a replica after a publish cannot be cached without
 *   the item that was just published.
 */
export function publicDb(): Db {
  return db();
}

export async function awaitReplicaReplay(): Promise<void> {}
