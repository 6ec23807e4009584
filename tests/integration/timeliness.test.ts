import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { addDays, chinaDate } from "@/lib/domain/dates";
import { disclosureDueDate } from "@/lib/domain/deadlines";
import { beijingMonth } from "@/lib/domain/timeliness";
import { bundledCalendar } from "@/lib/domain/work-calendar";
import { loadWorkCalendar, removeCalendarDay, setCalendarDay, setYearCovered, calendarYear } from "@/lib/server/admin/calendar";
import { timelinessDashboard, type DashboardView } from "@/lib/server/items/dashboard";
import { db } from "@/lib/server/platform/db";
import { submitItem, updateDraft } from "@/lib/server/items/drafts";
import { reviewItem } from "@/lib/server/items/reviews";
import { itemDueDate, itemsTimeliness } from "@/lib/server/items/timeliness";
import { draftInput, seedBureau, seedDraft, seedPending, type Bureau } from "../support/bureau";

/**
 * Timeliness against the real database: the sysadmin's calendar edits move due dates, the
 * dashboard's counts (submitted, published on time or late, overdue, returned, against the
 * target) for a bureau of this file's own, and who may see or change what.
 */

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});

// CalendarDay rows are global: leave none behind for the next test or file.
const touched = new Set<string>();
afterEach(async () => {
  if (touched.size) await db().calendarDay.deleteMany({ where: { date: { in: [...touched].map((d) => new Date(`${d}T00:00:00Z`)) } } });
  touched.clear();
});

function value<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const now = new Date();
const today = chinaDate(now);
const { year: thisYear, month: thisMonth } = beijingMonth(now);

