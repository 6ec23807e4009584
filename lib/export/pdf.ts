import PDFDocument from "pdfkit";
import { DRAFT_MARK, pageNumberText, type Align, type Block, type ExportDocument, type Table, type TextRun } from "./document";
import { defaultFonts, type PdfFonts } from "./fonts";
import { LINE_PT, mmToPt, organSize, PAGE_MM, RED, SIZE_PT, TEXT_WIDTH_PT } from "./page";
import { drawTable } from "./pdf-table";

type Pdf = InstanceType<typeof PDFDocument>;

export type PdfOptions = {
  /** Other font files (TrueType/OpenType bytes); the bundled Noto Serif SC otherwise. */
  fonts?: PdfFonts;
  /** Fixed creation date, so the same document renders to the same bytes (tests, archives). */
  creationDate?: Date;
};

const MARGIN = {
  top: mmToPt(PAGE_MM.top),
  bottom: mmToPt(PAGE_MM.bottom),
  left: mmToPt(PAGE_MM.left),
  right: mmToPt(PAGE_MM.right),
};
const RED_HEX = `#${RED}`;

/**
 * A4 PDF with the CJK font embedded as a subset of the glyphs used (pdfkit + fontkit write a
 * CIDFontType2 with FontFile2 and a ToUnicode map), so it prints the same on any machine and its
 * text can be searched and copied.
 */
export function renderPdf(doc: ExportDocument, options: PdfOptions = {}): Promise<Buffer> {
  const fonts = options.fonts ?? defaultFonts();
  const pdf = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    lang: "zh-CN",
    displayTitle: true,
    info: { Title: doc.draft ? `${doc.title}（${DRAFT_MARK}）` : doc.title, CreationDate: options.creationDate ?? new Date() },
  });
  const done = collect(pdf);
  pdf.registerFont("regular", fonts.regular);
  pdf.registerFont("bold", fonts.bold);
  pdf.addPage();
  pdf.font("regular");
  drawTitleBlock(pdf, doc);
  drawTitle(pdf, doc);
  doc.blocks.forEach((b, i) => {
    if (b.kind === "paragraph" && doc.blocks[i + 1]?.kind === "signature") keepWithSignature(pdf, b.runs, doc.blocks.slice(i + 2));
    drawBlock(pdf, b);
  });
  finishPages(pdf, doc.draft ?? false);
  pdf.end();
  return done;
}

function collect(pdf: Pdf): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
}

const bottom = (pdf: Pdf) => pdf.page.height - pdf.page.margins.bottom;

function drawTitleBlock(pdf: Pdf, doc: ExportDocument): void {
  const block = doc.titleBlock;
  if (!block) return;
  pdf.font("bold").fontSize(organSize(block.organ)).fillColor(RED_HEX);
  pdf.text(block.organ, MARGIN.left, pdf.y, { width: TEXT_WIDTH_PT, align: "center" });
  pdf.moveDown(0.4);
  if (block.docNumber) {
    pdf.font("regular").fontSize(SIZE_PT.body).fillColor("#000000");
    pdf.text(block.docNumber, MARGIN.left, pdf.y, { width: TEXT_WIDTH_PT, align: "center" });
  }
  // GB/T 9704 §7.2.4: the rule sits 4 mm below the 文号, as wide as the type area.
  const y = pdf.y + mmToPt(4);
  pdf.save().lineWidth(1.5).strokeColor(RED_HEX).moveTo(MARGIN.left, y).lineTo(MARGIN.left + TEXT_WIDTH_PT, y).stroke().restore();
  pdf.y = y + LINE_PT;
}

function drawTitle(pdf: Pdf, doc: ExportDocument): void {
  const text = doc.draft ? `${doc.title}（${DRAFT_MARK}）` : doc.title;
  pdf.font("bold").fontSize(SIZE_PT.title).fillColor("#000000");
  pdf.text(text, MARGIN.left, pdf.y, { width: TEXT_WIDTH_PT, align: "center", lineGap: 6 });
  pdf.y += LINE_PT / 2;
}

/** lineGap that puts consecutive baselines LINE_PT apart at the current size. */
const lineGap = (pdf: Pdf) => Math.max(0, LINE_PT - pdf.currentLineHeight(false));

function drawBlock(pdf: Pdf, b: Block): void {
  switch (b.kind) {
    case "heading":
      return drawRuns(pdf, [{ text: b.text, bold: true }], "left", true);
    case "paragraph":
      return drawRuns(pdf, b.runs, b.align ?? "justify", b.indent ?? true);
    case "table":
      return drawTableBlock(pdf, b.table);
    case "pageBreak":
      pdf.addPage();
      return;
    case "signature":
      return drawSignature(pdf, b.organ, b.date);
    case "notes":
      return drawNotes(pdf, b.title, b.items);
  }
}

/** Runs of one paragraph; a bold run switches font mid-line through pdfkit's `continued`. */
function drawRuns(pdf: Pdf, runs: TextRun[], align: Align, indent: boolean): void {
  pdf.fontSize(SIZE_PT.body).fillColor("#000000");
  const gap = lineGap(pdf);
  pdf.x = MARGIN.left;
  const options = { width: TEXT_WIDTH_PT, align, lineGap: gap, indent: indent ? 2 * SIZE_PT.body : 0 };
  const parts = runs.length ? runs : [{ text: "" }];
  parts.forEach((r, i) => {
    pdf.font(r.bold ? "bold" : "regular");
    pdf.text(r.text, { ...options, continued: i < parts.length - 1 });
  });
}

