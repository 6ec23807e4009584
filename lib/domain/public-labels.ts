/** Words the public site shows for stored codes and sizes. */

export const VALIDITY_LABELS = {
  VALID: "有效",
  AMENDED: "已修改",
  REPEALED: "已废止",
  EXPIRED: "已失效",
} as const;

export const DOCUMENT_TYPE_LABELS = {
  REGULATION: "规章",
  NORMATIVE: "行政规范性文件",
  OTHER: "其他",
} as const;

/** 有效性 belongs to 规章 and 规范性文件; other documents have none. */
export function showsValidity(documentType: keyof typeof DOCUMENT_TYPE_LABELS, validity: string | null): boolean {
  return documentType !== "OTHER" || validity !== null;
}

const TYPES: [RegExp, string][] = [
  [/^application\/pdf$/, "PDF 文档"],
  [/wordprocessingml|^application\/msword$/, "Word 文档"],
  [/spreadsheetml|^application\/vnd\.ms-excel$/, "Excel 表格"],
  [/presentationml|^application\/vnd\.ms-powerpoint$/, "PowerPoint 演示文稿"],
  [/^application\/(vnd\.)?ofd$/, "OFD 版式文档"],
  [/^application\/(zip|x-zip-compressed|x-7z-compressed|x-rar-compressed|vnd\.rar)$/, "压缩包"],
  [/^image\//, "图片"],
  [/^text\/csv$/, "CSV 表格"],
  [/^text\/plain$/, "文本文件"],
];

export function fileTypeLabel(mimeType: string, fileName = ""): string {
  const known = TYPES.find(([re]) => re.test(mimeType));
  if (known) return known[1];
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1];
  return ext ? `${ext.toUpperCase()} 文件` : "文件";
}

/** 1.2 MB, 340 KB, 512 B */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
