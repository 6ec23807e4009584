import "server-only";
import { z } from "zod";
import { sanitizeBodyHtml } from "@/lib/domain/html";
import type { ItemFormValues } from "@/lib/domain/item-form";
import type { Actor } from "@/lib/server/platform/actor";
import { authorizeTransition, can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { findItemFacts } from "./facts";
import { NEW_ITEM_KEY } from "./drafts";
import { forbidden, invalid, notFound, ok, type Failure, type Result } from "@/lib/server/platform/result";
import { refuse, refuseNotFound, write, type Target } from "@/lib/server/platform/use-case";

/**
 * 自动保存: the editor's unsaved state, one row per user and item ("new" for a draft not yet
 * saved). It is a private scratch copy, not a record: only its owner reads it, a real save
 * deletes it, and it is not audited (an event every five seconds would drown the log; the saved
 * revision is what the audit trail records) — only a refused one is.
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

/**
 * Stores the editor's state unless a newer one is stored already: autosaves travel separately and
 * may arrive out of order (a slow request from five seconds ago must not overwrite the latest
 * typing). `stored: false` tells the editor its copy was older; nothing is lost.
 */
export async function saveAutosave(actor: Actor, itemKey: string, raw: unknown): Promise<Result<{ savedAt: number; stored: boolean }>> {
  const parsed = autosaveSchema.safeParse(raw);
  if (!parsed.success || JSON.stringify(parsed.data).length > AUTOSAVE_MAX_CHARS) return invalid({}, "自动保存的内容无效或过大。");
  const target: Target = { action: "item.autosave", entity: "DisclosureItem", entityId: itemKey.slice(0, 64) };
  const refused = await mayAutosave(actor, itemKey);
  if (refused) {
    const failure = refused as Failure;
    return failure.error === "not_found" ? refuseNotFound(actor, target) : refuse(actor, target, failure.error, failure);
  }
  const data = parsed.data;
  // Stored HTML is HTML we may send back to a browser: it gets the same allowlist as a save.
  data.values.body = sanitizeBodyHtml(data.values.body);
  return write(actor, target, async (tx) => {
    // The guard: only a newer savedAt replaces the stored copy, atomically in the upsert itself.
    const stored = await tx.$executeRaw`
      INSERT INTO "EditorAutosave" ("userId", "itemKey", "data", "updatedAt")
      VALUES (${actor.id}, ${itemKey}, ${JSON.stringify(data)}::jsonb, now())
      ON CONFLICT ("userId", "itemKey") DO UPDATE SET "data" = EXCLUDED."data", "updatedAt" = now()
      WHERE ("EditorAutosave"."data"->>'savedAt')::bigint < (EXCLUDED."data"->>'savedAt')::bigint`;
    return ok({ savedAt: data.savedAt, stored: stored === 1 });
  });
}

export async function loadAutosave(actor: Actor, itemKey: string): Promise<AutosaveData | null> {
  const row = await db().editorAutosave.findUnique({ where: { userId_itemKey: { userId: actor.id, itemKey } } });
  const parsed = autosaveSchema.safeParse(row?.data);
  return parsed.success ? parsed.data : null;
}

export async function discardAutosave(actor: Actor, itemKey: string): Promise<void> {
  await db().editorAutosave.deleteMany({ where: { userId: actor.id, itemKey: String(itemKey).slice(0, 64) } });
}
