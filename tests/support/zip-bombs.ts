import { createDeflateRaw, deflateRawSync } from "node:zlib";

/**
 * Hostile archives for the 安全解压 tests (lib/server/files/safe-zip.ts), written byte by byte:
 * a ZIP writer that puts into the headers whatever sizes and names it is told, true or not.
 */
export interface RawEntry {
  name: string;
  /** Inflated content (deflated here), or `deflated` already compressed. */
  data?: Uint8Array;
  deflated?: Buffer;
  /** What the headers claim the entry inflates to; the truth when omitted. */
  declaredSize?: number;
  /** Method 0 (stored) instead of deflate. */
  stored?: boolean;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const body = e.deflated ?? (e.stored ? Buffer.from(e.data ?? []) : deflateRawSync(e.data ?? new Uint8Array()));
    const size = e.declaredSize ?? e.data?.length ?? 0;
    const crc = e.data ? crc32(e.data) : 0;
    const method = e.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // names in UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `bytes` zeros, deflated a megabyte at a time so the test itself never holds them (≈ 1000:1). */
export function deflatedZeros(bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const deflate = createDeflateRaw({ level: 9 });
    const out: Buffer[] = [];
    deflate.on("data", (c: Buffer) => out.push(c));
    deflate.on("end", () => resolve(Buffer.concat(out)));
    deflate.on("error", reject);
    const chunk = Buffer.alloc(1024 * 1024);
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!deflate.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void deflate.once("drain", pump);
      }
      deflate.end();
    };
    pump();
  });
}

/** A .docx's parts with `word/document.xml` replaced by a hostile entry. */
export function docxWith(documentEntry: RawEntry, extra: RawEntry[] = []): Buffer {
  const text = (s: string) => new TextEncoder().encode(s);
  return rawZip([
    { name: "[Content_Types].xml", data: text(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`) },
    { name: "_rels/.rels", data: text(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`) },
    documentEntry,
    ...extra,
  ]);
}

/** Resident memory in MB, after a collection when the test runs with --expose-gc. */
export function residentMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
}
