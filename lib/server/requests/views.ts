import "server-only";
import type { RequestClock } from "@/lib/domain/requests/clock";
import type { ClockEvent } from "@/lib/domain/requests/clock-events";
import { REQUEST_STATUS_LABELS, type RequestStatus } from "@/lib/domain/requests/status";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can, handlesPersonalData, requestScope } from "@/lib/server/platform/authz";
import { unseal } from "@/lib/server/platform/crypto";
import { db } from "@/lib/server/platform/db";
import { forbidden, ok, type Result } from "@/lib/server/platform/result";
import { refuse, refuseNotFound, type Target } from "@/lib/server/platform/use-case";
import type { PersonalData } from "./intake";
import { calendarFor, isoDate, todayOf, toClockEvent } from "./shared";
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
          },
        })
      : null;
  if (!row) return refuseNotFound(actor, target);
  const clear = handlesPersonalData(actor, row);
  if (clear && row.personalData) await audit(null, { actor, ...target });
  const events: ClockEvent[] = row.events.map(toClockEvent);
  const today = todayOf(now);
  const clock = row.receivedOn ? computeRequestClock(events, await calendarFor(today), { today }) : null;
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
}

/**
 * 待办: the open requests of the actor's scope — the office's all, a 处室's its own — flagged
 * 即将到期 (≤ 5 working days) and 已超期 by their clock, soonest due first; applications awaiting
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
  const queue = rows.map((r): QueueRow => {
    const result = r.receivedOn ? computeRequestClock(r.events.map(toClockEvent), calendar, { today }) : null;
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
    };
  });
  queue.sort((a, b) => (a.due ?? "9999") .localeCompare(b.due ?? "9999") || (a.number ?? "").localeCompare(b.number ?? ""));
  return ok(queue);
}
