import "server-only";
import JSZip from "jszip";
import type { Readable } from "node:stream";
import yauzl from "yauzl";

/**
 * 安全解压: the one way a ZIP-based upload (DOCX, XLSX) is opened. Every entry is inflated here,
 * and the limits hold on the bytes actually produced, counted chunk by chunk while inflating —
 * the sizes a file declares are checked too, but never believed: a 1 MB .docx that declares 1 KB
 * and inflates to 1 GB is stopped after its first 1 KB. Also bounded: the number of entries, the
 * compression ratio of each entry, the time, names that climb out of the archive (`..`, absolute,
 * backslash), duplicate names (two readers could pick different ones) and archives inside the
 * archive (never opened; refused unless where the format keeps embedded objects).
 *
 * The libraries that read the format (mammoth, exceljs — both JSZip inside) are then given
 * `rezipStored(entries)`: a new archive written by us from the bounded entries, stored without
 * compression. They inflate nothing and cannot see anything this pass did not measure — a check
 * that merely passed the original buffer on would trust two ZIP parsers to agree on which bytes
 * an entry is (central directory vs local header, several end records), which crafted files break.
 */
export interface ZipLimits {
  maxEntries: number;
  /** One entry, inflated. */
  maxEntryBytes: number;
  /** All entries together, inflated. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed of one entry, enforced once it has produced `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
  timeoutMs: number;
  /** Where the format keeps embedded documents (an Excel chart in a .docx): an archive there is kept closed, not refused. */
  nestedArchivesUnder?: string[];
}

export type ZipRefusal = "corrupt" | "encrypted" | "entries" | "name" | "duplicate" | "declared" | "entry-size" | "total-size" | "ratio" | "nested" | "timeout";

export type SafeUnzip = { ok: true; entries: Map<string, Buffer>; totalBytes: number } | { ok: false; reason: ZipRefusal; message: string };

const MB = 1024 * 1024;

/** A .docx for import or the secrecy scan: text and markup, images kept in memory only while read. */
export const DOCX_LIMITS: ZipLimits = {
  maxEntries: 2_000,
  maxEntryBytes: 60 * MB,
  maxTotalBytes: 100 * MB,
  maxRatio: 200,
  ratioFloorBytes: 1 * MB,
  timeoutMs: 20_000,
  nestedArchivesUnder: ["word/embeddings/"],
};

/** A 台账 .xlsx: 50,000 rows need well under a tenth of the total (lib/server/requests/ledger-file.ts). */
export const XLSX_LIMITS: ZipLimits = {
  maxEntries: 2_000,
  maxEntryBytes: 200 * MB,
  maxTotalBytes: 200 * MB,
  maxRatio: 200,
  ratioFloorBytes: 1 * MB,
  timeoutMs: 30_000,
  nestedArchivesUnder: ["xl/embeddings/"],
};

const mb = (n: number) => Math.round((n / MB) * 10) / 10;

const MESSAGES = {
  corrupt: () => "压缩结构已损坏，无法读取",
  encrypted: () => "文件已加密，无法读取",
  entries: (max: number) => `压缩包内的文件超过 ${max} 个，可能是恶意压缩包`,
  name: (name: string) => `压缩包内的文件名“${name}”指向压缩包以外的位置，可能是恶意压缩包`,
  duplicate: (name: string) => `压缩包内有两个同名文件“${name}”，可能是恶意压缩包`,
  declared: (name: string) => `压缩包内的“${name}”解压后超过其声明的大小，可能是恶意压缩包`,
  entrySize: (name: string, max: number) => `压缩包内的“${name}”解压后超过 ${mb(max)} MB，可能是恶意压缩包`,
  totalSize: (max: number) => `文件解压后超过 ${mb(max)} MB，可能是恶意压缩包`,
  ratio: (name: string, max: number) => `压缩包内的“${name}”压缩比超过 ${max}:1，可能是恶意压缩包`,
  nested: (name: string) => `压缩包内的“${name}”本身又是压缩包（嵌套压缩），不予解压`,
  timeout: (ms: number) => `解压超过 ${Math.ceil(ms / 1000)} 秒仍未完成，可能是恶意压缩包`,
};

