import "server-only";
import { computeRequestClock } from "@/lib/domain/requests/clock";
import { REQUEST_STAGE_LABELS, REQUEST_STAGES, requestStage, type RequestStage } from "@/lib/domain/requests/stages";
import type { Actor } from "@/lib/server/platform/actor";
import { can, requestScope } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { forbidden, ok, type Result } from "@/lib/server/platform/result";
import { refuse } from "@/lib/server/platform/use-case";
import { calendarFor, requestDayOne, todayOf, toClockEvent } from "./shared";

/**
 * 依申请公开办理概况 for the console home: open requests by stage, how many are due soon or
 * overdue, and this year's received and closed — all within the actor's request scope (the office
 * the bureau's, a 处室 its own), so the figures and the queue they link to agree.
 */
export interface RequestOverview {
  year: number;
  stages: { key: RequestStage; label: string; count: number }[];
  open: number;
  dueSoon: number;
  overdue: number;
  /** 收到日 in this (Beijing) year. */
  received: number;
  /** 办结 in this year. */
  closed: number;
}

export async function requestOverview(actor: Actor, now = new Date()): Promise<Result<RequestOverview>> {
  if (!can(actor, "request.queue")) return refuse(actor, { action: "request.view", entity: "DisclosureRequest" }, "wrong_role", forbidden());
  const today = todayOf(now);
  const year = Number(today.slice(0, 4));
  const scope = requestScope(actor);
  const yearStart = new Date(`${year}-01-01T00:00:00Z`);
  const nextYear = new Date(`${year + 1}-01-01T00:00:00Z`);
  const [open, received, closed, calendar, dayOne] = await Promise.all([
    db().disclosureRequest.findMany({
      where: { AND: [scope, { status: { not: "CLOSED" } }] },
      select: { status: true, receivedOn: true, events: { orderBy: { seq: "asc" }, select: { kind: true, on: true, data: true } } },
    }),
    db().disclosureRequest.count({ where: { AND: [scope, { receivedOn: { gte: yearStart, lt: nextYear } }] } }),
    db().disclosureRequest.count({ where: { AND: [scope, { closedOn: { gte: yearStart, lt: nextYear } }] } }),
    calendarFor(today),
    requestDayOne(),
  ]);
  const counts = new Map<RequestStage, number>(REQUEST_STAGES.map((s) => [s, 0]));
  let dueSoon = 0;
  let overdue = 0;
  for (const r of open) {
    const events = r.events.map(toClockEvent);
    const stage = requestStage(r.status, events);
    if (stage) counts.set(stage, counts.get(stage)! + 1);
    if (!r.receivedOn) continue;
    const clock = computeRequestClock(events, calendar, { today, dayOne });
    if (clock.ok && clock.state === "due_soon") dueSoon++;
    if (clock.ok && clock.state === "overdue") overdue++;
  }
  return ok({
    year,
    stages: REQUEST_STAGES.map((key) => ({ key, label: REQUEST_STAGE_LABELS[key], count: counts.get(key)! })),
    open: open.length,
    dueSoon,
    overdue,
    received,
    closed,
  });
}
