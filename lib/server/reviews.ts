import "server-only";
import { z } from "zod";
import { reviewCommentSchema } from "@/lib/domain/item";
import { STAGE_LABELS, STATUS_LABELS } from "@/lib/domain/workflow";
import type { Actor } from "./actor";
import { audit } from "./audit";
import { authorizeTransition } from "./authz";
import { db } from "./db";
import { findItemFacts } from "./item-facts";
import { refuse, runGuarded } from "./items";
import { nextHandlers, notify } from "./notifications";
import { conflict, invalid, notFound, ok, UseCaseError, type Result } from "./result";

/** Use cases of the reviewers: 处室负责人 → 分管领导 → 保密审查. */

export const reviewInputSchema = z.object({
  decision: z.enum(["APPROVE", "RETURN", "REJECT"], { error: "请选择审核意见" }),
  revisionId: z.string().min(1).max(64),
  comment: z.string().trim().max(2000, "意见不能超过 2000 个字").optional(),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

const EVENT = { APPROVE: "approve", RETURN: "return", REJECT: "reject" } as const;
const DECISION_LABELS = { APPROVE: "通过", RETURN: "退回修改", REJECT: "不予公开", REFER: "报送保密行政管理部门" } as const;

export async function reviewItem(actor: Actor, itemId: string, raw: unknown): Promise<Result<{ status: string }>> {
  const parsed = reviewInputSchema.safeParse(raw);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const input = parsed.data;
  if (input.decision !== "APPROVE") {
    const comment = reviewCommentSchema.safeParse(input.comment ?? "");
    if (!comment.success) return invalid({ comment: comment.error.issues.map((i) => i.message) });
  }
  const facts = await findItemFacts(actor, itemId);
  if (!facts) return notFound();
  const action = `item.review.${input.decision.toLowerCase()}`;
  const d = authorizeTransition(actor, facts.workflow, EVENT[input.decision]);
  if (!d.ok) {
    if (d.reason === "wrong_status") return alreadyHandled(itemId, facts.revision.id);
    return refuse(actor, itemId, action, d.reason);
  }
  const result = await runGuarded(async (tx) => {
    // The guard that makes two simultaneous clicks give one transition: status AND revision.
    const { count } = await tx.disclosureItem.updateMany({
      where: { id: itemId, status: d.from, currentRevisionId: input.revisionId },
      data: { status: d.to },
    });
    if (count === 0) throw new UseCaseError(conflict("conflict"));
    await tx.reviewRecord.create({
      data: {
        itemId,
        revisionId: input.revisionId,
        contentHash: facts.revision.contentHash,
        stage: d.stage!,
        decision: input.decision,
        reviewerId: actor.id,
        comment: input.comment || null,
      },
    });
    const handlers = await nextHandlers(tx, d.to, facts.workflow);
    const title = `「${facts.revision.title}」${STAGE_LABELS[d.stage!]}：${DECISION_LABELS[input.decision]}，${STATUS_LABELS[d.to]}`;
    await notify(tx, handlers, { title, itemId, link: `/console/items/${itemId}` });
    await audit(tx, {
      actor,
      action,
      entity: "DisclosureItem",
      entityId: itemId,
      detail: { stage: d.stage, from: d.from, to: d.to, revisionId: input.revisionId },
    });
    return ok({ status: d.to });
  });
  if (!result.ok && result.error === "conflict") return alreadyHandled(itemId, input.revisionId);
  return result;
}

/** "already handled by …": names who acted, so the second reviewer knows what happened. */
async function alreadyHandled(itemId: string, revisionId: string) {
  const last = await db().reviewRecord.findFirst({
    where: { itemId },
    orderBy: { createdAt: "desc" },
    include: { reviewer: { select: { displayName: true } } },
  });
  const current = await db().disclosureItem.findUnique({ where: { id: itemId }, select: { currentRevisionId: true } });
  if (current && current.currentRevisionId !== revisionId) {
    return conflict("该信息已有新版本，您查看的不是最新内容。请刷新后重新审核。");
  }
  return conflict(
    last
      ? `该信息已由${last.reviewer.displayName}处理（${STAGE_LABELS[last.stage]}：${DECISION_LABELS[last.decision]}），无需重复操作。`
      : "该信息已被他人处理，请刷新后查看。",
  );
}
