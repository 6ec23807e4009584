import "server-only";
import { z } from "zod";
import { chinaDate } from "@/lib/domain/dates";
import { htmlToText } from "@/lib/domain/html";
import { contentHash, itemDraftSchema, type ItemDraftInput } from "@/lib/domain/item";
import type { Actor } from "@/lib/server/platform/actor";
import { db, type DbOrTx } from "@/lib/server/platform/db";
import { invalid, type Failure } from "@/lib/server/platform/result";

/** From the draft form (or a script) to the rows of one revision: parse, check references, hash. */

export type DraftFields = Record<string, unknown>;

/** FormData → plain fields; the list fields (channels, attachments) keep every entry, in order. */
export function draftFieldsFromForm(formData: FormData): DraftFields {
  const fields: DraftFields = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key.startsWith("$ACTION")) continue;
    if (key === "channels" || key === "attachmentIds") fields[key] = [...((fields[key] as string[] | undefined) ?? []), value];
    else fields[key] = value;
  }
  return fields;
}

export async function activeChannels(tx: DbOrTx = db()) {
  return tx.channel.findMany({ where: { active: true }, orderBy: { sortOrder: "asc" }, select: { code: true, name: true } });
}

export async function parseDraft(input: DraftFields, now: Date): Promise<{ ok: true; data: ItemDraftInput } | { ok: false; failure: Failure }> {
  const channels = (await activeChannels()).map((c) => c.code);
  const parsed = itemDraftSchema(chinaDate(now), { channels }).safeParse(input);
  if (!parsed.success) return { ok: false, failure: invalid(z.flattenError(parsed.error).fieldErrors) };
  const column = await db().column.findUnique({ where: { id: parsed.data.columnId }, select: { id: true } });
  if (!column) return { ok: false, failure: invalid({ columnId: ["所选栏目不存在，请重新选择"] }) };
  return { ok: true, data: parsed.data };
}

/**
 * The files a save may attach: those already on a revision of this item (copied forward as
 * rows, not bytes) and those this actor uploaded. Anything else, e.g. another department's file
 * id, is refused as if it did not exist.
 */
export async function resolveAttachments(tx: DbOrTx, actor: Actor, fileIds: readonly string[], itemId: string | null) {
  if (fileIds.length === 0) return { ok: true as const, files: [] };
  const files = await tx.storedFile.findMany({
    where: {
      id: { in: [...fileIds] },
      OR: [{ uploadedById: actor.id }, ...(itemId ? [{ attachments: { some: { revision: { itemId } } } }] : [])],
    },
    select: { id: true, sha256: true, fileName: true },
  });
  const byId = new Map(files.map((f) => [f.id, f]));
  if (fileIds.some((id) => !byId.has(id))) return { ok: false as const };
  return { ok: true as const, files: fileIds.map((id) => byId.get(id)!) };
}

type ResolvedFile = { id: string; sha256: string; fileName: string };

/**
 * The revision row (without itemId) and its attachment rows. The hash covers every field a
 * reviewer approves, the body and the attached files in order, so an approval binds to exactly
 * what was reviewed.
 */
export function revisionRows(actor: Actor, data: ItemDraftInput, number: number, defaultPublisher: string, files: readonly ResolvedFile[]) {
  const publisher = data.publisher ?? defaultPublisher;
  const hash = contentHash({ ...data, publisher, bodyHtml: data.body, attachments: files });
  const day = (v: string | null) => (v ? new Date(`${v}T00:00:00Z`) : null);
  return {
    revision: {
      number,
      title: data.title,
      documentNumber: data.documentNumber,
      publisher,
      summary: data.summary,
      topic: data.topic,
      keywords: data.keywords,
      attribute: data.attribute,
      attributeReason: data.attributeReason,
      article20Item: data.article20Item,
      documentType: data.documentType,
      signedOn: day(data.signedOn),
      effectiveOn: day(data.effectiveOn),
      repealedOn: day(data.repealedOn),
      validity: data.validity,
      formedOn: day(data.formedOn)!,
      channels: data.channels,
      bodyHtml: data.body,
      bodyText: htmlToText(data.body),
      contentHash: hash,
      authorId: actor.id,
    },
    attachments: files.map((f, sortOrder) => ({ fileId: f.id, sortOrder })),
  };
}
