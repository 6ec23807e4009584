import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * Where attachment bytes live, addressed by their SHA-256 (DESIGN §8: stored under a content
 * hash). The app only ever needs these three calls, so an S3-compatible store (DESIGN §10) is
 * one more implementation of this interface: key = the hash, no listing, no deletion.
 */
export interface BlobStore {
  /** Stores the bytes under their hash; storing the same bytes twice is a no-op. */
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number; created: boolean }>;
  get(sha256: string): Promise<Buffer | null>;
  exists(sha256: string): Promise<boolean>;
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

let store: BlobStore | undefined;

/** The configured store: `$DATA_DIR/uploads` on local disk. */
export function blobStore(): BlobStore {
  store ??= localBlobStore(path.resolve(env().DATA_DIR, "uploads"));
  return store;
}
