import "server-only";
import { webcrypto } from "node:crypto";
import { z } from "zod";
import { applicationSchema, staffRegistrationSchema, type ApplicationInput } from "@/lib/domain/requests/application-schema";
import { receiptDate, RECEIPT_RULES } from "@/lib/domain/requests/receipt";
import { REQUEST_STATUS_LABELS, type RequestStatus } from "@/lib/domain/requests/status";
import { parseTrackingCode, trackingCodeFromBytes, TRACKING_CODE_BYTES } from "@/lib/domain/requests/tracking-code";
import { isOrganisation } from "@/lib/domain/requests/vocabulary";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { applicantKey, seal, trackingCodeHash } from "@/lib/server/platform/crypto";
import { db } from "@/lib/server/platform/db";
import { invalid, notFound, ok, type Result } from "@/lib/server/platform/result";
import { expectOne, refuse, refuseNotFound, write, type Target } from "@/lib/server/platform/use-case";
import {
  appendEvent,
  clockOf,
  dateValue,
  decide,
  findInScope,
  isoDate,
  maskIdNumber,
  maskName,
  nextRequestNumber,
  onConstraint,
  refuseDecision,
  todayOf,
  toClockEvent,
} from "./shared";

/**
 * How a request comes in: the public form (第二十九条), the office's confirmation that fixes its
 * 收到日 (第三十一条), staff registration of letters, walk-ins, faxes and e-mails, assignment to a
 * 承办处室, and the public tracking page.
 */

export interface PersonalData {
  name: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  postcode: string;
  legalRepresentative: string;
  contactPerson: string;
}

/** The columns that carry an applicant: sealed in full, plus the masked copies and the applicant hash. */
export function applicantColumns(a: ApplicationInput) {
  const personal: PersonalData = {
    name: a.name,
    idNumber: a.idNumber,
    phone: a.phone,
    email: a.email,
    address: a.address,
    postcode: a.postcode,
    legalRepresentative: a.legalRepresentative,
    contactPerson: a.contactPerson,
  };
  return {
    applicantType: a.applicantType,
    idType: a.idType,
    personalData: seal(personal),
    applicantNameMasked: maskName(a.name, isOrganisation(a.applicantType)),
    idNumberMasked: maskIdNumber(a.idNumber),
    applicantKey: applicantKey(a.idType, a.idNumber),
    description: a.description,
    purpose: a.purpose,
    deliveryForm: a.deliveryForm,
    deliveryMethod: a.deliveryMethod,
  };
}

function newTrackingCode(): { code: string; hash: string } {
  const code = trackingCodeFromBytes(webcrypto.getRandomValues(new Uint8Array(TRACKING_CODE_BYTES)));
  return { code, hash: trackingCodeHash(code) };
}

const fieldErrors = (error: z.ZodError) => z.flattenError(error).fieldErrors as Record<string, string[]>;

/**
 * 在线申请 (第二十九条). No staff member acts, so the audit row names 公众 and the client address.
 * The 查询码 is returned this once and only its hash is kept. The 收到日 is not set: it is the
 * day the office confirms the application (第三十一条第三项).
 */
export async function submitOnlineApplication(
  input: unknown,
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
  extras: { idCopy?: { mimeType: string; size: number; sealed: Uint8Array } } = {},
): Promise<Result<{ trackingCode: string; receiptRule: string; submittedAt: Date }>> {
  const parsed = applicationSchema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const tracking = newTrackingCode();
  const { idCopy } = extras;
  await db().$transaction(async (tx) => {
    const row = await tx.disclosureRequest.create({
      data: { ...applicantColumns(parsed.data), channel: "online", status: "RECEIVED_ONLINE", trackingCodeHash: tracking.hash, submittedAt: now },
    });
    // 身份证明复印件 (lib/server/requests/id-copy.ts): sealed, in the request's own transaction.
    if (idCopy) await tx.requestIdCopy.create({ data: { requestId: row.id, mimeType: idCopy.mimeType, size: idCopy.size, sealed: Buffer.from(idCopy.sealed) } });
    const detail = idCopy ? { idCopy: { mimeType: idCopy.mimeType, size: idCopy.size } } : undefined;
    await audit(tx, { actorName: "公众", action: "request.submit", entity: "DisclosureRequest", entityId: row.id, meta, detail });
  });
  return ok({ trackingCode: tracking.code, receiptRule: RECEIPT_RULES.online.text, submittedAt: now });
}

