import { cellText, shown } from "./ledger-cells";
import type { LedgerColumn } from "./ledger-columns";

/*
 * The shape every 台账 check shares: match the header to the contract's columns, then read each
 * row through a RowReader that records every problem against its row and column. A file imports
 * all or nothing (issue #8 §9), so the checks never stop at the first bad row.
 */

/** One spreadsheet row as the file reader gives it; `row` counts as Excel does (header = 1). */
export interface LedgerRow {
  row: number;
  cells: readonly string[];
  /** Cells the reader would not turn into text (a formula, an error value), by column index. */
  problems?: readonly { index: number; message: string }[];
}

/** A problem, by spreadsheet row and header name ("" when it concerns the whole file). */
export interface LedgerError {
  row: number;
  column: string;
  message: string;
}

export type LedgerParse<T> =
  | { ok: true; records: T[]; /** Headers not in the contract, read past (not an error). */ ignoredColumns: string[] }
  | { ok: false; errors: LedgerError[] };

/** A header cell as written: BOM, spaces of any width (全角 too) and NFKC differences dropped. */
export function headerName(cell: string): string {
  return cellText(cell).normalize("NFKC").replace(/\s+/g, "");
}

interface HeaderMap {
  index: Map<string, number>;
  ignored: string[];
  errors: LedgerError[];
}

export function mapHeader(columns: readonly LedgerColumn[], header: readonly string[]): HeaderMap {
  const known = new Set(columns.map((c) => c.name));
  const index = new Map<string, number>();
  const ignored: string[] = [];
  const errors: LedgerError[] = [];
  header.map(headerName).forEach((name, i) => {
    if (!known.has(name)) {
      if (name) ignored.push(name);
    } else if (index.has(name)) {
      errors.push({ row: 1, column: name, message: `表头中“${name}”出现了不止一次（第 ${index.get(name)! + 1} 列和第 ${i + 1} 列）` });
    } else index.set(name, i);
  });
  for (const c of columns) {
    if (c.headerRequired && !index.has(c.name)) errors.push({ row: 1, column: c.name, message: `缺少“${c.name}”列：第 1 行应为表头，请使用导入模板的列名` });
  }
  return { index, ignored, errors };
}

/** The cells of one row by column name, collecting that row's errors. */
export class RowReader {
  readonly errors: LedgerError[] = [];
  private readonly unreadable = new Set<string>();

  constructor(
    private readonly source: LedgerRow,
    private readonly index: Map<string, number>,
  ) {
    for (const p of source.problems ?? []) {
      const column = [...index].find(([, i]) => i === p.index)?.[0];
      // A formula in a column the import ignores is no concern of the import.
      if (column) {
        this.unreadable.add(column);
        this.fail(column, p.message);
      }
    }
  }

  get row(): number {
    return this.source.row;
  }

  /** Trimmed text; "" when empty or the column is absent; undefined when unreadable (already reported). */
  text(column: string): string | undefined {
    if (this.unreadable.has(column)) return undefined;
    const i = this.index.get(column);
    return i === undefined ? "" : cellText(this.source.cells[i]);
  }

  /** Free text, kept as typed (a leading = stays text: nothing here evaluates it); null when empty. */
  freeText(column: string, max: number): string | null | undefined {
    const value = this.text(column);
    if (value && value.length > max) return this.fail(column, `不能超过 ${max} 个字（现有 ${value.length} 个字）`);
    return value === undefined ? undefined : value || null;
  }

  /** A controlled word; `fallback` when empty (undefined: the cell is required). */
  word<T>(column: string, lookup: (v: string) => T | null, accepted: readonly string[], fallback?: T): T | undefined {
    const value = this.text(column);
    if (value === undefined) return undefined;
    if (value === "") return fallback ?? this.fail(column, `请填写${column}（可填：${accepted.join("、")}）`);
    return lookup(value) ?? this.fail(column, `“${shown(value)}”不是可接受的${column}，可填：${accepted.join("、")}`);
  }

  fail(column: string, message: string): undefined {
    this.errors.push({ row: this.source.row, column, message });
    return undefined;
  }
}

/** Whether every cell is blank: such rows (Excel keeps formatted empty rows) are skipped, not errors. */
export function isBlankRow(row: LedgerRow): boolean {
  return row.cells.every((c) => cellText(c) === "") && !row.problems?.length;
}

/**
 * Runs `read` over every non-blank row; the records only when no row (nor the header) failed.
 * `read` returns undefined for a row with errors, which it has recorded on the reader.
 */
export function parseSheet<T>(
  columns: readonly LedgerColumn[],
  header: readonly string[],
  rows: readonly LedgerRow[],
  read: (reader: RowReader) => T | undefined,
): LedgerParse<T> {
  const map = mapHeader(columns, header);
  if (map.errors.length) return { ok: false, errors: map.errors };
  const records: T[] = [];
  const errors: LedgerError[] = [];
  for (const row of rows) {
    if (isBlankRow(row)) continue;
    const reader = new RowReader(row, map.index);
    const record = read(reader);
    if (record !== undefined && reader.errors.length === 0) records.push(record);
    errors.push(...reader.errors);
  }
  if (errors.length) return { ok: false, errors };
  if (records.length === 0) return { ok: false, errors: [{ row: 2, column: "", message: "文件中没有数据行（第 1 行为表头，数据从第 2 行开始）" }] };
  return { ok: true, records, ignoredColumns: map.ignored };
}
