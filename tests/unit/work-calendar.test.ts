import { describe, expect, test } from "vitest";
import { addDays, isIsoDate, weekday } from "@/lib/domain/dates";
import {
  consultationDueDate,
  correctionNoticeDueDate,
  disclosureDueDate,
  dueAfter,
  replyDueDate,
} from "@/lib/domain/deadlines";
import { bundledCalendar as cal, calendarEntrySchema, WorkCalendar } from "@/lib/domain/work-calendar";

/*
 * Every expected date below was counted by hand from lib/domain/calendar-data.ts and checked
 * against chinese-days' own findWorkday(), an independent implementation. Day 0 is the start date,
 * day 1 the first working day after it.
 */

describe("civil-date helpers", () => {
  test.each([
    ["2024-02-29", true],
    ["2025-02-29", false],
    ["2024-13-01", false],
    ["2024-9-1", false],
    ["", false],
  ])("isIsoDate(%j) = %s", (value, ok) => expect(isIsoDate(value)).toBe(ok));

  test("adds across a month, a leap day and a year", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
  });

  test("weekday ignores the process time zone", () => {
    expect(weekday("2024-09-29")).toBe(0); // Sunday
    expect(weekday("2024-10-12")).toBe(6); // Saturday
  });

  test("rejects a malformed date rather than guessing", () => {
    expect(() => addDays("2024/10/01", 1)).toThrow(RangeError);
    expect(() => cal.isWorkingDay("2024-02-30")).toThrow(RangeError);
  });
});

describe("isWorkingDay", () => {
  test.each([
    ["2024-09-27", true, "an ordinary Friday"],
    ["2024-09-28", false, "an ordinary Saturday"],
    ["2024-09-29", true, "Sunday made a 调休上班日 for 国庆"],
    ["2024-10-01", false, "国庆节"],
    ["2024-10-07", false, "国庆节, a Monday"],
    ["2024-10-12", true, "Saturday made a 调休上班日 for 国庆"],
    ["2020-01-31", false, "2020 春节, extended to 2 Feb by the State Council"],
    ["2020-02-01", false, "a 调休上班日 in the first notice, cancelled by the extension"],
    ["2020-02-03", true, "first day back in 2020"],
    ["2026-02-14", true, "Saturday before 2026 春节, 调休上班"],
    ["2026-02-23", false, "last day of 2026 春节, a Monday"],
    ["2026-02-28", true, "Saturday after 2026 春节, 调休上班"],
    ["2026-01-04", true, "Sunday after 2026 元旦, 调休上班"],
  ])("%s → %s (%s)", (date, working) => expect(cal.isWorkingDay(date)).toBe(working));
});

describe("addWorkingDays / nextWorkingDay / workingDaysBetween", () => {
  test("n = 0 is the date itself, even on a holiday", () => {
    expect(cal.addWorkingDays("2024-10-03", 0)).toBe("2024-10-03");
  });

  test.each([
    ["2024-09-27", "2024-09-29", "Saturday off, Sunday is 调休上班"],
    ["2024-09-30", "2024-10-08", "over the whole 国庆 week"],
    ["2020-01-23", "2020-02-03", "over the extended 2020 春节"],
  ])("nextWorkingDay(%s) = %s (%s)", (date, next) => expect(cal.nextWorkingDay(date)).toBe(next));

  test.each([
    ["2024-09-27", "2024-10-30", 20],
    ["2024-09-27", "2024-09-27", 0],
    ["2024-10-30", "2024-09-27", -20],
    ["2024-10-01", "2024-10-07", 0],
  ])("workingDaysBetween(%s, %s) = %i", (from, to, n) => expect(cal.workingDaysBetween(from, to)).toBe(n));

  test("workingDaysBetween undoes addWorkingDays", () => {
    for (const start of ["2024-09-27", "2024-10-03", "2026-02-13", "2019-12-31"]) {
      for (const n of [0, 1, 7, 20, 40]) expect(cal.workingDaysBetween(start, cal.addWorkingDays(start, n))).toBe(n);
    }
  });

  test.each([-1, 1.5, Number.NaN])("refuses n = %s", (n) => {
    expect(() => cal.addWorkingDays("2024-09-27", n)).toThrow(RangeError);
  });
});

