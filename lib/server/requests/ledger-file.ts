import "server-only";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { sniff } from "@/lib/domain/file-kind";
import type { LedgerRow } from "@/lib/domain/requests/ledger-parse";
import { rezipStored, safeUnzip, XLSX_LIMITS } from "@/lib/server/files/safe-zip";

/*
 * 台账 import, the file half: bytes → header and rows of text, for lib/domain/requests/ledger-parse.
 * The kind is decided by the bytes, never by the name: XLSX (first worksheet), or CSV in UTF-8
 * (with or without BOM) or GB18030/GBK, as Excel on Chinese Windows saves "CSV (逗号分隔)".
 * Anything else — a renamed .docx or .exe, an .xls — is refused with a message saying what it is.
 */

export const LEDGER_MAX_BYTES = 20 * 1024 * 1024;
export const LEDGER_MAX_ROWS = 50_000;
/** All parts of an XLSX together, inflated: a 50,000-row 台账 needs well under a tenth of this. */
export const XLSX_MAX_INFLATED_BYTES = XLSX_LIMITS.maxTotalBytes;

export const FORMULA_MESSAGE = "单元格为公式，请粘贴为数值";

export type LedgerFile =
  | { ok: true; format: "xlsx" | "csv"; encoding: "utf-8" | "gb18030" | null; header: string[]; rows: LedgerRow[] }
  | { ok: false; message: string };

const refuse = (message: string) => ({ ok: false as const, message });
const KIND_NAMES: Record<string, string> = {
  docx: "Word 文档", doc: "Word 97-2003 文档", pptx: "PowerPoint 演示文稿", pdf: "PDF 文件", exe: "Windows 可执行程序",
  elf: "可执行程序", zip: "ZIP 压缩包", rar: "RAR 压缩包", "7z": "7z 压缩包", png: "图片", jpg: "图片", gif: "图片", ofd: "OFD 文件",
};

export async function readLedgerFile(bytes: Uint8Array, fileName: string): Promise<LedgerFile> {
  if (bytes.length === 0) return refuse(`文件“${fileName}”是空文件。`);
  if (bytes.length > LEDGER_MAX_BYTES) return refuse(`文件“${fileName}”超过 ${LEDGER_MAX_BYTES / 1024 / 1024} MB，请拆分为几个文件分别导入。`);
  // Before sniffing: file-type takes a UTF-16 BOM for an MPEG audio frame.
  if (isUtf16(bytes)) return refuse(`文件“${fileName}”${UTF16_MESSAGE}，不能导入。`);
  const kind = await sniff(bytes);
  if (kind === "xlsx") return readXlsx(bytes, fileName);
  if (kind === "xls") return refuse(`文件“${fileName}”是 Excel 97-2003（.xls）格式，请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV 后再导入。`);
  if (kind) return refuse(`文件“${fileName}”的实际内容是${KIND_NAMES[kind] ?? ` ${kind.toUpperCase()} 文件`}，不是 Excel（.xlsx）或 CSV 文件，不能导入。`);
  return readCsv(bytes, fileName);
}

// ── CSV ─────────────────────────────────────────────────────────────────────────────────────

const UTF16_MESSAGE = "是 UTF-16（“Unicode 文本”）编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx";
const isUtf16 = (b: Uint8Array) => (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);

