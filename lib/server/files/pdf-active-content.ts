import "server-only";
import { createInflate } from "node:zlib";
import { ACTIVE_CONTENT_LABELS, type PdfActiveContent } from "@/lib/domain/active-content";
import { MAX_EXTRACT_BYTES } from "@/lib/server/files/text-extract";

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
 *
 * Bounded: only the first maxInputBytes of a file are read (the text extraction's own cap; a
 * larger file is scanned that far and reported "oversized"), the file is walked once front to back,
 * and the deadline is checked at every stream, the event loop given a turn every few hundred.
 */
export interface PdfScanLimits {
  maxInputBytes: number;
  maxStreamBytes: number;
  maxTotalBytes: number;
  timeoutMs: number;
}

const MB = 1024 * 1024;
export const PDF_SCAN_LIMITS: PdfScanLimits = { maxInputBytes: MAX_EXTRACT_BYTES, maxStreamBytes: 64 * MB, maxTotalBytes: 256 * MB, timeoutMs: 20_000 };

/** Streams walked, and names read, between two turns of the event loop: the scan runs on the app server's main thread. */
const STREAMS_PER_TURN = 512;
const NAMES_PER_TURN = 65_536;

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 1024)).toString("latin1").includes("%PDF-");

/** What was found, in a fixed order; [] for a PDF with none of it, or for anything that is not a PDF. */
export async function scanPdfActiveContent(bytes: Uint8Array, limits: PdfScanLimits = PDF_SCAN_LIMITS): Promise<PdfActiveContent[]> {
  if (!isPdf(bytes)) return [];
  const deadline = Date.now() + limits.timeoutMs;
  let oversized = bytes.byteLength > limits.maxInputBytes;
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, limits.maxInputBytes));
  const text = raw.toString("latin1");
  const names = new Set<string>();
  // Out of time: reported like a cap passed, "not all of it was checked".
  let late = false;
  const name = new RegExp(NAME.source, "g");
  let read = 0;
  for (let m = name.exec(text); m; m = name.exec(text)) {
    addName(m[1], names);
    if (++read % NAMES_PER_TURN === 0) {
      if ((late = Date.now() > deadline)) break;
      await nextTurn();
    }
  }
  let total = 0;
  let walked = 0;
  for (const data of late ? [] : streams(raw, text)) {
    if ((late = Date.now() > deadline)) break;
    if (++walked % STREAMS_PER_TURN === 0) await nextTurn();
    if (!data) continue;
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
  if (oversized || late) found.add("oversized");
  return (Object.keys(ACTIVE_CONTENT_LABELS) as PdfActiveContent[]).filter((k) => found.has(k));
}

const WATCHED = new Set(["JavaScript", "JS", "OpenAction", "Launch", "AA", "EmbeddedFile", "EmbeddedFiles", "Encrypt"]);

/** PDF name tokens (ISO 32000 §7.3.5): `/` then regular characters, `#xx` an escaped byte. */
const NAME = /\/((?:[^\s/[\]<>(){}%#]|#[0-9a-fA-F]{2})+)/g;

function collectNames(text: string, into: Set<string>) {
  for (const m of text.matchAll(NAME)) addName(m[1], into);
}

function addName(token: string, into: Set<string>) {
  const name = token.includes("#") ? token.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : token;
  if (WATCHED.has(name)) into.add(name);
}

/** A turn of the event loop, for whatever else the server has to do meanwhile. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every stream of `text` (`raw` as latin1), in order: its data when its only filter is FlateDecode,
 * null for any other, so the caller can keep time between streams of either kind. A stream's
 * dictionary is what lies between the last `obj` before `stream` and the keyword, searched no further
 * back than the end of the previous stream: each byte is looked at once, whatever the layout.
 */
function* streams(raw: Buffer, text: string): Generator<Buffer | null> {
  const keyword = /(?<![a-z])stream\r?\n/g;
  let from = 0;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endstream", start);
    if (end < 0) return;
    const before = text.slice(from, m.index);
    const dict = before.slice(Math.max(0, before.lastIndexOf("obj")));
    from = keyword.lastIndex = end + "endstream".length;
    yield /\/Filter\s*(?:\/FlateDecode|\[\s*\/FlateDecode\s*\])/.test(dict) ? raw.subarray(start, end) : null;
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
