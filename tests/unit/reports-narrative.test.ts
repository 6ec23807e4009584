import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { plainTextToHtml } from "@/lib/domain/html";
import { runChecks, type CheckInput } from "@/lib/domain/reports/checks";
import { GB2019, GB2021, type ReportFormat } from "@/lib/domain/reports/formats";
import { fillLiveFields, liveFieldMetrics, metricValue, overviewSentences, reportMetrics, sectionText } from "@/lib/domain/reports/narrative";
import { parseNumber, statedFigures, type Quantity } from "@/lib/domain/reports/narrative-numbers";
import { emptyTables, type PublishingStatistics } from "@/lib/domain/reports/shape";

/** The seed bureau's 2019 publishing, as issue 9 §9 has the records give it. */
const SEED_STATISTICS: PublishingStatistics = {
  items_published: 165,
  by_column: [
    { code: "tpxw", name: "图片新闻", count: 13, children: [] },
    { code: "kjdt", name: "科技动态", count: 69, children: [] },
    { code: "ndbg", name: "年度报告", count: 1, children: [] },
    { code: "tzgg", name: "通知公告", count: 39, children: [] },
    { code: "zcfg", name: "政策法规", count: 12, children: [{ code: "gzzd", name: "规章制度", count: 10 }, { code: "zcjd", name: "政策解读", count: 2 }] },
    { code: "kjdj", name: "科技党建", count: 31, children: [] },
  ],
  by_channel: [
    { code: "website", name: "本机关网站", count: 165 },
    { code: "portal", name: "市政务公开专栏", count: 16 },
    { code: "wechat", name: "政务微信", count: 0 },
  ],
  fees_collected_yuan: 0,
};
const SEED_TEXT = readFileSync("/work/shared/seeds/000_d4fdc79fcd32ba9c.txt", "utf8");
const COLUMNS = SEED_STATISTICS.by_column.flatMap((c) => [c, ...c.children]);

function check(format: ReportFormat, sections: Partial<CheckInput["data"]["sections"]>, patch: Partial<CheckInput["data"]> = {}) {
  return runChecks({
    format,
    data: {
      year: format.key === "GB2019" ? 2019 : 2022,
      ...emptyTables(format),
      sections: { overview: "", problems: "<p>已整改。</p>", other: "", ...sections },
      statistics: SEED_STATISTICS,
      ...patch,
    },
    previous: null,
  });
}

function withRequests(total: number, patch: { review?: number; litigation?: number } = {}) {
  const t = emptyTables(GB2021);
  const set = (row: string, n: number) => ((t.table3[row].natural_person = n), (t.table3[row].total = n));
  for (const row of ["new_received", "total_processed", "granted"]) set(row, total);
  if (patch.review) t.table4.review = { upheld: patch.review, corrected: 0, other: 0, pending: 0, total: patch.review };
  if (patch.litigation) t.table4.litigation_direct = { upheld: 0, corrected: patch.litigation, other: 0, pending: 0, total: patch.litigation };
  return t;
}

describe("numbers as the narrative writes them", () => {
  test.each<[string, number | null]>([
    ["162", 162], ["１６２", 162], ["1,234", 1234], ["0.5", 0.5], ["一百六十二", 162], ["十三", 13], ["二十", 20],
    ["两千零五", 2005], ["一千零一十", 1010], ["一万二千", 12000], ["二〇一九", 2019], ["零", 0], ["abc", null], ["", null],
  ])("%j → %j", (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });
});

