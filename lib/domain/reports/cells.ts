/*
 * Cell paths of the report ("table3.new_received.natural_person", "table2.fees.amount_wan_yuan",
 * "table4.review.total"): how checks name the cells they concern, how overrides name the cell they
 * set, and how live fields in the narrative name a figure.
 * CONTRACT (issue 9, lead): signatures fixed; the report-domain helper implements them.
 */
import { TABLE3_COLUMNS, TABLE3_HEADER, TABLE4, table2Cells, type CellKind, type ReportFormat } from "./formats";
import { DECIMAL_PATTERN, type ReportData, type ReportOverride, type Table2Value } from "./shape";

export type ReportTables = Pick<ReportData, "table2" | "table3" | "table4">;

/** Every overridable cell path of the format, in table order. */
export function cellPaths(format: ReportFormat): string[] {
  return [
    ...table2Cells(format).map(({ row, column }) => `table2.${row.key}.${column.key}`),
    ...format.table3.rows.flatMap((row) => TABLE3_COLUMNS.map((c) => `table3.${row.key}.${c}`)),
    ...TABLE4.blocks.flatMap((block) => TABLE4.columns.map((c) => `table4.${block.key}.${c.key}`)),
  ];
}

/** The value at a cell path, or undefined for a path the data does not have. */
export function readCell(tables: ReportTables, path: string): Table2Value | undefined {
  const [table, row, column] = path.split(".");
  const t = (tables as Record<string, Record<string, Record<string, Table2Value>> | undefined>)[table];
  return t?.[row]?.[column];
}

/** What a path names in the format: its labels and the kind of value it holds; null when unknown. */
export function describeCell(format: ReportFormat, path: string): { table: string; row: string; column: string; kind: CellKind } | null {
  const parts = path.split(".");
  if (parts.length !== 3) return null;
  const [table, rowKey, columnKey] = parts;
  if (table === "table2") {
    const cell = table2Cells(format).find(({ row, column }) => row.key === rowKey && column.key === columnKey);
    return cell ? { table: "表二", row: cell.row.label, column: cell.column.label, kind: cell.column.kind } : null;
  }
  if (table === "table3") {
    const row = format.table3.rows.find((r) => r.key === rowKey);
    const column = table3ColumnLabel(columnKey);
    return row && column ? { table: "表三", row: row.labels.join(" "), column, kind: "count" } : null;
  }
  if (table === "table4") {
    const block = TABLE4.blocks.find((b) => b.key === rowKey);
    const column = TABLE4.columns.find((c) => c.key === columnKey);
    if (!block || !column) return null;
    const row = block.group === block.label ? block.label : `${block.group}（${block.label}）`;
    return { table: "表四", row, column: column.label, kind: "count" };
  }
  return null;
}

function table3ColumnLabel(key: string): string | null {
  if (key === "total") return TABLE3_HEADER.total;
  if (key === "natural_person") return TABLE3_HEADER.naturalPerson;
  return TABLE3_HEADER.organisationTypes.find((t) => t.key === key)?.label ?? null;
}

/** "表三 · 一、本年新收政府信息公开申请数量 · 自然人": a path as a person reads it. */
export function cellLabel(format: ReportFormat, path: string): string {
  const cell = describeCell(format, path);
  return cell ? `${cell.table} · ${cell.row} · ${cell.column}` : path;
}

type Parsed = { ok: true; value: Table2Value } | { ok: false; message: string };

const COUNT_MAX = 1e9;

/**
 * A typed value for the cell (a count, a 本年增/减, a decimal string), or a Chinese message:
 * "请输入不小于 0 的整数" … ; an unknown path is refused too.
 */
export function parseCellValue(format: ReportFormat, path: string, raw: string): Parsed {
  const cell = describeCell(format, path);
  if (!cell) return { ok: false, message: "没有这个单元格" };
  return parseValueOfKind(cell.kind, raw);
}

/**
 * Full-width digits and signs are what a Chinese IME types, so the text is NFKC-folded first;
 * "−" (U+2212, what Word puts in) is a minus too. Leading zeros are dropped ("012" is 12) and a
 * decimal keeps no trailing zeros ("12.50" → "12.5"): the number is the same, and one spelling per
 * number keeps overrides and exports comparable. Nothing is rounded: a fifth decimal is refused.
 */
export function parseValueOfKind(kind: CellKind, raw: string): Parsed {
  const text = raw.normalize("NFKC").replace(/\u2212/g, "-").trim();
  if (text === "") return { ok: false, message: "请输入数值" };
  if (kind === "decimal") return parseDecimal(text);
  const m = /^([+-]?)(\d+)$/.exec(text);
  if (!m) {
    if (/^[+-]?\d+\.\d*$/.test(text)) return { ok: false, message: "应为整数，不能有小数" };
    return { ok: false, message: kind === "count" ? "请输入不小于 0 的整数" : "请输入整数（减少时写负数，如 -3）" };
  }
  const value = Number(m[2]) * (m[1] === "-" ? -1 : 1);
  if (kind === "count" && m[1] === "-" && value !== 0) return { ok: false, message: "不能为负数，请输入不小于 0 的整数" };
  if (Math.abs(value) > COUNT_MAX) return { ok: false, message: "数值过大" };
  return { ok: true, value: value === 0 ? 0 : value };
}

function parseDecimal(text: string): Parsed {
  if (/^-/.test(text)) return { ok: false, message: "不能为负数" };
  const m = /^\+?(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return { ok: false, message: "请输入不带单位的数字，如 12.5" };
  const whole = m[1].replace(/^0+(?=\d)/, "");
  const fraction = (m[2] ?? "").replace(/0+$/, "");
  const value = fraction ? `${whole}.${fraction}` : whole;
  if (fraction.length > 4) return { ok: false, message: "最多四位小数" };
  if (!DECIMAL_PATTERN.test(value)) return { ok: false, message: "数值过大" };
  return { ok: true, value };
}

/** The tables with each override's value in its cell (checks run on these final values). */
export function applyOverrides(tables: ReportTables, overrides: readonly Pick<ReportOverride, "cell" | "value">[]): ReportTables {
  const copy = structuredClone(tables);
  for (const { cell, value } of overrides) {
    const [table, row, column] = cell.split(".");
    const target = (copy as unknown as Record<string, Record<string, Record<string, Table2Value>> | undefined>)[table]?.[row];
    // An override names a cell the format has; a stale path (a format change) must not add a key.
    if (target && Object.hasOwn(target, column)) target[column] = value;
  }
  return copy;
}
