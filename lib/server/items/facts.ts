import "server-only";
import { cache } from "react";
import { stagesInForce, type WorkflowItem } from "@/lib/domain/workflow";
import type { Actor } from "@/lib/server/platform/actor";
import { itemScope } from "@/lib/server/platform/authz";
import { db, type DbOrTx } from "@/lib/server/platform/db";

/**
 * Loads an item within the actor's scope together with the facts the workflow rules need.
 * Outside the scope the answer is null, exactly as for an id that does not exist.
 */
export async function findItemFacts(actor: Actor, itemId: string, tx: DbOrTx = db()) {
  if (typeof itemId !== "string" || itemId.length > 64) return null;
  const item = await tx.disclosureItem.findFirst({
    where: { AND: [{ id: itemId }, itemScope(actor)] },
    include: {
      department: { select: { id: true, name: true, leaderId: true } },
      column: { select: { id: true, name: true, requiresDeptHead: true, requiresLeader: true } },
      currentRevision: true,
    },
  });
  if (!item || !item.currentRevision) return null;
  const approvals = await tx.reviewRecord.findMany({
    where: { revisionId: item.currentRevision.id, decision: "APPROVE" },
    select: { stage: true, reviewerId: true, contentHash: true, decision: true },
  });
  const workflow: WorkflowItem = {
    status: item.status,
    departmentId: item.departmentId,
    authorIds: [item.authorId, item.currentRevision.authorId],
    departmentLeaderId: item.department.leaderId,
    stages: stagesInForce(item.status, item.reviewStages, item.column),
    approvals,
    hasPublishedRevision: item.publishedRevisionId !== null && item.withdrawnAt === null,
  };
  return { item, revision: item.currentRevision, approvals, workflow };
}

export type ItemFacts = NonNullable<Awaited<ReturnType<typeof findItemFacts>>>;

/**
 * findItemFacts once per page render: the review page's two views of one item (getItemForStaff,
 * getRevisionComparison) share one read, 7 statements instead of 14. React's `cache` keeps it for
 * the render's request only, and outside a render it is a plain call. Never for writes: they read
 * their facts inside their own transaction.
 */
export const findItemFactsForView = cache((actor: Actor, itemId: string) => findItemFacts(actor, itemId));
