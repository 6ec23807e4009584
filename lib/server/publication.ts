import "server-only";
import { chinaYear } from "@/lib/domain/dates";
import { formatIndexNumber } from "@/lib/domain/index-number";
import { isFullyApproved } from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import type { Actor } from "./actor";
import { audit } from "./audit";
import { authorizeTransition } from "./authz";
import { findItemFacts } from "./item-facts";
import { refuse, runGuarded } from "./items";
import { nextHandlers, notify } from "./notifications";
import { conflict, notFound, ok, UseCaseError, type Result } from "./result";
import type { Tx } from "./db";

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

/** 发布: only an approved item, only by the disclosure office, only if every stage approved this content. */
export async function publishItem(
  actor: Actor,
  itemId: string,
  expectedRevisionId: string,
  now = new Date(),
): Promise<Result<{ indexNumber: string }>> {
  const facts = await findItemFacts(actor, itemId);
  if (!facts) return notFound();
  const d = authorizeTransition(actor, facts.workflow, "publish");
  if (!d.ok) return refuse(actor, itemId, "item.publish", d.reason);
  return runGuarded(async (tx) => {
    const reviews = await tx.reviewRecord.findMany({ where: { revisionId: expectedRevisionId } });
    if (facts.revision.id !== expectedRevisionId || !isFullyApproved(facts.workflow.stages, facts.revision.contentHash, reviews)) {
      throw new UseCaseError(conflict("该版本未经全部审核环节通过，不能发布。"));
    }
    const { count } = await tx.disclosureItem.updateMany({
      where: { id: itemId, status: "APPROVED", currentRevisionId: expectedRevisionId },
      data: { status: "PUBLISHED", publishedRevisionId: expectedRevisionId, publishAt: now, publishedAt: now },
    });
    if (count === 0) throw new UseCaseError(conflict("该信息已被他人发布或状态已变化，请刷新后查看。"));
    const indexNumber = facts.item.indexNumber ?? (await nextIndexNumber(tx, now));
    await tx.disclosureItem.update({ where: { id: itemId }, data: { indexNumber } });
    await notify(tx, await nextHandlers(tx, "PUBLISHED", facts.workflow), {
      title: `「${facts.revision.title}」已发布，索引号 ${indexNumber}`,
      itemId,
      link: `/items/${itemId}`,
    });
    await audit(tx, { actor, action: "item.publish", entity: "DisclosureItem", entityId: itemId, detail: { indexNumber, revisionId: expectedRevisionId } });
    return ok({ indexNumber });
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
