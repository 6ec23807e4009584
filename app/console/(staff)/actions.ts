"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formValues, type FormState } from "@/lib/form-state";
import { requireActor } from "@/lib/server/auth";
import { createDraft, submitItem, updateDraft } from "@/lib/server/items";
import { publishItem } from "@/lib/server/publication";
import type { Failure } from "@/lib/server/result";
import { reviewItem } from "@/lib/server/reviews";
import { setUserStatus } from "@/lib/server/users";

/** Thin actions: actor → use case (which authorises and validates) → revalidate/redirect. */

function failed(result: Failure, formData?: FormData): FormState {
  return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values: formData ? formValues(formData) : undefined };
}

export async function createItemAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await createDraft(actor, formValues(formData));
  if (!result.ok) return failed(result, formData);
  redirect(`/console/items/${result.value.id}?saved=1`);
}

export async function updateItemAction(itemId: string, revisionId: string, _: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await updateDraft(actor, itemId, revisionId, formValues(formData));
  if (!result.ok) return failed(result, formData);
  redirect(`/console/items/${itemId}?saved=1`);
}

export async function submitItemAction(itemId: string, revisionId: string, _: FormState): Promise<FormState> {
  const actor = await requireActor();
  const result = await submitItem(actor, itemId, revisionId);
  if (!result.ok) return failed(result);
  revalidatePath("/console");
  return { ok: true, message: "已提交审核。" };
}

export async function reviewItemAction(itemId: string, _: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await reviewItem(actor, itemId, formValues(formData));
  if (!result.ok) return failed(result, formData);
  revalidatePath("/console");
  return { ok: true, message: "审核意见已提交。" };
}

export async function publishItemAction(itemId: string, revisionId: string, _: FormState): Promise<FormState> {
  const actor = await requireActor();
  const result = await publishItem(actor, itemId, revisionId);
  if (!result.ok) return failed(result);
  revalidatePath("/");
  return { ok: true, message: `已发布，索引号 ${result.value.indexNumber}。` };
}

export async function setUserStatusAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await setUserStatus(actor, formValues(formData));
  if (!result.ok) return failed(result);
  revalidatePath("/console/users");
  return { ok: true, message: "已更新。" };
}
