import type PDFDocument from "pdfkit";
import { cellAlign, columnFractions, layoutTable, type PlacedCell, type Table, type TableGrid } from "./document";
import { SIZE_PT } from "./page";

type Pdf = InstanceType<typeof PDFDocument>;

/** What the table needs of the page it is drawn on. */
export type TableFrame = { left: number; width: number; bottom: () => number; newPage: () => void; font: (bold: boolean) => void };

const PAD_X = 4;
const PAD_Y = 5;
const LINE_GAP = 2;

/**
 * Draws a bordered table with merged cells; when the next rows do not fit, starts a new page
 * and repeats the header rows there. Rows joined by a rowSpan move to the next page together,
 * so a merged cell is never cut across pages.
 */
export function drawTable(pdf: Pdf, table: Table, frame: TableFrame): void {
  const grid = layoutTable(table);
  if (grid.columns === 0) return;
  const xs = columnEdges(table, grid.columns, frame);
  const heights = rowHeights(pdf, grid, xs, frame);
  const headerRows = Math.min(table.headerRows ?? 0, grid.placed.length);
  const header = range(0, headerRows);
  drawRows(pdf, grid, header, xs, heights, frame);
  const headerHeight = sum(header.map((r) => heights[r]));
  for (const group of rowGroups(grid, headerRows)) {
    const need = sum(group.map((r) => heights[r]));
    // Taller than a whole page (年报表三's 三、本年度办理结果 spans 22 rows): cut at page ends instead.
    if (pdf.page.margins.top + headerHeight + need > frame.bottom()) {
      drawSliced(pdf, grid, group, header, xs, heights, frame);
      continue;
    }
    if (pdf.y + need > frame.bottom()) {
      frame.newPage();
      drawRows(pdf, grid, header, xs, heights, frame);
    }
    drawRows(pdf, grid, group, xs, heights, frame);
  }
  pdf.x = frame.left;
}

/** A row group no page can hold, drawn page by page; a merged cell cut at a page end repeats its text. */
function drawSliced(pdf: Pdf, grid: TableGrid, group: number[], header: number[], xs: number[], heights: number[], frame: TableFrame): void {
  let slice: number[] = [];
  for (const r of group) {
    if (slice.length && pdf.y + sum(slice.map((s) => heights[s])) + heights[r] > frame.bottom()) {
      drawRows(pdf, grid, slice, xs, heights, frame);
      frame.newPage();
      drawRows(pdf, grid, header, xs, heights, frame);
      slice = [];
    }
    slice.push(r);
  }
  drawRows(pdf, grid, slice, xs, heights, frame);
}

function columnEdges(table: Table, columns: number, frame: TableFrame): number[] {
  const edges = [frame.left];
  let x = frame.left;
  for (const f of columnFractions(table, columns)) edges.push(Math.round((x += f * frame.width)));
  // Whole points keep shared borders from rendering at two widths on screen; the right edge stays exact.
  edges[edges.length - 1] = frame.left + frame.width;
  return edges;
}

function textHeight(pdf: Pdf, p: PlacedCell, xs: number[], frame: TableFrame): number {
  frame.font(p.cell.bold ?? false);
  const width = xs[p.column + p.colSpan] - xs[p.column] - 2 * PAD_X;
  return pdf.heightOfString(p.cell.text || " ", { width, lineGap: LINE_GAP }) + 2 * PAD_Y;
}

/** Single-row cells set each row's height; a taller merged cell then stretches its last row. */
function rowHeights(pdf: Pdf, grid: TableGrid, xs: number[], frame: TableFrame): number[] {
  pdf.fontSize(SIZE_PT.table);
  const heights = grid.placed.map(() => SIZE_PT.table + 2 * PAD_Y);
  for (const row of grid.placed)
    for (const p of row) if (p.rowSpan === 1) heights[p.row] = Math.max(heights[p.row], textHeight(pdf, p, xs, frame));
  for (const row of grid.placed)
    for (const p of row) {
      if (p.rowSpan === 1) continue;
      const last = p.row + p.rowSpan - 1;
      const short = textHeight(pdf, p, xs, frame) - sum(heights.slice(p.row, last + 1));
      if (short > 0) heights[last] += short;
    }
  return heights.map(Math.ceil);
}

/** Consecutive body rows that a rowSpan ties together. */
function rowGroups(grid: TableGrid, from: number): number[][] {
  const groups: number[][] = [];
  let r = from;
  while (r < grid.placed.length) {
    let end = r;
    for (let i = r; i <= end; i++) for (const p of grid.placed[i]) end = Math.max(end, p.row + p.rowSpan - 1);
    groups.push(range(r, end + 1));
    r = end + 1;
  }
  return groups;
}

function drawRows(pdf: Pdf, grid: TableGrid, rows: number[], xs: number[], heights: number[], frame: TableFrame): void {
  if (rows.length === 0) return;
  const top = Math.round(pdf.y);
  const ys = [top];
  for (const r of rows) ys.push(ys[ys.length - 1] + heights[r]);
  const first = rows[0];
  // Cells merged down from a row on an earlier page (drawSliced) continue at the top of this one.
  const continued = [...new Set(grid.owner[first].filter((p): p is PlacedCell => p !== undefined && p.row < first))];
  for (const p of continued) drawCell(pdf, p, xs, ys[0], ys[Math.min(p.row + p.rowSpan - first, rows.length)], frame, true);
  for (const r of rows)
    for (const p of grid.placed[r]) {
      const rowsInGroup = Math.min(p.rowSpan, rows.length - (r - first));
      drawCell(pdf, p, xs, ys[r - first], ys[r - first + rowsInGroup], frame);
    }
  pdf.y = ys[ys.length - 1];
}

/** `continued`: the rest of a cell cut at a page end; its text is repeated only where it fits. */
function drawCell(pdf: Pdf, p: PlacedCell, xs: number[], y0: number, y1: number, frame: TableFrame, continued = false): void {
  const x0 = xs[p.column];
  const x1 = xs[p.column + p.colSpan];
  pdf.save().lineWidth(0.75).strokeColor("#000000").rect(x0, y0, x1 - x0, y1 - y0).stroke().restore();
  frame.font(p.cell.bold ?? false);
  const width = x1 - x0 - 2 * PAD_X;
  const options = { width, lineGap: LINE_GAP, align: cellAlign(p.cell), lineBreak: true };
  const h = pdf.heightOfString(p.cell.text || " ", options);
  if (continued && h > y1 - y0) return;
  pdf.fillColor("#000000").text(p.cell.text, x0 + PAD_X, y0 + (y1 - y0 - h) / 2, options);
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
