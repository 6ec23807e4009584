import JSZip from "jszip";

/**
 * Small real files for upload and import tests, made in memory: nothing binary is checked in.
 * Each starts with the signature a real file of its kind has.
 */
export const samplePdf = (text = "Gongkai test") =>
  new TextEncoder().encode(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** A Windows program: the "MZ" DOS header and a PE signature, nothing runnable. */
export function sampleExe(): Uint8Array {
  const bytes = new Uint8Array(512);
  bytes.set([0x4d, 0x5a], 0);
  bytes.set([0x80, 0, 0, 0], 0x3c);
  bytes.set([0x50, 0x45, 0, 0], 0x80);
  return bytes;
}

export const samplePng = () =>
  Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"));

/** An OLE2 compound file whose directory names the given stream (WordDocument, Workbook …). */
export function sampleOle2(stream: string): Uint8Array {
  const bytes = new Uint8Array(2048);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  bytes.set(Buffer.from(stream, "utf16le"), 1024);
  return bytes;
}

export async function sampleZip(entries: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(entries)) zip.file(name, content);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const escapeXml = (text: string) => text.replace(/[<>&]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[c]!);
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (text: string, style?: string, bold = false) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}<w:r>${bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;

/** A minimal but valid .docx (what Word saves, less the optional parts). */
export function sampleDocx(paragraphs: { text: string; heading?: boolean; bold?: boolean }[]): Promise<Uint8Array> {
  return sampleZip({
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    "word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    "word/styles.xml": `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>`,
    "word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${paragraphs.map((p) => para(p.text, p.heading ? "Heading1" : undefined, p.bold)).join("")}</w:body></w:document>`,
  });
}

/**
 * A notice as Word writes it (made with the `docx` package): a Title-styled paragraph, a numbered
 * heading and a timetable whose first row spans both columns and whose 处室审核 cell spans two rows.
 */
export async function sampleNoticeDocx(options: { title?: string } = {}): Promise<Uint8Array> {
  const { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } = await import("docx");
  const cell = (text: string, merge: { columnSpan?: number; rowSpan?: number } = {}) => new TableCell({ children: [new Paragraph(text)], ...merge });
  const doc = new Document({
    sections: [
      {
        children: [
          ...(options.title ? [new Paragraph({ text: options.title, heading: HeadingLevel.TITLE })] : []),
          new Paragraph({ text: "一、申报时间", heading: HeadingLevel.HEADING_1 }),
          new Table({
            rows: [
              new TableRow({ children: [cell("申报时间安排", { columnSpan: 2 })] }),
              new TableRow({ children: [cell("企业填报"), cell("12月15日前")] }),
              new TableRow({ children: [cell("处室审核", { rowSpan: 2 }), cell("12月20日前")] }),
              new TableRow({ children: [cell("12月25日前")] }),
            ],
          }),
          new Paragraph("请按时申报。"),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
