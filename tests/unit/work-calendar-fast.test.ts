import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addDays, weekday } from "@/lib/domain/dates";
import { bundledCalendar, type CalendarEntry, type WorkCalendar } from "@/lib/domain/work-calendar";

/*
 * WorkCalendar answers from a table of running working-day counts over 2000–2099 and walks day by
 * day elsewhere. The reference below is the original walk, rebuilt here from `entryOn` and the
 * weekday rule only, so a slip in the table (an off-by-one in the search, a wrong weekday, an
 * override not applied) shows up as a disagreement.
 */
function refIsWorkingDay(calendar: WorkCalendar, date: string): boolean {
  const entry = calendar.entryOn(date);
  if (entry) return entry.kind === "WORKDAY";
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

function refAddWorkingDays(calendar: WorkCalendar, date: string, n: number): string {
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (refIsWorkingDay(calendar, day)) counted++;
  }
  return day;
}

function refWorkingDaysBetween(calendar: WorkCalendar, from: string, to: string): number {
  if (to < from) return -refWorkingDaysBetween(calendar, to, from);
  let count = 0;
  for (let day = from; day < to; ) {
    day = addDays(day, 1);
    if (refIsWorkingDay(calendar, day)) count++;
  }
  return count;
}

const WINDOW_FIRST = "2000-01-01";
const WINDOW_DAYS = 36525; // 2000-01-01 … 2099-12-31

/** Mostly window days, with a share near its edges and outside it (1995, 2105). */
const date: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: WINDOW_DAYS - 1 }).map((i) => addDays(WINDOW_FIRST, i)) },
  { weight: 1, arbitrary: fc.integer({ min: -30, max: 30 }).map((i) => addDays(WINDOW_FIRST, i)) },
  { weight: 1, arbitrary: fc.integer({ min: -700, max: 30 }).map((i) => addDays("2099-12-31", i)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 364 }).map((i) => addDays("1995-01-01", i)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 364 }).map((i) => addDays("2105-01-01", i)) },
);

/** A date near `base`, so that spans are sometimes short and cross the window edges. */
const near = (base: string) => fc.integer({ min: -800, max: 800 }).map((i) => addDays(base, i));

const overrides: fc.Arbitrary<CalendarEntry[]> = fc
  .uniqueArray(
    fc.record({
      // Bias half of the rows into the bundled years, where they replace real entries.
      day: fc.oneof(fc.integer({ min: 0, max: WINDOW_DAYS - 1 }), fc.integer({ min: 6940, max: 9861 })),
      kind: fc.constantFrom("HOLIDAY" as const, "WORKDAY" as const),
    }),
    { selector: (r) => r.day, maxLength: 40 },
  )
  .map((rows) => rows.map(({ day, kind }) => ({ date: addDays(WINDOW_FIRST, day), kind, name: "测试" })));

const calendar: fc.Arbitrary<WorkCalendar> = fc.oneof(
  fc.constant(bundledCalendar),
  overrides.map((rows) => bundledCalendar.withOverrides(rows)),
);

/** A calendar together with the dates its overrides touch, which random dates would rarely hit. */
const calendarWithEdits: fc.Arbitrary<[WorkCalendar, string[]]> = fc.oneof(
  fc.constant<[WorkCalendar, string[]]>([bundledCalendar, []]),
  overrides.map((rows): [WorkCalendar, string[]] => [bundledCalendar.withOverrides(rows), rows.map((r) => r.date)]),
);

