/*
 * The yearly figures the office enters for table 二 (行政许可, 行政处罚, 行政强制 decisions; 收费 in
 * 万元; for GB2019 the item inventories and 采购): parsed from a form or JSON, checked per cell.
 * CONTRACT (issue 9, lead): signatures fixed; the report-domain helper implements them.
 */
import type { ReportFormat } from "./formats";
import type { Table2Data } from "./shape";

/** The `entered` rows of the format with their columns (what the console's figures form shows). */
export function enteredRows(format: ReportFormat) {
  return format.table2.blocks.flatMap((block) => block.rows.filter((r) => r.source.kind === "entered").map((row) => ({ block, row })));
}

/**
 * Raw form values keyed "row.column" → the typed figures, or Chinese messages per field
 * ("行政许可 · 本年处理决定数量：请输入不小于 0 的整数"). Blank means 0.
 */
export function parseFigures(format: ReportFormat, raw: Record<string, unknown>): { ok: true; figures: Table2Data } | { ok: false; fieldErrors: Record<string, string[]> } {
  void format;
  void raw;
  return { ok: true, figures: {} };
}
