import { describe, expect, test } from "vitest";
import { sanitizeBodyHtml } from "@/lib/domain/html";
import { formatFor } from "@/lib/domain/reports/formats";
import { parseReportImport, reportYearProblem } from "@/lib/domain/reports/import-shape";
import { emptyTables } from "@/lib/domain/reports/shape";
import { isReportDeadline, reportDeadlineOf, siteSettingsSchema } from "@/lib/domain/site-settings";

describe("live fields survive the sanitiser, nothing else of a span does", () => {
  test.each([
    ['<p>共 <span data-metric="table3.new_received.total">95</span> 件</p>', '<p>共 <span data-metric="table3.new_received.total">95</span> 件</p>'],
    ['<p><span data-metric="k" style="color:red" onclick="x" class="a">1</span></p>', '<p><span data-metric="k">1</span></p>'],
    ['<p><span style="font-family:宋体">普通文字</span></p>', "<p>普通文字</p>"],
    ['<p><span data-metric="bad key">7</span></p>', "<p>7</p>"],
    ['<p><span data-metric="x&quot; onclick=&quot;y">7</span></p>', "<p>7</p>"],
    ['<p><span>a<span data-metric="k">1</span>b</span></p>', '<p>a<span data-metric="k">1</span>b</p>'],
  ])("%s", (dirty, clean) => expect(sanitizeBodyHtml(dirty)).toBe(clean));
});

describe("reports.deadline (MM-DD)", () => {
  test.each([["01-31", true], ["01-15", true], ["12-31", true], ["02-29", false], ["04-31", false], ["1-31", false], ["13-01", false], ["", false]])("%s → %s", (v, ok) =>
    expect(isReportDeadline(v)).toBe(ok),
  );
  test("blank or unreadable means 01-31; a form without the field changes nothing", () => {
    expect(reportDeadlineOf({ reportDeadline: "" })).toBe("01-31");
    expect(reportDeadlineOf({ reportDeadline: "02-30" })).toBe("01-31");
    expect(reportDeadlineOf({ reportDeadline: "01-15" })).toBe("01-15");
    const valid = { officeName: "办公室", address: "某路 1 号", officeHours: "工作日", phone: "0432-62000000", systemColumn: "gzzd", annualReportColumn: "ndbg" };
    expect(siteSettingsSchema.parse(valid).reportDeadline).toBeUndefined();
    expect(siteSettingsSchema.safeParse({ ...valid, reportDeadline: "02-29" }).error!.issues[0].message).toContain("月-日");
  });
});

describe("the import's shape check", () => {
  const now = new Date("2026-12-01T00:00:00Z");
  const report = (year: number) => ({ year, format: formatFor(year).key, status: "published", bureau: "", sections: { overview: "", problems: "x", other: "" }, ...emptyTables(formatFor(year)) });
  test("a good file: status imported, the bureau filled in, plain text sections become paragraphs", () => {
    const r = parseReportImport(report(2020), now, "某局");
    expect(r).toMatchObject({ ok: true, data: { status: "imported", bureau: "某局", sections: { problems: "<p>x</p>" }, checks: [], overrides: [] } });
  });
  test("every problem by its path, in Chinese", () => {
    const bad = report(2020) as Record<string, unknown>;
    (bad.table3 as Record<string, Record<string, unknown>>).granted.commercial = "7";
    (bad.table4 as Record<string, unknown>).extra = {};
    bad.year = "2020";
    const r = parseReportImport(bad, now, "");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.lines).toEqual(expect.arrayContaining(["table3.granted.commercial：应为数字", "table4.extra：未知的键（该格式没有此行、此列或此项）", "year：应为数字"]));
    delete (bad.table3 as Record<string, unknown>).carried_over;
    expect((parseReportImport(bad, now, "") as { lines: string[] }).lines).toContain("table3.carried_over：缺少此项");
    expect(r.lines.every((l) => /[\u4e00-\u9fff]/.test(l))).toBe(true);
  });
  test("an override names a cell of the format and holds what that cell can: '__proto__' paths and bad values refused", () => {
    const override = (cell: string, value: number | string) => ({ cell, value, computed: 0, reason: "纸质台账补录", by: "某人", at: "2021-01-05" });
    const withOverrides = (...o: ReturnType<typeof override>[]) => ({ ...report(2020), overrides: o });
    expect(parseReportImport(withOverrides(override("table3.granted.commercial", 2)), now, "").ok).toBe(true);
    const r = parseReportImport(withOverrides(override("table3.__proto__.toString", 1), override("table3.constructor.name", 1), override("table3.granted.commercial", -1)), now, "");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.lines).toEqual([
      "overrides.0.cell：没有这个单元格（table3.__proto__.toString）",
      "overrides.1.cell：没有这个单元格（table3.constructor.name）",
      "overrides.2.value：该单元格不能填写 -1",
    ]);
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
  });
  test("statistics are optional, and the parse says whether the file had them", () => {
    expect(parseReportImport(report(2020), now, "")).toMatchObject({ ok: true, hasStatistics: false });
    const stats = { items_published: 3, by_column: [], by_channel: [], fees_collected_yuan: 0 };
    expect(parseReportImport({ ...report(2020), statistics: stats }, now, "")).toMatchObject({ ok: true, hasStatistics: true, data: { statistics: stats } });
  });
  test("years: not before 2008, not after this year", () => {
    expect(reportYearProblem(2007, now)).toBe("年份无效。");
    expect(reportYearProblem(2027, now)).toContain("尚未到来");
    expect(reportYearProblem(2026, now)).toBeNull();
  });
});
