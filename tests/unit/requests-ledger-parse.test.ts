import { describe, expect, test } from "vitest";
import { parseLedgerDate } from "@/lib/domain/requests/ledger-cells";
import { parseAppealLedger, parseRequestLedger, type LedgerRow } from "@/lib/domain/requests/ledger-parse";
import { OUTCOME_KEYS, OUTCOMES, outcomeLedgerLabel } from "@/lib/domain/requests/outcomes";
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES } from "@/lib/domain/requests/vocabulary";

const today = "2026-06-01";
const HEADER = ["编号", "收到日期", "申请方式", "申请人类型", "申请人", "申请内容", "办理结果", "办结日期", "承办处室"];
const GOOD = ["GK-1", "2026-03-05", "信函", "自然人", "张三", "项目清单", "予以公开", "2026-03-20", "办公室"];

/** A row from GOOD with some cells replaced, by column name. */
function row(n: number, changes: Record<string, string> = {}): LedgerRow {
  return { row: n, cells: HEADER.map((h, i) => changes[h] ?? (h === "编号" ? `GK-${n}` : GOOD[i])) };
}
const requests = (rows: LedgerRow[], header = HEADER) => parseRequestLedger(header, rows, { today });
const errorsOf = (result: ReturnType<typeof requests> | ReturnType<typeof parseAppealLedger>) => (result.ok ? [] : result.errors);

describe("请求台账: a good row", () => {
  test("becomes a record with the keys the store expects", () => {
    const result = requests([row(2)]);
    expect(result).toEqual({
      ok: true,
      ignoredColumns: [],
      records: [{ row: 2, number: "GK-2", receivedOn: "2026-03-05", channel: "registered_mail", applicantType: "natural_person", applicantName: "张三", content: "项目清单", outcome: "granted", closedOn: "2026-03-20", departmentName: "办公室" }],
    });
  });

  test("an open request: no outcome, no closing date; empty optional cells are null; 申请方式 defaults to other", () => {
    const result = requests([row(2, { 编号: "", 申请方式: "", 申请人: "", 申请内容: "", 办理结果: "", 办结日期: "", 承办处室: "" })]);
    expect(result.ok && result.records[0]).toMatchObject({ number: null, channel: "other", applicantName: null, content: null, outcome: null, closedOn: null, departmentName: null });
  });

  test("headers: BOM, full-width and ordinary spaces are dropped; unknown columns are ignored and named", () => {
    const header = ["\uFEFF编号", "　收到日期 ", "申请 方式", ...HEADER.slice(3), "备注"];
    const result = requests([{ row: 2, cells: [...GOOD, "随便写"] }], header);
    expect(result.ok && result.ignoredColumns).toEqual(["备注"]);
  });

  test("optional headers may be left out altogether", () => {
    const header = ["收到日期", "申请人类型", "办理结果", "办结日期"];
    const result = parseRequestLedger(header, [{ row: 2, cells: ["2026-01-05", "其他", "", ""] }], { today });
    expect(result.ok && result.records[0]).toMatchObject({ number: null, channel: "other", applicantType: "other" });
  });

  test("blank rows (Excel keeps formatted ones) are skipped, and the row numbers stay the sheet's", () => {
    const result = requests([row(2), { row: 3, cells: HEADER.map(() => " ") }, row(4)]);
    expect(result.ok && result.records.map((r) => r.row)).toEqual([2, 4]);
  });

  test("a cell that starts with = + - @ is kept as text, never evaluated", () => {
    const values = ['=HYPERLINK("http://x")', "+86 123", "-张三", "@某人"];
    const result = requests(values.map((v, i) => row(i + 2, { 申请人: v, 申请内容: v })));
    expect(result.ok && result.records.map((r) => [r.applicantName, r.content])).toEqual(values.map((v) => [v, v]));
  });
});

