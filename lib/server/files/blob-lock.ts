import "server-only";
import type { Tx } from "@/lib/server/platform/db";

/**
 * A transaction-scoped advisory lock on one blob (by its SHA-256), taken by an upload before it
 * records a StoredFile for the blob and by the orphan cleanup before it removes the blob. Either
 * the upload commits its row first (the cleanup then sees the reference and keeps the blob), or
 * the cleanup removes it first (the upload then finds it missing and writes it again).
 */
const BLOB_LOCK_CLASS = 72_910_010;

export async function lockBlob(tx: Tx, sha256: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BLOB_LOCK_CLASS}::int, hashtext(${sha256}))`;
}
