"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { requireActor } from "@/lib/server/platform/auth";
import { draftItemFromRequest } from "@/lib/server/requests/similar";

/**
 * 据此起草主动公开信息 (条例第四十四条): the use case authorises (the 承办处室's 联络员), drafts once
 * per request and audits; a new draft opens in the editor, one made before opens on its page.
 */
export async function draftItemFromRequestAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await draftItemFromRequest(actor, String(formData.get("requestId") ?? ""));
  if (!result.ok) return { ok: false, message: result.message };
  redirect(result.value.created ? `/console/items/${result.value.itemId}/edit` : `/console/items/${result.value.itemId}`);
}
