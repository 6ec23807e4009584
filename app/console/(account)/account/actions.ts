"use server";

import { redirect } from "next/navigation";
import type { EnrolmentState } from "@/components/console/account/totp-enrolment";
import { formValues, type FormState } from "@/lib/form-state";
import { changePassword } from "@/lib/server/account/password";
import { confirmEnrolment } from "@/lib/server/account/totp";
import { requireAccountActor } from "@/lib/server/platform/auth";

/** 修改密码: the one action a user who owes a password change may run (requireAccountActor). */
export async function changePasswordAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAccountActor("change_password");
  const result = await changePassword(actor, formValues(formData));
  // Passwords are never sent back to the form, not even the ones typed.
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors };
  redirect("/console/account/password?done=1");
}


/** 启用动态口令: the recovery codes come back in the state, shown once and never stored in clear. */
export async function confirmTotpAction(_: EnrolmentState, formData: FormData): Promise<EnrolmentState> {
  const actor = await requireAccountActor("enrol_totp");
  const values = formValues(formData);
  const result = await confirmEnrolment(actor, values);
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  return { ok: true, message: "动态口令已启用。", recoveryCodes: result.value.recoveryCodes };
}