describe("请求台账: controlled words", () => {
  test.each(OUTCOME_KEYS)("办理结果 %s: the key, the 台账 label and table 三's label", (key) => {
    for (const spelling of [key, outcomeLedgerLabel(key), OUTCOMES[key].label]) {
      const result = requests([row(2, { 办理结果: spelling })]);
      expect(result.ok && result.records[0].outcome, spelling).toBe(key);
    }
  });

  test.each([
    ["在线", "online"], ["信函", "registered_mail"], ["挂号信", "registered_mail"], ["平信", "ordinary_mail"], ["当面", "in_person"],
    ["传真", "fax"], ["电子邮件", "email"], ["其他", "other"], ["信函（平信）", "ordinary_mail"], ["ｆａｘ", "fax"], ["在线申请", "online"],
  ])("申请方式 %s → %s", (spelling, channel) => {
    const result = requests([row(2, { 申请方式: spelling })]);
    expect(result.ok && result.records[0].channel).toBe(channel);
  });

  test.each(APPLICANT_TYPES.flatMap((t) => [[APPLICANT_TYPE_LABELS[t], t], [t, t]]))("申请人类型 %s → %s", (spelling, type) => {
    const result = requests([row(2, { 申请人类型: spelling })]);
    expect(result.ok && result.records[0].applicantType).toBe(type);
  });
});

describe("请求台账: every bad row, by row and column", () => {
  test("three bad rows among good ones are all listed, nothing is returned to import", () => {
    const result = requests([row(2), row(3, { 收到日期: "2026-02-30" }), row(4), row(5, { 申请人类型: "神仙" }), row(6, { 办理结果: "驳回" })]);
    expect(result.ok).toBe(false);
    expect(errorsOf(result).map((e) => [e.row, e.column])).toEqual([[3, "收到日期"], [5, "申请人类型"], [6, "办理结果"]]);
  });

  test("one row with several problems lists each", () => {
    const result = requests([row(2, { 收到日期: "", 申请方式: "飞鸽", 申请人类型: "" })]);
    expect(errorsOf(result).map((e) => e.column)).toEqual(["收到日期", "申请方式", "申请人类型"]);
  });

  test.each([
    ["收到日期", { 收到日期: "2026-06-02" }, "晚于今天"],
    ["收到日期", { 收到日期: "2026-02-29" }, "不存在"],
    ["收到日期", { 收到日期: "五月" }, "不是日期"],
    ["收到日期", { 收到日期: "2001-01-01" }, "早于"],
    ["办结日期", { 办结日期: "" }, "请填写办结日期"],
    ["办理结果", { 办理结果: "" }, "没有填写办理结果"],
    ["办结日期", { 办结日期: "2026-03-04" }, "早于收到日期"],
    ["办结日期", { 办结日期: "2026-07-01" }, "晚于今天"],
    ["申请内容", { 申请内容: "字".repeat(2001) }, "不能超过 2000 个字"],
    ["申请人", { 申请人: "名".repeat(101) }, "不能超过 100 个字"],
  ] as const)("%s %o: %s", (column, changes, message) => {
    const errors = errorsOf(requests([row(2, changes)]));
    expect(errors).toEqual([{ row: 2, column, message: expect.stringContaining(message) }]);
  });

  test("申请内容 of exactly 2000 characters is accepted", () => {
    expect(requests([row(2, { 申请内容: "字".repeat(2000) })]).ok).toBe(true);
  });

  test("a duplicate 编号 is an error on each later row, naming the first", () => {
    const result = requests([row(2, { 编号: "A" }), row(3, { 编号: "B" }), row(4, { 编号: "A" }), row(5, { 编号: "A" })]);
    expect(errorsOf(result)).toEqual([
      { row: 4, column: "编号", message: "编号“A”与第 2 行重复" },
      { row: 5, column: "编号", message: "编号“A”与第 2 行重复" },
    ]);
  });

  test("a cell the reader could not read (a formula) is reported on its column, once", () => {
    const result = requests([{ ...row(2, { 收到日期: "" }), problems: [{ index: 1, message: "单元格为公式，请粘贴为数值" }] }]);
    expect(errorsOf(result)).toEqual([{ row: 2, column: "收到日期", message: "单元格为公式，请粘贴为数值" }]);
  });

  test("a problem in an ignored column is no concern of the import", () => {
    const result = requests([{ row: 2, cells: [...GOOD, ""], problems: [{ index: 9, message: "单元格为公式，请粘贴为数值" }] }], [...HEADER, "备注"]);
    expect(result.ok).toBe(true);
  });
});

