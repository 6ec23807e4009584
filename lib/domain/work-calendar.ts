import { z } from "zod";
import { BUNDLED_CALENDAR } from "./calendar-data";
import { addDays, isIsoDate, weekday } from "./dates";

/*
 * 工作日 = Monday to Friday, minus 法定节假日, plus 调休上班日 (DESIGN §4). Dates are Beijing
 * calendar dates written `YYYY-MM-DD`; turn an instant into one with `chinaDate` first.
 *
 * Counting convention, used by every function here: the start date is day 0 and is never counted;
 * day 1 is the first working day after it. So `addWorkingDays(d, 20)` is the 20th working day
 * after `d`, the last day of a period "自…之日起20个工作日内". A start date that is itself a
 * holiday or weekend changes nothing: counting still begins with the first working day after it,
 * so items formed on 2024-09-30 (the last working day before 国庆) and on 2024-10-01…07 are all
 * due the same day. The rule is the general one for periods in days (民法典 第二百零一条: 开始的当日
 * 不计入, 自下一日开始计算) and what practice guides apply to 条例 deadlines (reference/domain.md
 * §1.2); lib/domain/deadlines.ts can switch to counting the start day where a bureau does so.
 *
 * Speed: the staff console asks for clocks over spans of years on every queue row, so walking the
 * calendar a day at a time (building a `Date` per day) was a large share of server time. Each
 * calendar therefore builds, on first use, a table over 2000-01-01…2099-12-31 (the years a
 * sysadmin may edit): one flag per day saying whether it is a working day, and the running count
 * of working days. Dates become integer day numbers by pure arithmetic, a count is a difference of
 * two running counts and `addWorkingDays` a binary search. Dates outside that window take the
 * original day-by-day walk, which stays the definition the table must agree with
 * (tests/unit/work-calendar-fast.test.ts checks that it does).
 */

export const CALENDAR_DAY_KINDS = ["HOLIDAY", "WORKDAY"] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];
export const CALENDAR_NAME_MAX = 20;

/**
 * A day the weekday rule gets wrong, as the sysadmin edits it: 法定节假日 (HOLIDAY) or 调休上班日
 * (WORKDAY). Any kind is allowed on any day, because that is how a bundled entry is cancelled:
 * WORKDAY on a weekday holiday, HOLIDAY on a weekend 调休上班日 (2020-02-01 was one until the
 * State Council extended that 春节).
 */
export const calendarEntrySchema = z.object({
  date: z
    .string({ error: "请填写日期" })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "请按 年-月-日 填写日期，如 2026-10-01")
    .refine(isIsoDate, "日期不存在")
    .refine((v) => v >= "2000-01-01" && v <= "2099-12-31", "年份应在 2000 至 2099 之间"),
  kind: z.enum(CALENDAR_DAY_KINDS, { error: "类型无效：应为法定节假日或调休上班日" }),
  name: z
    .string({ error: "请填写名称" })
    .trim()
    .min(1, "请填写名称，如 国庆节")
    .max(CALENDAR_NAME_MAX, `名称不能超过 ${CALENDAR_NAME_MAX} 个字`),
});
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;

function yearOf(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return Number(date.slice(0, 4));
}

function byDate(entries: readonly CalendarEntry[]): Map<string, CalendarEntry> {
  const days = new Map<string, CalendarEntry>();
  for (const entry of entries) {
    yearOf(entry.date);
    if (!CALENDAR_DAY_KINDS.includes(entry.kind)) throw new RangeError(`unknown calendar kind: ${entry.kind}`);
    if (days.has(entry.date)) throw new RangeError(`two calendar entries for ${entry.date}`);
    days.set(entry.date, entry);
  }
  return days;
}