describe("the calendar in force", () => {
  // 2025-06-03 (Tue) + 20 working days: 06-04 … 07-01 (端午 fell on 05-31…06-02, before the start).
  const formedOn = "2025-06-03";

  test("a sysadmin's 法定节假日 on a working day inside the period moves the due date one working day", async () => {
    const before = (await itemDueDate(formedOn)).date;
    expect(before).toBe(disclosureDueDate(formedOn, bundledCalendar).date);
    touched.add("2025-06-10");
    value(await setCalendarDay(b.people.sysadmin, { date: "2025-06-10", kind: "HOLIDAY", name: "临时休假" }));
    const after = await itemDueDate(formedOn);
    expect(after).toEqual({ date: bundledCalendar.nextWorkingDay(before), covered: true });
  });

  test("a 调休上班日 on a Saturday inside the period brings it forward; removing it restores the bundled date", async () => {
    const before = (await itemDueDate(formedOn)).date;
    touched.add("2025-06-14");
    value(await setCalendarDay(b.people.sysadmin, { date: "2025-06-14", kind: "WORKDAY", name: "调休" }));
    const after = (await itemDueDate(formedOn)).date;
    expect(after < before).toBe(true);
    expect((await loadWorkCalendar()).workingDaysBetween(formedOn, after)).toBe(20);
    value(await removeCalendarDay(b.people.sysadmin, { date: "2025-06-14" }));
    expect((await itemDueDate(formedOn)).date).toBe(before);
  });

  test("a WORKDAY row cancels a bundled weekday holiday (国庆节 2025-10-08 back to work)", async () => {
    touched.add("2025-10-08");
    expect((await loadWorkCalendar()).isWorkingDay("2025-10-08")).toBe(false);
    value(await setCalendarDay(b.people.sysadmin, { date: "2025-10-08", kind: "WORKDAY", name: "国庆节" }));
    expect((await loadWorkCalendar()).isWorkingDay("2025-10-08")).toBe(true);
    const view = (await calendarYear(b.people.sysadmin, 2025))!;
    expect(view.entries.find((e) => e.date === "2025-10-08")).toMatchObject({ kind: "WORKDAY", source: "EDITED", bundled: { kind: "HOLIDAY", name: "国庆节" } });
  });

  test("every edit is audited with before and after", async () => {
    touched.add("2025-06-16");
    const { sysadmin } = b.people;
    value(await setCalendarDay(sysadmin, { date: "2025-06-16", kind: "HOLIDAY", name: "临时休假" }));
    value(await setCalendarDay(sysadmin, { date: "2025-06-16", kind: "HOLIDAY", name: "临时调整" }));
    value(await removeCalendarDay(sysadmin, { date: "2025-06-16" }));
    const events = await db().auditEvent.findMany({ where: { entity: "CalendarDay", entityId: "2025-06-16" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.result, e.actorId, e.detail])).toEqual([
      ["calendar.set", "SUCCESS", sysadmin.id, { before: null, after: { kind: "HOLIDAY", name: "临时休假", source: "override" } }],
      [
        "calendar.set",
        "SUCCESS",
        sysadmin.id,
        { before: { kind: "HOLIDAY", name: "临时休假", source: "override" }, after: { kind: "HOLIDAY", name: "临时调整", source: "override" } },
      ],
      ["calendar.remove", "SUCCESS", sysadmin.id, { before: { kind: "HOLIDAY", name: "临时调整", source: "override" }, after: null }],
    ]);
  });

  test("bad input gets Chinese messages per field and saves nothing", async () => {
    const r = await setCalendarDay(b.people.sysadmin, { date: "2025-02-30", kind: "NOPE", name: "" });
    expect(r).toMatchObject({ ok: false, error: "invalid" });
    expect(r.ok ? null : r.fieldErrors).toMatchObject({ date: ["日期不存在"], kind: [expect.stringContaining("类型无效")], name: [expect.stringContaining("请填写名称")] });
    expect(await db().calendarDay.count({ where: { date: new Date("2025-02-28T00:00:00Z") } })).toBe(0);
  });

  test.each(["office", "liaison", "secrecy", "auditor"] as const)("%s cannot change the calendar; the refusal is audited", async (who) => {
    const actor = b.people[who];
    const since = (await db().auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
    expect(await setCalendarDay(actor, { date: "2025-06-18", kind: "HOLIDAY", name: "不应保存" })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await removeCalendarDay(actor, { date: "2025-06-18" })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await setYearCovered(actor, { year: "2031", covered: "true" })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await calendarYear(actor, 2025)).toBeNull();
    expect(await db().calendarDay.count({ where: { date: new Date("2025-06-18T00:00:00Z") } })).toBe(0);
    const denied = await db().auditEvent.findMany({ where: { id: { gt: since }, actorId: actor.id }, orderBy: { id: "asc" } });
    expect(denied.map((e) => `${e.action}:${e.result}`)).toEqual(["calendar.set:DENIED", "calendar.remove:DENIED", "calendar.coverage:DENIED"]);
  });

  test("a year beyond the bundled data is uncovered until the sysadmin confirms it", async () => {
    const { sysadmin } = b.people;
    expect((await calendarYear(sysadmin, 2031))!.covered).toBe(false);
    expect((await itemDueDate("2031-03-03")).covered).toBe(false);
    value(await setYearCovered(sysadmin, { year: "2031", covered: "true" }));
    expect((await calendarYear(sysadmin, 2031))!.covered).toBe(true);
    expect((await itemDueDate("2031-03-03")).covered).toBe(true);
    value(await setYearCovered(sysadmin, { year: "2031", covered: "false" }));
    expect((await itemDueDate("2031-03-03")).covered).toBe(false);
    expect(await setYearCovered(sysadmin, { year: "2024", covered: "false" })).toMatchObject({ ok: false, error: "invalid" });
    const audited = await db().auditEvent.findMany({ where: { action: "calendar.coverage", actorId: sysadmin.id }, orderBy: { id: "asc" } });
    expect(audited.map((e) => e.detail)).toEqual([
      { before: [], after: [2031] },
      { before: [2031], after: [] },
    ]);
  });
});

describe("the dashboard's counts", () => {
  // Long enough ago that 20 working days have passed, recent enough to be this year or last.
  const longAgo = addDays(today, -75);
  const recently = addDays(today, -2);
  const lateDue = disclosureDueDate(longAgo, bundledCalendar).date;
  let ids: Record<"onTime" | "onTimeToo" | "late" | "returned" | "rejected" | "draft", string>;

  beforeAll(async () => {
    const { head } = b.people;
    const onTime = await seedPending(b, "PUBLISHED", { formedOn: recently });
    const onTimeToo = await seedPending(b, "PUBLISHED", { formedOn: addDays(today, -1) });
    const late = await seedPending(b, "PUBLISHED", { formedOn: longAgo });
    const returned = await seedPending(b, "PENDING_DEPT", { formedOn: longAgo });
    value(await reviewItem(head, returned.id, { decision: "RETURN", revisionId: returned.revisionId, comment: "请补充附件" }));
    const rejected = await seedPending(b, "PENDING_DEPT", { formedOn: longAgo });
    value(await reviewItem(head, rejected.id, { decision: "REJECT", revisionId: rejected.revisionId, comment: "属于过程性信息", reasonCode: "ART16_PROCESS" }));
    const draft = await seedDraft(b, { formedOn: longAgo });
    ids = { onTime: onTime.id, onTimeToo: onTimeToo.id, late: late.id, returned: returned.id, rejected: rejected.id, draft: draft.id };
    await db().monthlyTarget.create({ data: { departmentId: b.dept.id, year: thisYear, month: thisMonth, target: 4 } });
  });

  const monthOf = (view: DashboardView, month: number) => view.months[month - 1].metrics;

  test("a department's month: submitted, published on time and late, returned, against the target", async () => {
    const view = value(await timelinessDashboard(b.people.liaison, {}));
    expect(view.department).toEqual({ code: b.dept.code, name: b.dept.name });
    expect(view.year).toBe(thisYear);
    expect(monthOf(view, thisMonth)).toMatchObject({
      submitted: 5, // two on time, late, returned, rejected; not the draft
      returned: 1,
      published: 3,
      onTime: 2,
      late: 1,
      target: 4,
      targetRate: 0.75,
      returnRate: 0.2,
    });
  });

  test("an item still unpublished past its due date is overdue in the month it fell due; a rejected one is not", async () => {
    const due = beijingMonth(new Date(`${lateDue}T12:00:00+08:00`));
    const view = value(await timelinessDashboard(b.people.head, { year: String(due.year) }));
    const m = monthOf(view, due.month);
    expect(m.overdueOpen).toBe(1);
    const current = due.year === thisYear && due.month === thisMonth;
    // On time 2 of (2 on time + 1 published late + 1 unpublished overdue) in this month.
    if (current) expect(m.onTimeRate).toBeCloseTo(2 / 4);
    expect(view.total.overdue).toBe(due.year === thisYear ? 2 : 1);
  });

  test("resubmitting after a return does not count as a new submission", async () => {
    const { liaison } = b.people;
    const first = (await db().disclosureItem.findUniqueOrThrow({ where: { id: ids.returned } })).firstSubmittedAt;
    const rev = (await db().disclosureItem.findUniqueOrThrow({ where: { id: ids.returned } })).currentRevisionId!;
    value(await updateDraft(liaison, ids.returned, rev, draftInput(b, { formedOn: longAgo, title: "补充附件后重新提交" })));
    const next = (await db().disclosureItem.findUniqueOrThrow({ where: { id: ids.returned } })).currentRevisionId!;
    value(await submitItem(liaison, ids.returned, next));
    const after = await db().disclosureItem.findUniqueOrThrow({ where: { id: ids.returned } });
    expect(first).not.toBeNull();
    expect(after.firstSubmittedAt).toEqual(first);
    expect(monthOf(value(await timelinessDashboard(liaison, {})), thisMonth).submitted).toBe(5);
  });

  test("months are Beijing months: 16:30 UTC on 31 March is April", async () => {
    const bureau = await seedBureau();
    const item = await seedPending(bureau, "PUBLISHED", { formedOn: "2026-03-20" });
    await db().disclosureItem.update({
      where: { id: item.id },
      data: { firstSubmittedAt: new Date("2026-03-31T15:59:59Z"), publishedAt: new Date("2026-03-31T16:30:00Z") },
    });
    const view = value(await timelinessDashboard(bureau.people.office, { year: "2026", department: bureau.dept.code }));
    expect(monthOf(view, 3)).toMatchObject({ submitted: 1, published: 0 });
    // Formed 2026-03-20, due 20 working days later in late April: published 04-01 Beijing, on time.
    expect(monthOf(view, 4)).toMatchObject({ submitted: 0, published: 1, onTime: 1 });
  });

  test("items' standing for badges and queues", async () => {
    const rows = await db().disclosureItem.findMany({
      where: { id: { in: [ids.onTime, ids.late, ids.draft] } },
      select: { id: true, publishedAt: true, currentRevision: { select: { formedOn: true } } },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const order = [ids.onTime, ids.late, ids.draft].map((id) => byId.get(id)!);
    const states = await itemsTimeliness(order.map((r) => ({ formedOn: r.currentRevision!.formedOn, publishedAt: r.publishedAt })));
    expect(states.map((s) => s.state)).toEqual(["on_time", "late", "overdue"]);
    expect(states[2]).toMatchObject({ dueOn: lateDue });
  });
});

describe("who sees which dashboard", () => {
  test("a liaison sees their own department and not another's (not found)", async () => {
    expect(value(await timelinessDashboard(b.people.liaison, { department: b.dept.code })).department?.code).toBe(b.dept.code);
    expect(await timelinessDashboard(b.people.liaison, { department: b.other.code })).toMatchObject({ ok: false, error: "not_found" });
    expect(await timelinessDashboard(b.people.otherHead, { department: b.dept.code })).toMatchObject({ ok: false, error: "not_found" });
    // Without a choice a liaison gets their own department, never the bureau.
    const own = value(await timelinessDashboard(b.people.otherLiaison, {}));
    expect(own.department?.code).toBe(b.other.code);
    expect(own.mayOffice).toBe(false);
    expect(own.departments.map((d) => d.code)).toEqual([b.other.code]);
  });

  test("a leader opens the departments they oversee, and sees the bureau totals without the others' rows", async () => {
    expect(value(await timelinessDashboard(b.people.leader, { department: b.dept.code })).department?.code).toBe(b.dept.code);
    expect(await timelinessDashboard(b.people.leader, { department: b.other.code })).toMatchObject({ ok: false, error: "not_found" });
    const bureau = value(await timelinessDashboard(b.people.leader, {}));
    expect(bureau.department).toBeNull();
    expect(bureau.byDepartment.map((d) => d.code)).toEqual([b.dept.code]);
  });

  test("the office sees the bureau with every department, and any department", async () => {
    const bureau = value(await timelinessDashboard(b.people.office, { department: "all" }));
    expect(bureau.department).toBeNull();
    const codes = bureau.byDepartment.map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining([b.dept.code, b.other.code]));
    const mine = bureau.byDepartment.find((d) => d.code === b.dept.code)!;
    expect(mine.total).toMatchObject({ published: 3, onTime: 2, late: 1 });
    expect(bureau.total.published).toBeGreaterThanOrEqual(3);
    expect(value(await timelinessDashboard(b.people.office, { department: b.other.code })).department?.code).toBe(b.other.code);
  });

  test.each(["sysadmin", "secrecy", "auditor"] as const)("%s has no dashboard", async (who) => {
    expect(await timelinessDashboard(b.people[who], {})).toMatchObject({ ok: false, error: "forbidden" });
  });

  test("a bad year or department code is ignored or not found, never an error", async () => {
    expect(value(await timelinessDashboard(b.people.office, { year: "abc" })).year).toBe(thisYear);
    expect(await timelinessDashboard(b.people.office, { department: "'; DROP TABLE x; --" })).toMatchObject({ ok: false, error: "not_found" });
  });
});
