import { LunarDay, SolarTerm } from "tyme4ts";
import { addDays, isIsoDate } from "../dates";
import type { CalendarEntry, WorkCalendar } from "../work-calendar";

/*
 * 法定节日 of a year whose holiday notice nobody has entered yet. 《全国年节及纪念日放假办法》
 * (2024 revision, in force 2025-01-01) fixes the days: 元旦 1-1; 春节 4 days from 除夕; 清明 on
 * the solar term; 劳动节 5-1 and 5-2; 端午 lunar 5-5; 中秋 lunar 8-15; 国庆 10-1 to 10-3. The lunar
 * dates and 清明 come from tyme4ts (pinned: a changed table would move due dates).
 *
 * What cannot be computed: the 调休 swaps and which weekday compensates a holiday that falls on a
 * weekend (第六条 补假) — both come only with the 国务院办公厅 notice. So a computed year has its
 * statutory days as holidays and nothing else; a count across it is provisional, never "covered".
 * That makes a provisional due date at most as late as the true one in most years (the notice
 * usually adds weekdays off), which errs on the applicant's side.
 */

/** Days of the 2024 rules. Before 2025 春节 was 3 days from 初一 and 劳动节 one day. */
export const COMPUTED_RULES_FROM_YEAR = 2025;

export interface ComputedHoliday {
  date: string;
  name: string;
  /** Always "computed": the day is statutory, but the year's 调休 is not yet known. */
  source: "computed";
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

function lunar(year: number, month: number, day: number): string {
  const solar = LunarDay.fromYmd(year, month, day).getSolarDay();
  return iso(solar.getYear(), solar.getMonth(), solar.getDay());
}

function qingming(year: number): string {
  const solar = SolarTerm.fromName(year, "清明").getSolarDay();
  return iso(solar.getYear(), solar.getMonth(), solar.getDay());
}

/** The statutory days of `year` under the 2024 rules, by date; a day two festivals share gets both names. */
export function computeStatutoryHolidays(year: number): ComputedHoliday[] {
  if (!Number.isInteger(year) || year < COMPUTED_RULES_FROM_YEAR || year > 2099) {
    throw new RangeError(`statutory holidays are computed for ${COMPUTED_RULES_FROM_YEAR}–2099, got ${year}`);
  }
  const newYear = lunar(year, 1, 1);
  const days: [string, string][] = [
    [iso(year, 1, 1), "元旦"],
    // 除夕 is the day before 初一, whether the twelfth month has 29 or 30 days.
    ...[-1, 0, 1, 2].map((offset): [string, string] => [addDays(newYear, offset), "春节"]),
    [qingming(year), "清明节"],
    [iso(year, 5, 1), "劳动节"],
    [iso(year, 5, 2), "劳动节"],
    [lunar(year, 5, 5), "端午节"],
    [lunar(year, 8, 15), "中秋节"],
    ...[1, 2, 3].map((d): [string, string] => [iso(year, 10, d), "国庆节"]),
  ];
  const named = new Map<string, string>();
  for (const [date, name] of days) named.set(date, named.has(date) ? `${named.get(date)}、${name}` : name);
  return [...named].sort(([a], [b]) => a.localeCompare(b)).map(([date, name]) => ({ date, name, source: "computed" }));
}

/**
 * `calendar` with the computed statutory days of each of `years` it does not cover. Nothing of the
 * calendar is replaced: a sysadmin's row on a date wins over the computation, a covered year is
 * left alone, and coverage is unchanged — so `isSpanCovered` still says a count is provisional.
 */
export function withComputedHolidays(calendar: WorkCalendar, years: readonly number[]): WorkCalendar {
  const added: CalendarEntry[] = [];
  for (const year of years) {
    if (year < COMPUTED_RULES_FROM_YEAR || calendar.isCovered(iso(year, 1, 1))) continue;
    for (const day of computeStatutoryHolidays(year)) {
      if (!calendar.entryOn(day.date)) added.push({ date: day.date, kind: "HOLIDAY", name: day.name });
    }
  }
  return added.length === 0 ? calendar : calendar.withOverrides(added);
}

/** `calendar` with every uncovered year from 2025 through `throughYear` computed (the server passes next year + 1). */
export function extendCalendarThrough(calendar: WorkCalendar, throughYear: number): WorkCalendar {
  const years: number[] = [];
  for (let y = COMPUTED_RULES_FROM_YEAR; y <= throughYear; y++) years.push(y);
  return withComputedHolidays(calendar, years);
}

/** A date the calendar treats as a holiday only because it was computed. */
export function isComputedDay(calendar: WorkCalendar, date: string): boolean {
  return !calendar.isCovered(date) && calendar.entryOn(date)?.kind === "HOLIDAY";
}

export interface CalendarReminder {
  remind: boolean;
  year: number;
  message: string | null;
}

/**
 * Remind the sysadmin to enter next year's notice from 1 November on while it is missing: past
 * notices appeared between 25 October and 8 December (reference/domain.md §6.1), and a request
 * received in November already runs into January.
 */
export function calendarReminder(today: string, coveredYears: readonly number[]): CalendarReminder {
  if (!isIsoDate(today)) throw new RangeError(`not a YYYY-MM-DD date: ${today}`);
  const year = Number(today.slice(0, 4));
  const thisYearMissing = !coveredYears.includes(year);
  const next = year + 1;
  const target = thisYearMissing ? year : next;
  const remind = thisYearMissing || (today.slice(5) >= "11-01" && !coveredYears.includes(next));
  const message = remind
    ? `尚未录入${target}年的节假日安排。请在国务院办公厅发布${target}年部分节假日安排的通知后，到“工作日历”中录入放假和调休上班日期；录入前，系统按法定节日推算${target}年的期限，不含调休。`
    : null;
  return { remind, year: target, message };
}
