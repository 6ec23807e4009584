import "server-only";
import { createInflateRaw } from "node:zlib";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { sniff } from "@/lib/domain/file-kind";
import type { LedgerRow } from "@/lib/domain/requests/ledger-parse";

/*
 * 台账 import, the file half: bytes → header and rows of text, for lib/domain/requests/ledger-parse.
 * The kind is decided by the bytes, never by the name: XLSX (first worksheet), or CSV in UTF-8
 * (with or without BOM) or GB18030/GBK, as Excel on Chinese Windows saves "CSV (逗号分隔)".
 * Anything else — a renamed .docx or .exe, an .xls — is refused with a message saying what it is.
 */

export const LEDGER_MAX_BYTES = 20 * 1024 * 1024;
export const LEDGER_MAX_ROWS = 50_000;
/** All parts of an XLSX together, inflated: a 50,000-row 台账 needs well under a tenth of this. */
export const XLSX_MAX_INFLATED_BYTES = 200 * 1024 * 1024;
const XLSX_MAX_ENTRIES = 2_000;

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
  const bounded = await checkZipExpansion(bytes, XLSX_MAX_INFLATED_BYTES);
  if (bounded !== true) return refuse(`文件“${fileName}”${bounded}，不能导入。`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
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

// ── ZIP bomb guard ──────────────────────────────────────────────────────────────────────────

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

/**
 * exceljs inflates every part of an XLSX into memory, so a 20 MB file could expand to gigabytes
 * (deflate reaches ~1000:1). Before it sees the file, each entry listed in the central directory
 * is inflated here into a counter — chunks are dropped as they come — and the file is refused as
 * soon as the total passes `budget`; the sizes the file declares are not believed.
 */
export async function checkZipExpansion(bytes: Uint8Array, budget: number): Promise<true | string> {
  const entries = centralDirectory(bytes);
  if (typeof entries === "string") return entries;
  let total = 0;
  for (const entry of entries) {
    const local = entry.localOffset;
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) return "的压缩结构已损坏";
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) total += data.length;
    else if (entry.method === 8) total += await inflatedSize(data, budget - total);
    else return "使用了不支持的压缩方式";
    if (total > budget) return `解压后超过 ${budget / 1024 / 1024} MB（可能是“压缩炸弹”）`;
  }
  return true;
}

function centralDirectory(bytes: Uint8Array): { method: number; compressedSize: number; localOffset: number }[] | string {
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(bytes, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return "的压缩结构已损坏";
  const count = u16(bytes, end + 10);
  if (count === 0xffff || u32(bytes, end + 16) === 0xffffffff) return "使用了 ZIP64 格式，Excel 台账不会用到";
  if (count > XLSX_MAX_ENTRIES) return `包含 ${count} 个部件，不像是 Excel 台账`;
  const entries = [];
  for (let i = 0, at = u32(bytes, end + 16); i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) return "的压缩结构已损坏";
    entries.push({ method: u16(bytes, at + 10), compressedSize: u32(bytes, at + 20), localOffset: u32(bytes, at + 42) });
    at += 46 + u16(bytes, at + 28) + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return entries;
}

/** Bytes that `data` inflates to, counting no further than just past `budget`. */
function inflatedSize(data: Uint8Array, budget: number): Promise<number> {
  return new Promise((resolve) => {
    // 1 MiB chunks: far fewer events than the 16 KiB default, and still all the memory it takes.
    const inflate = createInflateRaw({ chunkSize: 1024 * 1024 });
    let total = 0;
    inflate.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > budget) {
        inflate.destroy();
        resolve(total);
      }
    });
    inflate.on("end", () => resolve(total));
    // A corrupt stream is exceljs's to refuse; what it inflated so far still counts.
    inflate.on("error", () => resolve(total));
    inflate.end(data);
  });
}
