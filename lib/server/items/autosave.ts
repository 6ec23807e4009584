import "server-only";
import { z } from "zod";
import { sanitizeBodyHtml } from "@/lib/domain/html";
import type { ItemFormValues } from "@/lib/domain/item-form";
import type { Actor } from "@/lib/server/platform/actor";
import { authorizeTransition, can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { findItemFacts } from "./facts";
import { NEW_ITEM_KEY } from "./drafts";
import { forbidden, invalid, notFound, ok, type Result } from "@/lib/server/platform/result";

/**
 * 自动保存: the editor's unsaved state, one row per user and item ("new" for a draft not yet
 * saved). It is a private scratch copy, not a record: only its owner reads it, a real save
 * deletes it, and it is not audited (an event every five seconds would drown the log; the saved
 * revision is what the audit trail records).
 */
const AUTOSAVE_MAX_CHARS = 400_000;

const text = z.string().max(5000);
const formValuesSchema = z.object({
  title: text, documentNumber: text, publisher: text, summary: text, columnId: text, topic: text, keywords: text,
  attribute: text, attributeReason: text, article20Item: text, documentType: text, signedOn: text, effectiveOn: text,
  repealedOn: text, validity: text, formedOn: text,
  body: z.string().max(120_000),
  channels: z.array(z.string().max(64)).max(20),
  attachments: z
    .array(z.object({ fileId: z.string().max(64), fileName: z.string().max(300), size: z.number().int().nonnegative(), mimeType: z.string().max(200), attachmentId: z.string().max(64).nullable() }))
    .max(50),
}) satisfies z.ZodType<ItemFormValues>;

export const autosaveSchema = z.object({
  values: formValuesSchema,
  /** The revision the form was opened on (null for a new item). */
  baseRevisionId: z.string().max(64).nullable(),
  savedAt: z.number().int().nonnegative(),
});
export type AutosaveData = z.infer<typeof autosaveSchema>;

async function mayAutosave(actor: Actor, itemKey: string): Promise<Result<undefined> | null> {
  if (itemKey === NEW_ITEM_KEY) return can(actor, "item.create") && actor.departmentId ? null : forbidden();
  const facts = await findItemFacts(actor, itemKey);
  if (!facts) return notFound();
  return authorizeTransition(actor, facts.workflow, "edit").ok ? null : forbidden("该信息当前不能修改。");
}

export async function saveAutosave(actor: Actor, itemKey: string, raw: unknown): Promise<Result<{ savedAt: number }>> {
  const parsed = autosaveSchema.safeParse(raw);
  if (!parsed.success || JSON.stringify(parsed.data).length > AUTOSAVE_MAX_CHARS) return invalid({}, "自动保存的内容无效或过大。");
  const refused = await mayAutosave(actor, itemKey);
  if (refused) return refused as Result<{ savedAt: number }>;
  const data = parsed.data;
  // Stored HTML is HTML we may send back to a browser: it gets the same allowlist as a save.
  data.values.body = sanitizeBodyHtml(data.values.body);
  await db().editorAutosave.upsert({
    where: { userId_itemKey: { userId: actor.id, itemKey } },
    create: { userId: actor.id, itemKey, data },
    update: { data },
  });
  return ok({ savedAt: data.savedAt });
}

export async function loadAutosave(actor: Actor, itemKey: string): Promise<AutosaveData | null> {
  const row = await db().editorAutosave.findUnique({ where: { userId_itemKey: { userId: actor.id, itemKey } } });
  const parsed = autosaveSchema.safeParse(row?.data);
  return parsed.success ? parsed.data : null;
}

export async function discardAutosave(actor: Actor, itemKey: string): Promise<void> {
  await db().editorAutosave.deleteMany({ where: { userId: actor.id, itemKey: String(itemKey).slice(0, 64) } });
}
