import JSZip from "jszip";
import mammoth from "mammoth";
import { beforeAll, describe, expect, test } from "vitest";
import { sanitizeBodyHtml } from "@/lib/domain/html";
import { GB2019, GB2021, TABLE3_COLUMNS } from "@/lib/domain/reports/formats";
import { emptyTables, type ReportData } from "@/lib/domain/reports/shape";
import { renderDocument } from "@/lib/export";
import { reportCsv, reportDocument, reportHtml } from "@/lib/export/report";
import { narrativeBlocks } from "@/lib/export/report-narrative";
import { table3Layout, table4Layout } from "@/lib/export/report-tables";
import { sampleReportData, SAMPLE_ORGAN } from "@/lib/export/samples";
import { pdfPages } from "../support/pdf-text";

/** The annual report's renderers, each read back with an independent reader (jszip, mammoth, pdf.js, a CSV split). */

const TITLE = `${SAMPLE_ORGAN}2019年政府信息公开工作年度报告`;

function gb2021Report(): ReportData {
  const tables = emptyTables(GB2021);
  tables.table3.new_received = { natural_person: 12, commercial: 3, research: 0, public_welfare: 0, legal_service: 1, other: 0, total: 16 };
  tables.table3.other_3_other.natural_person = 2;
  tables.table2.fees.amount_wan_yuan = "0.35";
  tables.table4.litigation_after_review = { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 };
  return {
    ...sampleReportData(),
    year: 2021,
    format: "GB2021",
    ...tables,
    overrides: [],
    checks: [],
  };
}

// ---- HTML ----

