import "server-only";
import { checkAttachment } from "@/lib/domain/file-kind";
import { originAllowed } from "@/lib/domain/edge";
import { env, siteUrl } from "@/lib/env";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can, itemScope } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { publicItemWhere } from "./publication";
import { forbidden, invalid, ok, type Result } from "@/lib/server/platform/result";
import { blobStore } from "@/lib/server/files/storage";
import { refuse, write, type Target } from "@/lib/server/platform/use-case";
import { lockBlob } from "@/lib/server/files/blob-lock";
import { sendJob } from "@/lib/server/jobs/queue";
import { recordItemProbe } from "./probe";

/** 附件: uploads (checked by their bytes, stored by hash) and the one download rule. */

export interface UploadedFile {
  id: string;
  fileName: string;
  size: number;
  mimeType: string;
}

export function uploadLimitBytes(): number {
  return env().UPLOAD_MAX_MB * 1024 * 1024;
}

/** A name safe to store and to send back: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "").replace(/\s+/g, " ").trim();
  if (clean.length <= 200) return clean || "附件";
  const dot = clean.lastIndexOf(".");
  const ext = dot > 0 && clean.length - dot <= 9 ? clean.slice(dot) : "";
  return clean.slice(0, 200 - ext.length) + ext;
}

/** 上传附件: a liaison's file, refused unless its bytes are one of the allowed kinds. */
export async function storeUpload(actor: Actor, upload: { fileName: string; bytes: Uint8Array }): Promise<Result<UploadedFile>> {
  const fileName = cleanFileName(upload.fileName);
  const target: Target = { action: "file.upload", entity: "StoredFile" };
  if (!can(actor, "file.upload")) return refuse(actor, target, "wrong_role", forbidden("只有处室联络员可以上传附件。"));
  if (upload.bytes.length > uploadLimitBytes()) return invalid({ file: [`文件超过 ${env().UPLOAD_MAX_MB} MB 的上限，不能上传。`] }, `文件超过 ${env().UPLOAD_MAX_MB} MB 的上限。`);
  const check = await checkAttachment(fileName, upload.bytes);
  if (!check.ok) {
    await audit(null, { actor, action: "file.upload", entity: "StoredFile", result: "FAILURE", detail: { fileName, reason: check.message } });
    return invalid({ file: [check.message] }, check.message);
  }
  const { sha256, size } = await blobStore().put(upload.bytes);
  const stored = await write(actor, target, async (tx) => {
    // The daily orphan cleanup may have removed these bytes since put() found them (blob-lock.ts).
    await lockBlob(tx, sha256);
    if (!(await blobStore().exists(sha256))) await blobStore().put(upload.bytes);
    // Text extraction runs on the job queue (extract-text): until it is done the file is PENDING,
    // shown to 保密审查 as 文本提取中, and the item cannot pass 保密审查.
    const file = await tx.storedFile.create({ data: { sha256, size, mimeType: check.mimeType, fileName, textStatus: "PENDING", uploadedById: actor.id } });
    await audit(tx, { actor, ...target, entityId: file.id, detail: { fileName, sha256, size, mimeType: check.mimeType } });
    return ok(file);
  });
  if (!stored.ok) return stored;
  const row = stored.value;
  // After the commit, so a worker never looks for a row that is not there yet. If the queue is
  // unreachable the file stays PENDING and the daily cleanup queues it again.
  await sendJob("extract-text", { fileId: row.id }).catch((error) => console.error(`[gongkai] extract-text not queued for ${row.id}: ${(error as Error).message}`));
  return ok({ id: row.id, fileName, size, mimeType: check.mimeType });
}

/**
 * 附件下载 (GET /attachments/{id}): public when its revision is the published revision of an item
 * that is public now (the one publishability rule); otherwise only for staff who may see the item;
 * otherwise not found, so a draft's attachment id tells nothing.
 */
export async function findDownload(attachmentId: string, staff: Actor | null | (() => Promise<Actor | null>), now = new Date()) {
  if (typeof attachmentId !== "string" || attachmentId.length > 64) return null;
  const attachment = await db().attachment.findUnique({
    where: { id: attachmentId },
    select: { revisionId: true, revision: { select: { itemId: true } }, file: { select: { sha256: true, size: true, mimeType: true, fileName: true } } },
  });
  if (!attachment) return null;
  const isPublic = await db().disclosureItem.count({
    where: { AND: [{ id: attachment.revision.itemId, publishedRevisionId: attachment.revisionId }, publicItemWhere(now)] },
  });
  if (isPublic) return { ...attachment.file, audience: "public" as const };
  // The session is read only when the file is not public: public downloads need no login.
  const actor = typeof staff === "function" ? await staff() : staff;
  if (!actor) return null;
  const visible = await db().disclosureItem.count({ where: { AND: [{ id: attachment.revision.itemId }, itemScope(actor)] } });
  if (!visible) await recordItemProbe(actor, attachment.revision.itemId, { attachmentId });
  return visible ? { ...attachment.file, audience: "staff" as const } : null;
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_") || "attachment";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * CSRF guard for our own mutating route handlers (proxy.ts refuses foreign origins too; this also
 * refuses a write without Origin): the browser's Origin must be the site's own, NEXTAUTH_URL —
 * never whatever Host or X-Forwarded-Host the request claims.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  return origin !== null && originAllowed("POST", origin, siteUrl(), env().NODE_ENV === "production");
}