describe("the working-day table agrees with the day-by-day walk", () => {
  test("isWorkingDay", () => {
    fc.assert(
      fc.property(calendarWithEdits, fc.array(date, { minLength: 1, maxLength: 20 }), ([cal, edited], days) => {
        for (const d of [...days, ...edited]) expect(cal.isWorkingDay(d), d).toBe(refIsWorkingDay(cal, d));
      }),
      { numRuns: 200 },
    );
  });

  test("addWorkingDays and nextWorkingDay", () => {
    fc.assert(
      fc.property(calendar, date, fc.integer({ min: 0, max: 400 }), (cal, d, n) => {
        expect(cal.addWorkingDays(d, n)).toBe(refAddWorkingDays(cal, d, n));
        expect(cal.nextWorkingDay(d)).toBe(refAddWorkingDays(cal, d, 1));
      }),
      { numRuns: 300 },
    );
  });

  test("workingDaysBetween over nearby spans, both directions", () => {
    fc.assert(
      fc.property(
        calendar,
        date.chain((from) => fc.tuple(fc.constant(from), near(from))),
        (cal, [from, to]) => {
          expect(cal.workingDaysBetween(from, to)).toBe(refWorkingDaysBetween(cal, from, to));
          expect(cal.workingDaysBetween(to, from)).toBe(refWorkingDaysBetween(cal, to, from));
        },
      ),
      { numRuns: 300 },
    );
  });

  test("workingDaysBetween over any span, inverse of addWorkingDays", () => {
    fc.assert(
      fc.property(calendar, date, date, fc.integer({ min: 0, max: 400 }), (cal, from, to, n) => {
        expect(cal.workingDaysBetween(from, to)).toBe(refWorkingDaysBetween(cal, from, to));
        expect(cal.workingDaysBetween(from, cal.addWorkingDays(from, n))).toBe(n);
      }),
      // The reference walks up to a century a run; a few runs suffice next to the nearby spans above.
      { numRuns: 20 },
    );
  }, 60_000);
});

describe("every day from 1999-12-01 to 2100-01-31, bundled calendar", () => {
  test("flags, running counts and next working days match a single walk", () => {
    const start = "1999-12-01";
    let sinceWindowStart = 0; // working days after 2000-01-01, up to and including `day`
    let pendingNonWorking: string[] = [start];
    for (let day = addDays(start, 1); day <= "2100-01-31"; day = addDays(day, 1)) {
      const working = refIsWorkingDay(bundledCalendar, day);
      if (bundledCalendar.isWorkingDay(day) !== working) expect(bundledCalendar.isWorkingDay(day), day).toBe(working);
      if (working) {
        if (day > WINDOW_FIRST) sinceWindowStart++;
        // Each day since the previous working day has this one as its next working day.
        for (const before of pendingNonWorking) if (bundledCalendar.nextWorkingDay(before) !== day) expect(bundledCalendar.nextWorkingDay(before), before).toBe(day);
        pendingNonWorking = [];
      }
      pendingNonWorking.push(day);
      // Only inside the window: outside it each count is itself a walk, which would make this quadratic.
      if (day >= WINDOW_FIRST && day <= "2099-12-31" && bundledCalendar.workingDaysBetween(WINDOW_FIRST, day) !== sinceWindowStart) {
        expect(bundledCalendar.workingDaysBetween(WINDOW_FIRST, day), day).toBe(sinceWindowStart);
      }
    }
  }, 60_000);
});

