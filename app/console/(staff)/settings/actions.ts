"use server";

import { revalidatePath } from "next/cache";
import { formValues, type FormState } from "@/lib/form-state";
import { requireActor } from "@/lib/server/platform/auth";
import { updateSiteSettings } from "@/lib/server/admin/site-settings";

/** 站点设置: saves the 政府信息公开指南's settings (the use case authorises, validates and audits). */
export async function saveSiteSettingsAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const result = await updateSiteSettings(actor, values);
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  revalidatePath("/", "layout");
  const { changed } = result.value;
  return { ok: true, message: changed.length ? `已保存（修改了 ${changed.length} 项）。` : "没有修改任何内容。" };
}
