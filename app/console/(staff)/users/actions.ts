"use server";

import { revalidatePath } from "next/cache";
import { formValues, type FormState } from "@/lib/form-state";
import { assignRoles, createUser, resetPassword } from "@/lib/server/admin/accounts";
import { requireActor } from "@/lib/server/platform/auth";
import type { Failure } from "@/lib/server/platform/result";

/**
 * 用户管理's account actions. A one-time password travels once, in the action's answer to the
 * administrator's own form: it is not stored in clear, not in the audit row, not in a URL.
 */
export type OneTimePasswordState = FormState & { oneTime?: { username: string; password: string } };

function failed(result: Failure, formData?: FormData): FormState {
  return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values: formData ? formValues(formData) : undefined };
}

export async function createUserAction(_: OneTimePasswordState, formData: FormData): Promise<OneTimePasswordState> {
  const actor = await requireActor();
  const result = await createUser(actor, formValues(formData));
  if (!result.ok) return failed(result, formData);
  revalidatePath("/console/users");
  return { ok: true, message: `已新建用户 ${result.value.username}；该账户还没有角色，请安全管理员分配。`, oneTime: { username: result.value.username, password: result.value.oneTimePassword } };
}

export async function resetPasswordAction(userId: string, _: OneTimePasswordState): Promise<OneTimePasswordState> {
  const actor = await requireActor();
  const result = await resetPassword(actor, { userId });
  if (!result.ok) return failed(result);
  revalidatePath(`/console/users/${userId}`);
  return { ok: true, message: "密码已重置，该用户的会话已全部结束。", oneTime: { username: result.value.username, password: result.value.oneTimePassword } };
}

export async function assignRolesAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  // Checkboxes share one name: formValues would keep only the last.
  const roles = formData.getAll("roles").filter((r): r is string => typeof r === "string");
  const result = await assignRoles(actor, { ...formValues(formData), roles });
  if (!result.ok) return { ...failed(result, formData), values: { ...formValues(formData), roles: roles.join(",") } };
  revalidatePath("/console/users", "layout");
  return { ok: true, message: result.value.revokedSessions ? `已保存；该用户的 ${result.value.revokedSessions} 个会话已结束，须重新登录。` : "已保存。" };
}
