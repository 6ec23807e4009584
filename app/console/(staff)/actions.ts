"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formValues, type FormState } from "@/lib/form-state";
import { requireActor } from "@/lib/server/platform/auth";
import { submitItem } from "@/lib/server/items/drafts";
import { publishItem, withdrawItem } from "@/lib/server/items/publication";
import type { Failure } from "@/lib/server/platform/result";
import { markAllNotificationsRead } from "@/lib/server/platform/notifications";
import { reviewItem } from "@/lib/server/items/reviews";
import { setUserStatus, unlockUser } from "@/lib/server/admin/users";

/**
 * Thin actions: actor → use case (which authorises and validates) → revalidate/redirect.
 * The item form's own actions (draft, save, autosave) are in ./items/actions.ts.
 * A success redirects (post/redirect/get) to the item page with `?done=`, which shows the notice:
 * the form that was used is usually gone after the transition, and a reload must not repeat it.
 */

type Done = "saved" | "submitted" | "reviewed" | "published" | "scheduled" | "withdrawn";
function doneOn(itemId: string, done: Done): never {
  revalidatePath("/console", "layout");
  if (done === "published" || done === "withdrawn") revalidatePath("/", "layout");
  redirect(`/console/items/${itemId}?done=${done}`);
}

function failed(result: Failure, formData?: FormData): FormState {
  return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values: formData ? formValues(formData) : undefined };
}

export async function submitItemAction(itemId: string, revisionId: string, _: FormState): Promise<FormState> {
  const actor = await requireActor();
  const result = await submitItem(actor, itemId, revisionId);
  if (!result.ok) return failed(result);
  doneOn(itemId, "submitted");
}

export async function reviewItemAction(itemId: string, _: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await reviewItem(actor, itemId, formValues(formData));
  if (!result.ok) return failed(result, formData);
  doneOn(itemId, "reviewed");
}

export async function publishItemAction(itemId: string, revisionId: string, _: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const result = await publishItem(actor, itemId, revisionId, { publishAt: values.mode === "later" ? values.publishAt || "missing" : null });
  if (!result.ok) return failed(result, formData);
  doneOn(itemId, result.value.publishAt.getTime() > Date.now() ? "scheduled" : "published");
}

export async function withdrawItemAction(itemId: string, _: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await withdrawItem(actor, itemId, formValues(formData).reason);
  if (!result.ok) return failed(result, formData);
  doneOn(itemId, "withdrawn");
}

export async function setUserStatusAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await setUserStatus(actor, formValues(formData));
  if (!result.ok) return failed(result);
  revalidatePath("/console/users");
  return { ok: true, message: "已更新。" };
}

export async function unlockUserAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await unlockUser(actor, formValues(formData));
  if (!result.ok) return failed(result);
  revalidatePath("/console/users");
  return { ok: true, message: "已解除锁定。" };
}

export async function markAllReadAction() {
  const actor = await requireActor();
  await markAllNotificationsRead(actor);
  revalidatePath("/console", "layout");
}
