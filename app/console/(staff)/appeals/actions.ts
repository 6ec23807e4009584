"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formValues, type FormState } from "@/lib/form-state";
import { createAppeal, updateAppeal } from "@/lib/server/requests/appeals";
import { requireActor } from "@/lib/server/platform/auth";

/** 行政复议/诉讼 cases: actor → use case (authorises, validates, audits) → back to the year's list. */

function listed(filedOn: string, notice: string): never {
  revalidatePath("/console/appeals");
  redirect(`/console/appeals?year=${filedOn.slice(0, 4)}&${notice}`);
}

export async function createAppealAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const result = await createAppeal(actor, values);
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  listed(values.filedOn, "saved=new");
}

export async function updateAppealAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const result = await updateAppeal(actor, values.id ?? "", values);
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  listed(values.filedOn, "saved=edit");
}