describe("what free text states", () => {
  const read = (text: string) => statedFigures(text, COLUMNS).map((s) => [s.quantity, s.value] as [Quantity, number]);
  test.each<[string, [Quantity, number][]]>([
    ["2019年，共公开信息162条，其中，图片新闻13条", [["published", 162], ["column", 13]]],
    ["共公开信息一百六十二条。", [["published", 162]]],
    ["共公开信息１６２条。", [["published", 162]]],
    ["全年主动公开政府信息165条", [["published", 165]]],
    ["其中，图片新闻13条", [["column", 13]]],
    ["其中图片新闻13条", [["column", 13]]],
    ["公开信息，其中图片新闻13条", [["column", 13]]],
    ["共公开信息（其中图片新闻13条）", [["column", 13]]],
    ["公开信息162条中图片新闻13条", [["published", 162], ["column", 13]]],
    ["主动公开信息严格按照条例第二十条", []],
    ["不存在未经批准擅自收费的情况", []],
    ["本年收到申请17件", [["requests", 17]]],
    ["本年度共收到政府信息公开申请95件", [["requests", 95]]],
    ["共收到17件政府信息公开申请", [["requests", 17]]],
    ["上年结转申请3件", []],
    ["办结申请15件", []],
    ["2019年共收到申请17件", [["requests", 17]]],
    ["发生政府信息公开行政复议2件", [["review", 2]]],
    ["行政诉讼1件", [["litigation", 1]]],
    ["行政复议和行政诉讼共3件", [["appeals", 3]]],
    ["收取信息处理费120元", [["fees", 120]]],
    ["收取信息处理费0.012万元", [["fees", 120]]],
    ["依据条例第二十条", []],
    ["《政府信息公开条例》十三条", []],
    ["2019年，我局未收到任何形式的申请公开信息要求", [["requests", 0]]],
    ["未发生与信息公开相关的行政复议和诉讼案件", [["review", 0], ["litigation", 0]]],
    ["未发生与信息公开相关的收费和减免情况", [["fees", 0]]],
    ["本机关未收取信息处理费", [["fees", 0]]],
    ["未经复议直接起诉", []],
    ["申请人对答复不服的，可以申请行政复议", []],
    ["公开信息162", []],
    ["收到申请17", []],
  ])("%j", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  test("a published statement keeps the place it names", () => {
    expect(statedFigures("我局在市政府科技局网站公开信息共162条").map((s) => [s.quote, s.place])).toEqual([["公开信息共162条", "市政府科技局网站"]]);
    expect(statedFigures("在市政府政务信息公开专栏发布信息16条").map((s) => [s.quote, s.place])).toEqual([["发布信息16条", "市政府政务信息公开专栏"]]);
    expect(statedFigures("本年度共公开信息165条").map((s) => s.place)).toEqual([""]);
  });
});

describe("live fields", () => {
  const data = { ...emptyTables(GB2021), statistics: SEED_STATISTICS };
  data.table3.new_received.total = 95;
  data.table2.fees.amount_wan_yuan = "0.5";

  test.each<[string, string | null]>([
    ["table3.new_received.total", "95"],
    ["table2.fees.amount_wan_yuan", "0.5"],
    ["table4.review.total", "0"],
    ["statistics.items_published", "165"],
    ["statistics.column.tpxw", "13"],
    ["statistics.column.gzzd", "10"],
    ["statistics.channel.portal", "16"],
    ["statistics.fees_collected_yuan", "0"],
    ["statistics.column.nope", null],
    ["statistics.channel", null],
    ["table3.new_received", null],
    ["table3.other.total", null],
    ["constructor", null],
    ["table3.__proto__.total", null],
  ])("metricValue(%j) = %j", (key, value) => {
    expect(metricValue(data, key)).toBe(value);
  });

  test.each([
    ['<p>共<span data-metric="statistics.items_published">162</span>条</p>', '<p>共<span data-metric="statistics.items_published">165</span>条</p>'],
    ['<p><span class="live" data-metric=\'table3.new_received.total\'>1<strong>7</strong></span>件</p>', '<p><span class="live" data-metric=\'table3.new_received.total\'>95</span>件</p>'],
    ['<p><span data-metric="nope">12</span> &amp; <span>9</span></p>', '<p><span data-metric="nope">—</span> &amp; <span>9</span></p>'],
    ['<p><span data-metric="table2.fees.amount_wan_yuan"><span data-metric="statistics.items_published">1</span></span></p>', '<p><span data-metric="table2.fees.amount_wan_yuan">0.5</span></p>'],
    ["<p>没有字段</p>", "<p>没有字段</p>"],
  ])("fillLiveFields %#", (html, filled) => {
    expect(fillLiveFields(html, data)).toBe(filled);
  });

  test("a section's free text leaves live fields out, so a bound number is never read as stated", () => {
    const html = '<p>共公开信息<span data-metric="statistics.items_published">162</span>条，<strong>收到</strong>申请&nbsp;17件</p><p>下一段</p>';
    const text = sectionText(html);
    expect(text).not.toContain("162");
    expect(text.split("\n")).toHaveLength(2);
    expect(statedFigures(text).map((s) => s.value)).toEqual([17]);
    expect(liveFieldMetrics(html)).toEqual(["statistics.items_published"]);
  });

  test("the metric catalogue: every table-三 row total, table-四 block totals, table-二 cells, the statistics", () => {
    const keys = reportMetrics(SEED_STATISTICS, GB2021).map((m) => m.key);
    expect(keys).toContain("table3.new_received.total");
    expect(keys).toContain("table3.other_3_other.total");
    expect(keys).not.toContain("table3.other.total");
    expect(keys).toEqual(expect.arrayContaining(["table4.review.total", "table4.litigation_direct.total", "table4.litigation_after_review.total"]));
    expect(keys).toContain("table2.fees.amount_wan_yuan");
    expect(keys).toEqual(expect.arrayContaining(["statistics.items_published", "statistics.column.tpxw", "statistics.column.gzzd", "statistics.channel.portal", "statistics.fees_collected_yuan"]));
    expect(new Set(keys).size).toBe(keys.length);
    expect(reportMetrics(SEED_STATISTICS, GB2019).map((m) => m.key)).toContain("table2.procurement.amount");
    const all = reportMetrics(SEED_STATISTICS);
    expect(all.map((m) => m.key)).toEqual(expect.arrayContaining(["table3.other.total", "table3.other_1_no_correction.total"]));
    for (const m of all) expect(m.label).toMatch(/[\u4e00-\u9fa5]/);
    expect(all.find((m) => m.key === "statistics.channel.portal")?.label).toBe("在“市政务公开专栏”发布信息数（条）");
  });
});

describe("section 一's sentences", () => {
  test("the seed's paragraphs from the statistics, with live fields, channels that published nothing left out", () => {
    const field = (k: string, v: number) => `<span data-metric="${k}">${v}</span>`;
    expect(overviewSentences(2019, SEED_STATISTICS)).toEqual([
      `<p>2019年，共公开政府信息${field("statistics.items_published", 165)}条，其中，图片新闻${field("statistics.column.tpxw", 13)}条，科技动态${field("statistics.column.kjdt", 69)}条，年度报告${field("statistics.column.ndbg", 1)}条，通知公告${field("statistics.column.tzgg", 39)}条，政策法规${field("statistics.column.zcfg", 12)}条（包括规章制度${field("statistics.column.gzzd", 10)}条，政策解读${field("statistics.column.zcjd", 2)}条），科技党建${field("statistics.column.kjdj", 31)}条。</p>`,
      `<p>在本机关网站发布信息${field("statistics.channel.website", 165)}条。</p>`,
      `<p>在市政务公开专栏发布信息${field("statistics.channel.portal", 16)}条。</p>`,
    ]);
  });

  test("a year with nothing published still states its total; names are escaped", () => {
    const empty: PublishingStatistics = { items_published: 0, by_column: [{ code: "a", name: "<b>", count: 1, children: [] }], by_channel: [], fees_collected_yuan: 0 };
    expect(overviewSentences(2023, { ...empty, by_column: [] })).toEqual(['<p>2023年，共公开政府信息<span data-metric="statistics.items_published">0</span>条。</p>']);
    expect(overviewSentences(2023, empty)[0]).toContain("&lt;b&gt;");
  });

  test("the generated sentences never trip the narrative check, even when the figures change after writing", () => {
    const html = overviewSentences(2019, SEED_STATISTICS).join("");
    const later = { ...SEED_STATISTICS, items_published: 170, by_channel: [{ code: "website", name: "本机关网站", count: 170 }] };
    expect(check(GB2019, { overview: html }, { statistics: later })).toEqual([]);
  });
});

describe("N-*: the narrative against the tables", () => {
  test("the seed's own text: only its 162 is flagged (its columns add to 165)", () => {
    const found = check(GB2019, { overview: plainTextToHtml(SEED_TEXT) });
    expect(found).toEqual([
      { id: "N-published:overview:162", severity: "error", cells: ["sections.overview", "statistics.items_published"], message: "第一部分写“公开信息共162条”，而统计为165条" },
    ]);
  });

  test("the seed's text is clean when the statistics say 162 (the check reads, it does not guess)", () => {
    const statistics = { ...SEED_STATISTICS, items_published: 162, by_channel: [{ code: "website", name: "本机关网站", count: 162 }, { code: "portal", name: "市政务公开专栏", count: 16 }] };
    expect(check(GB2019, { overview: plainTextToHtml(SEED_TEXT) }, { statistics })).toEqual([]);
  });

  test("the district's 17 applications against a table of 95", () => {
    const found = check(GB2021, { overview: "<p>2022年，本机关收到申请17件，均已按时答复。</p>" }, withRequests(95));
    expect(found).toEqual([
      { id: "N-requests:overview:17", severity: "error", cells: ["sections.overview", "table3.new_received.total"], message: "第一部分写“收到申请17件”，而表三本年新收申请为95件" },
    ]);
    expect(check(GB2021, { overview: "<p>2022年，本机关收到申请95件。</p>" }, withRequests(95))).toEqual([]);
  });

  test.each<[string, string, ReturnType<typeof withRequests>, string[]]>([
    ["negation against requests", "<p>本年度未收到任何形式的申请公开信息要求。</p>", withRequests(3), ["第一部分写“未收到任何形式的申请公开信息要求”，而表三本年新收申请为3件"]],
    ["negation of both appeals", "<p>未发生与信息公开相关的行政复议和诉讼案件。</p>", withRequests(0, { review: 1, litigation: 2 }), ["第一部分写“未发生与信息公开相关的行政复议和诉讼案件”，而表四行政复议总计为1件", "第一部分写“未发生与信息公开相关的行政复议和诉讼案件”，而表四行政诉讼总计为2件"]],
    ["a review count", "<p>发生行政复议2件。</p>", withRequests(0, { review: 1 }), ["第一部分写“行政复议2件”，而表四行政复议总计为1件"]],
    ["appeals together", "<p>行政复议和行政诉讼共2件。</p>", withRequests(0, { review: 1, litigation: 2 }), ["第一部分写“行政复议和行政诉讼共2件”，而表四行政复议和行政诉讼合计为3件"]],
    ["a Chinese numeral", "<p>共公开信息一百六十二条。</p>", withRequests(0), ["第一部分写“公开信息一百六十二条”，而统计为165条"]],
    ["a column's count", "<p>图片新闻12条。</p>", withRequests(0), ["第一部分写“图片新闻12条”，而栏目“图片新闻”统计为13条"]],
    ["a known channel, named loosely", "<p>在市政府政务信息公开专栏发布信息15条。</p>", withRequests(0), ["第一部分写“发布信息15条”，而统计在“市政务公开专栏”发布为16条"]],
    ["an unknown place with a number no count has", "<p>在某某平台发布信息7条。</p>", withRequests(0), ["第一部分写“发布信息7条”，而统计为165条"]],
    ["an unknown place with a channel's number", "<p>在某某平台发布信息16条。</p>", withRequests(0), []],
    ["other figures of requests are not read as received", "<p>上年结转申请2件，办结申请5件。</p>", withRequests(9), []],
  ])("%s", (_, overview, tables, messages) => {
    expect(check(GB2021, { overview }, tables).map((f) => f.message)).toEqual(messages);
  });

  test("fees: stated in 元 or 万元 against the 信息处理费 collected; the negation too", () => {
    const statistics = { ...SEED_STATISTICS, fees_collected_yuan: 120 };
    const other = "<p>本年收取信息处理费120元。</p>";
    expect(check(GB2021, { other }, { statistics })).toEqual([]);
    expect(check(GB2021, { other: "<p>收取信息处理费0.012万元。</p>" }, { statistics })).toEqual([]);
    expect(check(GB2021, { other: "<p>收取信息处理费100元。</p>" }, { statistics }).map((f) => f.message)).toEqual(["第六部分写“收取信息处理费100元”，而统计收取的信息处理费为120元"]);
    expect(check(GB2021, { overview: "<p>未发生与信息公开相关的收费和减免情况。</p>", other }, { statistics }).map((f) => [f.id, f.message])).toEqual([
      ["N-fees:overview:0", "第一部分写“未发生与信息公开相关的收费和减免情况”，而统计收取的信息处理费为120元"],
    ]);
  });

  test("two statements of one number in one section get distinct ids", () => {
    const ids = check(GB2021, { overview: "<p>收到申请17件。</p><p>全年收到申请17件。</p>" }, withRequests(95)).map((f) => f.id);
    expect(ids).toEqual(["N-requests:overview:17", "N-requests:overview:17#2"]);
  });

  test("sections 五 and 六 are read too", () => {
    const found = check(GB2021, { problems: "<p>收到申请17件，答复不够及时。</p>" }, withRequests(95));
    expect(found.map((f) => f.id)).toEqual(["N-requests:problems:17"]);
    expect(found[0].message).toMatch(/^第五部分写/);
  });
});

describe("S5 and S6: what sections must say", () => {
  test.each([[""], ["<p></p>"], ["<p> &nbsp; </p><p><br></p>"], ['<p><span data-metric="statistics.items_published">1</span></p>']])("an empty 五 (%j) is an error", (problems) => {
    const found = check(GB2021, { problems });
    expect(found).toEqual([{ id: "S5:problems", severity: "error", cells: ["sections.problems"], message: "第五部分“存在的主要问题及改进情况”为空：条例第五十条要求年度报告载明存在的主要问题及改进情况" }]);
  });

  test.each<[number, string, string[]]>([
    [120, "", ["S6:other"]],
    [120, "<p>无。</p>", ["S6:other"]],
    [120, "<p>本年共收取信息处理费120元。</p>", []],
    [120, "<p>按《政府信息公开信息处理费管理办法》收费。</p>", []],
    [0, "", []],
  ])("fees %i with 六 %j", (fees, other, ids) => {
    const found = check(GB2021, { other }, { statistics: { ...SEED_STATISTICS, fees_collected_yuan: fees } });
    expect(found.map((f) => f.id)).toEqual(ids);
    for (const f of found) expect([f.severity, f.message]).toEqual(["warning", "本年收取信息处理费 120 元，而第六部分“其他需要报告的事项”未提及收费情况"]);
  });
});
