import "server-only";
import { z } from "zod";
import { computeFee, type Fee, type FeeBasis } from "@/lib/domain/requests/fees";
import { feeFields } from "@/lib/domain/requests/letters-notices";
import type { ClockEvent } from "@/lib/domain/requests/clock-events";
import type { RequestStatus } from "@/lib/domain/requests/status";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { conflict, invalid, ok, type Failure, type Result } from "@/lib/server/platform/result";
import { expectOne, refuse, refuseNotFound, Refusal, write, type Target } from "@/lib/server/platform/use-case";
import { appendEvent, clockOf, dateSchema, dateValue, decide, findInScope, isoDate, refuseClock, refuseDecision, todayOf, type LoadedRequest } from "./shared";

/**
 * 信息处理费 (条例 第四十二条; 国办函〔2020〕109号): the calculator, the 收费通知 and the payment.
 * Both go through the request's clock: the notice must fall within the reply period and only once;
 * the payment within 20 working days from the day after the notice was received. The fee window
 * lapsing unpaid is the clock's own 其他处理-2 (offersFeeUnpaid), closed by an ordinary reply.
 */

export const FEE_METHODS = ["per_piece", "per_page"] as const;
export type FeeMethod = (typeof FEE_METHODS)[number];
export const FEE_METHOD_LABELS: Record<FeeMethod, string> = { per_piece: "按件计收", per_page: "按量计收" };

/** The largest count a form may give: far above any real month's 件 or a request's pages. */
const MAX_QUANTITY = 100_000;

export const feeBasisSchema = z.object({
  method: z.enum(FEE_METHODS, { error: "请选择按件或按量计收" }),
  /**
   * 按件: this request is the applicant's `quantity`-th 件 of the natural month (it counts
   * itself); 按量: the pages (or equivalent) of this request.
   */
  quantity: z.coerce
    .number({ error: "请填写数量" })
    .int("数量应为整数")
    .min(1, "数量至少为 1")
    .max(MAX_QUANTITY, `数量不能超过 ${MAX_QUANTITY}`),
});
export const feeNoticeSchema = feeBasisSchema.extend({ noticeOn: dateSchema("申请人收到收费通知的日期") });
export const feePaidSchema = z.object({ paidOn: dateSchema("缴费日期") });

const fieldErrors = (error: z.ZodError) => z.flattenError(error).fieldErrors as Record<string, string[]>;

/** The basis computeFee takes: 按件 charges one piece at the rate of its place in the month. */
export function basisOf(input: z.infer<typeof feeBasisSchema>): FeeBasis {
  return input.method === "per_piece" ? { method: "per_piece", priorPiecesThisMonth: input.quantity - 1, pieces: 1 } : { method: "per_page", pages: input.quantity };
}

/** Why nothing is charged: a zero fee means no 收费通知 at all (109号 第四条/第五条 free tiers). */
export function freeMessage(input: z.infer<typeof feeBasisSchema>): string {
  return input.method === "per_piece"
    ? `按件计收时，申请人同一自然月内的前10件申请不收费；本申请为第${input.quantity}件，无需收费，不发收费通知。`
    : `按量计收时，30页（含）以内不收费；本申请共${input.quantity}页，无需收费，不发收费通知。`;
}

/** The calculator: the amount with its line breakdown, or field errors. Pure arithmetic, no write. */
export function previewFee(input: unknown): Result<Fee & { free: string | null }> {
  const parsed = feeBasisSchema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const fee = computeFee(basisOf(parsed.data));
  return ok({ ...fee, free: fee.totalYuan === 0 ? freeMessage(parsed.data) : null });
}

/**
 * 按件 is counted per applicant per natural month. The applicant is recognised by applicantKey (an
 * HMAC of the ID number, never the number): how many requests with that key were received in the
 * month of this one, and this one's place among them. Null for a request without an ID number
 * (imported history): the office counts by hand.
 */
export async function applicantMonthCount(request: { id: string; applicantKey: string | null; receivedOn: Date | null; number: string | null }) {
  if (!request.applicantKey || !request.receivedOn) return null;
  const received = isoDate(request.receivedOn);
  const monthStart = dateValue(`${received.slice(0, 7)}-01`);
  const next = new Date(monthStart);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const rows = await db().disclosureRequest.findMany({
    where: { applicantKey: request.applicantKey, receivedOn: { gte: monthStart, lt: next } },
    select: { id: true },
    orderBy: [{ receivedOn: "asc" }, { number: "asc" }, { createdAt: "asc" }],
  });
  return { month: received.slice(0, 7), count: rows.length, ordinal: rows.findIndex((r) => r.id === request.id) + 1 };
}

const FEE_CONFLICT = "收费信息已被他人更新，请刷新后查看。";
const feeConstraint = () => new Refusal("conflict", conflict(FEE_CONFLICT));

/** The fee desk is the office's (authz "request.fee"); then the request in scope, 办理中. */
async function loadForFee(actor: Actor, target: Target, id: string): Promise<{ ok: true; loaded: LoadedRequest; from: RequestStatus } | Failure> {
  if (!can(actor, "request.fee")) return refuse(actor, target, "wrong_role");
  const loaded = await findInScope(actor, id);
  if (!loaded) return refuseNotFound(actor, target);
  const d = decide(loaded, "clock_event", actor);
  if (!d.ok) return refuseDecision(actor, target, d);
  return { ok: true, loaded, from: d.from };
}

