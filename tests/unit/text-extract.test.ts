import { readFileSync } from "node:fs";
import * as docx from "docx";
import JSZip from "jszip";
import { describe, expect, test, vi } from "vitest";
import { scanText } from "@/lib/domain/secrecy-scan";
import { DOCX_MIME, extractText, MAX_EXTRACT_BYTES, PDF_MIME } from "@/lib/server/files/text-extract";
import { tinyPdf, type PdfRow } from "@/tests/support/tiny-pdf";

// Each PDF and .docx is converted in a fresh worker thread (lib/server/files/isolated.ts), which
// loads pdf.js or mammoth anew: seconds on a loaded machine, not the default 5.
vi.setConfig({ testTimeout: 30_000 });

const ID = "220202199001010354";
const PHONE = "13812345678";

const found = (text: string) => scanText(text).map((f) => [f.kind, f.match]);

describe("PDF", () => {
  const pages: PdfRow[][] = [
    ["机密★1年", "关于2026年度吉林市科学技术奖拟奖励人员的公示", [[50, "1"], [80, "张伟"], [130, PHONE], [300, ID]]],
    ["第二页 联系人：李娜，邮箱：lina@163.com"],
  ];

  test.each(["ucs2", "identity"] as const)("Chinese text in %s encoding, a table row, two pages", async (encoding) => {
    const text = await extractText(tinyPdf(pages, encoding), PDF_MIME);
    expect(text).toBe(`机密★1年\n关于2026年度吉林市科学技术奖拟奖励人员的公示\n1 张伟 ${PHONE} ${ID}\n\n第二页 联系人：李娜，邮箱：lina@163.com`);
    expect(found(text)).toEqual([["CLASSIFICATION", "机密★1年"], ["MOBILE", PHONE], ["ID_CARD", ID], ["EMAIL", "lina@163.com"]]);
  });

  test("a real PDF with an embedded font subset (tests/fixtures/text-extract)", async () => {
    const bytes = new Uint8Array(readFileSync(new URL("../fixtures/text-extract/noto-subset.pdf", import.meta.url)));
    expect(found(await extractText(bytes, PDF_MIME))).toEqual([
      ["CLASSIFICATION", "机密★1年"], ["ID_CARD", ID], ["MOBILE", PHONE], ["EMAIL", "lina@163.com"], ["CLASSIFICATION", "内部资料 注意保存"],
    ]);
  });

  test("sniffed when sent as application/octet-stream; the caller's bytes stay usable", async () => {
    const bytes = tinyPdf([["电话 " + PHONE]], "identity");
    expect(await extractText(bytes, "application/octet-stream")).toBe(`电话 ${PHONE}`);
    expect(await extractText(bytes, "Application/PDF; name=a.pdf")).toBe(`电话 ${PHONE}`);
  });
});

