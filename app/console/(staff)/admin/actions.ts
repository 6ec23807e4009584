"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formValues, type FormState } from "@/lib/form-state";
import { createColumn, deleteColumn, moveColumn, updateColumn } from "@/lib/server/admin/columns";
import { createChannel, moveChannel, updateChannel } from "@/lib/server/admin/channels";
import { createDepartment, moveDepartment, updateDepartment } from "@/lib/server/admin/departments";
import { saveTargets } from "@/lib/server/admin/targets";
import { requireActor } from "@/lib/server/platform/auth";
import type { Result } from "@/lib/server/platform/result";

/**
 * Thin actions of office administration (公开办): actor → use case (which authorises, validates,
 * writes and audits) → revalidate. Failures come back with per-field errors and the typed values.
 */

function settle<T>(result: Result<T>, formData: FormData, path: string, message: string | ((value: T) => string)): FormState {
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values: formValues(formData) };
  revalidatePath(path);
  // Columns and departments appear in the editor's lists and on the public site.
  revalidatePath("/", "layout");
  return { ok: true, message: typeof message === "string" ? message : message(result.value as T) };
}

const DEPARTMENTS = "/console/admin/departments";
const COLUMNS = "/console/admin/columns";
const CHANNELS = "/console/admin/channels";
const TARGETS = "/console/admin/targets";

export async function createDepartmentAction(_: FormState, formData: FormData): Promise<FormState> {
  const result = await createDepartment(await requireActor(), formValues(formData));
  return settle(result, formData, DEPARTMENTS, "已新建处室。");
}

export async function updateDepartmentAction(_: FormState, formData: FormData): Promise<FormState> {
  const result = await updateDepartment(await requireActor(), formValues(formData));
  return settle(result, formData, DEPARTMENTS, (v) =>
    v.movedToNewLeader ? `已保存。${v.movedToNewLeader} 条待分管领导审核的信息已转由新的分管领导审核。` : "已保存。",
  );
}

export async function moveDepartmentAction(_: FormState, formData: FormData): Promise<FormState> {
  return settle(await moveDepartment(await requireActor(), formValues(formData)), formData, DEPARTMENTS, "已调整顺序。");
}

export async function createColumnAction(_: FormState, formData: FormData): Promise<FormState> {
  const result = await createColumn(await requireActor(), formValues(formData));
  if (!result.ok) return settle(result, formData, COLUMNS, "");
  revalidatePath("/", "layout");
  redirect(`${COLUMNS}?done=created`);
}

export async function updateColumnAction(_: FormState, formData: FormData): Promise<FormState> {
  const result = await updateColumn(await requireActor(), formValues(formData));
  if (!result.ok) return settle(result, formData, COLUMNS, "");
  revalidatePath("/", "layout");
  const kept = result.value.stagesChanged && result.value.inReview > 0 ? `&inReview=${result.value.inReview}` : "";
  redirect(`${COLUMNS}?done=saved${kept}`);
}

export async function deleteColumnAction(_: FormState, formData: FormData): Promise<FormState> {
  return settle(await deleteColumn(await requireActor(), formValues(formData)), formData, COLUMNS, "已删除栏目。");
}

export async function moveColumnAction(_: FormState, formData: FormData): Promise<FormState> {
  return settle(await moveColumn(await requireActor(), formValues(formData)), formData, COLUMNS, "已调整顺序。");
}

export async function createChannelAction(_: FormState, formData: FormData): Promise<FormState> {
  return settle(await createChannel(await requireActor(), formValues(formData)), formData, CHANNELS, "已新建渠道。");
}

export async function updateChannelAction(_: FormState, formData: FormData): Promise<FormState> {
  return settle(await updateChannel(await requireActor(), formValues(formData)), formData, CHANNELS, "已保存。");
}

export async function moveChannelAction(_: FormState, formData: FormData): Promise<FormState> {
  return settle(await moveChannel(await requireActor(), formValues(formData)), formData, CHANNELS, "已调整顺序。");
}

export async function saveTargetsAction(_: FormState, formData: FormData): Promise<FormState> {
  const result = await saveTargets(await requireActor(), formValues(formData));
  return settle(result, formData, TARGETS, (v) => (v.changed ? `已保存 ${v.year} 年的月度目标（${v.changed} 项修改）。` : "没有需要保存的修改。"));
}
