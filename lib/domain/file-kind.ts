import { fileTypeFromBuffer } from "file-type";

/**
 * Which files may be attached, decided by their bytes (DESIGN §8: uploads checked by magic
 * bytes), never by the name or the browser's Content-Type: a program renamed .pdf is refused.
 * `file-type` knows the common signatures; the Office and WPS containers (OLE2 for doc/xls/wps/et,
 * ZIP for docx/xlsx/ofd) are told apart here by the streams or entries inside them.
 */
export const ATTACHMENT_KINDS = {
  pdf: { label: "PDF", mime: "application/pdf", exts: ["pdf"] },
  docx: { label: "Word", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", exts: ["docx"] },
  doc: { label: "Word 97-2003", mime: "application/msword", exts: ["doc", "wps"] },
  xlsx: { label: "Excel", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exts: ["xlsx"] },
  xls: { label: "Excel 97-2003", mime: "application/vnd.ms-excel", exts: ["xls", "et"] },
  ofd: { label: "OFD", mime: "application/ofd", exts: ["ofd"] },
  png: { label: "PNG 图片", mime: "image/png", exts: ["png"] },
  jpg: { label: "JPEG 图片", mime: "image/jpeg", exts: ["jpg", "jpeg"] },
  gif: { label: "GIF 图片", mime: "image/gif", exts: ["gif"] },
  webp: { label: "WebP 图片", mime: "image/webp", exts: ["webp"] },
  zip: { label: "ZIP 压缩包", mime: "application/zip", exts: ["zip"] },
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

export const ALLOWED_EXTENSIONS = Object.values(ATTACHMENT_KINDS).flatMap((k) => k.exts);
export const ALLOWED_DESCRIPTION = "PDF、Word（doc/docx）、Excel（xls/xlsx）、WPS（wps/et）、OFD、图片（jpg/png/gif/webp）、ZIP";

export type FileCheck =
  | { ok: true; kind: AttachmentKind; mimeType: string; extension: string }
  | { ok: false; message: string };

/** Names of kinds we recognise but refuse, so the message can say what the file really is. */
const DESCRIBE: Record<string, string> = {
  exe: "Windows 可执行程序",
  elf: "可执行程序",
  macho: "可执行程序",
  msi: "安装程序",
  cfb: "Office 97-2003 文件",
  pptx: "PowerPoint 演示文稿",
  ppt: "PowerPoint 演示文稿",
  rar: "RAR 压缩包",
  "7z": "7z 压缩包",
  html: "网页",
  svg: "SVG 图像",
};

export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return m ? m[1].toLowerCase() : "";
}

export async function checkAttachment(fileName: string, bytes: Uint8Array): Promise<FileCheck> {
  const extension = extensionOf(fileName);
  const claimed = (Object.keys(ATTACHMENT_KINDS) as AttachmentKind[]).find((k) => (ATTACHMENT_KINDS[k].exts as readonly string[]).includes(extension));
  if (!claimed) return { ok: false, message: `不支持上传${extension ? ` .${extension} ` : "无扩展名的"}文件。可以上传：${ALLOWED_DESCRIPTION}。` };
  if (bytes.length === 0) return { ok: false, message: `文件“${fileName}”是空文件。` };
  const sniffed = await sniff(bytes);
  if (sniffed === claimed) return { ok: true, kind: claimed, mimeType: ATTACHMENT_KINDS[claimed].mime, extension };
  const actual = sniffed && sniffed in ATTACHMENT_KINDS ? ATTACHMENT_KINDS[sniffed as AttachmentKind].label : sniffed ? (DESCRIBE[sniffed] ?? sniffed.toUpperCase()) : null;
  return {
    ok: false,
    message: actual
      ? `文件“${fileName}”的实际内容是${actual}，与扩展名 .${extension} 不符，不能上传。请确认文件没有被改名。`
      : `无法识别文件“${fileName}”的内容，它不是有效的 ${ATTACHMENT_KINDS[claimed].label} 文件，不能上传。`,
  };
}

/** What the bytes are: one of our kinds, another known type's name, or null. */
export async function sniff(bytes: Uint8Array): Promise<string | null> {
  if (startsWith(bytes, OLE2)) return oleKind(bytes);
  if (startsWith(bytes, ZIP_LOCAL) || startsWith(bytes, ZIP_EMPTY)) return zipKind(bytes);
  const type = await fileTypeFromBuffer(bytes);
  if (!type) return null;
  return type.ext === "jpg" ? "jpg" : type.ext;
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** OLE2 (Compound File): Word and WPS 文字 keep a "WordDocument" stream, Excel and WPS 表格 a "Workbook" (or "Book"). */
function oleKind(bytes: Uint8Array): string {
  if (indexOf(bytes, utf16("WordDocument")) >= 0) return "doc";
  if (indexOf(bytes, utf16("Workbook")) >= 0 || indexOf(bytes, utf16("Book\u0000")) >= 0) return "xls";
  if (indexOf(bytes, utf16("PowerPoint Document")) >= 0) return "ppt";
  return "cfb";
}

/** ZIP: an Office Open XML or OFD package is recognised by its main part. */
function zipKind(bytes: Uint8Array): string {
  const names = zipEntryNames(bytes);
  if (names.includes("word/document.xml")) return "docx";
  if (names.includes("xl/workbook.xml")) return "xlsx";
  if (names.includes("ppt/presentation.xml")) return "pptx";
  if (names.includes("OFD.xml")) return "ofd";
  return "zip";
}

const decoder = new TextDecoder();

/** Entry names from the local file headers (enough to find a package's main part). */
export function zipEntryNames(bytes: Uint8Array, limit = 5000): string[] {
  const names: string[] = [];
  for (let at = indexOf(bytes, ZIP_LOCAL); at >= 0 && names.length < limit; at = indexOf(bytes, ZIP_LOCAL, at + 4)) {
    if (at + 30 > bytes.length) break;
    const nameLength = bytes[at + 26] | (bytes[at + 27] << 8);
    if (at + 30 + nameLength > bytes.length) break;
    names.push(decoder.decode(bytes.subarray(at + 30, at + 30 + nameLength)));
  }
  return names;
}

function utf16(text: string): number[] {
  return [...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]);
}

function indexOf(bytes: Uint8Array, pattern: number[], from = 0): number {
  const first = pattern[0];
  const last = bytes.length - pattern.length;
  for (let i = bytes.indexOf(first, from); i >= 0 && i <= last; i = bytes.indexOf(first, i + 1)) {
    let j = 1;
    while (j < pattern.length && bytes[i + j] === pattern[j]) j++;
    if (j === pattern.length) return i;
  }
  return -1;
}
