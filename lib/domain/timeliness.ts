import { addDays, chinaDate, formatChineseDate, isIsoDate } from "./dates";
import { disclosureDueDate } from "./deadlines";
import type { WorkCalendar } from "./work-calendar";

/*
 * Timeliness of 主动公开 (条例 第二十六条: 自形成或者变更之日起20个工作日内) and the monthly quota,
 * as pure functions: how one item stands against its due date, which Beijing month an instant
 * falls in, and what the dashboard's numbers mean. The database counts; these functions define.
 */

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The Beijing calendar month that contains `instant` (China keeps UTC+8 all year). */
export function beijingMonth(instant: Date): { year: number; month: number } {
  const [year, month] = chinaDate(instant).split("-").map(Number);
  return { year, month };
}

/** The instants of a Beijing calendar year, [start, end): 1 January 00:00 to the next 1 January 00:00. */
export function beijingYearSpan(year: number): { start: Date; end: Date } {
  if (!Number.isInteger(year) || year < 1970 || year > 9998) throw new RangeError(`bad year: ${year}`);
  return {
    start: new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS),
    end: new Date(Date.UTC(year + 1, 0, 1) - CHINA_OFFSET_MS),
  };
}

/**
 * Every 信息形成日期 whose due date can fall in `year`, with that due date: from the first date
 * due on or after 1 January to 31 December. An item formed earlier was due before the year began;
 * one formed later is not due within it. Lets the database join due dates instead of the server
 * loading every item, while the working-day rules stay here. `covered` is false when a due date
 * within the year was counted across a year without holiday data; a date due after 31 December
 * does not matter for the year's counts (anything published within the year is then on time).
 */
export function dueDateTable(calendar: WorkCalendar, year: number): { formedOn: string[]; dueOn: string[]; covered: boolean } {
  const first = `${year}-01-01`;
  let from = first;
  while (disclosureDueDate(addDays(from, -1), calendar).date >= first) from = addDays(from, -1);
  const formedOn: string[] = [];
  const dueOn: string[] = [];
  let covered = true;
  for (let day = from; day <= `${year}-12-31`; day = addDays(day, 1)) {
    const due = disclosureDueDate(day, calendar);
    formedOn.push(day);
    dueOn.push(due.date);
    if (due.date <= `${year}-12-31`) covered &&= due.covered;
  }
  return { formedOn, dueOn, covered };
}

/** Where one item stands against its 20-working-day deadline, for a badge or a queue row. */
export type Timeliness =
  /** Not yet public; `workingDaysLeft` working days after today up to the due date (0 = due today). */
  | { state: "open"; dueOn: string; covered: boolean; workingDaysLeft: number }
  /** Not yet public and the due date has passed; `workingDaysOver` working days since, up to today. */
  | { state: "overdue"; dueOn: string; covered: boolean; workingDaysOver: number }
  | { state: "on_time"; dueOn: string; covered: boolean; publishedOn: string }
  | { state: "late"; dueOn: string; covered: boolean; publishedOn: string; workingDaysLate: number };

/**
 * The badge's words. A day count only where there is one: published on a rest day just after
 * the due date is late (the period ended on the last working day) yet zero working days late,
 * and "逾期 0 个工作日公开" reads as a contradiction.
 */
export function timelinessLabel(t: Timeliness): { tone: "open" | "soon" | "overdue" | "on_time" | "late"; label: string } {
  const due = formatChineseDate(t.dueOn);
  switch (t.state) {
    case "open":
      return t.workingDaysLeft === 0
        ? { tone: "soon", label: `今天（${due}）到期，应于今天公开` }
        : { tone: t.workingDaysLeft <= 3 ? "soon" : "open", label: `应于 ${due} 前公开（还剩 ${t.workingDaysLeft} 个工作日）` };
    case "overdue":
      return { tone: "overdue", label: t.workingDaysOver > 0 ? `已逾期 ${t.workingDaysOver} 个工作日（期限 ${due}）` : `已过公开期限（${due}）` };
    case "on_time":
      return { tone: "on_time", label: t.publishedOn === t.dueOn ? `期限当日公开，按时（期限 ${due}）` : `按时公开（期限 ${due}）` };
    case "late":
      return {
        tone: "late",
        label: t.workingDaysLate > 0 ? `逾期 ${t.workingDaysLate} 个工作日公开（期限 ${due}）` : `逾期公开：于期限后的休息日发布（期限 ${due}）`,
      };
  }
}

/**
 * `publishedOn` is the Beijing date of the first publication (null while unpublished, including a
 * scheduled publication that has not happened yet); `today` is the Beijing date now. Publishing
 * on the due date itself is on time.
 */