/** Text and how it was decoded, or why it is not text. */
function decodeText(bytes: Uint8Array): { text: string; encoding: "utf-8" | "gb18030" } | { message: string } {
  // NUL and most C0 controls never occur in a CSV a person saved; they do in every binary format.
  if (bytes.some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return { message: "不是文本文件" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: GB18030 is a superset of GBK, which Excel on Chinese Windows writes (needs Node's full ICU).
  }
  try {
    return { text: new TextDecoder("gb18030", { fatal: true }).decode(bytes), encoding: "gb18030" };
  } catch {
    return { message: "既不是 UTF-8 也不是 GBK 编码的文本" };
  }
}

function readCsv(bytes: Uint8Array, fileName: string): LedgerFile {
  const decoded = decodeText(bytes);
  if ("message" in decoded) return refuse(`文件“${fileName}”${decoded.message}，不是 Excel（.xlsx）或 CSV 文件，不能导入。`);
  let records: string[][];
  try {
    // Excel reads a stray quote inside an unquoted field literally; so do we (relax_quotes).
    records = parseCsv(decoded.text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return refuse(`文件“${fileName}”不是有效的 CSV${line ? `（约第 ${line} 行，可能是引号不成对）` : ""}。`);
  }
  if (records.length === 0) return refuse(`文件“${fileName}”没有内容。`);
  if (records.length - 1 > LEDGER_MAX_ROWS) return tooManyRows(fileName, records.length - 1);
  // Excel shows one record as one row, embedded line breaks and all: the header is row 1.
  const rows = records.slice(1).map((cells, i) => ({ row: i + 2, cells }));
  return { ok: true, format: "csv", encoding: decoded.encoding, header: records[0], rows };
}

function tooManyRows(fileName: string, count: number) {
  return refuse(`文件“${fileName}”有 ${count} 行数据，超过一次导入 ${LEDGER_MAX_ROWS} 行的上限，请拆分为几个文件分别导入。`);
}

// ── XLSX ────────────────────────────────────────────────────────────────────────────────────

async function readXlsx(bytes: Uint8Array, fileName: string): Promise<LedgerFile> {
  // 安全解压 (lib/server/files/safe-zip.ts): exceljs inflates every part into memory, so it is
  // given only a stored re-zip of the parts whose real inflated size was counted and bounded.
  const unzipped = await safeUnzip(bytes, XLSX_LIMITS);
  if (!unzipped.ok) {
    if (unzipped.reason === "corrupt") return refuse(`无法读取 Excel 文件“${fileName}”，文件可能已损坏。请在 Excel 中打开后重新保存。`);
    return refuse(`文件“${fileName}”不能导入：${unzipped.message}。`);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load((await rezipStored(unzipped.entries)) as unknown as ExcelJS.Buffer);
  } catch {
    return refuse(`无法读取 Excel 文件“${fileName}”，文件可能已损坏。请在 Excel 中打开后重新保存。`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return refuse(`Excel 文件“${fileName}”中没有工作表。`);
  const header = sheetRow(sheet.getRow(1), sheet.getRow(1).cellCount);
  if (header.problems.length) return refuse(`Excel 文件“${fileName}”的表头（第 1 行）第 ${header.problems[0].index + 1} 列${header.problems[0].message}。`);
  let width = header.cells.length;
  while (width > 0 && header.cells[width - 1].trim() === "") width--;
  const rows: LedgerRow[] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1 || tooMany) return;
    if (rows.length === LEDGER_MAX_ROWS) tooMany = true;
    else rows.push({ row: rowNumber, ...sheetRow(row, width) });
  });
  if (tooMany) return tooManyRows(fileName, sheet.actualRowCount - 1);
  return { ok: true, format: "xlsx", encoding: null, header: header.cells.slice(0, width), rows };
}

function sheetRow(row: ExcelJS.Row, width: number): { cells: string[]; problems: { index: number; message: string }[] } {
  const cells: string[] = [];
  const problems: { index: number; message: string }[] = [];
  for (let c = 1; c <= width; c++) {
    const value = cellText(row.getCell(c).value);
    if (typeof value === "string") cells.push(value);
    else {
      cells.push("");
      problems.push({ index: c - 1, message: value.problem });
    }
  }
  return { cells, problems };
}

/**
 * A cell as the text a person sees, with one refusal: a formula is neither evaluated nor its
 * cached result trusted (the result is whatever the last program to save the file computed, or
 * nothing), so the row is an error until the cell is pasted as a value.
 */
export function cellText(value: ExcelJS.CellValue): string | { problem: string } {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  // exceljs gives a date cell as the UTC midnight of its calendar day.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { problem: "单元格中的日期无效" } : value.toISOString().slice(0, 10);
  if ("formula" in value || "sharedFormula" in value) return { problem: FORMULA_MESSAGE };
  if ("error" in value) return { problem: `单元格为错误值 ${value.error}，请更正` };
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("hyperlink" in value) return cellText(value.text as ExcelJS.CellValue);
  return { problem: "无法识别单元格的内容" };
}