describe("disclosureDueDate: 形成日 + 20 working days (条例 第二十六条)", () => {
  test.each([
    // 9-29 (Sun, 调休) 1, 9-30 2, 10-01…07 off, 10-08…11 3–6, 10-12 (Sat, 调休) 7, then 10-14…30
    // Mon–Fri 8–20. Counting weekdays only would say 10-25: five days early.
    ["2024-09-27", "2024-10-30", "Friday before 国庆"],
    // Day 1 is 10-08 whether the item is formed on the last working day before the holiday or
    // during it; 10-08…11 1–4, 10-12 5, 10-14 … 11-01 6–20.
    ["2024-09-30", "2024-11-01", "last working day before 国庆"],
    ["2024-10-03", "2024-11-01", "formed on a holiday"],
    ["2024-10-07", "2024-11-01", "formed on the last day of a holiday"],
    // 2-14 (Sat, 调休) 1, 2-15…23 off, 2-24…27 2–5, 2-28 (Sat, 调休) 6, 3-02 … 3-19 7–20.
    ["2026-02-13", "2026-03-19", "Friday before 2026 春节"],
    // Across the year: 2026-01-01…03 off, 1-04 (Sun, 调休) 1, 1-05 … 1-29 2–20.
    ["2025-12-31", "2026-01-29", "New Year's Eve 2025"],
    // 2020-01-01 off, 1-02 … 1-17 1–12, 1-19 (Sun, 调休) 13, 1-20…23 14–17, 1-24 … 2-02 off
    // (the extended 春节), 2-03…05 18–20.
    ["2019-12-31", "2020-02-05", "into 2020's extended 春节"],
    // 2023 中秋+国庆 9-29…10-06, with 10-07 and 10-08 (Sat, Sun) 调休上班.
    ["2023-09-28", "2023-11-01", "before 2023's merged 中秋/国庆"],
  ])("%s → %s (%s)", (formedOn, due) => {
    expect(disclosureDueDate(formedOn, cal)).toEqual({ date: due, covered: true });
  });

  test("SAME_DAY counts a working start day as day 1, and changes nothing on a holiday", () => {
    expect(disclosureDueDate("2024-09-27", cal, { dayOne: "SAME_DAY" }).date).toBe("2024-10-29");
    expect(disclosureDueDate("2024-10-03", cal, { dayOne: "SAME_DAY" }).date).toBe("2024-11-01");
  });
});

describe("years without holiday data fall back to weekends only, and say so", () => {
  test("coverage is 2019–2026", () => {
    expect(cal.coverage()).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(cal.isCovered("2026-12-31")).toBe(true);
    expect(cal.isCovered("2018-12-31")).toBe(false);
  });

  test("2030: 10-01 is treated as a plain Tuesday, flagged as uncovered", () => {
    expect(cal.isCovered("2030-10-01")).toBe(false);
    expect(cal.isWorkingDay("2030-10-01")).toBe(true);
    // 2030-09-27 is a Friday; 20 weekdays later is 10-25.
    expect(disclosureDueDate("2030-09-27", cal)).toEqual({ date: "2030-10-25", covered: false });
  });

  test("a count that runs from a covered year into an uncovered one is flagged", () => {
    // 2026-12-28…31 1–4, then 2027 weekdays only (its 元旦 is unknown), 2027-01-01 … 01-22 5–20.
    expect(disclosureDueDate("2026-12-25", cal)).toEqual({ date: "2027-01-22", covered: false });
  });
});

describe("withOverrides: the sysadmin's rows replace bundled ones per date", () => {
  const local = cal.withOverrides([
    { date: "2024-10-08", kind: "HOLIDAY", name: "本地放假" },
    { date: "2024-10-12", kind: "HOLIDAY", name: "取消调休" },
    { date: "2027-01-01", kind: "HOLIDAY", name: "元旦" },
  ]);

  test("a row changes the count and the bundled calendar is left as it was", () => {
    // 10-08 and 10-12 no longer count, so day 20 moves two working days on, from 10-30 to 11-01.
    expect(disclosureDueDate("2024-09-27", local).date).toBe("2024-11-01");
    expect(disclosureDueDate("2024-09-27", cal).date).toBe("2024-10-30");
    expect(local.entryOn("2024-10-08")).toEqual({ date: "2024-10-08", kind: "HOLIDAY", name: "本地放假" });
  });

  test("WORKDAY cancels a bundled holiday", () => {
    const open = cal.withOverrides([{ date: "2024-10-07", kind: "WORKDAY", name: "取消放假" }]);
    expect(open.isWorkingDay("2024-10-07")).toBe(true);
    expect(disclosureDueDate("2024-09-27", open).date).toBe("2024-10-29");
  });

  test("rows apply in an uncovered year, which stays uncovered until declared", () => {
    expect(local.isWorkingDay("2027-01-01")).toBe(false);
    expect(local.isCovered("2027-01-01")).toBe(false);
    expect(local.withOverrides([], { coveredYears: [2027] }).coverage()).toContain(2027);
  });

  test("two rows for one date are refused", () => {
    const row = { date: "2024-10-08", kind: "HOLIDAY", name: "x" } as const;
    expect(() => cal.withOverrides([row, row])).toThrow(RangeError);
  });

  test("entries lists one year by date", () => {
    const y = new WorkCalendar(
      [
        { date: "2024-10-02", kind: "HOLIDAY", name: "b" },
        { date: "2024-10-01", kind: "HOLIDAY", name: "a" },
        { date: "2025-01-01", kind: "HOLIDAY", name: "c" },
      ],
      [2024],
    );
    expect(y.entries(2024).map((e) => e.name)).toEqual(["a", "b"]);
  });
});

