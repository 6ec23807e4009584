/*
 * The three tables of the annual report as the export model's Table (lib/export/document.ts): one
 * layout, walked from the format, that the HTML, DOCX, PDF and CSV renderers all print. No row is
 * named here: merges follow from the format's label paths, block titles and column groups.
 */
import { TABLE2_LABEL_HEAD, TABLE3_HEADER, TABLE3_COLUMNS, type ReportFormat } from "@/lib/domain/reports/formats";
import type { ReportData, Table2Value } from "@/lib/domain/reports/shape";
import type { Table, TableCell } from "./document";

/** What a cell the data lacks prints as (an imported year may predate a row): never "undefined". */
export const MISSING = "—";

const head = (text: string, span: Partial<Pick<TableCell, "colSpan" | "rowSpan">> = {}): TableCell => ({ text, align: "center", bold: true, ...span });
const figure = (value: Table2Value | undefined): TableCell => ({ text: value === undefined || value === null ? MISSING : String(value), numeric: true, align: "center" });

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Table 二: each block a title row across the table, its own head row (信息内容 + the block's
 * columns), then its rows. Blocks have 1–3 value columns, so the value area is as many grid
 * columns as the least common multiple of those counts and each column spans an equal share.
 */
export function table2Layout(format: ReportFormat, data: Pick<ReportData, "table2">): Table {
  const counts = format.table2.blocks.map((b) => b.columns.length);
  const grid = counts.reduce((a, b) => (a * b) / gcd(a, b), 1);
  const rows: TableCell[][] = [];
  for (const block of format.table2.blocks) {
    const span = grid / block.columns.length;
    rows.push([head(block.title, { colSpan: grid + 1 })]);
    rows.push([head(TABLE2_LABEL_HEAD), ...block.columns.map((c) => head(c.label, { colSpan: span }))]);
    for (const row of block.rows) {
      rows.push([{ text: row.label, align: "center" }, ...block.columns.map((c) => ({ ...figure(data.table2?.[row.key]?.[c.key]), colSpan: span }))]);
    }
  }
  return { rows, columnWidths: [3, ...Array<number>(grid).fill(6 / grid)] };
}

/**
 * Table 三: the corner carries the format's 勾稽 note over the label area; 申请人情况 over the
 * seven columns, 法人或其他组织 over its five. In the body, equal leading labels of consecutive rows
 * are one cell spanning those rows, and a row's last label widens to the rest of the label area.
 */
export function table3Layout(format: ReportFormat, data: Pick<ReportData, "table3">): Table {
  const depth = format.table3.labelDepth;
  const header: TableCell[][] = [
    [head(format.table3.note, { colSpan: depth, rowSpan: 3 }), head(TABLE3_HEADER.applicant, { colSpan: TABLE3_COLUMNS.length })],
    [
      head(TABLE3_HEADER.naturalPerson, { rowSpan: 2 }),
      head(TABLE3_HEADER.organisations, { colSpan: TABLE3_HEADER.organisationTypes.length }),
      head(TABLE3_HEADER.total, { rowSpan: 2 }),
    ],
    TABLE3_HEADER.organisationTypes.map((t) => head(t.label)),
  ];
  const rows = format.table3.rows;
  const body = rows.map((row, r) => {
    const cells: TableCell[] = [];
    row.labels.forEach((label, level) => {
      const last = level === row.labels.length - 1;
      if (!last && r > 0 && samePrefix(rows[r - 1].labels, row.labels, level)) return;
      let rowSpan = 1;
      if (!last) while (r + rowSpan < rows.length && samePrefix(rows[r + rowSpan].labels, row.labels, level) && rows[r + rowSpan].labels.length > level + 1) rowSpan++;
      cells.push({ text: label, rowSpan: rowSpan > 1 ? rowSpan : undefined, colSpan: last && depth - level > 1 ? depth - level : undefined });
    });
    return [...cells, ...TABLE3_COLUMNS.map((c) => figure(data.table3?.[row.key]?.[c]))];
  });
  return { headerRows: 3, rows: [...header, ...body], columnWidths: [...labelWidths(depth), ...TABLE3_COLUMNS.map(() => 1.15)] };
}

/** Labels at 0…level are the same in both paths (and both reach that deep, not as their last label). */
function samePrefix(a: readonly string[], b: readonly string[], level: number): boolean {
  if (a.length <= level + 1) return false;
  for (let i = 0; i <= level; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The outer label columns are narrow (a merged heading), the innermost takes the long leaf text. */
function labelWidths(depth: number): number[] {
  return Array.from({ length: depth }, (_, i) => (i === depth - 1 ? 4.6 : 1.3));
}

/**
 * Table 四: groups of blocks (行政复议 | 行政诉讼 › 未经复议直接起诉 / 复议后起诉); a group of one block
 * whose label is the group's own spans both head rows. Then the result columns under every block,
 * and the one row of figures.
 */
export function table4Layout(format: ReportFormat, data: Pick<ReportData, "table4">): Table {
  const { blocks, columns } = format.table4;
  const groups: { group: string; blocks: (typeof blocks)[number][] }[] = [];
  for (const block of blocks) {
    const last = groups.at(-1);
    if (last && last.group === block.group) last.blocks.push(block);
    else groups.push({ group: block.group, blocks: [block] });
  }
  const top: TableCell[] = [];
  const second: TableCell[] = [];
  for (const g of groups) {
    const single = g.blocks.length === 1 && g.blocks[0].label === g.group;
    top.push(head(g.group, { colSpan: g.blocks.length * columns.length, rowSpan: single ? 2 : undefined }));
    if (!single) second.push(...g.blocks.map((b) => head(b.label, { colSpan: columns.length })));
  }
  const third = blocks.flatMap(() => columns.map((c) => head(c.label)));
  const figures = blocks.flatMap((b) => columns.map((c) => figure(data.table4?.[b.key]?.[c.key])));
  return { headerRows: 3, rows: [top, second, third, figures] };
}