async function sampleDocx(): Promise<Uint8Array> {
  const { Document, Packer, Paragraph, TextRun, Header, Footer, Table, TableRow, TableCell } = docx;
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const date = "2026-01-05T08:00:00Z";
  const doc = new Document({
    comments: { children: [{ id: 0, author: "吴红", date: new Date(date), children: [new Paragraph("请核实，申请人手机13900001111")] }] },
    footnotes: { 1: { children: [new Paragraph("原件身份证号11010519491231002X")] } },
    sections: [{
      headers: { default: new Header({ children: [new Paragraph("机密★1年")] }) },
      footers: { default: new Footer({ children: [new Paragraph("内部资料 注意保存")] }) },
      children: [
        new Paragraph({ children: [new TextRun("联系电话："), new TextRun({ text: "138 1234 5678", bold: true }), new docx.FootnoteReferenceRun(1)] }),
        new Paragraph({ children: [new docx.CommentRangeStart(0), new TextRun("拟奖励人员名单"), new docx.CommentRangeEnd(0), new TextRun({ children: [new docx.CommentReference(0)] })] }),
        new Table({ rows: [new TableRow({ children: [cell("姓名"), cell("身份证号")] }), new TableRow({ children: [cell("张伟"), cell(ID)] })] }),
        new Paragraph({ children: [
          new docx.DeletedTextRun({ text: "王五 13700002222", id: 1, author: "张敏", date }),
          new docx.InsertedTextRun({ text: "（已删除个人信息）", id: 2, author: "张敏", date }),
        ] }),
      ],
    }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe("DOCX", () => {
  test("body, tables, and what mammoth leaves out: header, footer, footnote, comment, tracked deletion", async () => {
    const text = await extractText(await sampleDocx(), DOCX_MIME);
    expect(text.startsWith("〔页眉〕\n机密★1年\n\n联系电话：138 1234 5678")).toBe(true);
    for (const part of ["〔页脚〕\n内部资料 注意保存", "〔脚注〕\n原件身份证号11010519491231002X", "〔批注〕\n请核实，申请人手机13900001111", "〔修订中删除的文字〕\n王五 13700002222"]) {
      expect(text).toContain(part);
    }
    expect(found(text)).toEqual([
      ["CLASSIFICATION", "机密★1年"], ["MOBILE", "138 1234 5678"], ["ID_CARD", ID], ["CLASSIFICATION", "内部资料 注意保存"],
      ["ID_CARD", "11010519491231002X"], ["MOBILE", "13900001111"], ["MOBILE", "13700002222"],
    ]);
  });

  test("a VML watermark in the header is read, a text box once (not again from its fallback)", async () => {
    const zip = await JSZip.loadAsync(await sampleDocx());
    const name = Object.keys(zip.files).find((n) => /^word\/header\d*\.xml$/.test(n))!;
    const xml = await zip.file(name)!.async("string");
    const para = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const mark = '<w:p><w:r><w:pict><v:shape type="#_x0000_t136"><v:textpath style="font-family:&quot;宋体&quot;" string="内部资料"/></v:shape></w:pict></w:r></w:p>';
    const textBox = `<mc:AlternateContent><mc:Choice Requires="wps">${para("文本框")}</mc:Choice><mc:Fallback>${para("文本框")}</mc:Fallback></mc:AlternateContent>`;
    zip.file(name, xml.replace("</w:hdr>", `${mark}${textBox}</w:hdr>`));
    const text = await extractText(await zip.generateAsync({ type: "uint8array" }), DOCX_MIME);
    expect(text.startsWith("〔页眉〕\n机密★1年\n内部资料\n文本框\n\n")).toBe(true);
    expect(scanText(text).filter((f) => f.match === "内部资料")).toHaveLength(1);
  });
});

describe("plain text", () => {
  test("UTF-8, with or without a byte-order mark", async () => {
    expect(await extractText(new TextEncoder().encode(`电话${PHONE}`), "text/plain; charset=utf-8")).toBe(`电话${PHONE}`);
    expect(await extractText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("名单")]), "text/csv")).toBe("名单");
  });
  test("GB 18030, as Chinese Windows saves it", async () => {
    const gb = new Uint8Array([0xb5, 0xe7, 0xbb, 0xb0, ...new TextEncoder().encode(PHONE)]); // 电话 in GBK
    expect(await extractText(gb, "text/plain")).toBe(`电话${PHONE}`);
  });
});

async function zipBomb(): Promise<Uint8Array> {
  // A real .docx whose central directory claims a 3 GB document.xml: refused before inflating.
  const bytes = await sampleDocx();
  const view = new DataView(bytes.buffer);
  for (let i = bytes.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    view.setUint32(view.getUint32(i + 16, true) + 24, 3_000_000_000, true);
    break;
  }
  return bytes;
}

describe("what it will not read gives an empty string, never an exception", () => {
  const garbage = new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251));
  test.each([
    ["garbage as PDF", () => garbage, PDF_MIME],
    ["garbage as DOCX", () => garbage, DOCX_MIME],
    ["a zip header and nothing else", () => new TextEncoder().encode("PK\x03\x04garbage"), DOCX_MIME],
    ["a PDF header and nothing else", () => new TextEncoder().encode("%PDF-1.7\n%%EOF"), PDF_MIME],
    ["an empty file", () => new Uint8Array(0), PDF_MIME],
    ["over the size limit", () => new Uint8Array(MAX_EXTRACT_BYTES + 1), "text/plain"],
    ["an image", () => new TextEncoder().encode(`电话${PHONE}`), "image/png"],
    ["a .doc (binary Word)", () => garbage, "application/msword"],
    ["unknown bytes as octet-stream", () => garbage, "application/octet-stream"],
    ["a zip bomb", zipBomb, DOCX_MIME],
  ])("%s", async (_, bytes, mime) => expect(await extractText(await bytes(), mime)).toBe(""));
});
