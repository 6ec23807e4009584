import JSZip from "jszip";
import { pdfPages } from "../support/pdf-text";
import { beforeAll, describe, expect, test } from "vitest";
import { EXPORT_MIME, attachmentDisposition, neutraliseCell, renderDocument, tableToCsv, toCsv, toJson, type Table } from "@/lib/export";
import { REMEDY_SENTENCE, SAMPLE_DATE, SAMPLE_DOC_NUMBER, SAMPLE_ORGAN, sampleAnnualTable, sampleReplyLetter, sampleTableDocument } from "@/lib/export/samples";

/** Golden-file checks: each format is rendered, then read back with an independent reader. */

// ---- DOCX: unzip and read WordprocessingML ----

const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join("");
const parts = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))].map((m) => m[1]);

async function docxParts(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => (await zip.file(name)?.async("string")) ?? "";
  const headers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/header\d*\.xml$/.test(n)).map(read));
  return { document: await read("word/document.xml"), footer: await read("word/footer1.xml"), headers: headers.join("") };
}

/** Body paragraphs outside tables, as text. */
const bodyParagraphs = (documentXml: string) => parts(documentXml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, ""), "w:p").map(textOf).filter(Boolean);

/** Each table row as cells: text, gridSpan, vMerge ("restart" | "continue" | undefined). */
function docxTableRows(documentXml: string) {
  const table = parts(documentXml, "w:tbl")[0] ?? "";
  return parts(table, "w:tr").map((row) =>
    parts(row, "w:tc").map((cell) => ({
      text: textOf(cell),
      span: Number(/<w:gridSpan w:val="(\d+)"/.exec(cell)?.[1] ?? 1),
      vMerge: /<w:vMerge(?: w:val="(\w+)")?\/>/.exec(cell) ? (/<w:vMerge w:val="(\w+)"/.exec(cell)?.[1] ?? "continue") : undefined,
    })),
  );
}

