"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { plainTextToHtml } from "@/lib/domain/html";
import { cellPaths, parseCellValue } from "@/lib/domain/reports/cells";
import { formatFor, SECTION_KEYS } from "@/lib/domain/reports/formats";
import type { Table2Value } from "@/lib/domain/reports/shape";
import { formValues, type FormState } from "@/lib/form-state";
import { requireActor } from "@/lib/server/platform/auth";
import { importReport } from "@/lib/server/reports/store";

/**
 * 按表录入往年报告 (issue 9 §6): the figures of a past year's published report, typed cell by cell
 * into the format's tables, become the same JSON the upload takes and go through the same import
 * (authorised, validated, refused for this year or a taken one, audited). Each field is named by
 * its cell path, so a refusal of the import lands on the field it concerns; every typed value is
 * handed back.
 */
export async function importTypedReportAction(_: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const values = formValues(formData);
  const year = Number(values.year);
  if (!Number.isInteger(year)) return { ok: false, message: "年份无效。", values };
  const format = formatFor(year);

  const fieldErrors: Record<string, string[]> = {};
  const tables: Record<string, Record<string, Record<string, Table2Value>>> = { table2: {}, table3: {}, table4: {} };
  for (const path of cellPaths(format)) {
    const raw = values[path] ?? "";
    // A blank cell is a zero: the printed reports leave many cells empty or write "0".
    const parsed = raw.trim() === "" ? parseCellValue(format, path, "0") : parseCellValue(format, path, raw);
    const [table, row, column] = path.split(".");
    if (parsed.ok) (tables[table][row] ??= {})[column] = parsed.value;
    else fieldErrors[path] = [parsed.message];
  }
  const count = Object.keys(fieldErrors).length;
  if (count) return { ok: false, message: `有 ${count} 个单元格的数值有误，未导入；请按提示修改后再提交。`, fieldErrors, values };

  const sections = Object.fromEntries(SECTION_KEYS.map((k) => [k, paragraphs(values[`sections.${k}`] ?? "")]));
  const json = { year, format: format.key, status: "imported", bureau: "", sections, ...tables };
  const result = await importReport(actor, json);
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  revalidatePath("/console/reports");
  revalidatePath(`/console/reports/${year}`);
  redirect(`/console/reports/${year}`);
}

/**
 * Text pasted from a Word or PDF copy puts one paragraph on a line, so every non-empty line is a
 * paragraph (escaped; the import sanitises it again).
 */
function paragraphs(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n").map((l) => l.trim()).filter(Boolean);
  return plainTextToHtml(lines.join("\n\n"));
}