export function timelinessOf(
  calendar: WorkCalendar,
  item: { formedOn: string; publishedOn: string | null },
  today: string,
): Timeliness {
  for (const d of [item.formedOn, today, item.publishedOn ?? today]) {
    if (!isIsoDate(d)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(d)}`);
  }
  const { date: dueOn, covered } = disclosureDueDate(item.formedOn, calendar);
  if (item.publishedOn !== null) {
    return item.publishedOn <= dueOn
      ? { state: "on_time", dueOn, covered, publishedOn: item.publishedOn }
      : { state: "late", dueOn, covered, publishedOn: item.publishedOn, workingDaysLate: calendar.workingDaysBetween(dueOn, item.publishedOn) };
  }
  return today <= dueOn
    ? { state: "open", dueOn, covered, workingDaysLeft: calendar.workingDaysBetween(today, dueOn) }
    : { state: "overdue", dueOn, covered, workingDaysOver: calendar.workingDaysBetween(dueOn, today) };
}

/**
 * What the database counts for one department (or the bureau) in one Beijing month:
 * - `submitted`: items whose first 提交审核 was in the month (a resubmission after 退回 is not new);
 * - `returned`: of those, how many have been 退回修改 at least once so far;
 * - `published`: items first published in the month (a scheduled publication counts once its
 *   time has come; a later 撤回 does not undo it);
 * - `onTime`: of those, published on or before the due date of the published revision;
 * - `overdueOpen`: submitted, not yet published, not 不予公开, 主动公开, whose due date fell in the
 *   month and has passed. When such an item is published it moves to `published` (late) in the
 *   month of publication, so an overdue item is counted once, never in two months.
 */
export interface MonthCounts {
  submitted: number;
  returned: number;
  published: number;
  onTime: number;
  overdueOpen: number;
}

export const NO_COUNTS: MonthCounts = Object.freeze({ submitted: 0, returned: 0, published: 0, onTime: 0, overdueOpen: 0 });

/** The dashboard's figures, derived from the counts and the month's 公开目标. */
export interface MonthMetrics extends MonthCounts {
  /** Published after the due date. */
  late: number;
  /** 逾期 = published late + still unpublished past the due date. */
  overdue: number;
  /** 按时率 = on time ÷ (on time + overdue): unpublishing is no way to a good rate. */
  onTimeRate: number | null;
  /** 退回率 = returned ÷ submitted. */
  returnRate: number | null;
  /** 月度目标 (MonthlyTarget), null when none is set. */
  target: number | null;
  /** 完成率 = published ÷ target. */
  targetRate: number | null;
}

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export function monthMetrics(counts: MonthCounts, target: number | null): MonthMetrics {
  const late = counts.published - counts.onTime;
  const overdue = late + counts.overdueOpen;
  return {
    ...counts,
    late,
    overdue,
    onTimeRate: ratio(counts.onTime, counts.onTime + overdue),
    returnRate: ratio(counts.returned, counts.submitted),
    target,
    targetRate: target === null ? null : ratio(counts.published, target),
  };
}

export function addCounts(a: MonthCounts, b: Partial<MonthCounts>): MonthCounts {
  return {
    submitted: a.submitted + (b.submitted ?? 0),
    returned: a.returned + (b.returned ?? 0),
    published: a.published + (b.published ?? 0),
    onTime: a.onTime + (b.onTime ?? 0),
    overdueOpen: a.overdueOpen + (b.overdueOpen ?? 0),
  };
}

/** A target summed over months or departments: null only when none of them has one. */
export function sumTargets(targets: readonly (number | null)[]): number | null {
  const set = targets.filter((t): t is number => t !== null);
  return set.length ? set.reduce((a, b) => a + b, 0) : null;
}

export interface MonthRow {
  month: number;
  metrics: MonthMetrics;
}

/**
 * Twelve months of one department or of the bureau, and the year's total. `counts` and `targets`
 * are keyed by month 1–12; a month without rows counts zero and a month without a target has none.
 * Months after `throughMonth` (the current month of the current year; 12 for a past year) have not
 * begun: they keep their target but get no rates, and the total's target is the year to date, so
 * 完成率 compares like with like.
 */
export function yearSeries(
  counts: ReadonlyMap<number, Partial<MonthCounts>>,
  targets: ReadonlyMap<number, number>,
  throughMonth = 12,
): { months: MonthRow[]; total: MonthMetrics } {
  const months: MonthRow[] = [];
  let sum = NO_COUNTS;
  for (let month = 1; month <= 12; month++) {
    const c = addCounts(NO_COUNTS, counts.get(month) ?? {});
    sum = addCounts(sum, c);
    const metrics = monthMetrics(c, targets.get(month) ?? null);
    months.push({ month, metrics: month <= throughMonth ? metrics : { ...metrics, onTimeRate: null, returnRate: null, targetRate: null } });
  }
  const toDate = months.filter((m) => m.month <= throughMonth).map((m) => m.metrics.target);
  return { months, total: monthMetrics(sum, sumTargets(toDate)) };
}

/**
 * The months a phone shows (the year's twelve do not fit 375 pixels): `size` consecutive months
 * ending with the latest month with any activity — so the data is on screen, not January to June
 * of a year whose items came in October — or, with none, with the month now (`throughMonth`).
 */
export function recentMonths(months: readonly MonthRow[], throughMonth: number, size = 6): MonthRow[] {
  const active = months.filter(({ metrics: m }) => m.submitted + m.published + m.overdueOpen + m.returned > 0).map((m) => m.month);
  const end = Math.min(12, Math.max(1, active.length ? Math.max(...active) : throughMonth));
  const start = Math.max(1, Math.min(end - size + 1, 12 - size + 1));
  return months.filter((m) => m.month >= start && m.month < start + size);
}

/** The last month of `year` that has begun by Beijing month `now`: 12 for past years, 0 for future ones. */
export function monthsBegun(year: number, now: { year: number; month: number }): number {
  return year < now.year ? 12 : year > now.year ? 0 : now.month;
}

/** 85.7% — one decimal, or "—" when there is nothing to divide by. */
export function formatRate(rate: number | null): string {
  if (rate === null) return "—";
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
