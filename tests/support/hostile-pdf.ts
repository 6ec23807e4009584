import { deflateSync } from "node:zlib";

/**
 * PDFs written byte by byte for the 附件含有脚本 tests (lib/server/files/pdf-active-content.ts):
 * a one-page document plus whatever objects and catalog entries a test adds, with a correct
 * cross-reference table so pdf.js opens it too.
 */
export function pdfWith(options: { catalog?: string; objects?: (string | Buffer)[] } = {}): Buffer {
  const page = "BT /F1 12 Tf 50 780 Td (Gongkai) Tj ET";
  const objects: (string | Buffer)[] = [
    `<< /Type /Catalog /Pages 2 0 R ${options.catalog ?? ""} >>`,
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${page.length} >>\nstream\n${page}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ...(options.objects ?? []),
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let at = parts[0].length;
  objects.forEach((body, i) => {
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, "latin1"), typeof body === "string" ? Buffer.from(body, "latin1") : body, Buffer.from("\nendobj\n", "latin1")]);
    offsets.push(at);
    parts.push(chunk);
    at += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`, "latin1"));
  return Buffer.concat(parts);
}

/** Object 6: a JavaScript action run when the document opens. */
export const openActionJavaScript = () => pdfWith({ catalog: "/OpenAction 6 0 R", objects: ["<< /Type /Action /S /JavaScript /JS (app.alert\\('Gongkai'\\);) >>"] });

/** A FlateDecode stream object with `content` inside, as an object stream (/ObjStm) hides dictionaries. */
export function flateStream(content: string | Buffer, extra = "/Type /ObjStm /N 1 /First 4"): Buffer {
  const data = deflateSync(typeof content === "string" ? Buffer.from(content, "latin1") : content);
  return Buffer.concat([Buffer.from(`<< ${extra} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, "latin1"), data, Buffer.from("\nendstream", "latin1")]);
}
