"use server";

import { revalidatePath } from "next/cache";
import { formValues, type FormState } from "@/lib/form-state";
import { SECTION_KEYS } from "@/lib/domain/reports/formats";
import { requireActor } from "@/lib/server/platform/auth";
import type { Result } from "@/lib/server/platform/result";
import { requestExport } from "@/lib/server/reports/exports";
import {
  clearCheckNote,
  clearOverride,
  importReport,
  noteCheck,
  saveFigures,
  saveSections,
  sendForReview,
  setOverride,
  startCorrection,
} from "@/lib/server/reports/store";

/**
 * The annual report's actions (components/reports/*): actor → use case (authorises, validates,
 * checks the revision, audits) → revalidate. Every answer carries back what was typed, so a
 * refusal loses nothing; the use cases' messages are already Chinese and fit for the page.
 */

const FIXED = new Set(["year", "revision"]);

function parsed(formData: FormData) {
  const values = formValues(formData);
  return { values, year: Number(values.year), revision: Number(values.revision) };
}

function answer(result: Result<unknown>, values: Record<string, string>, year: number, message: string): FormState {
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  revalidatePath(`/console/reports/${year}`);
  revalidatePath("/console/reports");
  return { ok: true, message, values };
}

export async function saveSectionsAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const { values, year, revision } = parsed(formData);
  const sections = Object.fromEntries(SECTION_KEYS.filter((k) => k in values).map((k) => [k, values[k]]));
  return answer(await saveSections(actor, year, { revision, sections }), values, year, "已保存，检查结果已更新。");
}

export async function saveFiguresAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const { values, year, revision } = parsed(formData);
  const figures = Object.fromEntries(Object.entries(values).filter(([k]) => !FIXED.has(k)));
  return answer(await saveFigures(actor, year, { revision, figures }), values, year, "已保存录入的数据，检查结果已更新。");
}

export async function setOverrideAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const { values, year, revision } = parsed(formData);
  const input = { revision, cell: values.cell ?? "", value: values.value ?? "", reason: values.reason ?? "" };
  return answer(await setOverride(actor, year, input), values, year, "已修改该单元格，检查结果已更新。");
}

export async function clearOverrideAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const { values, year, revision } = parsed(formData);
  return answer(await clearOverride(actor, year, { revision, cell: values.cell ?? "" }), values, year, "已恢复为计算值。");
}

export async function noteCheckAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const { values, year, revision } = parsed(formData);
  const input = { revision, checkId: values.checkId ?? "", reason: values.reason ?? "" };
  return answer(await noteCheck(actor, year, input), values, year, "已说明并接受该项检查结果。");
}

export async function clearCheckNoteAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const { values, year, revision } = parsed(formData);
  return answer(await clearCheckNote(actor, year, { revision, checkId: values.checkId ?? "" }), values, year, "已撤回说明。");
}

export async function sendForReviewAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const { values, year, revision } = parsed(formData);
  return answer(await sendForReview(actor, year, { revision }), values, year, "已送审：年度报告已作为公开信息提交审核。");
}

export async function startCorrectionAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const { values, year, revision } = parsed(formData);
  return answer(await startCorrection(actor, year, { revision, note: values.note ?? "" }), values, year, "已开始编制更正版，修改后请重新送审。");
}

export type ImportState = FormState & { problems?: { path: string; message: string }[]; year?: number };

/** A past year's report from its JSON file; the use case validates it whole, nothing saved on error. */
export async function importReportAction(_: ImportState, formData: FormData): Promise<ImportState> {
  const actor = await requireActor();
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: "请选择要导入的 JSON 文件。" };
  if (file.size > 5_000_000) return { ok: false, message: "文件过大（超过 5 MB），不像是一份年度报告的 JSON。" };
  let json: unknown;
  try {
    json = JSON.parse((await file.text()).replace(/^\uFEFF/, ""));
  } catch (e) {
    return { ok: false, message: `文件不是有效的 JSON：${e instanceof SyntaxError ? e.message : "无法解析"}。未导入任何内容。` };
  }
  const result = await importReport(actor, json);
  if (!result.ok) {
    const problems = Object.entries(result.fieldErrors ?? {}).flatMap(([path, messages]) => (messages ?? []).map((message) => ({ path, message })));
    return { ok: false, message: result.message, problems };
  }
  revalidatePath("/console/reports");
  return { ok: true, message: `已导入 ${result.value.year} 年年度报告。`, year: result.value.year };
}

export type ExportRequestState = FormState & { exportId?: string; format?: string };

/** 导出 Word/PDF: queues the render-report job; the page polls its progress. */
export async function requestExportAction(_: ExportRequestState, formData: FormData): Promise<ExportRequestState> {
  const actor = await requireActor();
  const { values, year } = parsed(formData);
  const format = values.format === "pdf" ? "pdf" : "docx";
  const result = await requestExport(actor, year, format, values.versionId || null);
  if (!result.ok) return { ok: false, message: result.message, values };
  return { ok: true, exportId: result.value.id, format, values };
}
