import "server-only";
import { z } from "zod";
import { OUTCOME_KEYS, OUTCOMES, type Outcome } from "@/lib/domain/requests/outcomes";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";
import { invalid, ok, type Result } from "@/lib/server/platform/result";
import { expectOne, refuse, refuseNotFound, write, type Target } from "@/lib/server/platform/use-case";
import {
  appendEvent,
  clockOf,
  dateSchema,
  dateValue,
  decide,
  findInScope,
  formatReplyNumber,
  nextSerial,
  onConstraint,
  refuseClock,
  refuseDecision,
  todayOf,
} from "./shared";
import { clerkFields, replyTemplateKey, TEMPLATE_KEY_FIELD } from "./documents";
import { loadLetterTemplate } from "./templates";

/**
 * The reply (答复): drafted by the assigned 处室's 联络员 or the office, approved by someone else
 * (maker–checker), delivered by the office. The 答复书文号 is assigned when the reply is approved —
 * the letter is final then and is printed, stamped and sent with its number — from a per-year
 * counter in the approving transaction, so numbers have no gaps or repeats. Delivery records the
 * day it was handed over or posted (国办公开办函〔2016〕235号) and closes the request with exactly
 * the one outcome the approved reply carries.
 */

export const replyDraftSchema = z.object({
  outcome: z.enum(OUTCOME_KEYS as [Outcome, ...Outcome[]], { error: "请选择办理结果" }),
  basis: z.string().trim().max(500, "法律依据不能超过 500 个字").optional(),
  body: z.string().max(20_000, "答复正文不能超过 20000 个字").default(""),
  fields: z.record(z.string(), z.unknown()).default({}),
  providedItemId: z.string().max(64).optional(),
  attachmentFileIds: z.array(z.string().max(64)).max(20, "附件不能超过 20 个").default([]),
});

export async function draftReply(actor: Actor, id: string, input: unknown, now = new Date()): Promise<Result<{ documentId: string }>> {
  const target: Target = { action: "request.reply.draft", entity: "DisclosureRequest", entityId: id };
  const parsed = replyDraftSchema.safeParse(input);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const loaded = await findInScope(actor, id);
  if (!loaded) return refuseNotFound(actor, target);
  const d = decide(loaded, "draft_reply", actor);
  if (!d.ok) return refuseDecision(actor, target, d);
  const { outcome, providedItemId, attachmentFileIds } = parsed.data;
  const today = todayOf(now);
  const clock = await clockOf(loaded.events, today);
  if (!clock.ok) return refuseClock(actor, target, clock);
  const refusal = outcomeRefusal(outcome, loaded.row.status, clock);
  if (refusal) return refuse(actor, target, "outcome_not_available", { ok: false, error: "invalid", message: refusal, fieldErrors: { outcome: [refusal] } });
  const closable = await clockOf([...loaded.events, { type: "REPLIED", on: today }], today);
  if (!closable.ok) return refuseClock(actor, target, closable);
  if (providedItemId && !(await db().disclosureItem.findFirst({ where: { id: providedItemId, publishedRevisionId: { not: null }, withdrawnAt: null } }))) {
    return invalid({ providedItemId: ["所指的主动公开信息不存在或未发布"] });
  }
  if (attachmentFileIds.length && (await db().storedFile.count({ where: { id: { in: attachmentFileIds } } })) !== new Set(attachmentFileIds).size) {
    return invalid({ attachmentFileIds: ["附件不存在，请重新上传"] });
  }
  const basis = parsed.data.basis || `《中华人民共和国政府信息公开条例》${OUTCOMES[outcome].basis}`;
  // Only what the chosen letter asks the clerk to type is kept: 申请人, 收到日期, 机关名称 … are the system's.
  const templateKey = replyTemplateKey(outcome, parsed.data.fields);
  const typed = templateKey ? clerkFields(await loadLetterTemplate(templateKey), parsed.data.fields) : {};
  const fields = { ...(templateKey ? { [TEMPLATE_KEY_FIELD]: templateKey } : {}), ...typed };
  return write(actor, target, async (tx) => {
    const { count } = await tx.disclosureRequest.updateMany({ where: { id, status: d.from }, data: { status: d.to } });
    expectOne(count, "该申请状态已变化，可能已有人起草答复，请刷新后查看。");
    if (outcome === "other_2_fee_unpaid") {
      // Re-read under the request's row lock: a payment recorded meanwhile (recordFeePaid holds the
      // same row) is committed by now, and the fee is no longer unpaid.
      const unpaid = await tx.feeCharge.count({ where: { requestId: id, paidOn: null } });
      expectOne(unpaid, "缴费已登记，不能按逾期未缴费处理，请刷新后查看。");
    }
    const doc = await tx.requestDocument.create({
      data: {
        requestId: id,
        kind: "REPLY",
        outcome,
        fields: { ...fields, basis, body: parsed.data.body, attachmentFileIds } as object,
        providedItemId: providedItemId ?? null,
        draftedById: actor.id,
      },
    });
    await audit(tx, { actor, ...target, detail: { outcome, documentId: doc.id } });
    return ok({ documentId: doc.id });
  });
}

