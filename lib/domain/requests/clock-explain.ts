import { addDays, formatChineseDate, weekday } from "../dates";
import type { DayOneRule, Pause } from "../deadlines";
import type { WorkCalendar } from "../work-calendar";
import type { RequestClock } from "./clock";

/*
 * "Why is it due on X?" as ordered steps in Chinese, for staff and for the applicant's tracking
 * page (Alaveteli #2931 asked for exactly this). Every day that moved the count is named: the
 * holidays that fell on weekdays, the 调休 Saturdays and Sundays that were worked, the intervals
 * not counted, the restart after a 补正, an extension, a 第三十五条 deadline, and any year whose
 * holidays were computed because its notice is not out yet.
 */

export type ExplanationKind =
  | "receipt"
  | "correction_requested"
  | "restart"
  | "day_one"
  | "holiday"
  | "makeup_workday"
  | "pause"
  | "extension"
  | "custom_deadline"
  | "computed_year"
  | "due";

export interface ExplanationStep {
  kind: ExplanationKind;
  /** The day the step is about (its first day); steps are in this order. */
  date: string;
  text: string;
  /** For "holiday": the weekdays it took out of the count. */
  dates?: string[];
}

type ClockFacts = Omit<RequestClock, "explanation">;

const WEEKDAYS = "日一二三四五六";
const day = (d: string) => `${formatChineseDate(d)}（星期${WEEKDAYS[weekday(d)]}）`;
const isWeekend = (d: string) => weekday(d) === 0 || weekday(d) === 6;

/** Weekdays in (from, to] that are not working days: the holidays that moved the count. */
export function holidayWeekdays(calendar: WorkCalendar, from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (!isWeekend(d) && !calendar.isWorkingDay(d)) out.push(d);
  return out;
}

/** Weekend days in (from, to] that are working days: 调休上班日. */
export function makeupWorkdays(calendar: WorkCalendar, from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWeekend(d) && calendar.isWorkingDay(d)) out.push(d);
  return out;
}

function holidaySteps(calendar: WorkCalendar, from: string, to: string): ExplanationStep[] {
  const groups: { name: string; dates: string[] }[] = [];
  for (const d of holidayWeekdays(calendar, from, to)) {
    const name = calendar.entryOn(d)?.name ?? "节假日";
    const last = groups.at(-1);
    if (last && last.name === name && addDays(last.dates.at(-1) as string, 7) >= d) last.dates.push(d);
    else groups.push({ name, dates: [d] });
  }
  return groups.map(({ name, dates }) => {
    let first = dates[0];
    let end = dates.at(-1) as string;
    while (!calendar.isWorkingDay(addDays(first, -1))) first = addDays(first, -1);
    while (!calendar.isWorkingDay(addDays(end, 1))) end = addDays(end, 1);
    const computed = !calendar.isCovered(dates[0]) ? "（按法定节日推算）" : "";
    const list = dates.map(formatChineseDate).join("、");
    const text = `${name}${computed}：${formatChineseDate(first)}至${formatChineseDate(end)}放假，其中${dates.length}个周一至周五（${list}）不是工作日，不计入期限。`;
    return { kind: "holiday" as const, date: dates[0], text, dates };
  });
}

function makeupSteps(calendar: WorkCalendar, from: string, to: string): ExplanationStep[] {
  return makeupWorkdays(calendar, from, to).map((d) => ({
    kind: "makeup_workday" as const,
    date: d,
    text: `${day(d)}为${calendar.entryOn(d)?.name ?? "调休"}调休上班日，计为工作日。`,
  }));
}

function pauseSteps(clock: ClockFacts, calendar: WorkCalendar): ExplanationStep[] {
  const label = (p: Pause) => {
    const c = clock.consultations.find((x) => x.startedOn === p.from);
    if (c) return c.party === "third_party" ? `征求第三方${c.name ? `（${c.name}）` : ""}意见（条例第三十二条）` : `征求${c.name ?? "其他机关"}意见（条例第三十四条）`;
    return "申请人缴纳信息处理费期间（国办函〔2020〕109号）";
  };
  return clock.pauses.map((p) => ({
    kind: "pause" as const,
    date: p.from,
    text: `${formatChineseDate(p.from)}至${formatChineseDate(p.to)}${label(p)}，其间${calendar.workingDaysBetween(p.from, p.to)}个工作日不计入答复期限（条例第三十三条第二款）。`,
  }));
}

