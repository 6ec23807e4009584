import "server-only";
import { createRequire } from "node:module";
import path from "node:path";
import { runIsolated } from "@/lib/server/files/isolated";
import { DOCX_LIMITS, rezipStored, safeUnzip } from "@/lib/server/files/safe-zip";

/**
 * Plain text of an attachment, for the secrecy scan (lib/domain/secrecy-scan.ts). Never throws:
 * an unsupported type, a file over the limits, a damaged or encrypted file, or a scan without a
 * text layer all give "", and the caller must treat "" as "could not read — a person checks it",
 * never as "nothing found".
 *
 * A .docx is opened only through the bounded unzip (safe-zip.ts); mammoth and pdf.js run in a
 * worker thread with a heap limit and a timeout (isolated.ts), so a hostile file costs at most
 * that worker.
 */
export const MAX_EXTRACT_BYTES = 20 * 1024 * 1024;
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

/** pdf.js in the worker (isolated-worker.mjs), where it can neither exhaust the heap nor hold the thread. */
// pdf.js reads its CMaps from its own folder (next.config.js keeps pdfjs-dist external).
const pdfjsRoot = () => path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

async function pdfText(bytes: Uint8Array): Promise<string> {
  const result = await runIsolated<{ text: string }>("pdf-text", { bytes, root: pdfjsRoot() });
  return result.ok ? result.value.text : "";
}

/**
 * The body through mammoth, plus what mammoth leaves out and a published .docx still carries:
 * headers (where a 密级 mark or a 内部资料 watermark sits), footers, foot- and endnotes,
 * comments, and text deleted under track changes.
 */
async function docxText(bytes: Uint8Array): Promise<string> {
  const unzipped = await safeUnzip(bytes, DOCX_LIMITS);
  if (!unzipped.ok) return "";
  const converted = await runIsolated<{ text: string }>("docx-text", { bytes: await rezipStored(unzipped.entries) });
  if (!converted.ok) return "";
  const body = converted.value.text.trim();
  const parts = unzipped.entries;
  const section = async (label: string, pattern: RegExp, read = partText) => {
    const names = [...parts.keys()].filter((n) => pattern.test(n)).sort();
    const texts = names.map((n) => read(parts.get(n)!.toString("utf8")));
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
