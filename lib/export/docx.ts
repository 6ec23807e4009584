import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table as DocxTable,
  TableCell as DocxTableCell,
  TableRow as DocxTableRow,
  TextRun as DocxTextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type IRunOptions,
} from "docx";
import { cellAlign, columnFractions, DRAFT_MARK, layoutTable, type Align, type Block, type ExportDocument, type PlacedCell, type Table, type TextRun } from "./document";
import { LINE_PT, organSize, PAGE_MM, RED, SIZE_PT } from "./page";

/**
 * Fonts by name, as a Chinese office's Word or WPS has them. Word uses the eastAsia attribute
 * for hanzi and ascii/hAnsi for Latin and digits; setting only `name` leaves hanzi in whatever
 * East Asian font the template says. A font missing on the reader's machine is substituted by
 * Word (usually 宋体), so the names are the customary ones rather than what we could embed.
 */
const FONT = {
  title: { eastAsia: "方正小标宋简体", ascii: "Times New Roman", hAnsi: "Times New Roman" },
  body: { eastAsia: "仿宋", ascii: "Times New Roman", hAnsi: "Times New Roman" },
  heading1: { eastAsia: "黑体", ascii: "Times New Roman", hAnsi: "Times New Roman" },
  heading2: { eastAsia: "楷体", ascii: "Times New Roman", hAnsi: "Times New Roman" },
  pageNumber: { eastAsia: "宋体", ascii: "宋体", hAnsi: "宋体" },
} as const;

const twip = (pt: number) => Math.round(pt * 20);
const twipMm = (mm: number) => Math.round((mm * 1440) / 25.4);
const halfPt = (pt: number) => Math.round(pt * 2);
const exactLine = { line: twip(LINE_PT), lineRule: LineRuleType.EXACT } as const;

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.BOTH,
};

const run = (text: string, options: Partial<IRunOptions> = {}) =>
  new DocxTextRun({ text, font: FONT.body, size: halfPt(SIZE_PT.body), ...options });

/** A4 with GB/T 9704 margins; body 3号仿宋 on a 28 pt line pitch; `— N —` in the footer. */
export async function renderDocx(doc: ExportDocument): Promise<Buffer> {
  const file = new Document({
    title: doc.draft ? `${doc.title}（${DRAFT_MARK}）` : doc.title,
    styles: { default: { document: { run: { font: FONT.body, size: halfPt(SIZE_PT.body) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: twipMm(PAGE_MM.width), height: twipMm(PAGE_MM.height) },
            margin: { top: twipMm(PAGE_MM.top), bottom: twipMm(PAGE_MM.bottom), left: twipMm(PAGE_MM.left), right: twipMm(PAGE_MM.right) },
          },
        },
        headers: doc.draft ? { default: draftHeader() } : undefined,
        footers: { default: pageNumberFooter() },
        children: [...titleBlock(doc), ...title(doc), ...doc.blocks.flatMap((b, i) => block(b, doc.blocks[i + 1]?.kind === "signature"))],
      },
    ],
  });
  return Packer.toBuffer(file);
}

function draftHeader(): Header {
  const mark = run(`${DRAFT_MARK} · 未经审核，不作正式文件使用`, { color: RED, bold: true, size: halfPt(SIZE_PT.notes) });
  return new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [mark] })] });
}

function pageNumberFooter(): Footer {
  const number = new DocxTextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: FONT.pageNumber, size: halfPt(SIZE_PT.pageNumber) });
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [number] })] });
}

/** 版头: the organ in red, the 文号, then the red rule as the 文号 paragraph's bottom border. */
function titleBlock(doc: ExportDocument): Paragraph[] {
  const block = doc.titleBlock;
  if (!block) return [];
  const organ = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: twip(12) },
    children: [run(block.organ, { font: FONT.title, size: halfPt(organSize(block.organ)), color: RED })],
  });
  const rule = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: twip(LINE_PT) },
    border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 8 } },
    children: block.docNumber ? [run(block.docNumber)] : [],
  });
  return [organ, rule];
}

function title(doc: ExportDocument): Paragraph[] {
  const text = doc.draft ? `${doc.title}（${DRAFT_MARK}）` : doc.title;
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: twip(LINE_PT) },
      children: [run(text, { font: FONT.title, size: halfPt(SIZE_PT.title) })],
    }),
  ];
}

/** `beforeSignature`: the last body paragraph stays on the page of the 落款 (GB/T 9704 §7.3.5). */
function block(b: Block, beforeSignature = false): (Paragraph | DocxTable)[] {
  switch (b.kind) {
    case "heading":
      return [headingParagraph(b.level, b.text)];
    case "paragraph":
      return [bodyParagraph(b.runs, b.align, b.indent ?? true, beforeSignature)];
    case "table":
      return table(b.table);
    case "pageBreak":
      return [new Paragraph({ pageBreakBefore: true, children: [] })];
    case "signature":
      return signature(b.organ, b.date);
    case "notes":
      return notes(b.title, b.items);
  }
}