/** 双方确认: the office confirms an online application; that day is its 收到日 and it gets its 编号. */
export async function confirmApplication(actor: Actor, id: string, now = new Date()): Promise<Result<{ number: string; receivedOn: string }>> {
  const target: Target = { action: "request.confirm", entity: "DisclosureRequest", entityId: id };
  const loaded = await findInScope(actor, id);
  if (!loaded) return refuseNotFound(actor, target);
  const d = decide(loaded, "confirm", actor);
  if (!d.ok) return refuseDecision(actor, target, d);
  const receivedOn = todayOf(now);
  return write(
    actor,
    target,
    async (tx) => {
      const number = await nextRequestNumber(tx, receivedOn);
      const { count } = await tx.disclosureRequest.updateMany({
        where: { id, status: d.from },
        data: { status: d.to, receivedOn: dateValue(receivedOn), number, createdById: actor.id },
      });
      expectOne(count, "该申请已被他人确认，请刷新后查看。");
      await appendEvent(tx, id, 1, { type: "RECEIVED", on: receivedOn }, actor.id);
      await audit(tx, { actor, ...target, detail: { number, receivedOn } });
      return ok({ number, receivedOn });
    },
    { onConstraint },
  );
}

const registrationExtrasSchema = z.object({
  departmentId: z.string().max(64).optional(),
  idCopyFileId: z.string().max(64).optional(),
});

/**
 * Staff register a letter (挂号信: 签收日; 平信: confirmation day), a walk-in or an oral request
 * written down by staff (当面: that day), a fax or an e-mail — the 第三十一条 rule per channel, the
 * same validation as the public form, and no 收到日 in the future.
 */
export async function registerRequest(
  actor: Actor,
  input: unknown,
  now = new Date(),
): Promise<Result<{ id: string; number: string; trackingCode: string; receivedOn: string }>> {
  const target: Target = { action: "request.register", entity: "DisclosureRequest" };
  if (!can(actor, "request.register")) return refuse(actor, target, "wrong_role");
  const today = todayOf(now);
  const parsed = staffRegistrationSchema(today).safeParse(input);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const extras = registrationExtrasSchema.safeParse(input);
  if (!extras.success) return invalid(fieldErrors(extras.error));
  const receipt = receiptDate(parsed.data.channel, parsed.data, today);
  if (!receipt.ok) return invalid({ [receipt.field]: [receipt.message] });
  // A form's "暂不分办" sends an empty string: that is no department, not a department called "".
  const departmentId = extras.data.departmentId || undefined;
  const idCopyFileId = extras.data.idCopyFileId || undefined;
  if (departmentId && !(await db().department.findUnique({ where: { id: departmentId } }))) return invalid({ departmentId: ["请选择承办处室"] });
  if (idCopyFileId && !(await db().storedFile.findUnique({ where: { id: idCopyFileId } }))) return invalid({ idCopyFileId: ["身份证明文件不存在，请重新上传"] });
  const tracking = newTrackingCode();
  return write(actor, target, async (tx) => {
    const number = await nextRequestNumber(tx, receipt.receivedOn);
    const row = await tx.disclosureRequest.create({
      data: {
        ...applicantColumns(parsed.data),
        channel: parsed.data.channel,
        status: departmentId ? "IN_PROGRESS" : "REGISTERED",
        assignedDepartmentId: departmentId ?? null,
        trackingCodeHash: tracking.hash,
        number,
        submittedAt: now,
        receivedOn: dateValue(receipt.receivedOn),
        createdById: actor.id,
        idCopyFileId: idCopyFileId ?? null,
      },
    });
    await appendEvent(tx, row.id, 1, { type: "RECEIVED", on: receipt.receivedOn }, actor.id);
    await audit(tx, { actor, ...target, entityId: row.id, detail: { number, channel: parsed.data.channel, receivedOn: receipt.receivedOn } });
    return ok({ id: row.id, number, trackingCode: tracking.code, receivedOn: receipt.receivedOn });
  });
}

