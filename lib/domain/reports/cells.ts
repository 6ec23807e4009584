/*
 * Cell paths of the report ("table3.new_received.natural_person", "table2.fees.amount_wan_yuan",
 * "table4.review.total"): how checks name the cells they concern, how overrides name the cell they
 * set, and how live fields in the narrative name a figure.
 * CONTRACT (issue 9, lead): signatures fixed; the report-domain helper implements them.
 */
import type { ReportFormat } from "./formats";
import type { ReportData, ReportOverride, Table2Value } from "./shape";

export type ReportTables = Pick<ReportData, "table2" | "table3" | "table4">;

/** Every overridable cell path of the format, in table order. */
export function cellPaths(format: ReportFormat): string[] {
  void format;
  return [];
}

/** The value at a cell path, or undefined for a path the data does not have. */
export function readCell(tables: ReportTables, path: string): Table2Value | undefined {
  const [table, row, column] = path.split(".");
  const t = (tables as Record<string, Record<string, Record<string, Table2Value>> | undefined>)[table];
  return t?.[row]?.[column];
}

/** "表三 · 一、本年新收政府信息公开申请数量 · 自然人": a path as a person reads it. */
export function cellLabel(format: ReportFormat, path: string): string {
  void format;
  return path;
}

/**
 * A typed value for the cell (a count, a 本年增/减, a decimal string), or a Chinese message:
 * "请输入不小于 0 的整数" … ; an unknown path is refused too.
 */
export function parseCellValue(format: ReportFormat, path: string, raw: string): { ok: true; value: Table2Value } | { ok: false; message: string } {
  void format;
  void path;
  void raw;
  return { ok: false, message: "未实现" };
}

/** The tables with each override's value in its cell (checks run on these final values). */
export function applyOverrides(tables: ReportTables, overrides: readonly Pick<ReportOverride, "cell" | "value">[]): ReportTables {
  void overrides;
  return tables;
}
