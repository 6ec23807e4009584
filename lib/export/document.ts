/**
 * The documents a clerk files — 答复书, 年度报告 — as plain data. Renderers (docx.ts, pdf.ts,
 * csv.ts) walk this model; none of them knows what a row means. Layout follows GB/T 9704-2012
 * 《党政机关公文格式》 where a renderer can: red 版头, 文号, red rule, `— 1 —` page numbers.
 */

export type Align = "left" | "center" | "right" | "justify";

export type TextRun = { text: string; bold?: boolean };

/** 版头: the issuing organ printed large in red, the 文号 under it, then a red rule. */
export type TitleBlock = {
  organ: string;
  /** 文号, e.g. 吉市科技公开〔2026〕第3号 */
  docNumber?: string;
};

export type TableCell = {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  align?: Align;
  /** A figure: right-aligned when no align is given, written unquoted to CSV. */
  numeric?: boolean;
  bold?: boolean;
};

/**
 * Rows as in HTML: a position covered by an earlier cell's colSpan or rowSpan is left out of the
 * later row, so a row lists only the cells that start in it.
 */
export type Table = {
  rows: TableCell[][];
  /** The first `headerRows` rows are headers: repeated on each page, joined into one CSV header line. */
  headerRows?: number;
  /** Relative widths, one per grid column; equal when absent. */
  columnWidths?: number[];
  caption?: string;
};

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  /** `indent` is the first-line indent of two characters official prose uses; default true. */
  | { kind: "paragraph"; runs: TextRun[]; align?: Align; indent?: boolean }
  | { kind: "table"; table: Table }
  | { kind: "pageBreak" }
  /** 落款: organ and 成文日期, right-aligned at the end of the text. */
  | { kind: "signature"; organ: string; date: string }
  | { kind: "notes"; title?: string; items: string[] };

export type ExportDocument = {
  title: string;
  titleBlock?: TitleBlock;
  /** Every page and format then carries a visible 草稿 mark: a draft must never pass for the filed copy. */
  draft?: boolean;
  blocks: Block[];
};

export const DRAFT_MARK = "草稿";

/** Page numbers in GB/T 9704 style: an em dash either side. */
export const pageNumberText = (n: number | string) => `— ${n} —`;

export const paragraph = (text: string, options: { align?: Align; indent?: boolean; bold?: boolean } = {}): Block => ({
  kind: "paragraph",
  runs: [{ text, bold: options.bold }],
  align: options.align,
  indent: options.indent,
});

export const heading = (level: 1 | 2 | 3, text: string): Block => ({ kind: "heading", level, text });

/** A cell placed on the table grid: where it starts and how far it reaches. */
export type PlacedCell = { cell: TableCell; row: number; column: number; colSpan: number; rowSpan: number };

export type TableGrid = {
  columns: number;
  /** Per row, the cells that start in it, left to right. */
  placed: PlacedCell[][];
  /** owner[row][column]: the cell covering that position (undefined for a hole in a ragged table). */
  owner: (PlacedCell | undefined)[][];
};

/** Resolves colSpan/rowSpan into grid positions, once, for every renderer. */
export function layoutTable(table: Table): TableGrid {
  const owner: (PlacedCell | undefined)[][] = table.rows.map(() => []);
  const placed: PlacedCell[][] = table.rows.map(() => []);
  table.rows.forEach((cells, row) => {
    let column = 0;
    for (const cell of cells) {
      while (owner[row][column]) column++;
      const colSpan = Math.max(1, cell.colSpan ?? 1);
      const rowSpan = Math.max(1, Math.min(cell.rowSpan ?? 1, table.rows.length - row));
      const p: PlacedCell = { cell, row, column, colSpan, rowSpan };
      placed[row].push(p);
      for (let r = row; r < row + rowSpan; r++) for (let c = column; c < column + colSpan; c++) owner[r][c] = p;
      column += colSpan;
    }
  });
  const columns = Math.max(0, ...owner.map((r) => r.length));
  return { columns, placed, owner };
}

/** Relative column widths normalised to sum to 1. */
export function columnFractions(table: Table, columns: number): number[] {
  const given = table.columnWidths?.length === columns ? table.columnWidths : Array<number>(columns).fill(1);
  const total = given.reduce((a, b) => a + b, 0) || 1;
  return given.map((w) => w / total);
}

export const cellAlign = (cell: TableCell): Align => cell.align ?? (cell.numeric ? "right" : "left");

/** Text of a heading or paragraph, for formats without runs. */
export const plainText = (runs: TextRun[]) => runs.map((r) => r.text).join("");
