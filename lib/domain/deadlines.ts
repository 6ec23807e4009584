import { addDays, isIsoDate } from "./dates";
import type { WorkCalendar } from "./work-calendar";

/*
 * The 条例's working-day clocks as arithmetic only: which day a period ends, given its start, the
 * calendar and the intervals it does not run. What starts, pauses or closes a request belongs to
 * the request model, not here. The calendar is always passed in, never defaulted, so a caller
 * cannot compute with the bundled data and ignore the sysadmin's corrections.
 */

/** Statutory periods in working days (《政府信息公开条例》, 2019). */
export const PERIODS = {
  /** 主动公开: 自该政府信息形成或者变更之日起20个工作日内 (第二十六条). */
  disclosure: 20,
  /** 依申请公开 reply: 自收到申请之日起20个工作日内 (第三十三条第二款). */
  reply: 20,
  /** One extension with the 负责人's consent, 延长的期限最长不得超过20个工作日 (第三十三条第二款). */
  maxExtension: 20,
  /** 补正告知: 自收到申请之日起7个工作日内一次性告知 (第三十条). */
  correctionNotice: 7,
  /** A third party or co-making agency answers within 15 working days (第三十二条, 第三十四条). */
  consultation: 15,
} as const;

/**
 * Day 1 of a period. NEXT_DAY (default): the first working day after the start date (see
 * work-calendar.ts). SAME_DAY: the start date itself when it is a working day, for a bureau that
 * counts the day of receipt; on a holiday both rules give the same day 1.
 */
export type DayOneRule = "NEXT_DAY" | "SAME_DAY";

/**
 * An interval the clock does not run, e.g. 征求第三方意见 (第三十三条第二款: 所需时间不计算在前款
 * 规定的期限内): the working days after `from` (the letter goes out) up to and including `to` (the
 * answer arrives) are not counted, so the clock resumes the day after the answer, as it starts the
 * day after receipt. For a consultation still open, pass today as `to` for a provisional date.
 */
export interface Pause {
  from: string;
  to: string;
}

export interface ClockOptions {
  dayOne?: DayOneRule;
  pauses?: readonly Pause[];
}

/** `covered` is false when the count crossed a year with no holiday data: warn, don't trust it. */
export interface DueDate {
  date: string;
  covered: boolean;
}

/** The last day of a period of `workingDays` starting on `start`, skipping paused days. */
export function dueAfter(calendar: WorkCalendar, start: string, workingDays: number, options: ClockOptions = {}): DueDate {
  const { dayOne = "NEXT_DAY", pauses = [] } = options;
  if (!Number.isInteger(workingDays) || workingDays < 0) throw new RangeError(`bad period: ${workingDays} working days`);
  for (const p of pauses) {
    if (!isIsoDate(p.from) || !isIsoDate(p.to) || p.to < p.from) throw new RangeError(`bad pause ${p.from}…${p.to}`);
  }
  const paused = (day: string) => pauses.some((p) => day > p.from && day <= p.to);
  // Day 1 is sought from the day before the start, so SAME_DAY can land on the start itself.
  const origin = dayOne === "SAME_DAY" && workingDays > 0 ? addDays(start, -1) : start;
  let day = origin;
  for (let counted = 0; counted < workingDays; ) {
    day = calendar.nextWorkingDay(day);
    if (!paused(day)) counted++;
  }
  return { date: day, covered: calendar.isSpanCovered(start, day) };
}

/** 主动公开 due date: 信息形成 (or 变更) date + 20 working days (第二十六条). */
export function disclosureDueDate(formedOn: string, calendar: WorkCalendar, options: ClockOptions = {}): DueDate {
  return dueAfter(calendar, formedOn, PERIODS.disclosure, options);
}

/**
 * 依申请公开 reply due date (第三十三条): 20 working days from receipt, plus an approved extension
 * of up to 20, minus paused consultation time. After a 补正 the clock does not resume but restarts
 * (第三十条: 答复期限自行政机关收到补正的申请之日起计算): pass the day the 补正 arrived as
 * `receivedOn`.
 */
export function replyDueDate(
  receivedOn: string,
  calendar: WorkCalendar,
  options: ClockOptions & { extensionDays?: number } = {},
): DueDate {
  const { extensionDays = 0, ...clock } = options;
  if (!Number.isInteger(extensionDays) || extensionDays < 0 || extensionDays > PERIODS.maxExtension) {
    throw new RangeError(`an extension is 0 to ${PERIODS.maxExtension} working days, got ${extensionDays}`);
  }
  return dueAfter(calendar, receivedOn, PERIODS.reply + extensionDays, clock);
}

/** Last day to send the one-time 补正告知 (第三十条): 7 working days from receipt. */
export function correctionNoticeDueDate(receivedOn: string, calendar: WorkCalendar, options: ClockOptions = {}): DueDate {
  return dueAfter(calendar, receivedOn, PERIODS.correctionNotice, options);
}

/** Last day for a consulted third party or agency to answer (第三十二条, 第三十四条). */
export function consultationDueDate(noticeReceivedOn: string, calendar: WorkCalendar, options: ClockOptions = {}): DueDate {
  return dueAfter(calendar, noticeReceivedOn, PERIODS.consultation, options);
}
