"use server";

import { revalidatePath } from "next/cache";
import type { FeeLine } from "@/lib/domain/requests/fees";
import { formValues, type FormState } from "@/lib/form-state";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { issueFeeNotice, previewFee, recordFeePaid } from "@/lib/server/requests/fees";

/**
 * The fee panel's actions (components/console/requests/fee-panel.tsx): the calculator, the 收费通知
 * and the payment. Each is actor → use case (authorises, checks the clock, audits) → revalidate.
 */

export type FeePreviewState = FormState & { preview?: { totalYuan: number; lines: FeeLine[]; text: string[]; free: string | null } };

export async function previewFeeAction(_: FeePreviewState, formData: FormData): Promise<FeePreviewState> {
  const actor = await requireActor();
  const values = formValues(formData);
  if (!can(actor, "request.fee")) return { ok: false, message: "您没有执行此操作的权限。", values };
  const result = previewFee(values);
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  const { totalYuan, lines, text, free } = result.value;
  return { ok: true, values, preview: { totalYuan, lines, text, free } };
}

function done(requestId: string, message: string, formData: FormData): FormState {
  revalidatePath(`/console/requests/${requestId}`);
  return { ok: true, message, values: formValues(formData) };
}

export async function issueFeeNoticeAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const result = await issueFeeNotice(actor, values.requestId ?? "", values);
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  return done(values.requestId, `已登记收费通知：应缴 ${result.value.amountYuan} 元，缴费期限至 ${result.value.payBy}。`, formData);
}

export async function recordFeePaidAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const result = await recordFeePaid(actor, values.requestId ?? "", values);
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  return done(values.requestId, "已登记缴费，答复期限恢复计算。", formData);
}
