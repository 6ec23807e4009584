import { describe, expect, test } from "vitest";
import { addDays } from "@/lib/domain/dates";
import { disclosureDueDate } from "@/lib/domain/deadlines";
import {
  beijingMonth,
  beijingYearSpan,
  dueDateTable,
  formatRate,
  monthMetrics,
  monthsBegun,
  NO_COUNTS,
  recentMonths,
  sumTargets,
  timelinessLabel,
  timelinessOf,
  yearSeries,
} from "@/lib/domain/timeliness";
import { bundledCalendar as cal } from "@/lib/domain/work-calendar";

describe("Beijing months", () => {
  test.each([
    ["2026-03-31T15:59:59.999Z", 2026, 3],
    ["2026-03-31T16:00:00.000Z", 2026, 4],
    ["2025-12-31T16:00:00.000Z", 2026, 1],
    ["2025-12-31T15:59:59.999Z", 2025, 12],
    ["2024-02-29T12:00:00.000Z", 2024, 2],
  ])("%s is %i-%i in Beijing", (iso, year, month) => {
    expect(beijingMonth(new Date(iso))).toEqual({ year, month });
  });

  test("a Beijing year runs from 16:00 UTC on the last day of the year before", () => {
    expect(beijingYearSpan(2026)).toEqual({ start: new Date("2025-12-31T16:00:00Z"), end: new Date("2026-12-31T16:00:00Z") });
  });

  test.each([1969, 2026.5, Number.NaN])("refuses year %s", (year) => {
    expect(() => beijingYearSpan(year)).toThrow(RangeError);
  });
});

describe("one item against its due date (第二十六条)", () => {
  // 2024-09-27 (Fri before 国庆) is due 2024-10-30; see work-calendar.test.ts.
  const formedOn = "2024-09-27";

  test.each([
    ["published before the due date", "2024-10-08", "on_time"],
    ["published on the due date itself", "2024-10-30", "on_time"],
    ["published the day after", "2024-10-31", "late"],
  ] as const)("%s: %s → %s", (_, publishedOn, state) => {
    expect(timelinessOf(cal, { formedOn, publishedOn }, "2024-12-01")).toMatchObject({ state, dueOn: "2024-10-30", covered: true });
  });

  test("late by working days, not calendar days", () => {
    // 10-31 Thu, 11-01 Fri, 11-04 Mon: three working days after 10-30.
    expect(timelinessOf(cal, { formedOn, publishedOn: "2024-11-04" }, "2024-12-01")).toMatchObject({ state: "late", workingDaysLate: 3 });
  });

  test.each([
    ["well before", "2024-10-25", "open", { workingDaysLeft: 3 }],
    ["on the due date", "2024-10-30", "open", { workingDaysLeft: 0 }],
    ["the Saturday after (Thu and Fri missed)", "2024-11-02", "overdue", { workingDaysOver: 2 }],
    ["a week after", "2024-11-06", "overdue", { workingDaysOver: 5 }],
  ] as const)("unpublished, today %s (%s) → %s", (_, today, state, extra) => {
    expect(timelinessOf(cal, { formedOn, publishedOn: null }, today)).toMatchObject({ state, dueOn: "2024-10-30", ...extra });
  });

  describe("the badge's words", () => {
    // Formed 2024-09-30, due Friday 2024-11-01 (see decisions.md: the 国庆 dates share it).
    const label = (publishedOn: string | null, today = "2024-12-01") => timelinessLabel(timelinessOf(cal, { formedOn: "2024-09-30", publishedOn }, today)).label;
    test.each([
      ["before the due date", "2024-10-31", "按时公开（期限 2024年11月1日）"],
      ["on the due date", "2024-11-01", "期限当日公开，按时（期限 2024年11月1日）"],
      ["the Saturday after: late, but no working day late", "2024-11-02", "逾期公开：于期限后的休息日发布（期限 2024年11月1日）"],
      ["the Monday after", "2024-11-04", "逾期 1 个工作日公开（期限 2024年11月1日）"],
    ])("published %s", (_, publishedOn, text) => {
      expect(label(publishedOn)).toBe(text);
    });
    test("no label counts zero days, published or not, around the due date", () => {
      for (let i = 0; i < 12; i++) {
        const date = addDays("2024-10-28", i);
        expect(label(date)).not.toMatch(/ 0 个工作日/);
        expect(label(null, date)).not.toMatch(/ 0 个工作日/);
      }
    });
  });

  test("outside the covered years the answer says so", () => {
    expect(timelinessOf(cal, { formedOn: "2031-03-03", publishedOn: null }, "2031-03-04")).toMatchObject({ state: "open", covered: false });
  });

  test("refuses a malformed date", () => {
    expect(() => timelinessOf(cal, { formedOn: "2024/09/27", publishedOn: null }, "2024-10-01")).toThrow(RangeError);
  });
});