describe("DOCX", () => {
  test("the 答复书 reads back paragraph by paragraph, with its 版头, eastAsia fonts and a — PAGE — footer", async () => {
    const { document, footer, headers } = await docxParts(await renderDocument(sampleReplyLetter(), "docx"));
    expect(bodyParagraphs(document)).toEqual([
      SAMPLE_ORGAN,
      SAMPLE_DOC_NUMBER,
      "政府信息公开申请答复书",
      "张某：",
      "本机关于2026年11月9日收到您通过信函方式提出的政府信息公开申请，您申请获取“2025年度吉林市科技发展计划项目立项清单及资金安排情况”。",
      "经审查，根据《中华人民共和国政府信息公开条例》第三十六条第（三）项的规定，现答复如下：您申请获取的政府信息予以公开。现将《2025年度吉林市科技发展计划项目立项清单》提供给您，资金安排情况见清单第四列。",
      REMEDY_SENTENCE,
      "附件：2025年度吉林市科技发展计划项目立项清单",
      SAMPLE_ORGAN,
      SAMPLE_DATE,
      "（此件依申请公开）",
    ]);
    expect(document).toMatch(/<w:rFonts [^>]*w:eastAsia="方正小标宋简体"[^>]*\/><w:color w:val="FF0000"\/>/);
    expect(document).toContain('w:eastAsia="仿宋"');
    expect(document).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    expect(document).toMatch(/<w:b\/>[\s\S]{0,200}您申请获取的政府信息予以公开。/);
    expect(footer).toMatch(/— <\/w:t><w:fldChar w:fldCharType="begin"\/><w:instrText xml:space="preserve">PAGE<\/w:instrText>[\s\S]*> —<\/w:t>/);
    expect(headers).not.toContain("草稿");
  });

  test("table cells are exactly the given ones, merged with gridSpan and vMerge", async () => {
    const { document } = await docxParts(await renderDocument(sampleTableDocument(), "docx"));
    const rows = docxTableRows(document);
    expect(rows[0]).toEqual([
      { text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", span: 2, vMerge: "restart" },
      { text: "自然人", span: 1, vMerge: "restart" },
      { text: "法人或其他组织", span: 5, vMerge: undefined },
      { text: "总计", span: 1, vMerge: "restart" },
    ]);
    expect(rows[1]).toEqual([
      { text: "", span: 2, vMerge: "continue" },
      { text: "", span: 1, vMerge: "continue" },
      ...["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].map((text) => ({ text, span: 1, vMerge: undefined })),
      { text: "", span: 1, vMerge: "continue" },
    ]);
    expect(rows[4].map((c) => [c.text, c.vMerge])).toEqual([["三、本年度办理结果", "restart"], ["（一）予以公开", undefined], ...["3", "1", "0", "0", "0", "0", "4"].map((t) => [t, undefined])]);
    expect(rows[5][0]).toEqual({ text: "", span: 1, vMerge: "continue" });
    expect(rows.map((r) => r.reduce((n, c) => n + c.span, 0))).toEqual(Array(rows.length).fill(9));
    expect(rows.length).toBe(9);
    expect(document.match(/<w:tblHeader\/>/g)).toHaveLength(2);
  });

  test("a draft says 草稿 in the page header and the title", async () => {
    const { document, headers } = await docxParts(await renderDocument(sampleReplyLetter({ draft: true }), "docx"));
    expect(textOf(headers)).toContain("草稿");
    expect(bodyParagraphs(document)).toContain("政府信息公开申请答复书（草稿）");
  });
});

// ---- PDF: read back with pdf.js, loaded as lib/server/text-extract.ts loads it in Node ----

const squeeze = (s: string) => s.replace(/\s+/g, "");
const creationDate = new Date("2026-11-30T00:00:00Z");

describe("PDF", () => {
  let letter: Buffer;
  beforeAll(async () => {
    letter = await renderDocument(sampleReplyLetter(), "pdf", { creationDate });
  });

  test("the 答复书's Chinese text extracts back, page number included", async () => {
    const [page] = await pdfPages(letter);
    for (const text of [SAMPLE_ORGAN, SAMPLE_DOC_NUMBER, "政府信息公开申请答复书", "第三十六条第（三）项", REMEDY_SENTENCE, SAMPLE_DATE, "—1—"])
      expect(page).toContain(squeeze(text));
    expect(page).not.toContain("草稿");
  });

  test("the font is embedded as a subset: FontFile2 present, a subset-tagged name, a small file", () => {
    const raw = letter.toString("latin1");
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
    // The whole font is 15 MB; a subset of the few hundred glyphs used is tens of KB.
    expect(letter.byteLength).toBeLessThan(200_000);
  });

  test("the same document renders to the same bytes", async () => {
    expect((await renderDocument(sampleReplyLetter(), "pdf", { creationDate })).equals(letter)).toBe(true);
  });

  test("a draft carries 草稿 on every page", async () => {
    const doc = sampleTableDocument({ draft: true });
    doc.blocks.push({ kind: "pageBreak" }, { kind: "paragraph", runs: [{ text: "第二页" }] });
    const pages = await pdfPages(await renderDocument(doc, "pdf"));
    expect(pages).toHaveLength(2);
    for (const page of pages) expect(page).toContain("草稿");
  });

  test("a long table breaks across pages, repeats its header rows and numbers every page", async () => {
    const table = sampleAnnualTable();
    const body = Array.from({ length: 60 }, (_, i) => [{ text: `第${i + 1}行`, colSpan: 2 }, ...Array.from({ length: 7 }, () => ({ text: String(i), numeric: true }))]);
    const long: Table = { ...table, rows: [...table.rows.slice(0, 2), ...body] };
    const pages = await pdfPages(await renderDocument({ title: "长表", blocks: [{ kind: "table", table: long }] }, "pdf"));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page).toContain("法人或其他组织");
      expect(page).toContain("社会公益组织");
      expect(page).toContain(`—${i + 1}—`);
    });
    expect(pages.join("")).toContain("第60行");
  });
});

