import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { env, type Env } from "@/lib/env";
import { isSha256Hex, sha256Hex, type BlobStore } from "./blob-store";
import { s3BlobStore, type S3StoreConfig } from "./s3-store";

export { isSha256Hex, sha256Hex, type BlobStore } from "./blob-store";

/** Files under `<root>/ab/cd/<hash>`, written to a temporary name and renamed, so a reader never sees half a file. */
export function localBlobStore(root: string): BlobStore {
  const fileOf = (sha256: string) => {
    if (!isSha256Hex(sha256)) throw new Error("not a SHA-256 hex digest");
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
            if (!isSha256Hex(name) || name.slice(0, 2) !== a || name.slice(2, 4) !== b) continue;
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

/** The configured store (BLOB_STORE): `$DATA_DIR/uploads` on local disk, or the S3 bucket. */
export function blobStore(): BlobStore {
  store ??= env().BLOB_STORE === "s3" ? s3BlobStore(s3Config(env())) : localDiskStore(env());
  return store;
}

export function localDiskStore(e: Pick<Env, "DATA_DIR">): BlobStore {
  return localBlobStore(path.resolve(e.DATA_DIR, "uploads"));
}

/** The S3_* settings; lib/env.ts has already refused BLOB_STORE=s3 without a bucket. */
export function s3Config(e: Env): S3StoreConfig {
  if (!e.S3_BUCKET) throw new Error("S3_BUCKET is not set / 未设置对象存储桶 S3_BUCKET");
  return {
    bucket: e.S3_BUCKET,
    region: e.S3_REGION,
    endpoint: e.S3_ENDPOINT,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    keyPrefix: e.S3_KEY_PREFIX,
  };
}