function drawTableBlock(pdf: Pdf, table: Table): void {
  if (table.caption) {
    pdf.font("bold").fontSize(SIZE_PT.body).text(table.caption, MARGIN.left, pdf.y, { width: TEXT_WIDTH_PT, align: "center" });
    pdf.moveDown(0.3);
  }
  drawTable(pdf, table, {
    left: MARGIN.left,
    width: TEXT_WIDTH_PT,
    bottom: () => bottom(pdf),
    newPage: () => pdf.addPage(),
    font: (bold) => pdf.font(bold ? "bold" : "regular").fontSize(SIZE_PT.table),
  });
  pdf.fontSize(SIZE_PT.body);
  pdf.moveDown(0.5);
}

/**
 * GB/T 9704 §7.3.5: the 落款 never stands alone on a page. If the last body paragraph, the 落款 and
 * what follows it (附注 such as （此件依申请公开）) do not fit, the paragraph starts the next page.
 */
function keepWithSignature(pdf: Pdf, runs: TextRun[], after: Block[]): void {
  const body = (text: string, indent: boolean) => {
    pdf.font("regular").fontSize(SIZE_PT.body);
    return pdf.heightOfString(text, { width: TEXT_WIDTH_PT, lineGap: lineGap(pdf), indent: indent ? 2 * SIZE_PT.body : 0 });
  };
  const notes = (lines: string[]) => {
    pdf.font("regular").fontSize(SIZE_PT.notes);
    return lines.reduce((h, line) => h + pdf.heightOfString(line, { width: TEXT_WIDTH_PT - 2 * SIZE_PT.notes, lineGap: SIZE_PT.notes * 0.5 }), 0);
  };
  const tail = after.reduce((h, b) => {
    if (b.kind === "paragraph") return h + body(b.runs.map((r) => r.text).join(""), b.indent ?? true);
    if (b.kind === "notes") return h + notes([b.title ?? "注：", ...b.items]);
    return h;
  }, 0);
  const needed = body(runs.map((r) => r.text).join(""), true) + 3 * LINE_PT + tail;
  if (pdf.y + needed > bottom(pdf)) pdf.addPage();
  pdf.font("regular").fontSize(SIZE_PT.body);
}

/** 落款: right-aligned, four characters in from the right edge (GB/T 9704 §7.3.5.1). */
function drawSignature(pdf: Pdf, organ: string, date: string): void {
  pdf.font("regular").fontSize(SIZE_PT.body).fillColor("#000000");
  const gap = lineGap(pdf);
  const needed = 3 * LINE_PT;
  if (pdf.y + needed > bottom(pdf)) pdf.addPage();
  pdf.y += LINE_PT;
  const width = TEXT_WIDTH_PT - 4 * SIZE_PT.body;
  for (const line of [organ, date]) pdf.text(line, MARGIN.left, pdf.y, { width, align: "right", lineGap: gap });
}

function drawNotes(pdf: Pdf, title: string | undefined, items: string[]): void {
  pdf.font("regular").fontSize(SIZE_PT.notes).fillColor("#000000");
  const gap = SIZE_PT.notes * 0.5;
  pdf.text(title ?? "注：", MARGIN.left, pdf.y, { width: TEXT_WIDTH_PT, lineGap: gap });
  const indent = 2 * SIZE_PT.notes;
  items.forEach((item, i) => pdf.text(`${i + 1}. ${item}`, MARGIN.left + indent, pdf.y, { width: TEXT_WIDTH_PT - indent, lineGap: gap }));
  pdf.x = MARGIN.left;
}

/** Page numbers (and the 草稿 marks) go on once every page exists; pdfkit buffers the pages for this. */
function finishPages(pdf: Pdf, draft: boolean): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    // Writing into the bottom margin would make pdfkit start a new page.
    const margins = pdf.page.margins;
    pdf.page.margins = { ...margins, bottom: 0, top: 0 };
    const y = pdf.page.height - mmToPt(PAGE_MM.bottom) + mmToPt(7);
    pdf.font("regular").fontSize(SIZE_PT.pageNumber).fillColor("#000000");
    pdf.text(pageNumberText(i - start + 1), MARGIN.left, y, { width: TEXT_WIDTH_PT, align: "center", lineBreak: false });
    if (draft) drawDraftMarks(pdf);
    pdf.page.margins = margins;
  }
}

/** A corner label that prints, and a faint diagonal watermark that cannot be cropped off. */
function drawDraftMarks(pdf: Pdf): void {
  pdf.font("bold").fontSize(SIZE_PT.notes).fillColor(RED_HEX);
  pdf.text(`${DRAFT_MARK} · 未经审核，不作正式文件使用`, MARGIN.left, mmToPt(15), { width: TEXT_WIDTH_PT, align: "right", lineBreak: false });
  const cx = pdf.page.width / 2;
  const cy = pdf.page.height / 2;
  pdf.save().rotate(-35, { origin: [cx, cy] }).fillColor("#c00000").fillOpacity(0.12).font("bold").fontSize(140);
  pdf.text(DRAFT_MARK, cx - 150, cy - 80, { width: 300, align: "center", lineBreak: false });
  pdf.restore();
}
