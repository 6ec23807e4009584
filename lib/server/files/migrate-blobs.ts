import "server-only";
import { sha256Hex, type BlobStore } from "./blob-store";

export interface BlobMigrationReport {
  /** Blobs in the source store. */
  total: number;
  copied: number;
  /** Already in the target (a rerun, or a run that was interrupted): not copied again. */
  skipped: number;
  bytes: number;
  failed: { sha256: string; reason: string }[];
}

/**
 * Copies every blob of `from` into `to` (npm run blobs:migrate): idempotent and resumable, since a
 * blob's key is its hash — whatever the target holds already is skipped. Each copy is read back
 * from the target and hashed; a copy that does not match is removed again and reported, and so is
 * a source blob whose bytes no longer match its name. The source is never changed: it is removed
 * by hand once the app runs on the target.
 */
export async function migrateBlobs(
  from: BlobStore,
  to: BlobStore,
  options: { dryRun?: boolean; concurrency?: number; onBlob?: (sha256: string, outcome: "copied" | "skipped" | "failed") => void } = {},
): Promise<BlobMigrationReport> {
  const report: BlobMigrationReport = { total: 0, copied: 0, skipped: 0, bytes: 0, failed: [] };
  const running = new Set<Promise<void>>();
  for await (const blob of from.list()) {
    report.total++;
    const work = copyOne(from, to, blob.sha256, options.dryRun ?? false).then((outcome) => {
      if (outcome === "skipped") report.skipped++;
      else if (typeof outcome === "number") {
        report.copied++;
        report.bytes += outcome;
      } else report.failed.push({ sha256: blob.sha256, reason: outcome.reason });
      options.onBlob?.(blob.sha256, typeof outcome === "number" ? "copied" : outcome === "skipped" ? "skipped" : "failed");
    });
    running.add(work);
    void work.finally(() => running.delete(work));
    // A few uploads in flight: object stores are slow per request and fast in parallel.
    if (running.size >= (options.concurrency ?? 4)) await Promise.race(running);
  }
  await Promise.all(running);
  return report;
}

async function copyOne(from: BlobStore, to: BlobStore, sha256: string, dryRun: boolean): Promise<"skipped" | number | { reason: string }> {
  try {
    if (await to.exists(sha256)) return "skipped";
    const bytes = await from.get(sha256);
    if (!bytes) return { reason: "源存储中已不存在（可能刚被清理）" };
    if (sha256Hex(bytes) !== sha256) return { reason: "源文件内容与其 SHA-256 不符（已损坏），未复制" };
    if (dryRun) return bytes.length;
    await to.put(bytes);
    const copy = await to.get(sha256);
    if (!copy || sha256Hex(copy) !== sha256) {
      await to.remove(sha256);
      return { reason: "上传后读回的内容与 SHA-256 不符，已删除该副本" };
    }
    return bytes.length;
  } catch (error) {
    return { reason: `读写失败：${error instanceof Error ? error.message : String(error)}` };
  }
}