describe("请求台账: the header", () => {
  test("a missing required header is one error naming it, on row 1", () => {
    const header = HEADER.filter((h) => h !== "申请人类型");
    const result = requests([{ row: 2, cells: GOOD.filter((_, i) => HEADER[i] !== "申请人类型") }], header);
    expect(errorsOf(result)).toEqual([{ row: 1, column: "申请人类型", message: expect.stringContaining("缺少“申请人类型”列") }]);
  });

  test("a header given twice is an error", () => {
    expect(errorsOf(requests([row(2)], [...HEADER.slice(0, 8), "收到日期"])).map((e) => [e.row, e.column])).toEqual([[1, "收到日期"]]);
  });

  test("a file with a header and no data is refused", () => {
    expect(errorsOf(requests([]))).toEqual([{ row: 2, column: "", message: expect.stringContaining("没有数据行") }]);
  });
});

describe("dates as 台账 write them", () => {
  test.each([
    ["2026-03-05", "2026-03-05"], ["2026-3-5", "2026-03-05"], ["2026/3/5", "2026-03-05"], ["2026年3月5日", "2026-03-05"],
    ["２０２６年３月５日", "2026-03-05"], ["2026.03.05", "2026-03-05"], ["2026/3/5 0:00", "2026-03-05"], ["2026-03-05 00:00:00", "2026-03-05"],
    ["46086", "2026-03-05"], ["45351", "2024-02-29"],
  ])("%s → %s", (text, iso) => {
    expect(parseLedgerDate(text)).toEqual({ ok: true, date: iso });
  });

  test.each(["2025-02-29", "2026-13-01", "2026-00-10", "26-3-5", "2026-03", "3/5/2026", "460860", ""])("%s is refused", (text) => {
    expect(parseLedgerDate(text).ok).toBe(false);
  });
});

describe("复议诉讼台账", () => {
  const AH = ["类型", "收到日期", "结果", "审结日期", "关联申请编号"];
  const appeals = (rows: string[][]) => parseAppealLedger(AH, rows.map((cells, i) => ({ row: i + 2, cells })), { today });

  test.each([
    ["行政复议", "review"], ["review", "review"], ["未经复议直接起诉", "litigation_direct"], ["行政诉讼·未经复议直接起诉", "litigation_direct"],
    ["litigation_direct", "litigation_direct"], ["复议后起诉", "litigation_after_review"], ["行政诉讼-复议后起诉", "litigation_after_review"], ["litigation_after_review", "litigation_after_review"],
  ])("类型 %s → %s", (spelling, kind) => {
    const result = appeals([[spelling, "2026-01-05", "维持", "2026-03-01", ""]]);
    expect(result.ok && result.records[0].kind).toBe(kind);
  });

  test.each([["维持", "upheld"], ["upheld", "upheld"], ["纠正", "corrected"], ["corrected", "corrected"], ["其他", "other"], ["other", "other"]])("结果 %s → %s", (spelling, result) => {
    const parsed = appeals([["行政复议", "2026-01-05", spelling, "2026-03-01", "GK-1"]]);
    expect(parsed.ok && parsed.records[0]).toEqual({ row: 2, kind: "review", filedOn: "2026-01-05", result, concludedOn: "2026-03-01", requestNumber: "GK-1" });
  });

  test.each(["尚未审结", "pending"])("%s: no 审结日期", (spelling) => {
    const parsed = appeals([["行政复议", "2026-01-05", spelling, "", ""]]);
    expect(parsed.ok && parsed.records[0]).toMatchObject({ result: "pending", concludedOn: null, requestNumber: null });
  });

  test("every bad row is listed", () => {
    const result = appeals([
      ["行政复议", "2026-01-05", "尚未审结", "2026-02-01", ""],
      ["行政复议", "2026-01-05", "维持", "", ""],
      ["行政诉讼", "2026-01-05", "维持", "2026-02-01", ""],
      ["行政复议", "2026-01-05", "维持", "2026-01-04", ""],
      ["行政复议", "2026-01-05", "胜诉", "2026-02-01", ""],
      ["行政复议", "", "维持", "2026-02-01", ""],
    ]);
    expect(errorsOf(result).map((e) => [e.row, e.column])).toEqual([[2, "审结日期"], [3, "审结日期"], [4, "类型"], [5, "审结日期"], [6, "结果"], [7, "收到日期"]]);
  });

  test("a missing required header", () => {
    const result = parseAppealLedger(["类型", "收到日期", "审结日期"], [{ row: 2, cells: ["行政复议", "2026-01-05", ""] }], { today });
    expect(errorsOf(result)).toEqual([{ row: 1, column: "结果", message: expect.stringContaining("缺少“结果”列") }]);
  });
});