describe("due-date table for the database", () => {
  const table = dueDateTable(cal, 2024);

  test("covers every formation date whose due date can fall in the year, and no other", () => {
    const first = table.formedOn[0];
    expect(disclosureDueDate(first, cal).date >= "2024-01-01").toBe(true);
    const dayBefore = new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(disclosureDueDate(dayBefore, cal).date < "2024-01-01").toBe(true);
    expect(table.formedOn.at(-1)).toBe("2024-12-31");
    expect(table.covered).toBe(true);
  });

  test("each row is disclosureDueDate of its date", () => {
    for (const i of [0, 100, 270, table.formedOn.length - 1]) {
      expect(table.dueOn[i]).toBe(disclosureDueDate(table.formedOn[i], cal).date);
    }
    expect(table.dueOn[table.formedOn.indexOf("2024-09-27")]).toBe("2024-10-30");
  });

  test("dates due after the year do not make it uncovered; a year reaching into an uncovered one does", () => {
    expect(dueDateTable(cal, 2026).dueOn.at(-1)! > "2026-12-31").toBe(true);
    expect(dueDateTable(cal, 2026).covered).toBe(true);
    expect(dueDateTable(cal, 2027).covered).toBe(false);
  });
});

describe("metric definitions", () => {
  test("late = published − on time; overdue = late + unpublished past due; 按时率 over both", () => {
    const m = monthMetrics({ submitted: 10, returned: 3, published: 8, onTime: 6, overdueOpen: 1 }, 10);
    expect(m).toMatchObject({ late: 2, overdue: 3, target: 10 });
    expect(m.onTimeRate).toBeCloseTo(6 / 9);
    expect(m.returnRate).toBeCloseTo(3 / 10);
    expect(m.targetRate).toBeCloseTo(8 / 10);
  });

  test("nothing to divide by gives no rate, not 0% or 100%", () => {
    expect(monthMetrics(NO_COUNTS, null)).toMatchObject({ onTimeRate: null, returnRate: null, targetRate: null, overdue: 0 });
    expect(monthMetrics(NO_COUNTS, 0).targetRate).toBeNull();
    expect(monthMetrics({ ...NO_COUNTS, overdueOpen: 2 }, 3)).toMatchObject({ onTimeRate: 0, targetRate: 0 });
  });

  test("a year: twelve months, missing ones zero, targets summed only where set", () => {
    const { months, total } = yearSeries(
      new Map([
        [1, { submitted: 2, published: 1, onTime: 1 }],
        [3, { submitted: 1, returned: 1, published: 2, onTime: 1, overdueOpen: 1 }],
      ]),
      new Map([
        [1, 2],
        [3, 2],
      ]),
    );
    expect(months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(months[1].metrics).toMatchObject({ submitted: 0, target: null });
    expect(total).toMatchObject({ submitted: 3, returned: 1, published: 3, onTime: 2, late: 1, overdue: 2, target: 4 });
    expect(total.targetRate).toBeCloseTo(3 / 4);
  });

  test("months not yet begun keep their target but have no rates; the total's target is the year to date", () => {
    const { months, total } = yearSeries(new Map([[1, { published: 1, onTime: 1 }]]), new Map([[1, 2], [2, 2], [3, 2]]), 2);
    expect(months[1].metrics).toMatchObject({ target: 2, targetRate: 0 });
    expect(months[2].metrics).toMatchObject({ target: 2, targetRate: null, onTimeRate: null, returnRate: null });
    expect(total).toMatchObject({ target: 4, targetRate: 0.25 });
  });

  test.each([
    [2025, 12],
    [2026, 11],
    [2027, 0],
  ])("monthsBegun(%i) in November 2026 = %i", (year, through) => {
    expect(monthsBegun(year, { year: 2026, month: 11 })).toBe(through);
  });

  test.each([
    [[], null],
    [[null, null], null],
    [[3, null, 2], 5],
    [[0], 0],
  ] as const)("sumTargets(%j) = %j", (targets, sum) => expect(sumTargets(targets)).toBe(sum));

  test.each([
    [null, "—"],
    [0, "0.0%"],
    [2 / 3, "66.7%"],
    [1, "100.0%"],
    [1.25, "125.0%"],
  ] as const)("formatRate(%s) = %s", (rate, text) => expect(formatRate(rate)).toBe(text));
});

describe("the months a phone's chart shows", () => {
  const year = (active: number[]) =>
    yearSeries(new Map(active.map((m) => [m, { submitted: 1 }])), new Map([...Array(12)].map((_, i) => [i + 1, 3]))).months;
  const shown = (active: number[], through: number) => recentMonths(year(active), through).map((m) => m.month);
  test.each([
    ["data in October–December, viewed in December", [10, 11, 12], 12, [7, 8, 9, 10, 11, 12]],
    ["data in October–December of a past year", [10, 11, 12], 12, [7, 8, 9, 10, 11, 12]],
    ["data up to March, viewed in December: the data stays on screen", [2, 3], 12, [1, 2, 3, 4, 5, 6]],
    ["data in August, viewed in September", [8], 9, [3, 4, 5, 6, 7, 8]],
    ["no data: the six months up to now", [], 9, [4, 5, 6, 7, 8, 9]],
    ["no data early in the year", [], 2, [1, 2, 3, 4, 5, 6]],
    ["a future year", [], 0, [1, 2, 3, 4, 5, 6]],
  ])("%s", (_, active, through, months) => {
    expect(shown(active, through)).toEqual(months);
  });
});
