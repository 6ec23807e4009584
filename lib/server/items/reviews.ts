import "server-only";
import { DECISION_LABELS, parseReview } from "@/lib/domain/review";
import { STAGE_ACTORS, STAGE_LABELS, STAGE_OF_STATUS, STATUS_LABELS } from "@/lib/domain/workflow";
import type { AuditAction } from "@/lib/domain/audit";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { authorizeTransition } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { findItemFacts } from "./facts";
import { conflict, invalid, ok, type Result } from "@/lib/server/platform/result";
import { expectOne, refuseNotFound, write, type Target } from "@/lib/server/platform/use-case";
import { handOver, refuseTransition } from "./transition";
import { secrecyFlags } from "./secrecy";

/** Use cases of the reviewers: 处室负责人 → 分管领导 → 保密审查. */

const EVENT = { APPROVE: "approve", RETURN: "return", REJECT: "reject", REFER: "refer" } as const;

/**
 * 审核: approve, return (comment), reject (statutory reason + comment) or, at 保密审查, refer to the
 * 保密行政管理部门 (held until the reviewer records the outcome). The approval binds to the exact
 * revision and its content hash; 保密审查 also records the checklist, legal basis and the scan
 * flags the reviewer acknowledged.
 */
export async function reviewItem(actor: Actor, itemId: string, raw: Record<string, unknown>): Promise<Result<{ status: string }>> {
  const facts = await findItemFacts(actor, itemId);
  // The decision is known before the form is checked, so even a probe is audited under its action.
  const asked = EVENT[String(raw.decision) as keyof typeof EVENT] ?? "approve";
  if (!facts) return refuseNotFound(actor, { action: `item.review.${asked}`, entity: "DisclosureItem", entityId: itemId });
  const stage = STAGE_OF_STATUS[facts.item.status];
  const flags = stage === "SECRECY" ? await secrecyFlags(facts.revision.id) : [];
  const parsed = parseReview(raw, { stage: stage ?? "DEPT_HEAD", flagIds: flags.map((f) => f.id), blockingFlagIds: flags.filter((f) => f.blocking).map((f) => f.id) });
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const input = parsed.value;
  const target: Target = { action: `item.review.${EVENT[input.decision]}` satisfies AuditAction, entity: "DisclosureItem", entityId: itemId };
  const d = authorizeTransition(actor, facts.workflow, EVENT[input.decision]);
  if (!d.ok) {
    const refused = await refuseTransition(actor, target, d);
    // Came second: the item has moved on past a stage this person acts on (a colleague at the same
    // stage decided first) — say who did, rather than "no permission".
    const movedOn = d.reason === "wrong_role" && facts.approvals.some((a) => actor.roles.includes(STAGE_ACTORS[a.stage].role));
    return d.reason === "wrong_status" || movedOn ? alreadyHandled(itemId, input.revisionId) : refused;
  }
  const result = await write(actor, target, async (tx) => {
    // The guard that makes two simultaneous clicks give one transition: status AND revision.
    const { count } = await tx.disclosureItem.updateMany({
      // …and, at 分管领导审核, that the department's 分管领导 is still this person (reassigned meanwhile: refused).
      where: { id: itemId, status: d.from, currentRevisionId: input.revisionId, ...(d.stage === "LEADER" ? { department: { leaderId: actor.id } } : {}) },
      data: {
        status: d.to,
        referredAt: input.decision === "REFER" ? new Date() : undefined,
        // A rejected edit of a live item is discarded: the item is its published revision again.
        currentRevisionId: input.decision === "REJECT" && d.to === "PUBLISHED" ? facts.item.publishedRevisionId! : undefined,
      },
    });
    expectOne(count, "conflict");
    await tx.reviewRecord.create({
      data: {
        itemId,
        revisionId: input.revisionId,
        contentHash: facts.revision.contentHash,
        stage: d.stage!,
        decision: input.decision,
        reviewerId: actor.id,
        comment: input.comment,
        reasonCode: input.reasonCode,
        detail: input.detail ? { ...input.detail } : undefined,
      },
    });
    const title = `「${facts.revision.title}」${STAGE_LABELS[d.stage!]}：${DECISION_LABELS[input.decision]}，${STATUS_LABELS[d.to]}`;
    await handOver(tx, itemId, facts.workflow, d.from, d.to, title);
    await audit(tx, {
      actor,
      ...target,
      detail: { stage: d.stage, from: d.from, to: d.to, revisionId: input.revisionId, reasonCode: input.reasonCode },
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
