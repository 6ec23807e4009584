import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from "vitest";
import { formatFor } from "@/lib/domain/reports/formats";
import { emptyTables, type ReportData } from "@/lib/domain/reports/shape";
import { db } from "@/lib/server/platform/db";
import { setRaceSeam } from "@/lib/server/platform/use-case";
import {
  clearCheckNote,
  clearOverride,
  draftReportData,
  importReport,
  listReportYears,
  noteCheck,
  publicReportVersions,
  publicReportYears,
  reportCountdown,
  reportView,
  saveFigures,
  saveSections,
  setOverride,
} from "@/lib/server/reports/store";
import { raceBarrier } from "../support/race";
import { reportHtml } from "@/lib/export/report";
import { seedBureau, type Bureau, must } from "../support/bureau";

/**
 * The annual report's working copy and its import (issue 9 §4–§6) against the real database:
 * every refusal leaves the row as it was and an audit row behind; every write is audited with
 * what changed. Years 2016–2018, 2021, 2023 and 2024 belong to this file (the database is shared).
 */
let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});
afterEach(() => setRaceSeam(null));

const row = (year: number) => db().annualReport.findUnique({ where: { year } });
const lastAudit = (action: string, entityId: string) =>
  db().auditEvent.findFirst({ where: { action, entityId }, orderBy: { id: "desc" } });
const revisionOf = async (year: number) => (await row(year))?.revision ?? 0;

