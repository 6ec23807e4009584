import "server-only";
import type { RequestClock } from "@/lib/domain/requests/clock";
import type { ClockEvent } from "@/lib/domain/requests/clock-events";
import { decideRequest, REQUEST_STATUS_LABELS, type RequestEventName, type RequestStatus } from "@/lib/domain/requests/status";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can, handlesPersonalData, requestScope } from "@/lib/server/platform/authz";
import { unseal } from "@/lib/server/platform/crypto";
import { db } from "@/lib/server/platform/db";
import { forbidden, ok, type Result } from "@/lib/server/platform/result";
import { refuse, refuseNotFound, type Target } from "@/lib/server/platform/use-case";
import type { PersonalData } from "./intake";
import { calendarFor, isoDate, requestDayOne, todayOf, toClockEvent } from "./shared";
import { computeRequestClock } from "@/lib/domain/requests/clock";

/** What the console reads: one request in full, and the work queues. */

export interface RequestApplicant {
  /** True when the actor handles the request and sees the data in clear. */
  clear: boolean;
  name: string;
  idNumber: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  legalRepresentative: string | null;
  contactPerson: string | null;
}

function applicantOf(row: { personalData: string | null; applicantNameMasked: string; idNumberMasked: string }, clear: boolean): RequestApplicant {
  if (clear && row.personalData) {
    const p = unseal<Partial<PersonalData>>(row.personalData);
    return {
      clear: true,
      name: p.name ?? "",
      idNumber: p.idNumber ?? "",
      phone: p.phone ?? "",
      email: p.email ?? "",
      address: p.address ?? "",
      postcode: p.postcode ?? "",
      legalRepresentative: p.legalRepresentative ?? "",
      contactPerson: p.contactPerson ?? "",
    };
  }
  const hidden = "（已隐去）";
  return {
    clear: false,
    name: row.applicantNameMasked,
    idNumber: row.idNumberMasked,
    phone: hidden,
    email: hidden,
    address: hidden,
    postcode: hidden,
    legalRepresentative: hidden,
    contactPerson: hidden,
  };
}

/**
 * One request for the console. Personal data is opened only for the staff handling it (the office
 * and the assigned 处室) and each such view is audited; everyone else in scope sees it masked.
 */
export async function getRequestForStaff(actor: Actor, id: string, now = new Date()) {
  const target: Target = { action: "request.view", entity: "DisclosureRequest", entityId: id };
  const row =
    typeof id === "string" && id.length <= 64
      ? await db().disclosureRequest.findFirst({
          where: { AND: [{ id }, requestScope(actor)] },
          include: {
            events: { orderBy: { seq: "asc" } },
            documents: { orderBy: { createdAt: "asc" } },
            fees: true,
            appeals: { orderBy: { filedOn: "asc" } },
            assignedDepartment: { select: { id: true, name: true } },
            idCopy: { select: { requestId: true } },
          },
        })
      : null;
  if (!row) return refuseNotFound(actor, target);
  const clear = handlesPersonalData(actor, row);
  if (clear && row.personalData) await audit(null, { actor, ...target });
  const events: ClockEvent[] = row.events.map(toClockEvent);
  const today = todayOf(now);
  const clock = row.receivedOn ? computeRequestClock(events, await calendarFor(today), { today, dayOne: await requestDayOne() }) : null;
  return ok({
    id: row.id,
    number: row.number,
    status: row.status,
    statusLabel: REQUEST_STATUS_LABELS[row.status],
    channel: row.channel,
    applicantType: row.applicantType,
    idType: row.idType,
    applicant: applicantOf(row, clear),
    description: row.description,
    purpose: row.purpose,
    deliveryForm: row.deliveryForm,
    deliveryMethod: row.deliveryMethod,
    submittedAt: row.submittedAt,
    receivedOn: row.receivedOn ? isoDate(row.receivedOn) : null,
    department: row.assignedDepartment,
    outcome: row.outcome,
    closedOn: row.closedOn ? isoDate(row.closedOn) : null,
    replyNumber: row.replyNumber,
    imported: row.imported,
    idCopyFileId: clear ? row.idCopyFileId : null,
    /** A 身份证明复印件 (the public form's sealed copy or a file staff attached) the actor may open. */
    hasIdCopy: clear && (row.idCopy !== null || row.idCopyFileId !== null),
    events: row.events.map((e, i) => ({ seq: e.seq, event: events[i], actorId: e.actorId, createdAt: e.createdAt })),
    documents: row.documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      number: d.number,
      outcome: d.outcome,
      fields: d.fields,
      providedItemId: d.providedItemId,
      draftedById: d.draftedById,
      approvedById: d.approvedById,
      approvedAt: d.approvedAt,
      returnedAt: d.returnedAt,
      returnComment: d.returnComment,
      deliveredOn: d.deliveredOn ? isoDate(d.deliveredOn) : null,
      createdAt: d.createdAt,
    })),
    fee: row.fees[0]
      ? { method: row.fees[0].method, quantity: row.fees[0].quantity, amountYuan: row.fees[0].amountYuan, noticeOn: isoDate(row.fees[0].noticeOn), paidOn: row.fees[0].paidOn ? isoDate(row.fees[0].paidOn) : null }
      : null,
    appeals: row.appeals.map((a) => ({ id: a.id, kind: a.kind, result: a.result, filedOn: isoDate(a.filedOn), concludedOn: a.concludedOn ? isoDate(a.concludedOn) : null })),
    /** The clock (with its "why is it due on X" explanation); null before the 收到日. */
    clock: clock && clock.ok ? clock : null,
  });
}

