import "server-only";
import { env } from "@/lib/env";
import { db } from "@/lib/server/platform/db";
import { blobStore } from "@/lib/server/files/storage";
import { scanPdfActiveContent } from "@/lib/server/files/pdf-active-content";
import { extractText } from "@/lib/server/files/text-extract";
import { sendJob, type JobContext } from "./queue";

/**
 * 附件文字提取, off the upload request: reads the file's bytes from the BlobStore, extracts its
 * text within TEXT_EXTRACT_TIMEOUT_SECONDS and records it for the secrecy scan. Idempotent: only
 * a PENDING file is written, so a retried or duplicated job changes nothing twice.
 *
 * - text found → DONE; no text (an image, a scan, a type we do not read) → UNREADABLE;
 * - an error or the timeout → thrown, so pg-boss retries with backoff; on the last attempt the
 *   file is marked FAILED first, which 保密审查 sees as 无法读取，需人工核对.
 *
 * A PDF is first scanned for what can act when it is opened (pdf-active-content.ts: JavaScript,
 * /Launch, /AA, embedded files), recorded for 保密审查 whatever its text gives; a PDF whose streams
 * inflate past the scan's caps is not handed to pdf.js at all. mammoth and pdf.js run in a worker
 * thread with a heap limit and a timeout (files/isolated.ts), a .docx only after the bounded unzip
 * (files/safe-zip.ts); the timeout here is the last resort around all of it.
 */
export async function extractTextJob(job: JobContext<"extract-text">): Promise<{ status: string }> {
  try {
    return { status: await extractStoredText(job.payload.fileId) };
  } catch (error) {
    if (job.lastAttempt) await markFailed(job.payload.fileId);
    throw error;
  }
}

export async function extractStoredText(fileId: string, timeoutMs = env().TEXT_EXTRACT_TIMEOUT_SECONDS * 1000): Promise<string> {
  const file = await db().storedFile.findUnique({ where: { id: fileId }, select: { sha256: true, mimeType: true, textStatus: true } });
  // Removed meanwhile (orphan cleanup) or already done by another attempt: nothing to do.
  if (!file || file.textStatus !== "PENDING") return file?.textStatus ?? "GONE";
  const bytes = await blobStore().get(file.sha256);
  if (!bytes) throw new Error("附件内容不存在（存储中找不到该文件）");
  // A plain Uint8Array copy: pdf.js refuses a Node Buffer (and a Buffer's slice() is no copy).
  const activeContent = await scanPdfActiveContent(bytes);
  const text = activeContent.includes("oversized") ? "" : await withTimeout(extractText(new Uint8Array(bytes), file.mimeType), timeoutMs);
  const status = text ? "DONE" : "UNREADABLE";
  await db().storedFile.updateMany({ where: { id: fileId, textStatus: "PENDING" }, data: { text: text || null, textStatus: status, activeContent, activeContentScannedAt: new Date() } });
  return status;
}

/**
 * PDFs stored before the active-content scan existed (activeContentScannedAt null, their text long
 * extracted) are scanned once, in batches, by the daily cleanup: a /JavaScript in one of them then
 * shows on its attachment list and at 保密审查 like any new upload's. A file whose bytes are gone is
 * marked scanned with nothing found (the orphan cleanup and 保密审查's own "无法读取" cover it).
 * Returns how many were scanned; stops after `max` so one run stays short.
 */
export async function rescanActiveContent(max = 5000): Promise<number> {
  let scanned = 0;
  while (scanned < max) {
    const batch = await db().storedFile.findMany({
      where: { activeContentScannedAt: null, textStatus: { not: "PENDING" }, mimeType: "application/pdf" },
      select: { id: true, sha256: true },
      orderBy: { createdAt: "asc" },
      take: Math.min(100, max - scanned),
    });
    if (batch.length === 0) break;
    for (const file of batch) {
      const bytes = await blobStore().get(file.sha256);
      const activeContent = bytes ? await scanPdfActiveContent(bytes) : [];
      await db().storedFile.updateMany({ where: { id: file.id, activeContentScannedAt: null }, data: { activeContent, activeContentScannedAt: new Date() } });
      scanned++;
    }
  }
  return scanned;
}

async function markFailed(fileId: string) {
  await db().storedFile.updateMany({ where: { id: fileId, textStatus: "PENDING" }, data: { text: null, textStatus: "FAILED" } });
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`文字提取超时（超过 ${Math.round(ms / 1000)} 秒）`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Files left PENDING for an hour (their job was never queued — the queue was unreachable at
 * upload — or was lost) are queued again; run by the daily cleanup. Harmless when a job exists.
 */
export async function requeueStalePending(now = new Date()): Promise<number> {
  const stale = await db().storedFile.findMany({
    where: { textStatus: "PENDING", createdAt: { lt: new Date(now.getTime() - 60 * 60_000) } },
    select: { id: true },
    take: 1000,
  });
  for (const f of stale) await sendJob("extract-text", { fileId: f.id });
  return stale.length;
}