/** 分派承办处室: a registered request goes into progress; an open one may be reassigned. */
export async function assignRequest(actor: Actor, id: string, departmentId: string): Promise<Result<{ status: RequestStatus }>> {
  const target: Target = { action: "request.assign", entity: "DisclosureRequest", entityId: id };
  const loaded = await findInScope(actor, id);
  if (!loaded) return refuseNotFound(actor, target);
  if (!can(actor, "request.assign")) return refuse(actor, target, "wrong_role");
  const { status } = loaded.row;
  let to: RequestStatus = status;
  if (status === "REGISTERED") {
    const d = decide(loaded, "accept", actor);
    if (!d.ok) return refuseDecision(actor, target, d);
    to = d.to;
  } else if (status !== "IN_PROGRESS" && status !== "CORRECTION_REQUESTED") {
    return refuseDecision(actor, target, { ok: false, reason: "wrong_status" });
  }
  const department = typeof departmentId === "string" ? await db().department.findUnique({ where: { id: departmentId } }) : null;
  if (!department) return invalid({ departmentId: ["请选择承办处室"] });
  return write(actor, target, async (tx) => {
    const { count } = await tx.disclosureRequest.updateMany({
      where: { id, status, assignedDepartmentId: loaded.row.assignedDepartmentId },
      data: { status: to, assignedDepartmentId: department.id },
    });
    expectOne(count, "该申请已被他人分派或状态已变化，请刷新后查看。");
    await audit(tx, { actor, ...target, detail: { from: loaded.row.assignedDepartmentId, to: department.id } });
    return ok({ status: to });
  });
}

export interface TrackView {
  status: RequestStatus;
  statusLabel: string;
  receivedOn: string;
  /** The reply due date; null while waiting for a 补正. */
  dueOn: string | null;
  /** The due date rests on holidays computed for a year whose notice is not yet entered. */
  provisional: boolean;
  closedOn: string | null;
}

/** Answered alike for a code never issued and for an application not yet confirmed. */
export const NOT_TRACKABLE = "未查询到已受理的申请。在线提交的申请经本机关确认收到后方可查询，请核对查询码或稍后再试。";

/**
 * /track: status and dates only — never the applicant, the content or the outcome's reasons —
 * for the holder of the 查询码.
 */
export async function trackRequest(code: string, now = new Date()): Promise<Result<TrackView>> {
  const parsed = parseTrackingCode(typeof code === "string" ? code : "");
  if (!parsed.ok) return invalid({ code: [parsed.message] }, parsed.message);
  const row = await db().disclosureRequest.findUnique({
    where: { trackingCodeHash: trackingCodeHash(parsed.code) },
    select: { status: true, receivedOn: true, closedOn: true, events: { orderBy: { seq: "asc" }, select: { kind: true, on: true, data: true } } },
  });
  if (!row || row.status === "RECEIVED_ONLINE" || !row.receivedOn) return notFound(NOT_TRACKABLE);
  const clock = await clockOf(row.events.map(toClockEvent), todayOf(now));
  return ok({
    status: row.status,
    statusLabel: REQUEST_STATUS_LABELS[row.status],
    receivedOn: isoDate(row.receivedOn),
    dueOn: clock.ok ? clock.due : null,
    provisional: clock.ok ? clock.provisional : false,
    closedOn: row.closedOn ? isoDate(row.closedOn) : null,
  });
}