/*
 * Integer civil-date arithmetic (Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms"):
 * day numbers count from 1970-01-01 = 0 in the proleptic Gregorian calendar, the one `Date` uses,
 * so they agree with lib/domain/dates.ts without building a `Date` per call.
 */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  // Only window days (years 2000–2099) come through here, so the year is always four digits.
  return `${y}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

/** 0 = Sunday … 6 = Saturday, as `weekday()`; 1970-01-01 (day 0) was a Thursday. */
function weekdayOfDay(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

const WINDOW_FIRST_YEAR = 2000;
const WINDOW_LAST_YEAR = 2099;
const WINDOW_START = daysFromCivil(WINDOW_FIRST_YEAR, 1, 1);
const WINDOW_LENGTH = daysFromCivil(WINDOW_LAST_YEAR, 12, 31) - WINDOW_START + 1;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digit(date: string, at: number): number {
  const c = date.charCodeAt(at) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * `date`'s offset into the table, or -1 when it is not a real `YYYY-MM-DD` date inside the window.
 * It accepts only what `isIsoDate` accepts; anything else goes to the day-by-day path, which
 * validates and throws exactly as before.
 */
function windowIndex(date: string): number {
  // The typeof test keeps a stray non-string from a JavaScript caller on the old path and its RangeError.
  if (typeof date !== "string" || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return -1;
  const y0 = digit(date, 0), y1 = digit(date, 1), y2 = digit(date, 2), y3 = digit(date, 3);
  const m0 = digit(date, 5), m1 = digit(date, 6), d0 = digit(date, 8), d1 = digit(date, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return -1;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (y < WINDOW_FIRST_YEAR || y > WINDOW_LAST_YEAR || m < 1 || m > 12 || d < 1) return -1;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 && leap ? 29 : MONTH_DAYS[m - 1])) return -1;
  return daysFromCivil(y, m, d) - WINDOW_START;
}

/** Per window day: 1 if a working day; and working days from the window's first day to it, inclusive. */
interface WorkingDayTable {
  readonly working: Uint8Array;
  readonly cumulative: Int32Array;
}

// The weekday rule alone over the window, shared by every calendar, which copies it and lays its entries over the copy.
let weekdayRule: Uint8Array | undefined;

function buildTable(days: ReadonlyMap<string, CalendarEntry>): WorkingDayTable {
  if (!weekdayRule) {
    weekdayRule = new Uint8Array(WINDOW_LENGTH);
    for (let i = 0; i < WINDOW_LENGTH; i++) {
      const day = weekdayOfDay(WINDOW_START + i);
      weekdayRule[i] = day !== 0 && day !== 6 ? 1 : 0;
    }
  }
  const working = weekdayRule.slice();
  // Entries replace the weekday rule on their day; those outside the window only matter to the walk.
  for (const [date, entry] of days) {
    const i = windowIndex(date);
    if (i >= 0) working[i] = entry.kind === "WORKDAY" ? 1 : 0;
  }
  const cumulative = new Int32Array(WINDOW_LENGTH);
  let count = 0;
  for (let i = 0; i < WINDOW_LENGTH; i++) cumulative[i] = count += working[i];
  return { working, cumulative };
}

/**
 * Which days are 工作日. A year is *covered* when its holiday notice is in the data; outside the
 * covered years only weekends are days off, and `isCovered` says so, so that a screen can warn
 * rather than show a date that may ignore a holiday nobody has entered yet.
 */
export class WorkCalendar {
  readonly #days: ReadonlyMap<string, CalendarEntry>;
  readonly #years: ReadonlySet<number>;
  // Built on first use: most calendars are made per request and some never count anything.
  #tableCache: WorkingDayTable | undefined;

  constructor(entries: readonly CalendarEntry[], coveredYears: readonly number[]) {
    this.#days = byDate(entries);
    this.#years = new Set(coveredYears);
  }

  /**
   * The calendar with the sysadmin's rows laid over it: a row replaces whatever this calendar says
   * about its date. Entries alone never make a year covered (one row is not a year's notice);
   * `coveredYears` declares the years whose full notice has been entered.
   */
  withOverrides(entries: readonly CalendarEntry[], options: { coveredYears?: readonly number[] } = {}): WorkCalendar {
    const merged = new Map(this.#days);
    for (const [date, entry] of byDate(entries)) merged.set(date, entry);
    return new WorkCalendar([...merged.values()], [...this.#years, ...(options.coveredYears ?? [])]);
  }

  /** The covered years, ascending. */
  coverage(): number[] {
    return [...this.#years].sort((a, b) => a - b);
  }

  isCovered(date: string): boolean {
    return this.#years.has(yearOf(date));
  }

  /** Whether every year from `from`'s to `to`'s is covered, so a count across them is exact. */
  isSpanCovered(from: string, to: string): boolean {
    const [first, last] = [yearOf(from), yearOf(to)].sort((a, b) => a - b);
    for (let year = first; year <= last; year++) if (!this.#years.has(year)) return false;
    return true;
  }

  /** The holiday or 调休上班日 on `date`, if any (its name is for display). */
  entryOn(date: string): CalendarEntry | undefined {
    yearOf(date);
    return this.#days.get(date);
  }

  /** All entries, or one year's, by date. */
  entries(year?: number): CalendarEntry[] {
    return [...this.#days.values()]
      .filter((e) => year === undefined || yearOf(e.date) === year)
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  #table(): WorkingDayTable {
    return (this.#tableCache ??= buildTable(this.#days));
  }

  isWorkingDay(date: string): boolean {
    const i = windowIndex(date);
    if (i >= 0) return this.#table().working[i] === 1;
    return this.#isWorkingDayByRule(date);
  }

  /** The `n`th working day after `date` (n = 0 gives `date` itself, even on a holiday). */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    if (n === 0) return date;
    const from = windowIndex(date);
    if (from >= 0) {
      const { cumulative } = this.#table();
      const target = cumulative[from] + n;
      if (target <= cumulative[WINDOW_LENGTH - 1]) {
        // The first day whose running count reaches the target is the nth working day after `date`:
        // the count only rises on working days, so that day is one.
        let lo = from + 1;
        let hi = WINDOW_LENGTH - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cumulative[mid] < target) lo = mid + 1;
          else hi = mid;
        }
        return civilFromDays(WINDOW_START + lo);
      }
    }
    return this.#addWorkingDaysByDay(date, n);
  }

  /** The first working day after `date`. */
  nextWorkingDay(date: string): string {
    return this.addWorkingDays(date, 1);
  }

  /**
   * Working days after `from` up to and including `to`: the inverse of `addWorkingDays`, so
   * `workingDaysBetween(d, addWorkingDays(d, n)) === n`. Negative when `to` is before `from`
   * (how many working days overdue).
   */
  workingDaysBetween(from: string, to: string): number {
    const i = windowIndex(from);
    const j = windowIndex(to);
    if (i >= 0 && j >= 0) {
      const { cumulative } = this.#table();
      // Negated rather than subtracted the other way round, so a reversed empty span stays -0 as it was.
      return j < i ? -(cumulative[i] - cumulative[j]) : cumulative[j] - cumulative[i];
    }
    return this.#workingDaysBetweenByDay(from, to);
  }

  /*
   * The day-by-day definitions, used outside the table's window. They never consult the table, so
   * they are also what the table is tested against.
   */
  #isWorkingDayByRule(date: string): boolean {
    const entry = this.entryOn(date);
    if (entry) return entry.kind === "WORKDAY";
    const day = weekday(date);
    return day !== 0 && day !== 6;
  }

  #addWorkingDaysByDay(date: string, n: number): string {
    let day = date;
    for (let counted = 0; counted < n; ) {
      day = addDays(day, 1);
      if (this.#isWorkingDayByRule(day)) counted++;
    }
    return day;
  }

  #workingDaysBetweenByDay(from: string, to: string): number {
    yearOf(from);
    yearOf(to);
    if (to < from) return -this.#workingDaysBetweenByDay(to, from);
    let count = 0;
    for (let day = from; day < to; ) {
      day = addDays(day, 1);
      if (this.#isWorkingDayByRule(day)) count++;
    }
    return count;
  }
}

/** The bundled notices, 2019–2026 (lib/domain/calendar-data.ts), before any sysadmin edit. */
export const bundledCalendar = new WorkCalendar(
  Object.values(BUNDLED_CALENDAR).flatMap((year) => [
    ...year.holidays.map((d) => ({ ...d, kind: "HOLIDAY" as const })),
    ...year.workdays.map((d) => ({ ...d, kind: "WORKDAY" as const })),
  ]),
  Object.keys(BUNDLED_CALENDAR).map(Number),
);
