import "server-only";
import { createHash } from "node:crypto";

/**
 * Where attachment bytes live, addressed by their SHA-256 (DESIGN §8: stored under a content
 * hash). Two implementations: local disk (./storage.ts) and S3-compatible object storage
 * (./s3-store.ts, DESIGN §10), key = the hash; BLOB_STORE chooses. Only the daily orphan cleanup
 * (lib/server/jobs/cleanup-orphans.ts) and `npm run blobs:migrate` list and remove.
 */
export interface BlobStore {
  /** Stores the bytes under their hash; storing the same bytes twice is a no-op. */
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number; created: boolean }>;
  get(sha256: string): Promise<Buffer | null>;
  exists(sha256: string): Promise<boolean>;
  /** Every stored blob with its last write time (S3: ListObjectsV2). */
  list(): AsyncIterable<{ sha256: string; size: number; modifiedAt: Date }>;
  /** Removes a blob; removing a missing one is a no-op. */
  remove(sha256: string): Promise<void>;
}

const HASH = /^[0-9a-f]{64}$/;

export const isSha256Hex = (value: string) => HASH.test(value);

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