// ---- CSV and JSON ----

describe("CSV", () => {
  test("BOM first, CRLF line ends, RFC 4180 quoting", () => {
    const csv = toCsv([["名称", "说明"], ["甲,乙", '他说"好"'], ["多\n行", "x"]]);
    expect(csv.startsWith("\uFEFF名称,说明\r\n")).toBe(true);
    expect(csv).toBe('\uFEFF名称,说明\r\n"甲,乙","他说""好"""\r\n"多\n行",x\r\n');
  });

  test.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ["+1", "'+1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["-1+2", "'-1+2"],
    ["\tcmd", "'\tcmd"],
    ["-5", "-5"],
    ["12.5", "12.5"],
    ["吉林市", "吉林市"],
  ])("cell %j is written as %j", (cell, expected) => {
    expect(toCsv([[cell]])).toBe(`\uFEFF${expected}\r\n`);
  });

  test("neutraliseCell leaves numbers alone and disarms formulas", () => {
    expect(["-5", "0", "-0.25", "=1+1", "+5", "@x"].map(neutraliseCell)).toEqual(["-5", "0", "-0.25", "'=1+1", "'+5", "'@x"]);
  });

  test("a two-row merged header becomes one line with a label per column", () => {
    const lines = tableToCsv(sampleAnnualTable()).slice(1).split("\r\n");
    const gouji = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    expect(lines[0].split(",")).toEqual([
      gouji, gouji, "自然人",
      ...["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].map((s) => `法人或其他组织/${s}`),
      "总计",
    ]);
    expect(lines[1]).toBe("一、本年新收政府信息公开申请数量,,5,1,1,0,0,0,7");
    expect(lines[3]).toBe("三、本年度办理结果,（一）予以公开,3,1,0,0,0,0,4");
    expect(lines[4]).toBe(",（二）部分公开（区分处理的，只计这一情形，不计其他情形）,1,0,1,0,0,0,2");
    expect(lines.at(-1)).toBe("");
  });
});

describe("JSON and MIME", () => {
  test("keeps key order, indents by two, ends in a newline, same text every time", () => {
    const value = { 年份: 2026, a: [1, { z: 1, b: 2 }], 名称: "吉林市" };
    expect(toJson(value)).toBe('{\n  "年份": 2026,\n  "a": [\n    1,\n    {\n      "z": 1,\n      "b": 2\n    }\n  ],\n  "名称": "吉林市"\n}\n');
    expect(toJson(sampleReplyLetter())).toBe(toJson(sampleReplyLetter()));
    expect(JSON.parse(toJson(sampleReplyLetter()))).toEqual(JSON.parse(JSON.stringify(sampleReplyLetter())));
  });

  test("refuses NaN rather than printing null as a figure; bigints become strings", () => {
    expect(() => toJson({ total: NaN })).toThrow(TypeError);
    expect(toJson({ total: 12n })).toBe('{\n  "total": "12"\n}\n');
  });

  test("content types and a download name that keeps the Chinese", () => {
    expect(EXPORT_MIME.pdf).toEqual({ contentType: "application/pdf", extension: ".pdf" });
    expect(EXPORT_MIME.csv.contentType).toBe("text/csv; charset=utf-8");
    expect(attachmentDisposition("答复书", "docx")).toBe(`attachment; filename="___.docx"; filename*=UTF-8''${encodeURIComponent("答复书.docx")}`);
    expect(attachmentDisposition("身份证明-2026-0012", { extension: ".png" })).toBe(
      `attachment; filename="____-2026-0012.png"; filename*=UTF-8''${encodeURIComponent("身份证明-2026-0012.png")}`,
    );
  });
});
