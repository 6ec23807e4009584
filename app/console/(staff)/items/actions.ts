"use server";

import { revalidatePath } from "next/cache";
import type { ItemFormState } from "@/components/items/item-form-state";
import { formatChineseDateTime } from "@/lib/domain/dates";
import { getActor } from "@/lib/server/platform/auth";
import { discardAutosave, saveAutosave } from "@/lib/server/items/autosave";
import { draftFieldsFromForm } from "@/lib/server/items/input";
import { getLatestRevision } from "@/lib/server/items/views";
import { createDraft, updateDraft } from "@/lib/server/items/drafts";
import type { Failure } from "@/lib/server/platform/result";

/**
 * The liaison's item form. Unlike the other console actions these do not redirect to the login
 * page when the session has ended: the form stays on screen with everything typed, says so, and
 * the person signs in again in another tab (no lost work). A successful save answers the item id
 * and the form navigates after clearing its local autosave copy.
 */

const SESSION_EXPIRED: ItemFormState = {
  ok: false,
  sessionExpired: true,
  message: "登录已过期，内容未保存，但仍保留在本页和本机浏览器中。请在新标签页重新登录后，回到本页再次保存。",
};

function failed(result: Failure): ItemFormState {
  return { ok: false, message: result.message, fieldErrors: result.fieldErrors };
}

export async function createItemAction(_: ItemFormState, formData: FormData): Promise<ItemFormState> {
  const actor = await getActor();
  if (!actor) return SESSION_EXPIRED;
  const result = await createDraft(actor, draftFieldsFromForm(formData));
  if (!result.ok) return failed(result);
  revalidatePath("/console", "layout");
  return { ok: true, savedItemId: result.value.id };
}

export async function updateItemAction(itemId: string, _: ItemFormState, formData: FormData): Promise<ItemFormState> {
  const actor = await getActor();
  if (!actor) return SESSION_EXPIRED;
  const expected = String(formData.get("expectedRevisionId") ?? "");
  const result = await updateDraft(actor, itemId, expected, draftFieldsFromForm(formData));
  if (result.ok) {
    revalidatePath("/console", "layout");
    return { ok: true, savedItemId: itemId };
  }
  if (result.error !== "conflict") return failed(result);
  const latest = await getLatestRevision(actor, itemId);
  if (!latest || latest.id === expected) return failed(result);
  return {
    ok: false,
    message: `${result.message}下面对照了您填写的内容与${latest.author}保存的第 ${latest.number} 版。`,
    conflict: { revisionId: latest.id, number: latest.number, author: latest.author, savedAt: formatChineseDateTime(latest.createdAt), fields: latest.fields },
  };
}

/** 自动保存 to the server (every few seconds while typing). Never redirects: a lapsed session is reported. */
export async function autosaveItemAction(itemKey: string, data: unknown): Promise<{ ok: boolean; signedOut?: boolean }> {
  const actor = await getActor();
  if (!actor) return { ok: false, signedOut: true };
  const result = await saveAutosave(actor, itemKey, data);
  return { ok: result.ok };
}

export async function discardAutosaveAction(itemKey: string): Promise<void> {
  const actor = await getActor();
  if (actor) await discardAutosave(actor, itemKey);
}
