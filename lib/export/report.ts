/*
 * The annual report's renderers (issue 9 §8): an ExportDocument for DOCX and PDF, CSV per table,
 * and the HTML of the report (sections and real tables) that the item body, the public page and
 * the print view all use. They walk the format (lib/domain/reports/formats.ts); none names a row.
 * CONTRACT (issue 9, lead): signatures fixed; the report-export helper implements them.
 */
import type { ExportDocument } from "./document";
import type { ReportData } from "@/lib/domain/reports/shape";

export type ReportTableKey = "table2" | "table3" | "table4";

/** Title, six sections, bordered tables with merged header cells, notes (overrides, accepted checks); 草稿 when not frozen. */
export function reportDocument(data: ReportData, options: { draft: boolean }): ExportDocument {
  void options;
  return { title: `${data.bureau}${data.year}年政府信息公开工作年度报告`, blocks: [] };
}

/** One table as CSV (UTF-8 BOM, the format's labels), or all three one after another. */
export function reportCsv(data: ReportData, table: ReportTableKey | "all"): string {
  void data;
  void table;
  return "";
}

/** The report as HTML (sections with live fields filled, tables with merged header cells). */
export function reportHtml(data: ReportData): string {
  void data;
  return "";
}
