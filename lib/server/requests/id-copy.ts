import "server-only";
import { checkAttachment, extensionOf } from "@/lib/domain/file-kind";
import { ID_COPY_KINDS, ID_COPY_MAX_BYTES, ID_COPY_TOO_LARGE, ID_COPY_WRONG_KIND } from "@/lib/domain/requests/id-copy";
import { blobStore } from "@/lib/server/files/storage";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { handlesPersonalData, requestScope } from "@/lib/server/platform/authz";
import { sealBytes, unsealBytes } from "@/lib/server/platform/crypto";
import { db } from "@/lib/server/platform/db";
import { forbidden, ok, type Result } from "@/lib/server/platform/result";
import { refuse, refuseNotFound, type Target } from "@/lib/server/platform/use-case";

/** 身份证明复印件: checked and sealed on the way in, opened only for the staff handling the request. */

export interface SealedIdCopy {
  mimeType: string;
  size: number;
  sealed: Buffer;
}

/** A file from the public form, or why it is refused (in Chinese, for the field). */
export async function sealIdCopy(fileName: string, bytes: Uint8Array): Promise<{ ok: true; value: SealedIdCopy } | { ok: false; message: string }> {
  if (bytes.length > ID_COPY_MAX_BYTES) return { ok: false, message: ID_COPY_TOO_LARGE };
  const check = await checkAttachment(fileName, bytes);
  if (!check.ok) return { ok: false, message: check.message };
  if (!ID_COPY_KINDS.includes(check.kind)) return { ok: false, message: ID_COPY_WRONG_KIND };
  return { ok: true, value: { mimeType: check.mimeType, size: bytes.length, sealed: sealBytes(bytes) } };
}

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf" };

/**
 * The ID copy of a request, for the console: the office and the assigned 处室 (handlesPersonalData)
 * only; anyone else in scope is refused, anyone out of scope gets "not found". Each opening is
 * audited as a view of the applicant's data. Serves the public form's sealed copy, or the file
 * staff attached when registering a letter or a walk-in.
 */
export async function idCopyOf(actor: Actor, requestId: string): Promise<Result<{ bytes: Buffer; mimeType: string; fileName: string } | null>> {
  const target: Target = { action: "request.view", entity: "DisclosureRequest", entityId: requestId };
  const row =
    typeof requestId === "string" && requestId.length <= 64
      ? await db().disclosureRequest.findFirst({
          where: { AND: [{ id: requestId }, requestScope(actor)] },
          select: { id: true, number: true, assignedDepartmentId: true, idCopy: true, idCopyFile: { select: { sha256: true, mimeType: true, fileName: true } } },
        })
      : null;
  if (!row) return refuseNotFound(actor, target);
  if (!handlesPersonalData(actor, row)) return refuse(actor, target, "personal_data", forbidden("只有承办该申请的工作人员可以查看申请人的身份证明。"));
  const base = `身份证明-${row.number ?? row.id}`;
  let file: { bytes: Buffer; mimeType: string; fileName: string } | null = null;
  if (row.idCopy) {
    file = { bytes: unsealBytes(row.idCopy.sealed), mimeType: row.idCopy.mimeType, fileName: `${base}.${EXTENSIONS[row.idCopy.mimeType] ?? "bin"}` };
  } else if (row.idCopyFile) {
    const bytes = await blobStore().get(row.idCopyFile.sha256);
    if (bytes) file = { bytes, mimeType: row.idCopyFile.mimeType, fileName: `${base}.${extensionOf(row.idCopyFile.fileName) || "bin"}` };
  }
  if (file) await audit(null, { actor, ...target, detail: { idCopy: true } });
  return ok(file);
}
