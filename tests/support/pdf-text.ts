import { createRequire } from "node:module";
import path from "node:path";

/**
 * A PDF's text, page by page, whitespace removed — read with pdf.js, loaded in Node as
 * lib/server/files/text-extract.ts loads it: an independent reader for the tests of lib/export.
 */
export async function pdfPages(bytes: Buffer): Promise<string[]> {
  const { getDocument, VerbosityLevel } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const root = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  const task = getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: path.join(root, "cmaps") + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(root, "standard_fonts") + path.sep,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  const pdf = await task.promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const { items } = await (await pdf.getPage(n)).getTextContent();
    pages.push(items.map((item) => ("str" in item ? item.str : "")).join("").replace(/\s+/g, ""));
  }
  await task.destroy();
  return pages;
}

/** The whole text of a PDF, whitespace removed. */
export const pdfText = async (bytes: Buffer) => (await pdfPages(bytes)).join("");