describe("the working copy", () => {
  const Y = 2023;

  test("a year never touched is an editable draft of zeros; reading it creates nothing", async () => {
    const view = must(await reportView(b.people.office, Y));
    expect(view).toMatchObject({ year: Y, format: "GB2021", state: "draft", revision: 0, canEdit: true, lockedReason: null, versions: [] });
    expect(view.data.status).toBe("draft");
    expect(view.data.bureau).toBe("吉林市科学技术局");
    expect(Object.keys(view.data.table3)).toContain("new_received");
    expect(await row(Y)).toBeNull();
    // No 五 yet: the empty section is a blocking finding (条例第五十条).
    expect(view.data.checks.map((c) => c.id)).toContain("S5:problems");
  });

  test("the 分管领导 reads it but cannot edit; a liaison cannot even read it (audited)", async () => {
    const leader = must(await reportView(b.people.leader, Y));
    expect(leader).toMatchObject({ canEdit: false, lockedReason: "只有政务公开办公室可以编制年度报告。" });
    const refused = await reportView(b.people.liaison, Y);
    expect(refused).toMatchObject({ ok: false, error: "forbidden" });
    expect(await lastAudit("report.view", String(Y))).toMatchObject({ result: "DENIED", actorId: b.people.liaison.id });
    expect(await listReportYears(b.people.liaison)).toMatchObject({ ok: false, error: "forbidden" });
    const write = await saveSections(b.people.leader, Y, { revision: 0, sections: { overview: "x" } });
    expect(write).toMatchObject({ ok: false, error: "forbidden" });
    expect(await lastAudit("report.sections.save", String(Y))).toMatchObject({ result: "DENIED", actorId: b.people.leader.id });
    expect(await row(Y)).toBeNull();
  });

  test("a future year is refused, to read and to write", async () => {
    const future = new Date().getFullYear() + 1;
    expect(await reportView(b.people.office, future)).toMatchObject({ ok: false, message: expect.stringContaining("尚未到来") });
    const write = await saveSections(b.people.office, future, { revision: 0, sections: { overview: "x" } });
    expect(write).toMatchObject({ ok: false, message: expect.stringContaining("尚未到来") });
    expect(await lastAudit("report.sections.save", String(future))).toMatchObject({ result: "DENIED" });
    expect(await row(future)).toBeNull();
  });

  test("sections: created on the first write, sanitised, live fields kept, audited", async () => {
    const dirty = '<p onclick="x">共收到申请 <span data-metric="table3.new_received.total" style="color:red">99</span> 件<script>alert(1)</script></p>';
    const saved = must(await saveSections(b.people.office, Y, { revision: 0, sections: { overview: dirty, problems: "人员力量不足。\n\n将加强培训。" } }));
    expect(saved.revision).toBe(1);
    const stored = (await row(Y))!.sections as Record<string, string>;
    expect(stored.overview).toBe('<p>共收到申请 <span data-metric="table3.new_received.total">99</span> 件</p>');
    expect(stored.problems).toBe("<p>人员力量不足。</p>\n<p>将加强培训。</p>");
    // The live field shows the figure of the records, whatever was typed in it.
    const data = await draftReportData(Y);
    expect(data.sections.overview).toMatch(/<span data-metric="table3.new_received.total">\d+<\/span>/);
    expect(data.sections.overview).toContain(`>${data.table3.new_received.total}</span>`);
    expect(data.checks.map((c) => c.id)).not.toContain("S5:problems");
    const audit = await lastAudit("report.sections.save", String(Y));
    expect(audit).toMatchObject({ result: "SUCCESS", actorId: b.people.office.id });
    expect(audit!.detail).toMatchObject({ sections: ["overview", "problems"], revision: 1 });
  });

  test("a stale revision is refused and nothing is lost; a section too long is refused by name", async () => {
    const before = await row(Y);
    const stale = await saveSections(b.people.office2, Y, { revision: 0, sections: { overview: "<p>覆盖</p>" } });
    expect(stale).toMatchObject({ ok: false, error: "conflict", message: "该年度报告已被他人修改，请刷新后再试（您填写的内容未丢失）。" });
    expect(await lastAudit("report.sections.save", String(Y))).toMatchObject({ result: "DENIED", actorId: b.people.office2.id });
    expect(await row(Y)).toEqual(before);
    const long = await saveSections(b.people.office, Y, { revision: before!.revision, sections: { other: "<p>长</p>".repeat(5000) } });
    expect(long).toMatchObject({ ok: false, error: "invalid", fieldErrors: { other: [expect.stringContaining("不能超过")] } });
    expect(await row(Y)).toEqual(before);
  });

  test("two saves of the same revision at once: one lands, the other is told to refresh", async () => {
    const revision = await revisionOf(Y);
    raceBarrier("report.sections.save", 2);
    const results = await Promise.all(
      [b.people.office, b.people.office2].map((who, i) => saveSections(who, Y, { revision, sections: { other: `<p>并发 ${i}</p>` } })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: "conflict" });
    expect(await revisionOf(Y)).toBe(revision + 1);
  });

  test("figures: bad values are refused per field and nothing is saved; good ones land in table 二 and the audit", async () => {
    const revision = await revisionOf(Y);
    const bad = await saveFigures(b.people.office, Y, { revision, figures: { "licensing.decisions": "-3", "penalty.decisions": "abc", "fees.amount_wan_yuan": "1.5" } });
    expect(bad).toMatchObject({ ok: false, error: "invalid" });
    if (bad.ok) return;
    expect(Object.keys(bad.fieldErrors!).sort()).toEqual(["licensing.decisions", "penalty.decisions"]);
    expect(bad.fieldErrors!["licensing.decisions"]![0]).toMatch(/^行政许可 · 本年处理决定数量：/);
    expect(await revisionOf(Y)).toBe(revision);
    must(await saveFigures(b.people.office, Y, { revision, figures: { "licensing.decisions": "79", "penalty.decisions": "", "enforcement.decisions": "2", "fees.amount_wan_yuan": "1.5" } }));
    const data = await draftReportData(Y);
    expect(data.table2.licensing).toEqual({ decisions: 79 });
    expect(data.table2.penalty).toEqual({ decisions: 0 });
    expect(data.table2.fees).toEqual({ amount_wan_yuan: "1.5" });
    const audit = await lastAudit("report.figures.save", String(Y));
    expect((audit!.detail as { changes: unknown[] }).changes).toEqual(
      expect.arrayContaining([{ cell: "table2.licensing.decisions", from: null, to: 79 }, { cell: "table2.fees.amount_wan_yuan", from: null, to: "1.5" }]),
    );
  });

  test("an override needs a reason and a valid value; it keeps the computed value; the checks run on the final figures", async () => {
    const cell = "table3.new_received.natural_person";
    let revision = await revisionOf(Y);
    const cases = [
      [{ cell, value: "5", reason: "" }, "reason", "请填写修改理由（至少 4 个字）"],
      [{ cell, value: "5", reason: "  笔误  " }, "reason", "请填写修改理由（至少 4 个字）"],
      [{ cell, value: "-1", reason: "台账漏登一件" }, "value", "不小于 0"],
      [{ cell, value: "两件", reason: "台账漏登一件" }, "value", ""],
      [{ cell: "table3.nonsense.total", value: "1", reason: "台账漏登一件" }, "value", ""],
      [{ cell: "table2.licensing.decisions", value: "1", reason: "台账漏登一件" }, "cell", "填报数据"],
    ] as const;
    for (const [input, field, message] of cases) {
      const r = await setOverride(b.people.office, Y, { revision, ...input });
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: "invalid", fieldErrors: { [field]: [expect.stringContaining(message)] } });
    }
    expect(((await row(Y))!.overrides as unknown[]).length).toBe(0);
    const computed = (await draftReportData(Y)).table3.new_received.natural_person;
    revision = must(await setOverride(b.people.office, Y, { revision, cell, value: String(computed + 5), reason: "纸质台账另有 5 件未录入系统" })).revision;
    const view = must(await reportView(b.people.office, Y));
    expect(view.data.table3.new_received.natural_person).toBe(computed + 5);
    expect(view.computed.table3.new_received.natural_person).toBe(computed);
    expect(view.data.overrides).toEqual([expect.objectContaining({ cell, value: computed + 5, computed, reason: "纸质台账另有 5 件未录入系统", by: "office" })]);
    // 一+二 = （七）+四 and the row total no longer hold: blocking findings on the overridden cell.
    const ids = view.data.checks.filter((c) => c.cells.includes(cell)).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(["T3-a:natural_person", "T3-b:new_received"]));
    const audit = await lastAudit("report.override.set", String(Y));
    expect(audit!.detail).toMatchObject({ cell, from: computed, to: computed + 5, computed, reason: "纸质台账另有 5 件未录入系统" });
  });

  test("a check note needs a reason and an existing finding; notes and overrides can be withdrawn", async () => {
    let revision = await revisionOf(Y);
    expect(await noteCheck(b.people.office, Y, { revision, checkId: "T3-b:new_received", reason: "" })).toMatchObject({ ok: false, fieldErrors: { reason: [expect.any(String)] } });
    expect(await noteCheck(b.people.office, Y, { revision, checkId: "T9:nothing", reason: "确有其事的理由" })).toMatchObject({ ok: false, fieldErrors: { checkId: [expect.any(String)] } });
    expect(await revisionOf(Y)).toBe(revision);
    revision = must(await noteCheck(b.people.office, Y, { revision, checkId: "T3-b:new_received", reason: "申请人类型待核实，暂按原台账" })).revision;
    let check = (await draftReportData(Y)).checks.find((c) => c.id === "T3-b:new_received")!;
    expect(check).toMatchObject({ overridden: true, reason: "申请人类型待核实，暂按原台账" });
    expect((await lastAudit("report.check.note", String(Y)))!.detail).toMatchObject({ checkId: "T3-b:new_received", severity: "error", reason: "申请人类型待核实，暂按原台账" });
    revision = must(await clearCheckNote(b.people.office, Y, { revision, checkId: "T3-b:new_received" })).revision;
    check = (await draftReportData(Y)).checks.find((c) => c.id === "T3-b:new_received")!;
    expect(check).toMatchObject({ overridden: false, reason: null });
    expect(await clearCheckNote(b.people.office, Y, { revision, checkId: "T3-b:new_received" })).toMatchObject({ ok: false, error: "invalid" });
    revision = must(await clearOverride(b.people.office, Y, { revision, cell: "table3.new_received.natural_person" })).revision;
    const data = await draftReportData(Y);
    expect(data.overrides).toEqual([]);
    expect(data.checks.filter((c) => c.id.startsWith("T3-"))).toEqual([]);
    expect(await clearOverride(b.people.office, Y, { revision, cell: "table3.new_received.natural_person" })).toMatchObject({ ok: false, error: "invalid" });
  });
});

