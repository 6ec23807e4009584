import "server-only";
import { chinaDate } from "@/lib/domain/dates";
import { calendarReminder, type CalendarReminder } from "@/lib/domain/requests/computed-holidays";
import { computeRequestClock, type RequestClock } from "@/lib/domain/requests/clock";
import { loadWorkCalendar } from "@/lib/server/admin/calendar";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { calendarFor, requestDayOne, todayOf, toClockEvent } from "./shared";

/**
 * 到期提醒 (issue 8 §5): every working morning the job queue ("request-reminders", 08:00
 * Beijing) tells the people handling each open request that is due within DUE_SOON_DAYS working
 * days or overdue — the assigned 处室's 联络员 and the office (公开办). One message per person,
 * request, kind and day: the unique key (requestId, reminder, remindedOn, userId) makes a second
 * run that day, or a second instance, insert nothing. Yesterday's reminders are resolved by
 * today's, and all of a request's are resolved when it closes (a trigger, whatever closes it).
 */

export const REMINDER_KINDS = ["due_soon", "overdue"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface ReminderRun {
  today: string;
  /** Not a working day: nobody is reminded (the next working morning will). */
  skipped: boolean;
  /** Requests due soon or overdue. */
  requests: number;
  /** Messages written by this run (0 when it already ran today). */
  created: number;
  /** Older reminders this run resolved. */
  resolved: number;
}

function reminderTitle(number: string | null, kind: ReminderKind, clock: RequestClock): string {
  const name = `依申请公开申请 ${number ?? "（未编号）"}`;
  const due = clock.due ? `，答复期限 ${clock.due}` : "";
  if (kind === "overdue") return `${name} 已超过答复期限 ${Math.abs(clock.daysLeft ?? 0)} 个工作日${due}`;
  return `${name} 即将到期：还剩 ${clock.daysLeft ?? 0} 个工作日${due}`;
}

/** The daily run; `now` is the job's clock (tests pass one). */
export async function sendDueReminders(now = new Date()): Promise<ReminderRun> {
  const today = todayOf(now);
  const calendar = await calendarFor(today);
  const dayOne = await requestDayOne();
  const run: ReminderRun = { today, skipped: false, requests: 0, created: 0, resolved: 0 };
  if (!calendar.isWorkingDay(today)) return { ...run, skipped: true };
  const open = await db().disclosureRequest.findMany({
    where: { status: { notIn: ["CLOSED", "RECEIVED_ONLINE"] }, receivedOn: { not: null } },
    select: {
      id: true,
      number: true,
      assignedDepartmentId: true,
      imported: true,
      createdAt: true,
      events: { orderBy: { seq: "asc" }, select: { kind: true, on: true, data: true } },
    },
  });
  const due: { id: string; number: string | null; departmentId: string | null; kind: ReminderKind; clock: RequestClock }[] = [];
  for (const r of open) {
    const clock = computeRequestClock(r.events.map(toClockEvent), calendar, { today, dayOne });
    if (!clock.ok || (clock.state !== "due_soon" && clock.state !== "overdue")) continue;
    // An open case imported from a 台账 after its due date had passed is history whose clock ran
    // outside the system: not reminded of daily. One still running when it came in is a live case.
    if (r.imported && clock.due && clock.due < chinaDate(r.createdAt)) continue;
    due.push({ id: r.id, number: r.number, departmentId: r.assignedDepartmentId, kind: clock.state, clock });
  }
  const [office, liaisons] = await Promise.all([
    db().user.findMany({ where: { status: "ACTIVE", roles: { has: "OFFICE" } }, select: { id: true } }),
    db().user.findMany({
      where: { status: "ACTIVE", roles: { has: "LIAISON" }, departmentId: { in: due.flatMap((d) => (d.departmentId ? [d.departmentId] : [])) } },
      select: { id: true, departmentId: true },
    }),
  ]);
  const remindedOn = new Date(`${today}T00:00:00Z`);
  const rows = due.flatMap((d) => {
    const people = new Set([...office.map((u) => u.id), ...liaisons.filter((u) => u.departmentId === d.departmentId).map((u) => u.id)]);
    const title = reminderTitle(d.number, d.kind, d.clock);
    return [...people].map((userId) => ({ userId, requestId: d.id, reminder: d.kind, remindedOn, title, link: `/console/requests/${d.id}` }));
  });
  return db().$transaction(async (tx) => {
    const created = rows.length ? (await tx.notification.createMany({ data: rows, skipDuplicates: true })).count : 0;
    // Yesterday's message is today's news no more; and a request closed while this run read it
    // (its trigger fired before these rows existed) asks nothing either.
    const stale = await tx.notification.updateMany({
      where: { reminder: { not: null }, resolvedAt: null, OR: [{ remindedOn: { lt: remindedOn } }, { request: { status: "CLOSED" } }] },
      data: { resolvedAt: now },
    });
    if (created || stale.count) {
      await audit(tx, { actorName: "系统", action: "request.remind", entity: "DisclosureRequest", detail: { today, requests: due.length, created, resolved: stale.count }, meta: { ip: null, userAgent: "job:request-reminders" } });
    }
    return { ...run, requests: due.length, created, resolved: stale.count };
  });
}

/**
 * The sysadmin's notice on the console home (issue 8 §4): from 1 November, while next year's
 * 国务院办公厅 notice is not entered, due dates rest on computed holidays. Null for anyone else.
 */
export async function calendarNotice(actor: Actor, now = new Date()): Promise<CalendarReminder | null> {
  if (!can(actor, "calendar.manage")) return null;
  const reminder = calendarReminder(todayOf(now), (await loadWorkCalendar()).coverage());
  return reminder.remind ? reminder : null;
}
