// The conversions that parse a hostile file, run in a worker thread by lib/server/files/isolated.ts
// with a memory limit and a timeout: mammoth (Word → HTML or text) and pdf.js (PDF → text).
// Plain JavaScript, loaded from disk by Node (not bundled by Next), so it imports only packages.
// The .docx it is given has already been through the bounded unzip and re-zipped without
// compression (safe-zip.ts), so mammoth inflates nothing here.
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import mammoth from "mammoth";

const MAX_PDF_PAGES = 1_000;
const MAX_TEXT_CHARS = 2_000_000;

async function docxHtml({ bytes, styleMap }) {
  let images = 0;
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes) },
    {
      styleMap,
      externalFileAccess: false,
      ignoreEmptyParagraphs: true,
      // Images are not kept in the body (they would bloat every revision): they belong in 附件.
      convertImage: mammoth.images.imgElement(async () => {
        images++;
        return { src: "" };
      }),
    },
  );
  return { html: result.value, images };
}

async function docxText({ bytes }) {
  return { text: (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value };
}

// pdf.js reads its CMaps from disk; without them text in a predefined CJK encoding (UniGB-UCS2-H,
// how iText and many Chinese office systems write 宋体 without embedding it) comes out empty.
// `root` (pdfjs-dist's folder) comes from the caller: in Next's build this file is bundled, and a
// require.resolve here would become a module number.
async function pdfText({ bytes, root }) {
  const { getDocument, VerbosityLevel } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: path.join(root, "cmaps") + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(root, "standard_fonts") + path.sep,
    isEvalSupported: false, // CVE-2024-4367: no code generated from font data
    disableFontFace: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const pdf = await task.promise;
    const pages = [];
    let chars = 0;
    for (let n = 1; n <= Math.min(pdf.numPages, MAX_PDF_PAGES) && chars < MAX_TEXT_CHARS; n++) {
      const page = await pdf.getPage(n);
      const { items } = await page.getTextContent();
      const text = items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join("");
      pages.push(text);
      chars += text.length;
      page.cleanup();
    }
    return { text: pages.join("\n\n") };
  } finally {
    await task.destroy();
  }
}

const TASKS = { "docx-html": docxHtml, "docx-text": docxText, "pdf-text": pdfText };

const { task, input } = workerData;
Promise.resolve()
  .then(() => TASKS[task](input))
  .then(
    (value) => parentPort.postMessage({ ok: true, value }),
    (error) => parentPort.postMessage({ ok: false, message: String(error?.message ?? error) }),
  );