/** 发出收费通知: FeeCharge, the FEE_NOTICE event (the clock pauses) and the 收费通知书 draft. */
export async function issueFeeNotice(actor: Actor, id: string, input: unknown, now = new Date()): Promise<Result<{ seq: number; amountYuan: number; payBy: string }>> {
  const target: Target = { action: "request.fee.notice", entity: "DisclosureRequest", entityId: id };
  const parsed = feeNoticeSchema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const found = await loadForFee(actor, target, id);
  if (!found.ok) return found;
  const { loaded, from } = found;
  const fee = computeFee(basisOf(parsed.data));
  if (fee.totalYuan === 0) return refuse(actor, target, "free", invalid({ quantity: [freeMessage(parsed.data)] }, freeMessage(parsed.data)));
  const event: ClockEvent = { type: "FEE_NOTICE", on: parsed.data.noticeOn };
  const clock = await clockOf([...loaded.events, event], todayOf(now));
  if (!clock.ok) return refuseClock(actor, target, clock);
  const payBy = clock.fee!.windowEnd;
  const seq = loaded.events.length + 1;
  const { method, quantity, noticeOn } = parsed.data;
  return write(
    actor,
    target,
    async (tx) => {
      const { count } = await tx.disclosureRequest.updateMany({ where: { id, status: from }, data: { status: from } });
      expectOne(count, "该申请状态已变化，请刷新后查看。");
      await appendEvent(tx, id, seq, event, actor.id, { method, quantity, amountYuan: fee.totalYuan });
      await tx.feeCharge.create({ data: { requestId: id, method, quantity, amountYuan: fee.totalYuan, noticeOn: dateValue(noticeOn), issuedById: actor.id } });
      await tx.requestDocument.create({
        data: { requestId: id, kind: "FEE_NOTICE", fields: { seq, method, quantity, ...feeFields(fee), 收费通知日期: noticeOn, 缴费期限: payBy }, draftedById: actor.id },
      });
      await audit(tx, { actor, ...target, detail: { seq, method, quantity, amountYuan: fee.totalYuan, noticeOn, payBy } });
      return ok({ seq, amountYuan: fee.totalYuan, payBy });
    },
    { onConstraint: feeConstraint },
  );
}

/** 登记缴费: within the window only; of two recordings made at once exactly one lands. */
export async function recordFeePaid(actor: Actor, id: string, input: unknown, now = new Date()): Promise<Result<{ seq: number }>> {
  const target: Target = { action: "request.fee.paid", entity: "DisclosureRequest", entityId: id };
  const parsed = feePaidSchema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const found = await loadForFee(actor, target, id);
  if (!found.ok) return found;
  const { loaded, from } = found;
  const event: ClockEvent = { type: "FEE_PAID", on: parsed.data.paidOn };
  const clock = await clockOf([...loaded.events, event], todayOf(now));
  if (!clock.ok) return refuseClock(actor, target, clock);
  const seq = loaded.events.length + 1;
  return write(
    actor,
    target,
    async (tx) => {
      // The request is still 办理中: a reply drafted meanwhile (e.g. 逾期未缴费) wins, and this
      // no-op update holds the request's row, so such a draft waits for this payment and then sees it.
      const status = await tx.disclosureRequest.updateMany({ where: { id, status: from }, data: { status: from } });
      expectOne(status.count, "该申请状态已变化，可能已有人起草答复，请刷新后查看。");
      // The guard: the charge is still unpaid. A second recording waits on the row, then matches none.
      const { count } = await tx.feeCharge.updateMany({ where: { requestId: id, paidOn: null }, data: { paidOn: dateValue(parsed.data.paidOn) } });
      expectOne(count, "缴费已由他人登记，请刷新后查看。");
      await appendEvent(tx, id, seq, event, actor.id);
      await audit(tx, { actor, ...target, detail: { seq, paidOn: parsed.data.paidOn } });
      return ok({ seq });
    },
    { onConstraint: feeConstraint },
  );
}

/** 实际收取信息处理费 of a year (年报 六): the fees paid in it, whole 元. */
export async function feesCollected(year: number): Promise<number> {
  if (!Number.isSafeInteger(year)) throw new RangeError(`year must be an integer, got ${year}`);
  const { _sum } = await db().feeCharge.aggregate({
    _sum: { amountYuan: true },
    where: { paidOn: { gte: dateValue(`${year}-01-01`), lt: dateValue(`${year + 1}-01-01`) } },
  });
  return _sum.amountYuan ?? 0;
}

/** What the request page hands to <FeePanel>, read for one request the actor may see. */
export async function feePanelProps(
  actor: Actor,
  view: { id: string; status: string; fee: FeePanelFee | null; clock: { fee: FeeWindow | null; offersFeeUnpaid: boolean; due: string | null } | null },
) {
  const row = await db().disclosureRequest.findUnique({ where: { id: view.id }, select: { id: true, applicantKey: true, receivedOn: true, number: true } });
  const feeNotice = view.fee
    ? await db().requestEvent.findFirst({ where: { requestId: view.id, kind: "FEE_NOTICE" }, select: { seq: true } })
    : null;
  return {
    requestId: view.id,
    canCharge: can(actor, "request.fee"),
    inProgress: view.status === "IN_PROGRESS",
    fee: view.fee,
    window: view.clock?.fee ?? null,
    offersFeeUnpaid: view.clock?.offersFeeUnpaid ?? false,
    replyDue: view.clock?.due ?? null,
    noticeSeq: feeNotice?.seq ?? null,
    month: row ? await applicantMonthCount(row) : null,
  };
}

export interface FeePanelFee {
  method: string;
  quantity: number;
  amountYuan: number;
  noticeOn: string;
  paidOn: string | null;
}
export interface FeeWindow {
  noticeOn: string;
  windowEnd: string;
  paidOn: string | null;
}
export type FeePanelProps = Awaited<ReturnType<typeof feePanelProps>>;
