"use server";

import { revalidatePath } from "next/cache";
import { formValues, type FormState } from "@/lib/form-state";
import { setTotpPolicy } from "@/lib/server/account/security-policy";
import { resetTotp } from "@/lib/server/account/totp";
import { requireActor } from "@/lib/server/platform/auth";

/** 安全策略 (安全管理员): the use cases authorise, validate and audit. */
export async function setTotpPolicyAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  // Checkboxes of one name: formValues would keep only the last.
  const roles = formData.getAll("roles").filter((r): r is string => typeof r === "string");
  const result = await setTotpPolicy(actor, { roles });
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors };
  revalidatePath("/console/security");
  return { ok: true, message: "已保存。新要求的角色的用户将在下次操作时被引导启用动态口令。" };
}

export async function resetTotpAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await resetTotp(actor, formValues(formData));
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePath("/console/security");
  return { ok: true, message: "已重置。" };
}
