"use server";

import { revalidatePath } from "next/cache";
import { formValues, type FormState } from "@/lib/form-state";
import { revokeMyOtherSessions, revokeMySession } from "@/lib/server/account/my-sessions";
import { requireActor } from "@/lib/server/platform/auth";

/** 我的会话: end one other session (by its handle, never its id) or all the others. */
export async function revokeMySessionAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const result = await revokeMySession(actor, formValues(formData));
  if (!result.ok) return { ok: false, message: result.fieldErrors ? "会话标识无效，请刷新页面后重试。" : result.message };
  revalidatePath("/console/account/sessions");
  return { ok: true, message: "该会话已结束。" };
}

export async function revokeMyOtherSessionsAction(): Promise<FormState> {
  const actor = await requireActor();
  const result = await revokeMyOtherSessions(actor);
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePath("/console/account/sessions");
  return { ok: true, message: `已结束其他 ${result.value.count} 个会话。` };
}
