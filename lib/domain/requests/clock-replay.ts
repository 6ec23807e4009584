import { isIsoDate } from "../dates";
import { dueAfter, PERIODS, type DayOneRule, type Pause } from "../deadlines";
import type { WorkCalendar } from "../work-calendar";
import type { ClockEvent, ClockRefusalCode, ConsultationParty } from "./clock-events";

/*
 * Replays a request's events in order into the facts the clock needs, refusing the first event
 * the law or the order of things does not allow. Checks that depend on the due date (an extension
 * before it, a fee notice within it) use the due date as it stood on the event's day.
 */

export interface Consultation {
  id: string;
  party: ConsultationParty;
  name?: string;
  startedOn: string;
  noticeReceivedOn: string;
  endedOn: string | null;
}

export interface Run {
  receivedOn: string;
  /** Day 0 of the reply clock: the 收到日, or the day a 补正 arrived; null while awaiting it. */
  start: string | null;
  correction: { noticeOn: string; deadline: string; receivedOn: string | null } | null;
  consultations: Consultation[];
  fee: { noticeOn: string; windowEnd: string; paidOn: string | null } | null;
  extension: { on: string; days: number; approver: string } | null;
  custom: { on: string; due: string; reason: string } | null;
  repliedOn: string | null;
}

export interface ReplayContext {
  calendar: WorkCalendar;
  dayOne: DayOneRule;
  today: string;
}

/** 109号: the applicant pays within 20 working days from the day after receiving the notice. */
export function feeWindowEnd(calendar: WorkCalendar, noticeReceivedOn: string): string {
  return calendar.addWorkingDays(noticeReceivedOn, PERIODS.reply);
}

/** The intervals the reply clock does not run, as they stand on `asOf` (open ones end there). */
export function pausesAsOf(run: Run, asOf: string): Pause[] {
  const pauses: Pause[] = run.consultations.map((c) => ({ from: c.startedOn, to: c.endedOn ?? asOf }));
  if (run.fee) {
    const open = asOf < run.fee.windowEnd ? asOf : run.fee.windowEnd;
    pauses.push({ from: run.fee.noticeOn, to: run.fee.paidOn ?? open });
  }
  return pauses.filter((p) => p.to >= p.from);
}

/** The due date as it stands on `asOf`, or null while the clock waits for a 补正. */
export function dueAsOf(run: Run, ctx: ReplayContext, asOf: string): string | null {
  if (run.start === null) return null;
  if (run.custom) return run.custom.due;
  const days = PERIODS.reply + (run.extension?.days ?? 0);
  return dueAfter(ctx.calendar, run.start, days, { dayOne: ctx.dayOne, pauses: pausesAsOf(run, asOf) }).date;
}

type Step = ClockRefusalCode | null;

function onCorrection(run: Run, e: Extract<ClockEvent, { type: "CORRECTION_REQUESTED" | "CORRECTION_RECEIVED" }>): Step {
  if (e.type === "CORRECTION_REQUESTED") {
    if (run.correction) return "second_correction_request";
    if (!isIsoDate(e.deadline)) return "bad_date";
    if (e.deadline <= e.on) return "correction_deadline_too_early";
    run.correction = { noticeOn: e.on, deadline: e.deadline, receivedOn: null };
    run.start = null;
    return null;
  }
  if (!run.correction || run.correction.receivedOn) return "correction_without_request";
  run.correction.receivedOn = e.on;
  run.start = e.on;
  return null;
}

function onConsultation(run: Run, e: Extract<ClockEvent, { type: "CONSULTATION_STARTED" | "CONSULTATION_ENDED" }>): Step {
  const found = run.consultations.find((c) => c.id === e.id);
  if (e.type === "CONSULTATION_STARTED") {
    if (found) return "duplicate_consultation";
    if (e.noticeReceivedOn !== undefined && (!isIsoDate(e.noticeReceivedOn) || e.noticeReceivedOn < e.on)) return "bad_date";
    const { id, party, name, on } = e;
    run.consultations.push({ id, party, name, startedOn: on, noticeReceivedOn: e.noticeReceivedOn ?? on, endedOn: null });
    return null;
  }
  if (!found || found.endedOn) return "unknown_consultation";
  found.endedOn = e.on;
  return null;
}

function onExtension(run: Run, ctx: ReplayContext, e: Extract<ClockEvent, { type: "EXTENDED" }>): Step {
  if (run.extension) return "second_extension";
  if (!Number.isInteger(e.days) || e.days < 1 || e.days > PERIODS.maxExtension) return "extension_out_of_range";
  if (!e.approver.trim()) return "extension_without_approver";
  const due = dueAsOf(run, ctx, e.on);
  if (due !== null && e.on > due) return "extension_after_due";
  run.extension = { on: e.on, days: e.days, approver: e.approver.trim() };
  return null;
}

function onCustom(run: Run, ctx: ReplayContext, e: Extract<ClockEvent, { type: "CUSTOM_DEADLINE" }>): Step {
  if (run.custom) return "custom_deadline_second";
  if (!isIsoDate(e.due)) return "bad_date";
  const due = dueAsOf(run, ctx, e.on);
  if (due !== null && e.on > due) return "custom_deadline_after_due";
  if (due !== null && e.due <= due) return "custom_deadline_not_later";
  if (!ctx.calendar.isWorkingDay(e.due)) return "custom_deadline_not_working_day";
  run.custom = { on: e.on, due: e.due, reason: e.reason.trim() };
  return null;
}

function onFee(run: Run, ctx: ReplayContext, e: Extract<ClockEvent, { type: "FEE_NOTICE" | "FEE_PAID" }>): Step {
  if (e.type === "FEE_NOTICE") {
    if (run.fee) return "second_fee_notice";
    const due = dueAsOf(run, ctx, e.on);
    if (due !== null && e.on > due) return "fee_notice_after_due";
    run.fee = { noticeOn: e.on, windowEnd: feeWindowEnd(ctx.calendar, e.on), paidOn: null };
    return null;
  }
  if (!run.fee || run.fee.paidOn) return "fee_paid_without_notice";
  if (e.on > run.fee.windowEnd) return "fee_paid_late";
  run.fee.paidOn = e.on;
  return null;
}

/** Applies one event after the RECEIVED one; returns why it is refused, or null. */
export function applyEvent(run: Run, ctx: ReplayContext, e: ClockEvent): Step {
  if (run.repliedOn) return "after_reply";
  const waiting = run.start === null && e.type !== "CORRECTION_RECEIVED" && e.type !== "REPLIED";
  if (waiting) return "awaiting_correction";
  switch (e.type) {
    case "RECEIVED":
      return "second_receipt";
    case "CORRECTION_REQUESTED":
    case "CORRECTION_RECEIVED":
      return onCorrection(run, e);
    case "CONSULTATION_STARTED":
    case "CONSULTATION_ENDED":
      return onConsultation(run, e);
    case "EXTENDED":
      return onExtension(run, ctx, e);
    case "CUSTOM_DEADLINE":
      return onCustom(run, ctx, e);
    case "FEE_NOTICE":
    case "FEE_PAID":
      return onFee(run, ctx, e);
    case "REPLIED":
      if (run.consultations.some((c) => c.endedOn === null)) return "consultation_open_at_reply";
      run.repliedOn = e.on;
      return null;
  }
}
