import "server-only";
import { z } from "zod";
import { chinaDate, isIsoDate } from "@/lib/domain/dates";
import type { DayOneRule } from "@/lib/domain/deadlines";
import type { ClockEvent } from "@/lib/domain/requests/clock-events";
import { computeRequestClock, type RequestClockResult } from "@/lib/domain/requests/clock";
import { extendCalendarThrough } from "@/lib/domain/requests/computed-holidays";
import { decideRequest, REQUEST_REFUSAL_MESSAGES, type RequestEventName, type RequestDecision } from "@/lib/domain/requests/status";
import type { WorkCalendar } from "@/lib/domain/work-calendar";
import { loadWorkCalendar } from "@/lib/server/admin/calendar";
import { getSiteSettings } from "@/lib/server/admin/site-settings";
import type { Actor } from "@/lib/server/platform/actor";
import { requestScope } from "@/lib/server/platform/authz";
import { db, type Tx } from "@/lib/server/platform/db";
import { conflict, forbidden, type Failure } from "@/lib/server/platform/result";
import { refuse, Refusal, type Target } from "@/lib/server/platform/use-case";

/** Shared steps of the request use cases: find within scope, replay the clock, number, append. */

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
export const dateValue = (date: string) => new Date(`${date}T00:00:00Z`);

/** A YYYY-MM-DD form field. */
export const dateSchema = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .max(10, `${label}格式不正确`)
    .refine(isIsoDate, `${label}请按 年-月-日 填写`);

/** The calendar in force, with computed holidays through next year so a count may cross into it. */
export async function calendarFor(today: string): Promise<WorkCalendar> {
  return extendCalendarThrough(await loadWorkCalendar(), Number(today.slice(0, 4)) + 1);
}

export const todayOf = (now: Date) => chinaDate(now);

export function toClockEvent(row: { kind: string; on: Date; data: unknown }): ClockEvent {
  return { ...(row.data as object), type: row.kind, on: isoDate(row.on) } as ClockEvent;
}

/** The bureau's choice in 站点设置: day 1 of the reply period is the next working day, or the day of receipt. */
export async function requestDayOne(): Promise<DayOneRule> {
  const { settings } = await getSiteSettings();
  return settings.requestDayOne === "same_day" ? "SAME_DAY" : "NEXT_DAY";
}

export async function clockOf(events: readonly ClockEvent[], today: string): Promise<RequestClockResult> {
  return computeRequestClock(events, await calendarFor(today), { today, dayOne: await requestDayOne() });
}

const requestInclude = {
  events: { orderBy: { seq: "asc" } },
  documents: { where: { kind: "REPLY" }, orderBy: { createdAt: "desc" }, take: 1 },
  assignedDepartment: { select: { name: true } },
} as const;

export async function findInScope(actor: Actor, id: string) {
  if (typeof id !== "string" || id.length > 64) return null;
  const row = await db().disclosureRequest.findFirst({ where: { AND: [{ id }, requestScope(actor)] }, include: requestInclude });
  if (!row) return null;
  const events = row.events.map(toClockEvent);
  const reply = row.documents[0] ?? null;
  const current = reply && !reply.returnedAt ? reply : null;
  const facts = {
    status: row.status,
    assignedDepartmentId: row.assignedDepartmentId,
    draftedById: current?.draftedById ?? null,
    correctionRequested: events.some((e) => e.type === "CORRECTION_REQUESTED"),
  };
  return { row, events, facts, reply: current };
}
export type LoadedRequest = NonNullable<Awaited<ReturnType<typeof findInScope>>>;

export function decide(loaded: LoadedRequest, event: RequestEventName, actor: Actor): RequestDecision {
  return decideRequest(loaded.facts, event, actor);
}

/** An audited refusal of decideRequest, with its Chinese message. */
export function refuseDecision(actor: Actor, target: Target, d: Extract<RequestDecision, { ok: false }>): Promise<Failure> {
  const message = REQUEST_REFUSAL_MESSAGES[d.reason];
  const failure = d.reason === "wrong_status" || d.reason === "correction_already_requested" ? conflict(message) : forbidden(message);
  return refuse(actor, target, d.reason, failure);
}

/** An audited refusal of the clock (a second extension, more than 20 days, after the due date …). */
export function refuseClock(actor: Actor, target: Target, clock: Extract<RequestClockResult, { ok: false }>): Promise<Failure> {
  return refuse(actor, target, `clock:${clock.code}`, { ok: false, error: "invalid", message: clock.message });
}

export const CONFLICT_MESSAGE = "该申请已被他人更新，请刷新后查看。";
export const onConstraint = () => new Refusal("conflict", conflict(CONFLICT_MESSAGE));

/**
 * Appends one event as number `seq`. (requestId, seq) is unique, so two writes that read the same
 * events cannot both append: the second violates it and its transaction is refused.
 */
export async function appendEvent(tx: Tx, requestId: string, seq: number, event: ClockEvent, actorId: string | null, extra: object = {}) {
  const { type, on, ...data } = event;
  await tx.requestEvent.create({ data: { requestId, seq, kind: type, on: dateValue(on), data: { ...data, ...extra }, actorId } });
}

/**
 * The next serial of `kind` in `year`, under the row lock of INSERT … ON CONFLICT: rolled back
 * with the transaction that took it, so the numbers have no gaps and no repeats.
 */
export async function nextSerial(tx: Tx, kind: "request" | "reply", year: number): Promise<number> {
  const [row] = await tx.$queryRaw<{ lastValue: number }[]>`
    INSERT INTO "RequestSequence" ("kind", "year", "lastValue") VALUES (${kind}, ${year}, 1)
    ON CONFLICT ("kind", "year") DO UPDATE SET "lastValue" = "RequestSequence"."lastValue" + 1
    RETURNING "lastValue"`;
  return row.lastValue;
}

/** 登记编号: 2026-0001. */
export const formatRequestNumber = (year: number, serial: number) => `${year}-${String(serial).padStart(4, "0")}`;
/** 答复书文号: 〔2026〕第3号 (the bureau's prefix is the letter template's). */
export const formatReplyNumber = (year: number, serial: number) => `〔${year}〕第${serial}号`;

export async function nextRequestNumber(tx: Tx, receivedOn: string): Promise<string> {
  const year = Number(receivedOn.slice(0, 4));
  return formatRequestNumber(year, await nextSerial(tx, "request", year));
}

export { maskIdNumber, maskName } from "@/lib/domain/requests/masking";
