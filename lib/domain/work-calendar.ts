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

/**
 * Which days are 工作日. A year is *covered* when its holiday notice is in the data; outside the
 * covered years only weekends are days off, and `isCovered` says so, so that a screen can warn
 * rather than show a date that may ignore a holiday nobody has entered yet.
 */
export class WorkCalendar {
  readonly #days: ReadonlyMap<string, CalendarEntry>;
  readonly #years: ReadonlySet<number>;

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

  isWorkingDay(date: string): boolean {
    const entry = this.entryOn(date);
    if (entry) return entry.kind === "WORKDAY";
    const day = weekday(date);
    return day !== 0 && day !== 6;
  }

  /** The `n`th working day after `date` (n = 0 gives `date` itself, even on a holiday). */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    let day = date;
    for (let counted = 0; counted < n; ) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) counted++;
    }
    return day;
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
    yearOf(from);
    yearOf(to);
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = from; day < to; ) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) count++;
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