function headingParagraph(level: 1 | 2 | 3, text: string): Paragraph {
  const font = level === 1 ? FONT.heading1 : level === 2 ? FONT.heading2 : FONT.body;
  return new Paragraph({
    spacing: exactLine,
    indent: { firstLine: twip(2 * SIZE_PT.body) },
    keepNext: true,
    children: [run(text, { font, bold: level === 3 })],
  });
}

function bodyParagraph(runs: TextRun[], align: Align | undefined, indent: boolean, keepNext = false): Paragraph {
  return new Paragraph({
    keepNext,
    keepLines: keepNext,
    alignment: ALIGN[align ?? "justify"],
    spacing: exactLine,
    indent: indent ? { firstLine: twip(2 * SIZE_PT.body) } : undefined,
    children: runs.map((r) => run(r.text, { bold: r.bold })),
  });
}

/** 落款 right-aligned, kept four characters from the right edge (GB/T 9704 §7.3.5.1). */
function signature(organ: string, date: string): Paragraph[] {
  const line = (text: string) =>
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exactLine, indent: { right: twip(4 * SIZE_PT.body) }, keepNext: true, children: [run(text)] });
  return [new Paragraph({ spacing: exactLine, children: [] }), line(organ), line(date)];
}

function notes(heading: string | undefined, items: string[]): Paragraph[] {
  const small = (text: string, first: boolean) =>
    new Paragraph({
      spacing: { line: twip(SIZE_PT.notes * 1.5), lineRule: LineRuleType.EXACT },
      indent: first ? undefined : { left: twip(2 * SIZE_PT.notes) },
      children: [run(text, { size: halfPt(SIZE_PT.notes) })],
    });
  return [small(heading ?? "注：", true), ...items.map((item, i) => small(`${i + 1}. ${item}`, false))];
}

/**
 * Bordered, full width. Merges are written explicitly: gridSpan on the starting cell, and a
 * vMerge "continue" cell at each position a rowSpan covers, as Word itself writes them.
 */
function table(t: Table): (Paragraph | DocxTable)[] {
  const grid = layoutTable(t);
  if (grid.columns === 0) return [];
  const widthTwip = twipMm(PAGE_MM.width - PAGE_MM.left - PAGE_MM.right);
  const fractions = columnFractions(t, grid.columns);
  const columnWidths = fractions.map((f) => Math.round(f * widthTwip));
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  const rows = t.rows.map(
    (_, r) =>
      new DocxTableRow({
        tableHeader: r < (t.headerRows ?? 0),
        cantSplit: true,
        children: rowCells(grid.owner[r], r, columnWidths),
      }),
  );
  const caption = t.caption
    ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: exactLine, keepNext: true, children: [run(t.caption, { bold: true })] })]
    : [];
  const docxTable = new DocxTable({
    rows,
    width: { size: widthTwip, type: WidthType.DXA },
    columnWidths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
  });
  return [...caption, docxTable, new Paragraph({ children: [] })];
}

function rowCells(owners: (PlacedCell | undefined)[], r: number, widths: number[]): DocxTableCell[] {
  const cells: DocxTableCell[] = [];
  for (let c = 0; c < widths.length; ) {
    const p = owners[c];
    const span = p ? p.colSpan : 1;
    const width = { size: widths.slice(c, c + span).reduce((a, b) => a + b, 0), type: WidthType.DXA };
    if (!p) cells.push(new DocxTableCell({ width, children: [new Paragraph({ children: [] })] }));
    else if (p.row === r) cells.push(startCell(p, width));
    else cells.push(new DocxTableCell({ width, columnSpan: span > 1 ? span : undefined, verticalMerge: VerticalMergeType.CONTINUE, children: [new Paragraph({ children: [] })] }));
    c += span;
  }
  return cells;
}

function startCell(p: PlacedCell, width: { size: number; type: typeof WidthType.DXA }): DocxTableCell {
  const text = run(p.cell.text, { size: halfPt(SIZE_PT.table), bold: p.cell.bold });
  return new DocxTableCell({
    width,
    columnSpan: p.colSpan > 1 ? p.colSpan : undefined,
    verticalMerge: p.rowSpan > 1 ? VerticalMergeType.RESTART : undefined,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: twip(4), right: twip(4) },
    children: [new Paragraph({ alignment: ALIGN[cellAlign(p.cell)], children: [text] })],
  });
}
