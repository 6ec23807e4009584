/*
 * The yearly figures the office enters for table 二 (行政许可, 行政处罚, 行政强制 decisions; 收费 in
 * 万元; for GB2019 the item inventories and 采购): parsed from a form or JSON, checked per cell.
 * CONTRACT (issue 9, lead): signatures fixed; the report-domain helper implements them.
 */
import { parseValueOfKind } from "./cells";
import type { ReportFormat } from "./formats";
import type { Table2Data } from "./shape";

/** The `entered` rows of the format with their columns (what the console's figures form shows). */
export function enteredRows(format: ReportFormat) {
  return format.table2.blocks.flatMap((block) => block.rows.filter((r) => r.source.kind === "entered").map((row) => ({ block, row })));
}

/**
 * Raw form values keyed "row.column" → the typed figures, or Chinese messages per field
 * ("行政许可 · 本年处理决定数量：请输入不小于 0 的整数"). Blank means 0.
 * Only the figures' own keys are read: the caller strips anything else a form posts (revision,
 * action ids). A key that names no entered cell is refused, so a typo never vanishes silently.
 */
export function parseFigures(format: ReportFormat, raw: Record<string, unknown>): { ok: true; figures: Table2Data } | { ok: false; fieldErrors: Record<string, string[]> } {
  const figures: Table2Data = {};
  const fieldErrors: Record<string, string[]> = {};
  const known = new Set<string>();
  for (const { block, row } of enteredRows(format)) {
    figures[row.key] = {};
    for (const column of block.columns) {
      const key = `${row.key}.${column.key}`;
      known.add(key);
      const parsed = parseRaw(column.kind, raw[key]);
      if (parsed.ok) figures[row.key][column.key] = parsed.value;
      else fieldErrors[key] = [`${row.label} · ${column.label}：${parsed.message}`];
    }
  }
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) fieldErrors[key] = [`未知的填报项“${key}”`];
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, figures };
}

function parseRaw(kind: "count" | "change" | "decimal", value: unknown) {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
    return { ok: true as const, value: kind === "decimal" ? "0" : 0 };
  }
  if (typeof value === "number") {
    // JSON numbers: a float can't be an exact 万元 amount past 15 digits, but String() of what fits is exact.
    if (!Number.isFinite(value)) return { ok: false as const, message: "应为数字" };
    return parseValueOfKind(kind, String(value));
  }
  if (typeof value !== "string") return { ok: false as const, message: "应为数字" };
  return parseValueOfKind(kind, value);
}
