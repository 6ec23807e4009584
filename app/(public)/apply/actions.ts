"use server";

import type { ApplyState } from "@/lib/domain/requests/public-application";
import { formValues } from "@/lib/form-state";
import { requestMeta } from "@/lib/server/platform/request-context";
import { applyOnline } from "@/lib/server/requests/public";

/** 提交申请: the form's fields, the optional ID copy and the challenge payload → 回执 or errors. */
export async function submitApplicationAction(_: ApplyState, formData: FormData): Promise<ApplyState> {
  // A hand-made call may send anything: only a form is an application.
  if (!(formData instanceof FormData)) return { status: "editing", message: "提交的内容无法识别，请刷新页面后重新填写。" };
  const { altcha, ...values } = formValues(formData);
  const file = formData.get("idCopy");
  const idCopy =
    file instanceof File && file.size > 0 ? { name: file.name, size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) } : null;
  return applyOnline({ values, idCopy, challenge: altcha ?? null }, await requestMeta());
}