/** The cells of an HTML table row by row: tag, text, colspan, rowspan. */
function htmlRows(html: string, caption: string) {
  const table = new RegExp(`<table><caption>${caption}</caption>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? "";
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<(th|td)((?: \w+="[^"]*")*)>([^<]*)<\/\1>/g)].map(([, tag, attrs, text]) => ({
      tag,
      text,
      colspan: Number(/colspan="(\d+)"/.exec(attrs)?.[1] ?? 1),
      rowspan: Number(/rowspan="(\d+)"/.exec(attrs)?.[1] ?? 1),
    })),
  );
}

describe("reportHtml", () => {
  test("survives the item-body allowlist unchanged (it becomes the body of the 年度报告 item)", () => {
    for (const data of [sampleReportData(), sampleReportData({ status: "draft" }), gb2021Report()]) {
      const html = reportHtml(data);
      expect(sanitizeBodyHtml(html)).toBe(html);
    }
  });

  test("sections in format order, 草稿 only on a draft, notes at the end", () => {
    const html = reportHtml(sampleReportData());
    const headings = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(GB2021.sections.map((s) => s.title));
    expect(html).not.toContain("草稿");
    expect(reportHtml(sampleReportData({ status: "draft" }))).toMatch(/^<p><strong>草稿<\/strong>/);
    expect(html).toMatch(/<h3>说明<\/h3><ol><li>[^<]*1件许可决定为纸质办理[^<]*<\/li><li>规范性文件对外公开总数量与上年不衔接（已说明：2018年底清理废止2件）<\/li><\/ol>$/);
  });

  test("table 三: the 勾稽 note in the corner, 申请人情况 over seven columns, 三、本年度办理结果 spanning every outcome row", () => {
    const rows = htmlRows(reportHtml(gb2021Report()), "表三 收到和处理政府信息公开申请情况");
    expect(rows[0]).toEqual([
      { tag: "th", text: GB2021.table3.note, colspan: 3, rowspan: 3 },
      { tag: "th", text: "申请人情况", colspan: 7, rowspan: 1 },
    ]);
    expect(rows[1].map((c) => [c.text, c.colspan, c.rowspan])).toEqual([["自然人", 1, 2], ["法人或其他组织", 5, 1], ["总计", 1, 2]]);
    expect(rows[2].map((c) => c.text)).toEqual(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]);
    expect(rows[3].slice(0, 2)).toEqual([{ tag: "th", text: "一、本年新收政府信息公开申请数量", colspan: 3, rowspan: 1 }, { tag: "td", text: "12", colspan: 1, rowspan: 1 }]);
    // 三、本年度办理结果 covers the 21 leaves and （七）总计: 22 rows in the 2021 format.
    expect(rows[5][0]).toEqual({ tag: "th", text: "三、本年度办理结果", colspan: 1, rowspan: 22 });
    expect(rows[5][1]).toEqual({ tag: "th", text: "（一）予以公开", colspan: 2, rowspan: 1 });
    expect(rows[7].slice(0, 2).map((c) => [c.text, c.rowspan])).toEqual([["（三）不予公开", 8], ["1.属于国家秘密", 1]]);
    expect(rows.at(-1)?.[0]).toMatchObject({ text: "四、结转下年度继续办理", colspan: 3 });
    // Every row fills the 10 grid columns once its merges are counted.
    const grid = table3Layout(GB2021, gb2021Report());
    expect(grid.rows).toHaveLength(3 + GB2021.table3.rows.length);
  });

  test("table 二: each 第二十条 block has its title row and its own head; the 收费 amount keeps its decimals", () => {
    const rows = htmlRows(reportHtml(gb2021Report()), "表二 主动公开政府信息情况");
    const titles = rows.filter((r) => r.length === 1).map((r) => r[0].text);
    expect(titles).toEqual(GB2021.table2.blocks.map((b) => b.title));
    const fees = rows.find((r) => r[0].text === "行政事业性收费");
    expect(fees?.map((c) => [c.text, c.colspan])).toEqual([["行政事业性收费", 1], ["0.35", 3]]);
    expect(rows.every((r) => r.reduce((n, c) => n + c.colspan, 0) === 4)).toBe(true);
  });

  test("table 四: 行政复议 over two head rows, 行政诉讼 › 未经复议直接起诉 / 复议后起诉, then the results ×3", () => {
    const rows = htmlRows(reportHtml(gb2021Report()), "表四 政府信息公开行政复议、行政诉讼情况");
    expect(rows[0].map((c) => [c.text, c.colspan, c.rowspan])).toEqual([["行政复议", 5, 2], ["行政诉讼", 10, 1]]);
    expect(rows[1].map((c) => [c.text, c.colspan])).toEqual([["未经复议直接起诉", 5], ["复议后起诉", 5]]);
    expect(rows[2].map((c) => c.text)).toEqual(Array(3).fill(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]).flat());
    expect(rows[3].map((c) => c.text).slice(10)).toEqual(["1", "0", "0", "0", "1"]);
    expect(table4Layout(GB2021, gb2021Report()).headerRows).toBe(3);
  });

  test("narrative HTML from an import is sanitised again; a missing cell prints —, never undefined", () => {
    const data = gb2021Report();
    data.sections.problems = '<p onclick="x()">问题<script>alert(1)</script></p><img src=x onerror=alert(1)>';
    delete (data.table3 as Record<string, unknown>).carried_over;
    const html = reportHtml(data);
    expect(html).toContain("<p>问题</p>");
    expect(html).not.toMatch(/script|onerror|onclick|undefined/);
    expect(htmlRows(html, "表三 收到和处理政府信息公开申请情况")[4].slice(1).map((c) => c.text)).toEqual(Array(7).fill("—"));
  });
});

// ---- DOCX ----

const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join("");

describe("DOCX", () => {
  let bytes: Buffer;
  let documentXml: string;
  let footer: string;
  beforeAll(async () => {
    bytes = await renderDocument(reportDocument(sampleReportData(), { draft: false }), "docx");
    const zip = await JSZip.loadAsync(bytes);
    documentXml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    footer = (await zip.file("word/footer1.xml")?.async("string")) ?? "";
  });

  test("mammoth reads the title, the six sections, the narrative and the notes back as Chinese text", async () => {
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    for (const text of [TITLE, ...GB2021.sections.map((s) => s.title), "（一）加强领导，确保政务公开工作落到实处", "1. 图片新闻13条；", "其他对外管理服务事项", "1.本机关不掌握相关政府信息", "说明：", "理由：1件许可决定为纸质办理，系统未登记"])
      expect(value).toContain(text);
    expect(value).not.toContain("草稿");
  });

  test("three bordered tables with merged cells: gridSpan and vMerge restart/continue", () => {
    const tables = [...documentXml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]);
    expect(tables).toHaveLength(3);
    const [t2, t3, t4] = tables;
    expect(t2).toMatch(/<w:gridSpan w:val="7"\/>[\s\S]*?第二十条第（一）项/);
    const t3Rows = [...t3.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]);
    expect(t3Rows).toHaveLength(3 + GB2019.table3.rows.length);
    expect(t3Rows[0]).toMatch(/<w:gridSpan w:val="3"\/><w:vMerge w:val="restart"\/>/);
    const results = t3Rows.findIndex((r) => textOf(r).startsWith("三、本年度办理结果"));
    expect(t3Rows[results]).toMatch(/<w:vMerge w:val="restart"\/>[\s\S]*?三、本年度办理结果/);
    // GB2019: 20 rows under 三 (19 leaves with the one （六） row, and （七）总计): the first, then 19 continue cells.
    const continues = t3Rows.slice(results + 1).filter((r) => /^<w:trPr>[\s\S]*?<\/w:trPr><w:tc><w:tcPr><w:tcW [^>]*\/><w:vMerge w:val="continue"\/>/.test(r));
    expect(continues).toHaveLength(19);
    expect(t4).toMatch(/<w:gridSpan w:val="10"\/>[\s\S]*?行政诉讼/);
    expect(documentXml.match(/<w:tblHeader\/>/g)?.length).toBe(6);
  });

  test("the footer numbers pages with a PAGE field in GB/T 9704 style", () => {
    expect(footer).toMatch(/— <\/w:t><w:fldChar w:fldCharType="begin"\/><w:instrText xml:space="preserve">PAGE<\/w:instrText>/);
  });

  test("a draft says 草稿 in the title and the page header", async () => {
    const draft = await renderDocument(reportDocument(sampleReportData({ status: "draft" }), { draft: true }), "docx");
    const { value } = await mammoth.extractRawText({ buffer: draft });
    expect(value).toContain(`${TITLE}（草稿）`);
    const zip = await JSZip.loadAsync(draft);
    const header = await zip.file("word/header1.xml")?.async("string");
    expect(textOf(header ?? "")).toContain("草稿");
  });
});

// ---- PDF ----

describe("PDF", () => {
  let bytes: Buffer;
  let pages: string[];
  beforeAll(async () => {
    bytes = await renderDocument(reportDocument(sampleReportData(), { draft: false }), "pdf", { creationDate: new Date("2020-01-14T00:00:00Z") });
    pages = await pdfPages(bytes);
  });

  test("the Chinese font is embedded (a subset), and the text extracts back", () => {
    const raw = bytes.toString("latin1");
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
    const all = pages.join("");
    for (const text of [TITLE, "第二十条第（九）项", "政府集中采购", "12.5", "三、本年度办理结果", "1.本机关不掌握相关政府信息", "复议后起诉", "说明："]) expect(all).toContain(text);
  });

  test("table 三's 22-row merged label is cut at page ends rather than run off the page: a few pages, each numbered, the header repeated", () => {
    // Without the cut (lib/export/pdf-table.ts drawSliced) pdfkit added a page per line: 70 pages.
    expect(pages.length).toBeLessThanOrEqual(6);
    pages.forEach((page, i) => expect(page).toContain(`—${i + 1}—`));
    const withTable3 = pages.filter((p) => p.includes("1.属于国家秘密") || p.includes("（七）总计"));
    for (const page of withTable3) expect(page).toContain("申请人情况");
  });
});

// ---- CSV ----

const lines = (csv: string) => csv.slice(1).split("\r\n").slice(0, -1);

describe("CSV", () => {
  test("BOM, the format's labels, the label path in its own columns on every row, numbers unquoted", () => {
    const csv = reportCsv(gb2021Report(), "table3");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [note, head, ...rows] = lines(csv);
    expect(note).toBe(GB2021.table3.note);
    expect(head.split(",")).toEqual(["项目（第一级）", "项目（第二级）", "项目（第三级）", "自然人", "法人或其他组织／商业企业", "法人或其他组织／科研机构", "法人或其他组织／社会公益组织", "法人或其他组织／法律服务机构", "法人或其他组织／其他", "总计"]);
    expect(rows).toHaveLength(GB2021.table3.rows.length);
    expect(rows[0]).toBe("一、本年新收政府信息公开申请数量,,,12,3,0,0,1,0,16");
    expect(rows.find((r) => r.includes("3.其他"))).toBe("三、本年度办理结果,（六）其他处理,3.其他,2,0,0,0,0,0,0");
    expect(rows.every((r) => r.split(",").length === 3 + TABLE3_COLUMNS.length)).toBe(true);
  });

  test("table 二 block by block with the decimal as it is; table 四 one header line and one line of figures", () => {
    const t2 = lines(reportCsv(gb2021Report(), "table2"));
    expect(t2.slice(0, 4)).toEqual(["第二十条第（一）项", "信息内容,本年制发件数,本年废止件数,现行有效件数", "规章,0,0,0", "行政规范性文件,0,0,0"]);
    expect(t2.at(-1)).toBe("行政事业性收费,0.35");
    const t4 = lines(reportCsv(gb2021Report(), "table4"));
    expect(t4).toHaveLength(2);
    expect(t4[0].split(",")[5]).toBe("行政诉讼／未经复议直接起诉／结果维持");
    expect(t4[1]).toBe("0,0,0,0,0,0,0,0,0,0,1,0,0,0,1");
  });

  test("all: the three tables one after another, each under its title; a draft's first line says 草稿", () => {
    const all = lines(reportCsv(gb2021Report(), "all"));
    expect(all.filter((l) => /^表[二三四] /.test(l))).toEqual(["表二 主动公开政府信息情况", "表三 收到和处理政府信息公开申请情况", "表四 政府信息公开行政复议、行政诉讼情况"]);
    expect(lines(reportCsv({ ...gb2021Report(), status: "draft" }, "all"))[0]).toContain("（草稿）");
  });

  test("a label that looks like a formula is disarmed", () => {
    const data = gb2021Report();
    (data.table2.fees as Record<string, unknown>).amount_wan_yuan = "=HYPERLINK(\"http://x\")";
    expect(reportCsv(data, "table2")).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

describe("narrative to blocks", () => {
  test("paragraphs with bold runs, numbered list items, headings, a table with its merges", () => {
    const blocks = narrativeBlocks('<h3>（一）总体</h3><p>共公开<strong>165</strong>条。</p><ol start="3"><li>甲</li><li>乙</li></ol><ul><li>丙</li></ul><table><tbody><tr><td colspan="2">合</td></tr><tr><td>1</td><td>2</td></tr></tbody></table>');
    expect(blocks).toEqual([
      { kind: "heading", level: 3, text: "（一）总体" },
      { kind: "paragraph", runs: [{ text: "共公开" }, { text: "165", bold: true }, { text: "条。" }] },
      { kind: "paragraph", runs: [{ text: "3. 甲" }] },
      { kind: "paragraph", runs: [{ text: "4. 乙" }] },
      { kind: "paragraph", runs: [{ text: "• 丙" }] },
      { kind: "table", table: { rows: [[{ text: "合", colSpan: 2, rowSpan: undefined, bold: false }], [{ text: "1", colSpan: undefined, rowSpan: undefined, bold: false }, { text: "2", colSpan: undefined, rowSpan: undefined, bold: false }]] } },
    ]);
  });
});