describe("explicit cases", () => {
  test("n = 0 returns the date itself, even on a holiday or weekend", () => {
    expect(bundledCalendar.isWorkingDay("2024-10-01")).toBe(false);
    expect(bundledCalendar.addWorkingDays("2024-10-01", 0)).toBe("2024-10-01");
    expect(bundledCalendar.addWorkingDays("2024-10-05", 0)).toBe("2024-10-05");
    expect(bundledCalendar.addWorkingDays("1995-06-03", 0)).toBe("1995-06-03");
  });

  test("国庆 2024: items formed 2024-09-30 and 2024-10-01…07 are all due the same day", () => {
    const formed = ["2024-09-30", "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-05", "2024-10-06", "2024-10-07"];
    const due = formed.map((d) => bundledCalendar.addWorkingDays(d, 20));
    expect(new Set(due).size).toBe(1);
    expect(due[0]).toBe(refAddWorkingDays(bundledCalendar, "2024-09-30", 20));
    // 2024-10-12 is a 调休上班日 (Saturday) and counts as the 4th working day after 09-30.
    expect(bundledCalendar.isWorkingDay("2024-10-12")).toBe(true);
    expect(bundledCalendar.nextWorkingDay("2024-09-30")).toBe("2024-10-08");
    for (const d of formed) expect(bundledCalendar.workingDaysBetween(d, due[0])).toBe(20);
  });

  test("reversed spans give negative counts", () => {
    expect(bundledCalendar.workingDaysBetween("2024-10-08", "2024-09-30")).toBe(-1);
    expect(bundledCalendar.workingDaysBetween("2026-06-30", "2020-01-01")).toBe(-refWorkingDaysBetween(bundledCalendar, "2020-01-01", "2026-06-30"));
    // A reversed span with no working day in it was -0 before the table; it still is.
    expect(bundledCalendar.workingDaysBetween("2024-10-07", "2024-10-01")).toBe(-0);
    expect(bundledCalendar.workingDaysBetween("2024-10-01", "2024-10-01")).toBe(0);
  });

  test("spans leaving the window use the walk and agree with it", () => {
    expect(bundledCalendar.workingDaysBetween("1999-12-01", "2000-01-31")).toBe(refWorkingDaysBetween(bundledCalendar, "1999-12-01", "2000-01-31"));
    expect(bundledCalendar.addWorkingDays("2099-12-20", 20)).toBe(refAddWorkingDays(bundledCalendar, "2099-12-20", 20));
    expect(bundledCalendar.addWorkingDays("2099-12-20", 20) > "2099-12-31").toBe(true);
    expect(bundledCalendar.addWorkingDays("1999-12-31", 1)).toBe("2000-01-03");
    // Right at the window's last day: results inside it come from the table, the rest from the walk.
    for (let n = 0; n <= 10; n++) expect(bundledCalendar.addWorkingDays("2099-12-24", n)).toBe(refAddWorkingDays(bundledCalendar, "2099-12-24", n));
    expect(bundledCalendar.workingDaysBetween("2099-12-24", "2099-12-31")).toBe(refWorkingDaysBetween(bundledCalendar, "2099-12-24", "2099-12-31"));
  });

  test("an override flips a day, in a new calendar only", () => {
    // 2024-10-08 (Tuesday) made a holiday, 2024-10-05 (Saturday) made a working day.
    const edited = bundledCalendar.withOverrides([
      { date: "2024-10-08", kind: "HOLIDAY", name: "测试" },
      { date: "2024-10-05", kind: "WORKDAY", name: "测试" },
    ]);
    expect(edited.isWorkingDay("2024-10-08")).toBe(false);
    expect(edited.isWorkingDay("2024-10-05")).toBe(true);
    expect(bundledCalendar.isWorkingDay("2024-10-08")).toBe(true);
    expect(bundledCalendar.isWorkingDay("2024-10-05")).toBe(false);
    expect(edited.nextWorkingDay("2024-09-30")).toBe("2024-10-05");
    expect(edited.addWorkingDays("2024-10-05", 1)).toBe("2024-10-09");
    expect(edited.workingDaysBetween("2024-09-30", "2024-10-09")).toBe(2);
    expect(bundledCalendar.workingDaysBetween("2024-09-30", "2024-10-09")).toBe(2);
    expect(edited.addWorkingDays("2024-09-30", 20)).toBe(refAddWorkingDays(edited, "2024-09-30", 20));
  });

  test("validation is unchanged", () => {
    expect(() => bundledCalendar.isWorkingDay("2025-02-29")).toThrow(new RangeError('not a YYYY-MM-DD date: "2025-02-29"'));
    expect(() => bundledCalendar.workingDaysBetween("2024-1-1", "2024-10-01")).toThrow(RangeError);
    expect(() => bundledCalendar.workingDaysBetween("2024-10-01", "2024-13-01")).toThrow(RangeError);
    expect(() => bundledCalendar.addWorkingDays("2024-02-30", 1)).toThrow(RangeError);
    expect(() => bundledCalendar.addWorkingDays("2024-10-01", -1)).toThrow(new RangeError("working days must be a whole number ≥ 0, got -1"));
    expect(() => bundledCalendar.addWorkingDays("2024-10-01", 1.5)).toThrow(RangeError);
    expect(bundledCalendar.isWorkingDay("2000-02-29")).toBe(refIsWorkingDay(bundledCalendar, "2000-02-29"));
    expect(() => bundledCalendar.isWorkingDay("2100-02-29")).toThrow(RangeError);
  });
});
