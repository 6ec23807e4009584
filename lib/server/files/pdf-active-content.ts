import "server-only";
import { createInflate } from "node:zlib";
import { ACTIVE_CONTENT_LABELS, type PdfActiveContent } from "@/lib/domain/active-content";

/**
 * 附件含有脚本: what in a PDF can act when it is opened rather than just be read — JavaScript
 * (/JavaScript, /JS; with /OpenAction it runs on opening), /Launch (start a program), /AA
 * (actions fired by opening a page or focusing a field), /EmbeddedFile (a file carried inside).
 * 保密审查 is shown it; the file is not refused (a form with a date-formatting script is
 * legitimate), but someone must look before it is published.
 *
 * Method: PDF names are found by scanning the bytes — in the file as written and inside every
 * FlateDecode stream, where object streams (/ObjStm, PDF 1.5+) hide dictionaries. Names are
 * normalised first (`/J#61vaScript` is `/JavaScript`). Each stream is inflated with a running
 * count and cut off at a cap, which also bounds what pdf.js would have to inflate: a PDF whose
 * streams pass the caps is reported as such and its text is not extracted.
 *
 * Limits: streams with a filter chain other than plain FlateDecode (e.g. ASCII85 then Flate) are
 * not opened; in an encrypted PDF object streams cannot be read (reported as "encrypted", so a
 * person checks); a name inside a string or content stream can give a false alarm. A false alarm
 * costs a reviewer a look; a miss is what the scan exists to avoid, so it errs that way.
 */
export interface PdfScanLimits {
  maxStreamBytes: number;
  maxTotalBytes: number;
  timeoutMs: number;
}

const MB = 1024 * 1024;
export const PDF_SCAN_LIMITS: PdfScanLimits = { maxStreamBytes: 64 * MB, maxTotalBytes: 256 * MB, timeoutMs: 20_000 };

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 1024)).toString("latin1").includes("%PDF-");

/** What was found, in a fixed order; [] for a PDF with none of it, or for anything that is not a PDF. */
export async function scanPdfActiveContent(bytes: Uint8Array, limits: PdfScanLimits = PDF_SCAN_LIMITS): Promise<PdfActiveContent[]> {
  if (!isPdf(bytes)) return [];
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names = new Set<string>();
  collectNames(raw.toString("latin1"), names);
  let oversized = false;
  const deadline = Date.now() + limits.timeoutMs;
  let total = 0;
  for (const data of flateStreams(raw)) {
    const budget = Math.min(limits.maxStreamBytes, limits.maxTotalBytes - total);
    // Scanned a chunk at a time, with the end of the previous chunk for a name cut in two: nothing inflated is kept.
    let tail = "";
    const produced = await inflateCapped(data, budget, deadline, (chunk) => {
      const text = tail + chunk.toString("latin1");
      collectNames(text, names);
      tail = text.slice(-128);
    });
    if (produced === null) {
      oversized = true;
      break;
    }
    total += produced;
  }
  const found = new Set<PdfActiveContent>();
  const js = names.has("JavaScript") || names.has("JS");
  if (js) found.add("javascript");
  if (js && names.has("OpenAction")) found.add("open-action-javascript");
  if (names.has("Launch")) found.add("launch");
  if (names.has("AA")) found.add("additional-actions");
  if (names.has("EmbeddedFile") || names.has("EmbeddedFiles")) found.add("embedded-file");
  if (names.has("Encrypt")) found.add("encrypted");
  if (oversized) found.add("oversized");
  return (Object.keys(ACTIVE_CONTENT_LABELS) as PdfActiveContent[]).filter((k) => found.has(k));
}

const WATCHED = new Set(["JavaScript", "JS", "OpenAction", "Launch", "AA", "EmbeddedFile", "EmbeddedFiles", "Encrypt"]);

/** PDF name tokens (ISO 32000 §7.3.5): `/` then regular characters, `#xx` an escaped byte. */
function collectNames(text: string, into: Set<string>) {
  for (const m of text.matchAll(/\/((?:[^\s/[\]<>(){}%#]|#[0-9a-fA-F]{2})+)/g)) {
    const name = m[1].includes("#") ? m[1].replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : m[1];
    if (WATCHED.has(name)) into.add(name);
  }
}

/** The data of each stream whose only filter is FlateDecode (the dictionary before `stream`). */
function* flateStreams(raw: Buffer): Generator<Buffer> {
  const text = raw.toString("latin1");
  const keyword = /(?<![a-z])stream\r?\n/g;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endstream", start);
    if (end < 0) return;
    const dict = text.slice(Math.max(0, text.lastIndexOf("obj", m.index)), m.index);
    keyword.lastIndex = end + "endstream".length;
    if (!/\/Filter\s*(?:\/FlateDecode|\[\s*\/FlateDecode\s*\])/.test(dict)) continue;
    yield raw.subarray(start, end);
  }
}

/** How many bytes `data` inflates to, each chunk handed to `onChunk` and dropped; null as soon as they pass `budget` or time runs out. A damaged stream counts what it gave. */
function inflateCapped(data: Buffer, budget: number, deadline: number, onChunk: (chunk: Buffer) => void): Promise<number | null> {
  return new Promise((resolve) => {
    const inflate = createInflate({ chunkSize: 256 * 1024 });
    let produced = 0;
    let done = false;
    const finish = (value: number | null) => {
      if (done) return;
      done = true;
      inflate.destroy();
      resolve(value);
    };
    inflate.on("data", (chunk: Buffer) => {
      if (done) return;
      produced += chunk.length;
      if (produced > budget || Date.now() > deadline) return finish(null);
      onChunk(chunk);
    });
    inflate.on("end", () => finish(produced));
    inflate.on("error", () => finish(produced));
    inflate.end(data);
  });
}