function eventSteps(clock: ClockFacts): ExplanationStep[] {
  const steps: ExplanationStep[] = [
    { kind: "receipt", date: clock.receivedOn, text: `${day(clock.receivedOn)}收到申请，此日为收到申请之日（条例第三十一条）。` },
  ];
  const c = clock.correction;
  if (c && clock.correctionNotice.sentOn) {
    const sent = clock.correctionNotice.sentOn;
    steps.push({ kind: "correction_requested", date: sent, text: `${formatChineseDate(sent)}一次性告知申请人补正，补正期限至${formatChineseDate(c.deadline)}；收到补正前答复期限不计算。` });
  }
  if (c?.receivedOn) {
    steps.push({ kind: "restart", date: c.receivedOn, text: `${day(c.receivedOn)}收到补正后的申请，答复期限自该日起重新计算（条例第三十条），此前已过的日子不再计入。` });
  }
  if (clock.extension) {
    const { on, days, approver } = clock.extension;
    steps.push({ kind: "extension", date: on, text: `${formatChineseDate(on)}经${approver}同意，延长答复期限${days}个工作日，并告知申请人（条例第三十三条第二款）。` });
  }
  if (clock.custom) {
    const { on, due, reason } = clock.custom;
    steps.push({ kind: "custom_deadline", date: on, text: `${formatChineseDate(on)}依条例第三十五条确定答复期限为${day(due)}并告知申请人（理由：${reason}），此期限取代法定期限。` });
  }
  return steps;
}

function dayOneStep(clock: ClockFacts, calendar: WorkCalendar, dayOne: DayOneRule): ExplanationStep | null {
  if (clock.start === null || clock.custom) return null;
  const first = dayOne === "SAME_DAY" && calendar.isWorkingDay(clock.start) ? clock.start : calendar.nextWorkingDay(clock.start);
  const rule = dayOne === "SAME_DAY" ? "按本机关规定，起算日当日为工作日的计入期限" : "起算日当日不计入，自次日起算（民法典第二百零一条）";
  return { kind: "day_one", date: first, text: `${rule}：第1个工作日为${day(first)}。` };
}

function dueStep(clock: ClockFacts, calendar: WorkCalendar): ExplanationStep | null {
  if (clock.due === null) return null;
  if (clock.custom) return { kind: "due", date: clock.due, text: `因此答复期限为${day(clock.due)}（条例第三十五条）。` };
  const ext = clock.extension ? `，加延长的${clock.extension.days}个工作日` : "";
  const paused = clock.pauses.reduce((n, p) => n + calendar.workingDaysBetween(p.from, p.to), 0);
  const pauseNote = paused > 0 ? `，另有${paused}个工作日暂停计算` : "";
  return { kind: "due", date: clock.due, text: `因此答复期限为${day(clock.due)}：20个工作日${ext}${pauseNote}。` };
}

function computedSteps(clock: ClockFacts): ExplanationStep[] {
  return clock.uncoveredYears.map((y) => ({
    kind: "computed_year" as const,
    date: `${y}-01-01`,
    text: `${y}年的调休安排尚未公布，按法定节日推算；国务院办公厅公布${y}年节假日安排后，期限可能变动。`,
  }));
}

/** The steps, in date order (a step of the same day keeps the order it was made in). */
export function explainClock(clock: ClockFacts, calendar: WorkCalendar, dayOne: DayOneRule): ExplanationStep[] {
  const steps = eventSteps(clock);
  const first = dayOneStep(clock, calendar, dayOne);
  if (first) steps.push(first);
  if (clock.start !== null && clock.due !== null) {
    steps.push(...holidaySteps(calendar, clock.start, clock.due), ...makeupSteps(calendar, clock.start, clock.due));
    steps.push(...pauseSteps(clock, calendar), ...computedSteps(clock));
  }
  const due = dueStep(clock, calendar);
  const ordered = steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.date.localeCompare(b.s.date) || a.i - b.i).map(({ s }) => s);
  return due ? [...ordered, due] : ordered;
}