export function safeUnzip(bytes: Uint8Array, limits: ZipLimits): Promise<SafeUnzip> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const deadline = Date.now() + limits.timeoutMs;
  const entries = new Map<string, Buffer>();
  let totalBytes = 0;
  let count = 0;
  let zipfile: yauzl.ZipFile | undefined;
  let current: Readable | undefined;

  return new Promise<SafeUnzip>((resolve) => {
    let settled = false;
    const finish = (result: SafeUnzip) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      current?.destroy();
      zipfile?.close();
      resolve(result);
    };
    const refuse = (reason: ZipRefusal, message: string) => finish({ ok: false, reason, message });
    // zlib inflates on the thread pool, so this timer fires even while a bomb is being inflated.
    const timer = setTimeout(() => refuse("timeout", MESSAGES.timeout(limits.timeoutMs)), Math.max(0, limits.timeoutMs));

    // decodeStrings off: yauzl would refuse a bad name itself, with an English error; we decide and say why.
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: false, autoClose: true }, (error, zip) => {
      if (settled) return zip?.close();
      if (error || !zip) return refuse("corrupt", MESSAGES.corrupt());
      zipfile = zip;
      if (zip.entryCount > limits.maxEntries) return refuse("entries", MESSAGES.entries(limits.maxEntries));
      zip.on("error", () => refuse("corrupt", MESSAGES.corrupt()));
      zip.on("end", () => finish({ ok: true, entries, totalBytes }));
      zip.on("entry", (entry: yauzl.Entry) => readEntry(zip, entry));
      zip.readEntry();
    });

    function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry) {
      if (settled) return;
      if (Date.now() >= deadline) return refuse("timeout", MESSAGES.timeout(limits.timeoutMs));
      if (++count > limits.maxEntries) return refuse("entries", MESSAGES.entries(limits.maxEntries));
      const name = entryName(entry);
      if (!safeName(name)) return refuse("name", MESSAGES.name(printable(name)));
      if (name.endsWith("/")) {
        // A folder has no content; one that declares some is not what a zip tool writes.
        if (entry.uncompressedSize !== 0 || entry.compressedSize !== 0) return refuse("corrupt", MESSAGES.corrupt());
        return zip.readEntry();
      }
      if (entries.has(name)) return refuse("duplicate", MESSAGES.duplicate(printable(name)));
      if (entry.isEncrypted()) return refuse("encrypted", MESSAGES.encrypted());
      // What it declares can refuse it at once; what it produces is counted below all the same.
      if (entry.uncompressedSize > limits.maxEntryBytes) return refuse("entry-size", MESSAGES.entrySize(printable(name), limits.maxEntryBytes));
      if (totalBytes + entry.uncompressedSize > limits.maxTotalBytes) return refuse("total-size", MESSAGES.totalSize(limits.maxTotalBytes));
      const ratioCap = Math.max(limits.ratioFloorBytes, entry.compressedSize * limits.maxRatio);
      zip.openReadStream(entry, (error, stream) => {
        if (settled) return stream?.destroy();
        if (error || !stream) return refuse(/encrypt/i.test(error?.message ?? "") ? "encrypted" : "corrupt", MESSAGES.corrupt());
        current = stream;
        const chunks: Buffer[] = [];
        let produced = 0;
        stream.on("data", (chunk: Buffer) => {
          if (settled) return;
          produced += chunk.length;
          totalBytes += chunk.length;
          if (produced > entry.uncompressedSize) return refuse("declared", MESSAGES.declared(printable(name)));
          if (produced > limits.maxEntryBytes) return refuse("entry-size", MESSAGES.entrySize(printable(name), limits.maxEntryBytes));
          if (totalBytes > limits.maxTotalBytes) return refuse("total-size", MESSAGES.totalSize(limits.maxTotalBytes));
          if (produced > ratioCap) return refuse("ratio", MESSAGES.ratio(printable(name), limits.maxRatio));
          if (Date.now() >= deadline) return refuse("timeout", MESSAGES.timeout(limits.timeoutMs));
          chunks.push(chunk);
        });
        stream.on("error", () => refuse("corrupt", MESSAGES.corrupt()));
        stream.on("end", () => {
          if (settled) return;
          current = undefined;
          // Shorter than declared: truncated or damaged (longer was refused while inflating).
          if (produced !== entry.uncompressedSize) return refuse("corrupt", MESSAGES.corrupt());
          const data = Buffer.concat(chunks, produced);
          if (isArchive(data) && !(limits.nestedArchivesUnder ?? []).some((prefix) => name.startsWith(prefix))) {
            return refuse("nested", MESSAGES.nested(printable(name)));
          }
          entries.set(name, data);
          zip.readEntry();
        });
      });
    }
  });
}

/**
 * The bounded entries as a new archive, stored without compression: what mammoth and exceljs are
 * given, so they read exactly the bytes that were measured and inflate nothing themselves.
 */
export function rezipStored(entries: Map<string, Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of entries) zip.file(name, data, { binary: true, createFolders: false });
  return zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
}

/** UTF-8 when flagged (bit 11) or when it decodes cleanly, else GB 18030 (Chinese Windows zip tools). */
function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  if (entry.generalPurposeBitFlag & 0x800) return raw.toString("utf8");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder("gb18030").decode(raw);
  }
}

/** Relative, forward slashes only, no `..` segment, no NUL or drive letter: it names a place inside the archive. */
export function safeName(name: string): boolean {
  if (name === "" || name.includes("\0") || name.includes("\\")) return false;
  if (name.startsWith("/") || /^[a-zA-Z]:/.test(name)) return false;
  return !name.split("/").some((segment) => segment === "..");
}

const printable = (name: string) => {
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, "?");
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
};

const ARCHIVE_MAGIC = [
  [0x50, 0x4b, 0x03, 0x04], // ZIP (and so DOCX, XLSX, JAR …)
  [0x50, 0x4b, 0x05, 0x06], // empty ZIP
  [0x50, 0x4b, 0x07, 0x08], // spanned ZIP
  [0x1f, 0x8b], // gzip
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], // RAR
];

/** By content, not by name: an archive renamed .xml is still an archive. */
export function isArchive(data: Uint8Array): boolean {
  return ARCHIVE_MAGIC.some((magic) => magic.every((byte, i) => data[i] === byte));
}
