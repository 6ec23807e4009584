import "server-only";
import { chinaYear, formatChineseDateTime } from "@/lib/domain/dates";
import { withdrawReasonSchema } from "@/lib/domain/item";
import { ATTRIBUTE_LABELS } from "@/lib/domain/attributes";
import { parsePublishAt } from "@/lib/domain/review";
import { formatIndexNumber } from "@/lib/domain/index-number";
import { isFullyApproved } from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import { invalidatePublic, PUBLIC_EFFECTS } from "@/lib/server/platform/public-cache";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { authorizeTransition } from "@/lib/server/platform/authz";
import { findItemFacts } from "./facts";
import { conflict, invalid, ok, type Result } from "@/lib/server/platform/result";
import { expectOne, refuse, refuseNotFound, write, type Target } from "@/lib/server/platform/use-case";
import { handOver, refuseTransition } from "./transition";
import type { Tx } from "@/lib/server/platform/db";
import { reportItemPublished, reportItemWithdrawn, reportVersionPublishedAfterCommit } from "@/lib/server/reports/publication-hook";

/**
 * Publication and the publishability rule (DESIGN §8), the one definition every public surface
 * uses: a published revision that passed 保密审查, is 主动公开, has an 索引号, is not withdrawn,
 * and whose publishAt has passed. Revisions and review records are immutable in the database, so
 * the approvals checked at publication stay bound to the content shown.
 */
export function publicItemWhere(now: Date): Prisma.DisclosureItemWhereInput {
  return {
    indexNumber: { not: null },
    withdrawnAt: null,
    publishAt: { lte: now },
    publishedRevision: {
      is: { attribute: "PROACTIVE", reviews: { some: { stage: "SECRECY", decision: "APPROVE" } } },
    },
  };
}

/**
 * 发布: only an approved item, only by the disclosure office, only if every stage approved this
 * content. `publishAt` in the future schedules it: the item appears then without any job running,
 * because the publishability rule includes `publishAt <= now`. Re-publishing an edited item keeps
 * its 索引号 and replaces the public revision at once (a schedule would hide the old one meanwhile).
 */
export async function publishItem(
  actor: Actor,
  itemId: string,
  expectedRevisionId: string,
  options: { publishAt?: string | null } = {},
  now = new Date(),
): Promise<Result<{ indexNumber: string; publishAt: Date }>> {
  const facts = await findItemFacts(actor, itemId);
  const republish = !!facts?.item.publishedRevisionId;
  const target: Target = { action: republish ? "item.republish" : "item.publish", entity: "DisclosureItem", entityId: itemId };
  if (!facts) return refuseNotFound(actor, target);
  const d = authorizeTransition(actor, facts.workflow, "publish");
  if (!d.ok) return refuseTransition(actor, target, d);
  if (facts.revision.attribute !== "PROACTIVE") {
    return refuse(actor, target, "not_proactive", conflict(`该信息的公开属性为「${ATTRIBUTE_LABELS[facts.revision.attribute]}」，不在网站主动公开；审核结论已记录在案。`));
  }
  const when = parsePublishAt(options.publishAt, now);
  if (!when.ok) return invalid({ publishAt: [when.message] });
  if (when.at && republish) return invalid({ publishAt: ["重新发布已公开的信息不能定时：公开网站将立即显示新版本"] });
  const publishAt = when.at ?? now;
  const result = await write(actor, target, async (tx) => {
    const reviews = await tx.reviewRecord.findMany({ where: { revisionId: expectedRevisionId } });
    if (facts.revision.id !== expectedRevisionId || !isFullyApproved(facts.workflow.stages, facts.revision.contentHash, reviews)) {
      return conflict("该版本未经全部审核环节通过，不能发布。");
    }
    const { count } = await tx.disclosureItem.updateMany({
      where: { id: itemId, status: d.from, currentRevisionId: expectedRevisionId },
      data: {
        status: d.to,
        publishedRevisionId: expectedRevisionId,
        publishAt: republish ? undefined : publishAt,
        publishedAt: republish ? undefined : publishAt,
      },
    });
    expectOne(count, "该信息已被他人发布或状态已变化，请刷新后查看。");
    const indexNumber = facts.item.indexNumber ?? (await nextIndexNumber(tx, publishAt));
    await tx.disclosureItem.update({ where: { id: itemId }, data: { indexNumber } });
    // An item carrying an annual report version (年度报告) publishes that version with it.
    await reportItemPublished(tx, actor, itemId, publishAt);
    const scheduled = publishAt.getTime() > now.getTime();
    const title = scheduled
      ? `「${facts.revision.title}」将于 ${formatChineseDateTime(publishAt)} 发布，索引号 ${indexNumber}`
      : `「${facts.revision.title}」已${republish ? "重新" : ""}发布，索引号 ${indexNumber}`;
    await handOver(tx, itemId, facts.workflow, d.from, d.to, title);
    await audit(tx, { actor, ...target, detail: { indexNumber, revisionId: expectedRevisionId, publishAt: publishAt.toISOString() } });
    return ok({ indexNumber, publishAt });
  });
  if (result.ok) await reportVersionPublishedAfterCommit(itemId);
  // A scheduled item appears at publishAt without any write then: its pages go stale at that moment
  // (the kernel has already invalidated them for now, for the item's own status).
  if (result.ok && result.value.publishAt.getTime() > Date.now()) await invalidatePublic(PUBLIC_EFFECTS["item.publish"]!, result.value.publishAt);
  return result;
}

/**
 * 撤回: takes an item off every public surface at once (the publishability rule requires
 * `withdrawnAt = null`); its public URL keeps working and says it was withdrawn, with the reason.
 */
export async function withdrawItem(actor: Actor, itemId: string, rawReason: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  const target: Target = { action: "item.withdraw", entity: "DisclosureItem", entityId: itemId };
  const reason = withdrawReasonSchema.safeParse(rawReason ?? "");
  if (!reason.success) return invalid({ reason: reason.error.issues.map((i) => i.message) });
  const facts = await findItemFacts(actor, itemId);
  if (!facts) return refuseNotFound(actor, target);
  const d = authorizeTransition(actor, facts.workflow, "withdraw");
  if (!d.ok) return refuseTransition(actor, target, d);
  return write(actor, target, async (tx) => {
    const { count } = await tx.disclosureItem.updateMany({
      where: { id: itemId, status: d.from, withdrawnAt: null, publishedRevisionId: { not: null } },
      data: { status: d.to, withdrawnAt: now, withdrawReason: reason.data },
    });
    expectOne(count, "该信息已被撤回或状态已变化，请刷新后查看。");
    await reportItemWithdrawn(tx, actor, itemId);
    await handOver(tx, itemId, facts.workflow, d.from, d.to, `「${facts.revision.title}」已从公开网站撤回：${reason.data}`);
    await audit(tx, { actor, ...target, detail: { from: d.from, reason: reason.data } });
    return ok({ id: itemId });
  });
}

/** Next serial of the year, atomically; rolled back with the publication if that fails. */
async function nextIndexNumber(tx: Tx, now: Date): Promise<string> {
  const orgCode = env().ORG_CODE;
  const year = chinaYear(now);
  const [row] = await tx.$queryRaw<{ lastValue: number }[]>`
    INSERT INTO "IndexNumberSequence" ("orgCode", "year", "lastValue") VALUES (${orgCode}, ${year}, 1)
    ON CONFLICT ("orgCode", "year") DO UPDATE SET "lastValue" = "IndexNumberSequence"."lastValue" + 1
    RETURNING "lastValue"`;
  return formatIndexNumber(orgCode, year, row.lastValue);
}