/**
 * Outcomes that rest on a lapsed deadline are open only once it has lapsed; 无法提供-3
 * (补正后申请内容仍不明确, 第三十条) only once a 补正 was asked for and received.
 */
export function outcomeRefusal(
  outcome: Outcome,
  status: string,
  clock: { offersNoCorrection: boolean; offersFeeUnpaid: boolean; correction: { receivedOn: string | null } | null },
): string | null {
  if (status === "CORRECTION_REQUESTED" && outcome !== "other_1_no_correction") return "正在等待申请人补正，此时只能答复“申请人无正当理由逾期不补正”。";
  if (outcome === "other_1_no_correction" && !clock.offersNoCorrection) return "补正期限尚未届满或申请人已补正，不能按逾期不补正处理。";
  if (outcome === "other_2_fee_unpaid" && !clock.offersFeeUnpaid) return "缴费期限尚未届满或申请人已缴费，不能按逾期未缴费处理。";
  if (outcome === "unable_3_unclear" && !clock.correction?.receivedOn) return UNCLEAR_WITHOUT_CORRECTION;
  return null;
}

const UNCLEAR_WITHOUT_CORRECTION =
  "尚未收到申请人的补正，不能按“补正后申请内容仍不明确”答复：申请内容不明确的，应先一次性告知申请人补正（条例第三十条）；逾期不补正的，按“申请人无正当理由逾期不补正”答复。";

/** 审核同意: not by the drafter; assigns the 答复书文号. */
export async function approveReply(actor: Actor, id: string, now = new Date()): Promise<Result<{ replyNumber: string }>> {
  const target: Target = { action: "request.reply.approve", entity: "DisclosureRequest", entityId: id };
  const loaded = await findInScope(actor, id);
  if (!loaded) return refuseNotFound(actor, target);
  const d = decide(loaded, "approve_reply", actor);
  if (!d.ok) return refuseDecision(actor, target, d);
  const reply = loaded.reply!;
  const year = Number(todayOf(now).slice(0, 4));
  return write(
    actor,
    target,
    async (tx) => {
      const { count } = await tx.disclosureRequest.updateMany({ where: { id, status: d.from }, data: { status: d.to } });
      expectOne(count, "该答复已被他人审核，请刷新后查看。");
      const replyNumber = formatReplyNumber(year, await nextSerial(tx, "reply", year));
      await tx.disclosureRequest.update({ where: { id }, data: { replyNumber } });
      const approved = await tx.requestDocument.updateMany({
        where: { id: reply.id, approvedAt: null, returnedAt: null },
        data: { approvedById: actor.id, approvedAt: now, number: replyNumber },
      });
      expectOne(approved.count, "该答复已被他人审核，请刷新后查看。");
      await audit(tx, { actor, ...target, detail: { replyNumber, documentId: reply.id } });
      return ok({ replyNumber });
    },
    { onConstraint },
  );
}