export interface QueueRow {
  id: string;
  number: string | null;
  status: RequestStatus;
  statusLabel: string;
  applicantName: string;
  applicantType: string;
  channel: string;
  department: string | null;
  receivedOn: string | null;
  due: string | null;
  daysLeft: number | null;
  dueSoon: boolean;
  overdue: boolean;
  provisional: boolean;
  paused: boolean;
  /** 申请内容, cut to a line for the queue. */
  description: string;
  /** A consultation (第三十二条/第三十四条) is open: 征求意见中. */
  consulting: boolean;
}

/**
 * 待办: the open requests of the actor's scope — the office's all, a 处室's its own — flagged
 * 即将到期 (≤ 5 working days) and 已逾期 by their clock, soonest due first; applications awaiting
 * confirmation and requests awaiting a 补正 (no due date) come last. Names are masked here.
 */
export async function listRequestQueue(actor: Actor, now = new Date()): Promise<Result<QueueRow[]>> {
  if (!can(actor, "request.queue")) return refuse(actor, { action: "request.view", entity: "DisclosureRequest" }, "wrong_role", forbidden());
  const rows = await db().disclosureRequest.findMany({
    where: { AND: [{ status: { not: "CLOSED" } }, requestScope(actor)] },
    include: { events: { orderBy: { seq: "asc" } }, assignedDepartment: { select: { name: true } } },
  });
  const today = todayOf(now);
  const calendar = await calendarFor(today);
  const dayOne = await requestDayOne();
  const queue = rows.map((r): QueueRow => {
    const result = r.receivedOn ? computeRequestClock(r.events.map(toClockEvent), calendar, { today, dayOne }) : null;
    const clock: RequestClock | null = result && result.ok ? result : null;
    return {
      id: r.id,
      number: r.number,
      status: r.status,
      statusLabel: REQUEST_STATUS_LABELS[r.status],
      applicantName: r.applicantNameMasked,
      applicantType: r.applicantType,
      channel: r.channel,
      department: r.assignedDepartment?.name ?? null,
      receivedOn: r.receivedOn ? isoDate(r.receivedOn) : null,
      due: clock?.due ?? null,
      daysLeft: clock?.daysLeft ?? null,
      dueSoon: clock?.state === "due_soon",
      overdue: clock?.state === "overdue",
      provisional: clock?.provisional ?? false,
      paused: clock?.paused ?? false,
      description: shortDescription(r.description),
      consulting: clock?.consultations.some((c) => c.endedOn === null) ?? false,
    };
  });
  queue.sort((a, b) => (a.due ?? "9999") .localeCompare(b.due ?? "9999") || (a.number ?? "").localeCompare(b.number ?? ""));
  return ok(queue);
}

const DESCRIPTION_IN_QUEUE = 40;

/** 申请内容 on one line of a queue. */
export function shortDescription(description: string): string {
  const flat = description.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length > DESCRIPTION_IN_QUEUE ? `${chars.slice(0, DESCRIPTION_IN_QUEUE).join("")}…` : flat;
}

