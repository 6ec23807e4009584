import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * Where attachment bytes live, addressed by their SHA-256 (DESIGN §8: stored under a content
 * hash). An S3-compatible store (DESIGN §10) is one more implementation of this interface: key =
 * the hash. Only the daily orphan cleanup (lib/server/jobs/cleanup-orphans.ts) lists and removes.
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

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Files under `<root>/ab/cd/<hash>`, written to a temporary name and renamed, so a reader never sees half a file. */
export function localBlobStore(root: string): BlobStore {
  const fileOf = (sha256: string) => {
    if (!HASH.test(sha256)) throw new Error("not a SHA-256 hex digest");
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const exists = async (sha256: string) => {
    try {
      return (await stat(fileOf(sha256))).isFile();
    } catch {
      return false;
    }
  };
  return {
    exists,
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      if (await exists(sha256)) return { sha256, size: bytes.length, created: false };
      const target = fileOf(sha256);
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomBytes(6).toString("hex")}.part`;
      try {
        await writeFile(temp, bytes, { flag: "wx" });
        await rename(temp, target);
      } finally {
        await rm(temp, { force: true });
      }
      return { sha256, size: bytes.length, created: true };
    },
    async *list() {
      for (const a of await dirsIn(root)) {
        for (const b of await dirsIn(path.join(root, a))) {
          for (const name of await readdir(path.join(root, a, b)).catch(() => [] as string[])) {
            if (!HASH.test(name) || name.slice(0, 2) !== a || name.slice(2, 4) !== b) continue;
            const info = await stat(path.join(root, a, b, name)).catch(() => null);
            if (info?.isFile()) yield { sha256: name, size: info.size, modifiedAt: info.mtime };
          }
        }
      }
    },
    async remove(sha256) {
      await rm(fileOf(sha256), { force: true });
    },
    async get(sha256) {
      try {
        return await readFile(fileOf(sha256));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}

async function dirsIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name)).map((e) => e.name);
}

let store: BlobStore | undefined;

/** The configured store: `$DATA_DIR/uploads` on local disk. */
export function blobStore(): BlobStore {
  store ??= localBlobStore(path.resolve(env().DATA_DIR, "uploads"));
  return store;
}
