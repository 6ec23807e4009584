"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { missingReplyFields } from "@/lib/domain/requests/reply-fields";
import { formValues, type FormState } from "@/lib/form-state";
import { replyTemplatesFor, type ReplyTemplateKey } from "@/lib/domain/requests/letters-replies";
import { isOutcome } from "@/lib/domain/requests/outcomes";
import { requireActor } from "@/lib/server/platform/auth";
import type { Failure } from "@/lib/server/platform/result";
import { loadLetterTemplate, TEMPLATE_KEY_FIELD } from "@/lib/server/requests/documents";
import { recordClockEvent } from "@/lib/server/requests/events";
import { assignRequest, confirmApplication, registerRequest } from "@/lib/server/requests/intake";
import { approveReply, deliverReply, draftReply, returnReply } from "@/lib/server/requests/reply";

/**
 * The request console's actions: actor → use case (which authorises, validates and audits) →
 * revalidate, then back to the request page with `?done=` (post/redirect/get: the form used is
 * usually gone after the transition, and a reload must not repeat it). A failure keeps every value.
 */

export type RegistrationState = FormState & { registered?: { id: string; number: string; trackingCode: string; receivedOn: string } };

function failed(result: Failure, formData: FormData): FormState {
  return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values: formValues(formData) };
}

function invalidForm(fieldErrors: Record<string, string[]>, formData: FormData): FormState {
  return { ok: false, message: "请检查标红的内容。", fieldErrors, values: formValues(formData) };
}

export type Done = "confirmed" | "assigned" | "event" | "drafted" | "approved" | "returned" | "delivered";
function doneOn(id: string, done: Done): never {
  revalidatePath("/console", "layout");
  redirect(`/console/requests/${encodeURIComponent(id)}?done=${done}`);
}

/** Form fields left empty are absent, so optional schema fields stay optional. */
function present(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ""));
}

export async function registerRequestAction(_: RegistrationState, formData: FormData): Promise<RegistrationState> {
  const actor = await requireActor();
  const result = await registerRequest(actor, formValues(formData));
  if (!result.ok) return failed(result, formData);
  revalidatePath("/console", "layout");
  return { ok: true, message: `已登记，编号 ${result.value.number}。`, registered: result.value };
}

/** 确认 from the queue: the queue stays on screen with the request moved to 待分办. */
export async function confirmApplicationAction(id: string, _: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await confirmApplication(actor, id);
  if (!result.ok) return failed(result, formData);
  revalidatePath("/console", "layout");
  if (formData.get("from") === "page") doneOn(id, "confirmed");
  return { ok: true, message: `已确认收到，编号 ${result.value.number}，收到日 ${result.value.receivedOn}。` };
}

export async function assignRequestAction(id: string, _: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await assignRequest(actor, id, String(formData.get("departmentId") ?? ""));
  if (!result.ok) return failed(result, formData);
  revalidatePath("/console", "layout");
  if (formData.get("from") === "page") doneOn(id, "assigned");
  return { ok: true, message: "已分办。" };
}

/**
 * 办理事项. The notices printed from them need what the clock does not: the 补正事项 of a
 * 补正告知书 and the 延期理由 of a 延期答复告知书, so the console asks for both.
 */
export async function recordClockEventAction(id: string, _: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const input = present(formValues(formData));
  if (input.type === "CORRECTION_REQUESTED" && !input.补正事项) return invalidForm({ 补正事项: ["请一次性列明需要补正的事项"] }, formData);
  if (input.type === "EXTENDED" && !input.延期理由) return invalidForm({ 延期理由: ["请填写延期理由（将写入延期答复告知书）"] }, formData);
  const result = await recordClockEvent(actor, id, input);
  if (!result.ok) return failed(result, formData);
  doneOn(id, "event");
}

const FIELD_PREFIX = "field:";

export async function draftReplyAction(id: string, _: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const outcome = values.outcome ?? "";
  if (!isOutcome(outcome)) return invalidForm({ outcome: ["请选择办理结果"] }, formData);
  const key = values.template as ReplyTemplateKey;
  if (!replyTemplatesFor(outcome).includes(key)) return invalidForm({ template: ["请选择答复书样式"] }, formData);
  const template = await loadLetterTemplate(key);
  const typed = Object.fromEntries(
    Object.entries(values)
      .filter(([k, v]) => k.startsWith(FIELD_PREFIX) && v.trim() !== "")
      .map(([k, v]) => [k.slice(FIELD_PREFIX.length), v.trim()]),
  );
  const basis = (values.basis ?? "").trim();
  const missing = missingReplyFields(template, typed, basis);
  if (key === "granted_published" && !values.providedItemId) missing.providedItemId = ["请选择已主动公开的信息"];
  if (Object.keys(missing).length > 0) {
    const fieldErrors = Object.fromEntries(Object.entries(missing).map(([k, v]) => [k === "basis" || k === "providedItemId" ? k : `${FIELD_PREFIX}${k}`, v]));
    return invalidForm(fieldErrors, formData);
  }
  const result = await draftReply(actor, id, {
    outcome,
    basis: basis || undefined,
    fields: { [TEMPLATE_KEY_FIELD]: key, ...typed },
    providedItemId: values.providedItemId || undefined,
  });
  if (!result.ok) return failed(result, formData);
  doneOn(id, "drafted");
}

export async function approveReplyAction(id: string, _: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await approveReply(actor, id);
  if (!result.ok) return failed(result, formData);
  doneOn(id, "approved");
}

export async function returnReplyAction(id: string, _: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await returnReply(actor, id, formData.get("comment") ?? "");
  if (!result.ok) return failed(result, formData);
  doneOn(id, "returned");
}

export async function deliverReplyAction(id: string, _: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const result = await deliverReply(actor, id, values.deliveredOn ?? "", new Date(), values.method || "missing");
  if (!result.ok) return failed(result, formData);
  doneOn(id, "delivered");
}