describe("request clocks (条例 第三十、三十二、三十三条)", () => {
  test("reply: 20 working days; with the full 20-day extension, 20 more", () => {
    expect(replyDueDate("2024-09-27", cal).date).toBe("2024-10-30");
    // 10-31, 11-01, then 11-04 … 11-27 Mon–Fri: 40 in all.
    expect(replyDueDate("2024-09-27", cal, { extensionDays: 20 }).date).toBe("2024-11-27");
  });

  test.each([21, -1, 2.5])("an extension of %s working days is refused", (extensionDays) => {
    expect(() => replyDueDate("2024-09-27", cal, { extensionDays })).toThrow(RangeError);
  });

  test("补正 notice: 7 working days, which can end on a 调休 Saturday", () => {
    // 9-29 1, 9-30 2, 10-08…11 3–6, 10-12 (Sat) 7.
    expect(correctionNoticeDueDate("2024-09-27", cal).date).toBe("2024-10-12");
  });

  test("a received 补正 restarts the reply clock from its own receipt", () => {
    expect(replyDueDate("2024-10-03", cal).date).toBe("2024-11-01");
  });

  test("consultation answer: 15 working days", () => {
    // 9-29, 9-30, 10-08…12, then 10-14…23: 2 + 5 + 8.
    expect(consultationDueDate("2024-09-27", cal).date).toBe("2024-10-23");
  });

  test("consultation time is not counted", () => {
    expect(replyDueDate("2024-09-02", cal).date).toBe("2024-09-30");
    // Paused (9-10, 9-20]: 9-11…13, 9-14 (Sat, 中秋 调休), 9-18…20 = 7 working days; 9-15…17 are
    // 中秋 anyway. 9-30 + 7 working days = 10-15.
    const pauses = [{ from: "2024-09-10", to: "2024-09-20" }];
    expect(replyDueDate("2024-09-02", cal, { pauses }).date).toBe("2024-10-15");
    // An overlapping second consultation to 9-25 adds only 9-23…25, not 9-19…20 again: 10 in all.
    const overlapping = [...pauses, { from: "2024-09-18", to: "2024-09-25" }];
    expect(replyDueDate("2024-09-02", cal, { pauses: overlapping }).date).toBe("2024-10-18");
  });

  test("a pause that ends before it starts is refused", () => {
    expect(() => dueAfter(cal, "2024-09-02", 20, { pauses: [{ from: "2024-09-20", to: "2024-09-10" }] })).toThrow(
      RangeError,
    );
  });
});

describe("calendarEntrySchema", () => {
  const good = { date: "2026-10-01", kind: "HOLIDAY", name: " 国庆节 " };

  test("accepts and trims", () => {
    expect(calendarEntrySchema.parse(good)).toEqual({ date: "2026-10-01", kind: "HOLIDAY", name: "国庆节" });
  });

  test.each([
    [{ date: "2026/10/01" }, "date", "请按 年-月-日 填写日期，如 2026-10-01"],
    [{ date: "2026-02-30" }, "date", "日期不存在"],
    [{ date: "1926-10-01" }, "date", "年份应在 2000 至 2099 之间"],
    [{ kind: "WEEKEND" }, "kind", "类型无效：应为法定节假日或调休上班日"],
    [{ name: "  " }, "name", "请填写名称，如 国庆节"],
    [{ name: "节".repeat(21) }, "name", "名称不能超过 20 个字"],
  ])("%j → %s: %s", (patch, field, message) => {
    const result = calendarEntrySchema.safeParse({ ...good, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });
});
