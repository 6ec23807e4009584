/**
 * lib/export: documents a clerk files (答复书, 年度报告) as DOCX and PDF, tables as CSV, data as
 * JSON. Pure rendering, no I/O beyond reading the bundled font; route handlers send the bytes
 * with EXPORT_MIME's content type and attachmentDisposition().
 */
import type { ExportDocument } from "./document";
import { renderDocx } from "./docx";
import { renderPdf, type PdfOptions } from "./pdf";

export * from "./document";
export { tableToCsv, toCsv, neutraliseCell, CSV_BOM } from "./csv";
export { toJson, JSON_CONTENT_TYPE } from "./json";
export { renderDocx } from "./docx";
export { renderPdf, type PdfOptions } from "./pdf";

export type ExportFormat = "docx" | "pdf" | "csv" | "json";

export const EXPORT_MIME: Record<ExportFormat, { contentType: string; extension: string }> = {
  docx: { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: ".docx" },
  pdf: { contentType: "application/pdf", extension: ".pdf" },
  csv: { contentType: "text/csv; charset=utf-8", extension: ".csv" },
  json: { contentType: "application/json; charset=utf-8", extension: ".json" },
};

export function renderDocument(doc: ExportDocument, format: "docx" | "pdf", options: PdfOptions = {}): Promise<Buffer> {
  return format === "docx" ? renderDocx(doc) : renderPdf(doc, options);
}

/**
 * Content-Disposition for a Chinese file name: an ASCII fallback for old clients and the real
 * name in RFC 5987 `filename*` (what browsers use), so 答复书.pdf keeps its name on download.
 * A file we did not render (an uploaded 身份证明 image) passes its own extension, e.g. { extension: ".png" }.
 */
export function attachmentDisposition(baseName: string, format: ExportFormat | { extension: string }): string {
  const name = `${baseName}${typeof format === "string" ? EXPORT_MIME[format].extension : format.extension}`;
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  // RFC 5987 attr-char excludes ' ( ) *, which encodeURIComponent leaves as they are.
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