/** A report of the year in its format, all zeros, with a 五 so that S5 holds. */
function reportJson(year: number, over: (d: ReportData) => void = () => {}): ReportData {
  const format = formatFor(year);
  const d: ReportData = {
    year,
    format: format.key,
    status: "published",
    bureau: "吉林市科学技术局",
    sections: { overview: "<p>总体情况。</p>", problems: "<p>存在问题。</p>", other: "" },
    ...emptyTables(format),
    statistics: { items_published: 0, by_column: [], by_channel: [], fees_collected_yuan: 0 },
    checks: [],
    overrides: [],
  };
  over(d);
  return d;
}

describe("import of a past year", () => {
  test.each([
    ["a string where a count belongs", (d: ReportData) => ((d.table3.granted as Record<string, unknown>).commercial = "7"), "table3.granted.commercial", "应为数字"],
    ["a negative count", (d: ReportData) => (d.table4.review.upheld = -1), "table4.review.upheld", "不能为负数"],
    ["an unknown row key", (d: ReportData) => ((d.table3 as Record<string, unknown>).granted_in_part = d.table3.granted), "table3.granted_in_part", "未知的键"],
    ["a GB2021 row in a GB2019 year", (d: ReportData) => ((d.table2 as Record<string, unknown>).fees = { amount_wan_yuan: "1" }), "table2.fees.amount_wan_yuan", "未知的键"],
    ["a missing table", (d: ReportData) => delete (d as Partial<ReportData>).table4, "table4", "缺少此项"],
  ])("%s is refused with its path, nothing saved", async (_name, spoil, pathText, message) => {
    const json = reportJson(2016, spoil);
    const r = await importReport(b.people.office, json);
    expect(r).toMatchObject({ ok: false, error: "invalid" });
    if (r.ok) return;
    expect(r.message).toContain(`${pathText}：${message}`);
    expect(r.fieldErrors![pathText]).toBeDefined();
    expect(await row(2016)).toBeNull();
    expect(await lastAudit("report.import", "2016")).toMatchObject({ result: "DENIED" });
  });

  test("the format must be the year's; this year and future years are refused; so is a non-object", async () => {
    const wrongFormat = { ...reportJson(2021), format: "GB2019", table2: emptyTables(formatFor(2019)).table2, table3: emptyTables(formatFor(2019)).table3 };
    expect(await importReport(b.people.office, wrongFormat)).toMatchObject({ ok: false, message: expect.stringContaining("format：2021 年的年度报告应为 GB2021 格式") });
    const thisYear = new Date().getFullYear();
    expect(await importReport(b.people.office, reportJson(thisYear))).toMatchObject({ ok: false, message: expect.stringContaining(`year：${thisYear} 年尚未结束`) });
    const future = { ...reportJson(2025), year: thisYear + 1 };
    expect(await importReport(b.people.office, future)).toMatchObject({ ok: false, message: expect.stringContaining("尚未到来") });
    expect(await importReport(b.people.office, [1, 2])).toMatchObject({ ok: false, message: expect.stringContaining("JSON 对象") });
    expect(await importReport(b.people.liaison, reportJson(2021))).toMatchObject({ ok: false, error: "forbidden" });
    expect(await row(2021)).toBeNull();
  });

  test("without section 一's counts, the narrative's stated and live figures are kept, not held against zeros", async () => {
    const stated = '<p>全年共公开政府信息165条，其中通知公告39条。</p><p>本机关网站发布信息<span data-metric="statistics.items_published">165</span>条。</p>';
    const json = reportJson(2014, (d) => {
      d.sections.overview = stated;
      delete (d as Partial<ReportData>).statistics;
    });
    must(await importReport(b.people.office, json));
    const [version] = await publicReportVersions(2014);
    expect(version.data.checks.filter((c) => c.id.startsWith("N-"))).toEqual([]);
    const html = reportHtml(version.data);
    expect(html).toContain(">165</span>条");
    expect(html).not.toContain(">0</span>条");
  });

  test("an inconsistent import is stored frozen, flagged by each check it breaks, public, and cannot be imported twice", async () => {
    must(await importReport(b.people.office, reportJson(2017, (d) => (d.table3.carried_forward.natural_person = d.table3.carried_forward.total = 4))));
    const json = reportJson(2018, (d) => {
      d.table3.new_received.natural_person = 3; // total stays 0: T3-b; 一+二 ≠ 七+四: T3-a; 二 ≠ 2017's 四: T3-d
      d.sections.problems = "<p><script>x</script>无</p>";
    });
    expect(must(await importReport(b.people.office, json))).toEqual({ year: 2018 });
    const view = must(await reportView(b.people.office, 2018));
    expect(view).toMatchObject({ state: "imported", format: "GB2019", canEdit: false, lockedReason: "该年度报告为导入的历年报告，已冻结，不能修改。" });
    expect(view.data.status).toBe("imported");
    expect(view.data.sections.problems).toBe("<p>无</p>");
    const ids = view.data.checks.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(["T3-a:natural_person", "T3-b:new_received", "T3-d:natural_person"]));
    expect(view.versions).toEqual([expect.objectContaining({ number: 1, status: "imported", itemId: null })]);
    expect((await lastAudit("report.import", "2018"))!.detail).toMatchObject({ format: "GB2019", errors: expect.arrayContaining(["T3-d:natural_person"]) });

    const again = await importReport(b.people.office, json);
    expect(again).toMatchObject({ ok: false, error: "conflict", message: expect.stringContaining("已有已公布或已导入") });
    const edit = await saveSections(b.people.office, 2018, { revision: view.revision, sections: { other: "x" } });
    expect(edit).toMatchObject({ ok: false, error: "conflict", message: "该年度报告为导入的历年报告，已冻结，不能修改。" });

    const versions = await publicReportVersions(2018);
    expect(versions).toHaveLength(1);
    expect(versions[0].data.table3.new_received.natural_person).toBe(3);
    expect(await publicReportYears()).toEqual(expect.arrayContaining([{ year: 2018, format: "GB2019", status: "imported", publishedAt: null }]));
  });

  test("a draft nobody sent gives way to an import; the years list shows it with its figures", async () => {
    must(await saveSections(b.people.office, 2021, { revision: 0, sections: { overview: "草稿" } }));
    must(await importReport(b.people.office, reportJson(2021, (d) => (d.table3.new_received.commercial = d.table3.new_received.total = 2))));
    expect((await row(2021))!.state).toBe("imported");
    const years = must(await listReportYears(b.people.office));
    const list = years.map((y) => y.year);
    expect(list).toEqual([...list].sort((a, c) => c - a));
    expect(list).toEqual(expect.arrayContaining([2017, 2018, 2019, 2021, new Date().getFullYear()]));
    expect(years.find((y) => y.year === 2021)).toMatchObject({ state: "imported", format: "GB2021", figures: { received: 2 } });
    expect(years.find((y) => y.year === 2024)).toMatchObject({ state: "none", format: "GB2021", figures: expect.any(Object) });
  });
});