export interface ClosedRow {
  id: string;
  number: string | null;
  description: string;
  applicantName: string;
  channel: string;
  department: string | null;
  receivedOn: string | null;
  closedOn: string | null;
  outcome: string | null;
  replyNumber: string | null;
}

/** 已办结: the closed requests of the actor's scope, most recently closed first (names masked). */
export async function listClosedRequests(actor: Actor, take = 100): Promise<Result<ClosedRow[]>> {
  if (!can(actor, "request.queue")) return refuse(actor, { action: "request.view", entity: "DisclosureRequest" }, "wrong_role", forbidden());
  const rows = await db().disclosureRequest.findMany({
    where: { AND: [{ status: "CLOSED" }, requestScope(actor)] },
    orderBy: [{ closedOn: "desc" }, { number: "desc" }],
    take,
    include: { assignedDepartment: { select: { name: true } } },
  });
  return ok(
    rows.map((r) => ({
      id: r.id,
      number: r.number,
      description: shortDescription(r.description),
      applicantName: r.applicantNameMasked,
      channel: r.channel,
      department: r.assignedDepartment?.name ?? null,
      receivedOn: r.receivedOn ? isoDate(r.receivedOn) : null,
      closedOn: r.closedOn ? isoDate(r.closedOn) : null,
      outcome: r.outcome,
      replyNumber: r.replyNumber,
    })),
  );
}

/** What the request page may offer an actor: the use cases decide again on every submit. */
export type RequestPageAction = "confirm" | "assign" | "request_correction" | "receive_correction" | "clock_event" | "draft_reply" | "approve_reply" | "return_reply" | "deliver_reply";

const PAGE_EVENTS: readonly (RequestPageAction & RequestEventName)[] = [
  "confirm",
  "request_correction",
  "receive_correction",
  "clock_event",
  "draft_reply",
  "approve_reply",
  "return_reply",
  "deliver_reply",
];

type StaffView = Extract<Awaited<ReturnType<typeof getRequestForStaff>>, { ok: true }>["value"];

/** The reply under review or approved: the latest 答复书 draft that was not returned. */
export function currentReply(view: Pick<StaffView, "documents">) {
  const reply = view.documents.filter((d) => d.kind === "REPLY").at(-1);
  return reply && !reply.returnedAt ? reply : null;
}

/** The actions decideRequest (and the assignment rule of assignRequest) would let this actor take now. */
export function allowedRequestActions(actor: Actor, view: Pick<StaffView, "status" | "department" | "documents" | "events">): RequestPageAction[] {
  const facts = {
    status: view.status,
    assignedDepartmentId: view.department?.id ?? null,
    draftedById: currentReply(view)?.draftedById ?? null,
    correctionRequested: view.events.some((e) => e.event.type === "CORRECTION_REQUESTED"),
  };
  const allowed: RequestPageAction[] = PAGE_EVENTS.filter((e) => decideRequest(facts, e, actor).ok);
  const assignable = view.status === "REGISTERED" || view.status === "IN_PROGRESS" || view.status === "CORRECTION_REQUESTED";
  if (assignable && can(actor, "request.assign")) allowed.push("assign");
  return allowed;
}

/** Display names of the staff who recorded events or drafted, approved and delivered replies. */
export async function staffNames(ids: readonly (string | null)[]): Promise<Record<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return {};
  const users = await db().user.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
  return Object.fromEntries(users.map((u) => [u.id, u.displayName]));
}

/** 承办处室 to choose from, in the bureau's order. */
export async function assignableDepartments(): Promise<{ id: string; name: string }[]> {
  return db().department.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true } });
}

export interface PublishedItemChoice {
  id: string;
  title: string;
  indexNumber: string | null;
}

/** 已主动公开: the published items a reply may point to, newest first (public data only). */
export async function publishedItemsForReply(take = 300): Promise<PublishedItemChoice[]> {
  const items = await db().disclosureItem.findMany({
    where: { publishedRevisionId: { not: null }, withdrawnAt: null },
    orderBy: { publishedAt: "desc" },
    take,
    select: { id: true, indexNumber: true, publishedRevision: { select: { title: true } } },
  });
  return items.map((i) => ({ id: i.id, title: i.publishedRevision?.title ?? "", indexNumber: i.indexNumber }));
}
