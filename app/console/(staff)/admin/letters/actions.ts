"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formValues, type FormState } from "@/lib/form-state";
import { requireActor } from "@/lib/server/platform/auth";
import { resetLetterTemplate, saveLetterTemplate, templateEditFromForm } from "@/lib/server/requests/templates";

/** 文书模板: thin actions; the use cases authorise, check every {占位符}, write and audit. */

const LIST = "/console/admin/letters";

export async function saveLetterTemplateAction(_: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const key = values.key ?? "";
  const result = await saveLetterTemplate(await requireActor(), key, templateEditFromForm(values));
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  revalidatePath(LIST);
  revalidatePath(`${LIST}/${key}`);
  return { ok: true, message: "已保存。之后生成的文书使用修改后的模板。" };
}

export async function resetLetterTemplateAction(_: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const key = values.key ?? "";
  const result = await resetLetterTemplate(await requireActor(), key, values.version || undefined);
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePath(LIST);
  redirect(`${LIST}/${encodeURIComponent(key)}?done=reset`);
}
