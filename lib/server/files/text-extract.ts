import "server-only";
import { createRequire } from "node:module";
import path from "node:path";
import JSZip from "jszip";
import mammoth from "mammoth";

/**
 * Plain text of an attachment, for the secrecy scan (lib/domain/secrecy-scan.ts). Never throws:
 * an unsupported type, a file over the limits, a damaged or encrypted file, or a scan without a
 * text layer all give "", and the caller must treat "" as "could not read — a person checks it",
 * never as "nothing found".
 */
export const MAX_EXTRACT_BYTES = 20 * 1024 * 1024;
const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2_000;
const MAX_PDF_PAGES = 1_000;
const MAX_TEXT_CHARS = 2_000_000;

export const PDF_MIME = "application/pdf";
export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

type Format = "pdf" | "docx" | "text";

const FORMATS: Record<string, Format> = {
  [PDF_MIME]: "pdf",
  "application/x-pdf": "pdf",
  [DOCX_MIME]: "docx",
  "text/plain": "text",
  "text/csv": "text",
};

export async function extractText(bytes: Uint8Array, mime: string): Promise<string> {
  if (bytes.byteLength === 0 || bytes.byteLength > MAX_EXTRACT_BYTES) return "";
  try {
    switch (formatOf(bytes, mime)) {
      case "pdf":
        return clip(await pdfText(bytes));
      case "docx":
        return clip(await docxText(bytes));
      case "text":
        return clip(decodeText(bytes));
      default:
        return "";
    }
  } catch {
    return "";
  }
}

/** By declared type; browsers send application/octet-stream for types they do not know, so sniff then. */
function formatOf(bytes: Uint8Array, mime: string): Format | null {
  const declared = mime.split(";")[0].trim().toLowerCase();
  if (declared in FORMATS) return FORMATS[declared];
  if (declared !== "application/octet-stream" && declared !== "") return null;
  const head = Buffer.from(bytes.subarray(0, 5)).toString("latin1");
  if (head === "%PDF-") return "pdf";
  return head.startsWith("PK\x03\x04") ? "docx" : null;
}

const clip = (text: string) => (text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text);

/** UTF-8 if it decodes cleanly, otherwise GB 18030 (what Chinese Windows saves as "ANSI"). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

// pdf.js reads its CMaps from disk; without them text in a predefined CJK encoding (UniGB-UCS2-H,
// how iText and many Chinese office systems write 宋体 without embedding it) comes out empty.
const pdfjsRoot = () => path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { getDocument, VerbosityLevel } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const root = pdfjsRoot();
  const task = getDocument({
    data: bytes.slice(), // pdf.js takes ownership of the buffer it is given
    cMapUrl: path.join(root, "cmaps") + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(root, "standard_fonts") + path.sep,
    isEvalSupported: false, // CVE-2024-4367: no code generated from font data
    disableFontFace: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const pdf = await task.promise;
    const pages: string[] = [];
    let chars = 0;
    for (let n = 1; n <= Math.min(pdf.numPages, MAX_PDF_PAGES) && chars < MAX_TEXT_CHARS; n++) {
      const page = await pdf.getPage(n);
      const { items } = await page.getTextContent();
      const text = items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join("");
      pages.push(text);
      chars += text.length;
      page.cleanup();
    }
    return pages.join("\n\n");
  } finally {
    await task.destroy();
  }
}

/**
 * The body through mammoth, plus what mammoth leaves out and a published .docx still carries:
 * headers (where a 密级 mark or a 内部资料 watermark sits), footers, foot- and endnotes,
 * comments, and text deleted under track changes.
 */
async function docxText(bytes: Uint8Array): Promise<string> {
  if (!withinZipLimits(bytes)) return "";
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = await JSZip.loadAsync(buffer);
  const body = (await mammoth.extractRawText({ buffer })).value.trim();
  const section = async (label: string, pattern: RegExp, read = partText) => {
    const names = Object.keys(zip.files).filter((n) => pattern.test(n)).sort();
    const texts = await Promise.all(names.map(async (n) => read(await zip.file(n)!.async("string"))));
    const unique = [...new Set(texts.map((t) => t.trim()).filter(Boolean))];
    return unique.length ? `〔${label}〕\n${unique.join("\n")}` : "";
  };
  const sections = [
    await section("页眉", /^word\/header\d*\.xml$/),
    body,
    await section("页脚", /^word\/footer\d*\.xml$/),
    await section("脚注", /^word\/footnotes\.xml$/),
    await section("尾注", /^word\/endnotes\.xml$/),
    await section("批注", /^word\/comments\.xml$/),
    await section("修订中删除的文字", /^word\/document\.xml$/, deletedText),
  ];
  return sections.filter(Boolean).join("\n\n");
}

/** Text of a WordprocessingML part, a line per paragraph; watermarks are VML text paths. */
function partText(xml: string): string {
  const visible = xml.replace(/<mc:Fallback>[\s\S]*?<\/mc:Fallback>/g, "");
  return visible
    .split(/<\/w:p>/)
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<v:textpath\b[^>]*?\sstring="([^"]*)"|<w:(tab|br|cr)\b[^>]*\/>/g)]
        .map((m) => decodeXml(m[1] ?? m[2] ?? (m[3] === "tab" ? "\t" : "\n")))
        .join(""),
    )
    .filter((line) => line.trim())
    .join("\n");
}

function deletedText(xml: string): string {
  return [...xml.matchAll(/<w:delText(?:\s[^>]*)?>([^<]*)<\/w:delText>/g)].map((m) => decodeXml(m[1])).join("\n");
}

function decodeXml(s: string): string {
  return s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(lt|gt|amp|quot|apos));/gi, (_, hex, dec, named: string) => {
    if (hex || dec) return String.fromCodePoint(parseInt(hex ?? dec, hex ? 16 : 10));
    return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[named.toLowerCase()]!;
  });
}

/**
 * A zip bomb guard: the declared sizes in the central directory, read before anything is
 * inflated. ZIP64 entries are refused (a .docx never needs them).
 */
export function withinZipLimits(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return false;
  const entries = view.getUint16(eocd + 10, true);
  if (entries > MAX_ZIP_ENTRIES) return false;
  let at = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return false;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return false;
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total <= MAX_UNZIPPED_BYTES;
}
