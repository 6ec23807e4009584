import { isIsoDate } from "../dates";
import { dueAfter, PERIODS, type DayOneRule, type Pause } from "../deadlines";
import type { WorkCalendar } from "../work-calendar";
import { CLOCK_REFUSAL_MESSAGES, type ClockEvent, type ClockRefusal, type ClockRefusalCode } from "./clock-events";
import { explainClock, type ExplanationStep } from "./clock-explain";
import { applyEvent, dueAsOf, pausesAsOf, type Consultation, type ReplayContext, type Run } from "./clock-replay";

/*
 * The reply clock of 依申请公开, derived from the request's events (DESIGN §4):
 * - 20 working days from the 收到日 (第三十三条第二款), day 1 the next working day by default;
 * - a received 补正 restarts the count at 0 (第三十条) — a restart, not a pause;
 * - consultations (第三十二条, 第三十四条) are not counted (第三十三条第二款), each with its own
 *   15-working-day clock;
 * - one extension of at most 20 working days, decided before the due date;
 * - a 第三十五条 deadline replaces the statutory one;
 * - the fee window is not counted: from the day the applicant receives the 收费通知 to the day they
 *   pay (or the window ends). Decision (109号 is silent, reference/domain.md §1.4): the bureau cannot
 *   hand over information before it is paid for, and the applicant alone decides how long that
 *   takes; the notice must go out within the reply period and the pause starts only on its
 *   *receipt*, so the bureau's own time — including the post — still counts against it.
 */

export type ClockState = "on_time" | "due_soon" | "overdue" | "awaiting_correction" | "replied_on_time" | "replied_late";

/** Working days left at or below which a request is 即将到期. */
export const DUE_SOON_DAYS = 5;

export interface ClockOptions {
  /** The Beijing date today; the clock never reads one. */
  today: string;
  dayOne?: DayOneRule;
}

export interface RequestClock {
  ok: true;
  receivedOn: string;
  /** Day 0 of the current count (the 收到日, or the day the 补正 arrived). */
  start: string | null;
  /** The reply due date; null while waiting for a 补正. */
  due: string | null;
  /** What the due date would be without the extension and the 第三十五条 deadline. */
  statutoryDue: string | null;
  state: ClockState;
  /** Working days counted so far / left (negative: overdue by that many). */
  daysUsed: number | null;
  daysLeft: number | null;
  /** The count crossed a year with no holiday notice: its statutory days were computed. */
  provisional: boolean;
  uncoveredYears: number[];
  paused: boolean;
  pauses: Pause[];
  correctionNotice: { due: string; sentOn: string | null; late: boolean; lapsed: boolean };
  correction: { deadline: string; receivedOn: string | null } | null;
  consultations: (Consultation & { due: string; overdue: boolean })[];
  fee: { noticeOn: string; windowEnd: string; paidOn: string | null } | null;
  extension: Run["extension"];
  custom: Run["custom"];
  repliedOn: string | null;
  /** 其他处理-1: the 补正期限 passed with no 补正. */
  offersNoCorrection: boolean;
  /** 其他处理-2: the fee window passed unpaid. */
  offersFeeUnpaid: boolean;
  explanation: ExplanationStep[];
}

export type RequestClockResult = RequestClock | ({ ok: false } & ClockRefusal);

function refuse(code: ClockRefusalCode, index: number): { ok: false } & ClockRefusal {
  return { ok: false, code, index, message: CLOCK_REFUSAL_MESSAGES[code] };
}

function check(e: ClockEvent, index: number, previous: string | null, today: string): ClockRefusalCode | null {
  if (!isIsoDate(e.on)) return "bad_date";
  if (e.on > today) return e.type === "RECEIVED" ? "receipt_in_future" : "event_in_future";
  if (index === 0 && e.type !== "RECEIVED") return "first_not_received";
  if (previous !== null && e.on < previous) return "out_of_order";
  return null;
}

/** Replays the events; the first refused one stops the replay and is the answer. */
function replay(events: readonly ClockEvent[], ctx: ReplayContext): Run | ({ ok: false } & ClockRefusal) {
  if (events.length === 0) return refuse("first_not_received", 0);
  let run: Run | null = null;
  for (const [index, e] of events.entries()) {
    const bad = check(e, index, index > 0 ? events[index - 1].on : null, ctx.today);
    if (bad) return refuse(bad, index);
    if (run === null) {
      run = { receivedOn: e.on, start: e.on, correction: null, consultations: [], fee: null, extension: null, custom: null, repliedOn: null };
      continue;
    }
    const refusal = applyEvent(run, ctx, e);
    if (refusal) return refuse(refusal, index);
  }
  return run as Run;
}