/** 退回: back to the drafter with a required comment. */
export async function returnReply(actor: Actor, id: string, rawComment: unknown, now = new Date()): Promise<Result> {
  const target: Target = { action: "request.reply.return", entity: "DisclosureRequest", entityId: id };
  const comment = z.string().trim().min(1, "请填写退回意见").max(1000, "退回意见不能超过 1000 个字").safeParse(rawComment ?? "");
  if (!comment.success) return invalid({ comment: comment.error.issues.map((i) => i.message) });
  const loaded = await findInScope(actor, id);
  if (!loaded) return refuseNotFound(actor, target);
  const d = decide(loaded, "return_reply", actor);
  if (!d.ok) return refuseDecision(actor, target, d);
  const reply = loaded.reply!;
  return write(actor, target, async (tx) => {
    const { count } = await tx.disclosureRequest.updateMany({ where: { id, status: d.from }, data: { status: d.to } });
    expectOne(count, "该答复已被他人审核，请刷新后查看。");
    await tx.requestDocument.update({ where: { id: reply.id }, data: { returnedAt: now, returnComment: comment.data } });
    await audit(tx, { actor, ...target, detail: { comment: comment.data, documentId: reply.id } });
    return ok(undefined);
  });
}

/**
 * 送达方式 (国办公开办函〔2016〕235号): 当面送达 (signed for), 邮寄 (EMS or the postal enterprise),
 * 电子邮件, 网上获取. Kept in the REPLIED event; optional for callers that predate it.
 */
export const DELIVERY_WAYS = ["in_person", "post", "email", "online"] as const;
export type DeliveryWay = (typeof DELIVERY_WAYS)[number];
const deliveryMethodSchema = z.enum(DELIVERY_WAYS, { error: "请选择送达方式" }).optional();

/**
 * 送达: the day the approved reply was handed over or posted. Closes the request with the reply's
 * outcome; a second delivery (two clicks, two clerks) finds it closed and is refused.
 */
export async function deliverReply(
  actor: Actor,
  id: string,
  rawDeliveredOn: unknown,
  now = new Date(),
  rawMethod?: unknown,
): Promise<Result<{ outcome: string; closedOn: string; replyNumber: string }>> {
  const target: Target = { action: "request.deliver", entity: "DisclosureRequest", entityId: id };
  const deliveredOn = dateSchema("送达日期").safeParse(rawDeliveredOn);
  if (!deliveredOn.success) return invalid({ deliveredOn: deliveredOn.error.issues.map((i) => i.message) });
  const method = deliveryMethodSchema.safeParse(rawMethod);
  if (!method.success) return invalid({ method: method.error.issues.map((i) => i.message) });
  const loaded = await findInScope(actor, id);
  if (!loaded) return refuseNotFound(actor, target);
  const d = decide(loaded, "deliver_reply", actor);
  if (!d.ok) return refuseDecision(actor, target, d);
  const on = deliveredOn.data;
  // The letter is handed over or posted once approved: a day before the approval is a typo.
  const approvedOn = loaded.reply?.approvedAt ? todayOf(loaded.reply.approvedAt) : null;
  if (approvedOn && on < approvedOn) return invalid({ deliveredOn: [`送达日期不能早于答复审核同意之日（${approvedOn}）`] });
  const clock = await clockOf([...loaded.events, { type: "REPLIED", on }], todayOf(now));
  if (!clock.ok) return refuseClock(actor, target, clock);
  const reply = loaded.reply!;
  const outcome = reply.outcome!;
  const replyNumber = loaded.row.replyNumber!;
  return write(
    actor,
    target,
    async (tx) => {
      const { count } = await tx.disclosureRequest.updateMany({
        where: { id, status: d.from, outcome: null },
        data: { status: d.to, outcome, closedOn: dateValue(on) },
      });
      expectOne(count, "该申请已办结，请刷新后查看。");
      await tx.requestDocument.update({ where: { id: reply.id }, data: { deliveredOn: dateValue(on) } });
      await appendEvent(tx, id, loaded.events.length + 1, { type: "REPLIED", on }, actor.id, method.data ? { method: method.data } : {});
      await audit(tx, { actor, ...target, detail: { outcome, closedOn: on, replyNumber, method: method.data ?? null } });
      return ok({ outcome, closedOn: on, replyNumber });
    },
    { onConstraint },
  );
}
