import "server-only";
import { env } from "@/lib/env";
import { audit } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";
import { lockBlob } from "@/lib/server/files/blob-lock";
import { blobStore } from "@/lib/server/files/storage";
import { PREVIEW_TTL_MS as LEDGER_PREVIEW_TTL_MS } from "@/lib/server/requests/ledger-upload";

/**
 * 清理未使用的上传文件 (daily, 03:30 Beijing time): uploads that never became an attachment go
 * away after ORPHAN_UPLOAD_GRACE_HOURS, then every blob no StoredFile names any more.
 *
 * A StoredFile is kept while any revision's Attachment references it (revisions are immutable
 * and append-only; the foreign key refuses the delete anyway) or an autosaved editor draft lists
 * it, or a request points at it: a staff-attached 身份证明复印件 (DisclosureRequest.idCopyFileId,
 * whose foreign key would otherwise quietly set it to null) or an attachment of a 答复书 or notice
 * (RequestDocument.fields.attachmentFileIds). A blob is kept while any StoredFile has its hash,
 * and while it is younger than the grace period (an upload writes the blob before its row). Every batch of deleted rows is audited in
 * the transaction that deletes it (with the ids), and every removed blob in the transaction that
 * holds its lock, so a run cut short leaves no deletion unrecorded; rows go first and blobs after
 * their commit, because a removed blob cannot come back while a rolled-back row would.
 * A 台账 preview never confirmed is dropped after an hour here too (the upload page drops them
 * only when someone uploads again).
 */
export const SYSTEM_ACTOR_NAME = "系统任务";
const BATCH = 500;
const SYSTEM = { actorName: SYSTEM_ACTOR_NAME, meta: { ip: null, userAgent: null } };

export interface CleanupCounts {
  files: number;
  /** 台账 previews never confirmed (their file holds applicants' names and whatever else the sheet had). */
  ledgerPreviews: number;
  blobs: number;
  bytes: number;
  graceHours: number;
}

export async function cleanupOrphans(now = new Date(), graceHours = env().ORPHAN_UPLOAD_GRACE_HOURS): Promise<CleanupCounts> {
  const cutoff = new Date(now.getTime() - graceHours * 3_600_000);
  let files = 0;
  for (;;) {
    const removed = await db().$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; fileName: string }[]>`
      DELETE FROM "StoredFile" WHERE "id" IN (
        SELECT f."id" FROM "StoredFile" f
        WHERE f."createdAt" < ${cutoff}
          AND NOT EXISTS (SELECT 1 FROM "Attachment" a WHERE a."fileId" = f."id")
          AND NOT EXISTS (
            SELECT 1 FROM "EditorAutosave" e,
              jsonb_array_elements(CASE WHEN jsonb_typeof(e."data"->'values'->'attachments') = 'array'
                                        THEN e."data"->'values'->'attachments' ELSE '[]'::jsonb END) AS x
            WHERE x->>'fileId' = f."id")
          AND NOT EXISTS (SELECT 1 FROM "DisclosureRequest" r WHERE r."idCopyFileId" = f."id")
          AND NOT EXISTS (SELECT 1 FROM "RequestDocument" d WHERE d."fields"->'attachmentFileIds' @> jsonb_build_array(f."id"))
        ORDER BY f."createdAt" LIMIT ${BATCH})
      RETURNING "id", "fileName"`;
      if (rows.length) await audit(tx, { ...SYSTEM, action: "files.cleanup", entity: "StoredFile", detail: { kind: "orphan_uploads", graceHours, files: rows } });
      return rows;
    });
    files += removed.length;
    if (removed.length < BATCH) break;
  }

  const previewCutoff = new Date(now.getTime() - LEDGER_PREVIEW_TTL_MS);
  const ledgerPreviews = await db().$transaction(async (tx) => {
    // Deleted and listed in one statement: a preview confirmed meanwhile is neither deleted nor listed.
    const rows = await tx.$queryRaw<{ id: string; fileName: string }[]>`
      DELETE FROM "LedgerUpload" WHERE "status" = 'PREVIEWED' AND "createdAt" < ${previewCutoff}
      RETURNING "id", "fileName"`;
    if (rows.length) await audit(tx, { ...SYSTEM, action: "files.cleanup", entity: "LedgerUpload", detail: { kind: "ledger_previews", uploads: rows } });
    return rows.length;
  });

  let blobs = 0;
  let bytes = 0;
  const store = blobStore();
  for await (const blob of store.list()) {
    if (blob.modifiedAt >= cutoff) continue;
    const removed = await db().$transaction(async (tx) => {
      await lockBlob(tx, blob.sha256);
      if (await tx.storedFile.count({ where: { sha256: blob.sha256 } })) return false;
      await audit(tx, { ...SYSTEM, action: "files.cleanup", entity: "StoredFile", detail: { kind: "unreferenced_blob", sha256: blob.sha256, size: blob.size } });
      await store.remove(blob.sha256);
      return true;
    });
    if (removed) {
      blobs += 1;
      bytes += blob.size;
    }
  }

  const counts = { files, ledgerPreviews, blobs, bytes, graceHours };
  await audit(null, { ...SYSTEM, action: "files.cleanup", entity: "StoredFile", detail: { kind: "summary", ...counts } });
  return counts;
}