function stateOf(run: Run, due: string | null, asOf: string, daysLeft: number | null): ClockState {
  if (run.repliedOn) return due === null || run.repliedOn <= due ? "replied_on_time" : "replied_late";
  if (due === null || daysLeft === null) return "awaiting_correction";
  if (asOf > due) return "overdue";
  return daysLeft <= DUE_SOON_DAYS ? "due_soon" : "on_time";
}

function uncoveredYears(calendar: WorkCalendar, from: string, to: string | null): number[] {
  const years: number[] = [];
  const last = Number((to ?? from).slice(0, 4));
  for (let y = Number(from.slice(0, 4)); y <= last; y++) if (!calendar.isCovered(`${y}-01-01`)) years.push(y);
  return years;
}

/** The clock of one request: due date, state, sub-deadlines, what may close it, and why. */
export function computeRequestClock(events: readonly ClockEvent[], calendar: WorkCalendar, options: ClockOptions): RequestClockResult {
  const ctx: ReplayContext = { calendar, dayOne: options.dayOne ?? "NEXT_DAY", today: options.today };
  if (!isIsoDate(ctx.today)) throw new RangeError(`today is not a YYYY-MM-DD date: ${ctx.today}`);
  const run = replay(events, ctx);
  if ("ok" in run) return run;
  const asOf = run.repliedOn ?? ctx.today;
  const due = dueAsOf(run, ctx, asOf);
  const pauses = pausesAsOf(run, asOf);
  const statutoryDue = run.start === null ? null : dueAfter(calendar, run.start, PERIODS.reply, { dayOne: ctx.dayOne, pauses }).date;
  const daysLeft = due === null ? null : calendar.workingDaysBetween(asOf, due);
  const allowed = run.custom || run.start === null ? null : PERIODS.reply + (run.extension?.days ?? 0);
  const years = run.start === null ? [] : uncoveredYears(calendar, run.start, due);
  const clock: Omit<RequestClock, "explanation"> = {
    ok: true,
    receivedOn: run.receivedOn,
    start: run.start,
    due,
    statutoryDue,
    state: stateOf(run, due, asOf, daysLeft),
    daysUsed: allowed !== null && daysLeft !== null ? allowed - daysLeft : countedDays(calendar, run.start, asOf, pauses),
    daysLeft,
    provisional: years.length > 0,
    uncoveredYears: years,
    paused: !run.repliedOn && isPaused(run, asOf),
    pauses,
    ...subClocks(run, ctx, asOf),
  };
  return { ...clock, explanation: explainClock(clock, calendar, ctx.dayOne) };
}

function isPaused(run: Run, asOf: string): boolean {
  const feeOpen = run.fee !== null && run.fee.paidOn === null && asOf <= run.fee.windowEnd;
  return feeOpen || run.consultations.some((c) => c.endedOn === null);
}

/** Working days run between `start` (exclusive) and `asOf` (inclusive), paused days not counted. */
function countedDays(calendar: WorkCalendar, start: string | null, asOf: string, pauses: readonly Pause[]): number | null {
  if (start === null) return null;
  let count = 0;
  for (let day = calendar.nextWorkingDay(start); day <= asOf; day = calendar.nextWorkingDay(day)) {
    if (!pauses.some((p) => day > p.from && day <= p.to)) count++;
  }
  return count;
}

function subClocks(run: Run, ctx: ReplayContext, asOf: string) {
  const { calendar, dayOne, today } = ctx;
  const noticeDue = dueAfter(calendar, run.receivedOn, PERIODS.correctionNotice, { dayOne }).date;
  const sentOn = run.correction?.noticeOn ?? null;
  const consultations = run.consultations.map((c) => {
    const due = dueAfter(calendar, c.noticeReceivedOn, PERIODS.consultation, { dayOne }).date;
    return { ...c, due, overdue: c.endedOn === null && asOf > due };
  });
  const c = run.correction;
  return {
    correctionNotice: { due: noticeDue, sentOn, late: sentOn !== null && sentOn > noticeDue, lapsed: sentOn === null && asOf > noticeDue },
    correction: c ? { deadline: c.deadline, receivedOn: c.receivedOn } : null,
    consultations,
    fee: run.fee ? { ...run.fee } : null,
    extension: run.extension,
    custom: run.custom,
    repliedOn: run.repliedOn,
    offersNoCorrection: !run.repliedOn && c !== null && c.receivedOn === null && today > c.deadline,
    offersFeeUnpaid: !run.repliedOn && run.fee !== null && run.fee.paidOn === null && today > run.fee.windowEnd,
  };
}
