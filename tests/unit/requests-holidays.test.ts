import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import { BUNDLED_CALENDAR } from "@/lib/domain/calendar-data";
import { calendarReminder, computeStatutoryHolidays, extendCalendarThrough, isComputedDay, withComputedHolidays } from "@/lib/domain/requests/computed-holidays";
import { bundledCalendar } from "@/lib/domain/work-calendar";

/*
 * 春节 (lunar 1-1) for 2027–2030 — 02-06, 01-26, 02-13, 02-03 — agree in tyme4ts (what the code
 * uses), chinese-days' own lunar table (another author, checked live below) and the published
 * Chinese calendar tables. 除夕 is the day before.
 */
type SolarFromLunar = (lunar: string) => { date: string };
type TermsInRange = (from: string, to: string) => { date: string; name: string; index: number }[];
const chineseDays = createRequire(import.meta.url)("chinese-days") as { getSolarDateFromLunar: SolarFromLunar; getSolarTermsInRange: TermsInRange };

const dates = (year: number, name: string) => computeStatutoryHolidays(year).filter((d) => d.name.includes(name)).map((d) => d.date);

describe("statutory holidays computed for years with no notice", () => {
  test.each([
    [2027, ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"], "2027-04-05", "2027-06-09", "2027-09-15"],
    [2028, ["2028-01-25", "2028-01-26", "2028-01-27", "2028-01-28"], "2028-04-04", "2028-05-28", "2028-10-03"],
    [2029, ["2029-02-12", "2029-02-13", "2029-02-14", "2029-02-15"], "2029-04-04", "2029-06-16", "2029-09-22"],
    [2030, ["2030-02-02", "2030-02-03", "2030-02-04", "2030-02-05"], "2030-04-05", "2030-06-05", "2030-09-12"],
  ])("%i: 春节 from 除夕, 清明, 端午, 中秋", (year, spring, qingming, duanwu, midAutumn) => {
    expect(dates(year, "春节")).toEqual(spring);
    expect(dates(year, "清明节")).toEqual([qingming]);
    expect(dates(year, "端午节")).toEqual([duanwu]);
    expect(dates(year, "中秋节")).toEqual([midAutumn]);
    expect(dates(year, "元旦")).toEqual([`${year}-01-01`]);
    expect(dates(year, "劳动节")).toEqual([`${year}-05-01`, `${year}-05-02`]);
    expect(dates(year, "国庆节")).toEqual([`${year}-10-01`, `${year}-10-02`, `${year}-10-03`]);
    expect(computeStatutoryHolidays(year).every((d) => d.source === "computed")).toBe(true);
  });

  test("a day two festivals share is one holiday with both names (中秋 on 国庆 2028-10-03)", () => {
    expect(computeStatutoryHolidays(2028).filter((d) => d.date === "2028-10-03")).toEqual([{ date: "2028-10-03", name: "中秋节、国庆节", source: "computed" }]);
    expect(computeStatutoryHolidays(2028)).toHaveLength(12);
  });

  test.each([2025, 2026])("%i: every computed statutory day is a holiday in the bundled notice data", (year) => {
    const bundled = new Set(BUNDLED_CALENDAR[year].holidays.map((d) => d.date));
    const computed = computeStatutoryHolidays(year);
    expect(computed).toHaveLength(13);
    expect(computed.filter((d) => !bundled.has(d.date))).toEqual([]);
  });

  test.each(Array.from({ length: 16 }, (_, i) => 2025 + i))("%i: lunar dates and 清明 agree with chinese-days", (year) => {
    const lunar = (md: string) => chineseDays.getSolarDateFromLunar(`${year}-${md}`).date;
    const qingming = chineseDays.getSolarTermsInRange(`${year}-04-01`, `${year}-04-10`).find((t) => t.name === "清明" && t.index === 1)?.date;
    expect(dates(year, "春节")[1]).toBe(lunar("01-01"));
    expect(dates(year, "端午节")).toEqual([lunar("05-05")]);
    expect(dates(year, "中秋节")).toEqual([lunar("08-15")]);
    expect(dates(year, "清明节")).toEqual([qingming]);
  });
});

describe("a calendar extended with computed years", () => {
  const extended = extendCalendarThrough(bundledCalendar, 2030);

  test("2027-01-01 is a holiday, flagged computed, and 2027 stays uncovered", () => {
    expect(bundledCalendar.isWorkingDay("2027-01-01")).toBe(true);
    expect(extended.isWorkingDay("2027-01-01")).toBe(false);
    expect(isComputedDay(extended, "2027-01-01")).toBe(true);
    expect(extended.isCovered("2027-01-01")).toBe(false);
    expect(extended.coverage()).toEqual(bundledCalendar.coverage());
  });

  test("covered years and the sysadmin's rows are left alone", () => {
    expect(extended.entries(2026)).toEqual(bundledCalendar.entries(2026));
    const edited = bundledCalendar.withOverrides([{ date: "2027-01-01", kind: "WORKDAY", name: "测试" }]);
    expect(withComputedHolidays(edited, [2027]).isWorkingDay("2027-01-01")).toBe(true);
    expect(withComputedHolidays(edited, [2027]).isWorkingDay("2027-02-08")).toBe(false);
  });
});

describe("calendarReminder", () => {
  const covered = [2025, 2026];
  test.each([
    ["2026-10-31", false, 2027],
    ["2026-11-01", true, 2027],
    ["2026-12-31", true, 2027],
    ["2027-01-05", true, 2027], // the year itself is missing: remind at once
  ])("%s → remind %s for %i", (today, remind, year) => {
    const r = calendarReminder(today, covered);
    expect(r).toMatchObject({ remind, year });
    expect(r.message === null).toBe(!remind);
  });

  test("no reminder once next year is entered", () => {
    expect(calendarReminder("2026-11-15", [2026, 2027]).remind).toBe(false);
  });
});