describe("the import CLI", () => {
  const cli = (file: string, ...args: string[]) =>
    spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/import.ts", "report", file, ...args], {
      env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
      encoding: "utf8",
      timeout: 60_000,
    });
  const dir = mkdtempSync(path.join(os.tmpdir(), "report-import-"));
  const file = (name: string, content: unknown) => {
    const p = path.join(dir, name);
    writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
    return p;
  };

  test("a bad file: each problem on stderr by its path, exit 1, nothing saved", () => {
    const run = cli(file("bad.json", reportJson(2016, (d) => ((d.table3.granted as Record<string, unknown>).commercial = "7"))));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("table3.granted.commercial：应为数字");
    expect(run.stderr).toContain("文件未导入");
    expect(run.stdout).toBe("");
    const broken = cli(file("broken.json", "{ year: 2016"));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain("不是有效的 JSON 文件");
  });

  test("a good file is imported as the named office user", async () => {
    const run = cli(file("2016.json", reportJson(2016)), "--as", b.people.office.username);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("已导入 2016 年度报告（GB2019，操作人：office）");
    expect((await row(2016))!.state).toBe("imported");
  });
});

describe("the deadline countdown", () => {
  afterAll(() => db().siteSetting.deleteMany({ where: { key: "reports.deadline" } }));

  test("last year's report until it is published, with the configured deadline; then this year's", async () => {
    // 2024-01-10: the 2023 report (a draft in this file) is due 2024-01-31 by law.
    expect(await reportCountdown(new Date("2024-01-10T02:00:00Z"))).toMatchObject({ year: 2023, deadline: "2024-01-31", daysLeft: 21, published: false, state: "draft" });
    await db().siteSetting.upsert({ where: { key: "reports.deadline" }, create: { key: "reports.deadline", value: "01-15" }, update: { value: "01-15" } });
    expect(await reportCountdown(new Date("2024-01-10T02:00:00Z"))).toMatchObject({ deadline: "2024-01-15", daysLeft: 5 });
    expect(await reportCountdown(new Date("2024-03-01T02:00:00Z"))).toMatchObject({ year: 2023, daysLeft: -46, published: false });
    // 2018 is imported (published): in 2019 the countdown is about the 2019 report, due 2020-01-15.
    expect(await reportCountdown(new Date("2019-06-01T02:00:00Z"))).toMatchObject({ year: 2019, deadline: "2020-01-15", daysLeft: 228 });
    await db().siteSetting.update({ where: { key: "reports.deadline" }, data: { value: "02-30" } });
    expect(await reportCountdown(new Date("2024-01-10T02:00:00Z"))).toMatchObject({ deadline: "2024-01-31" });
  });
});
