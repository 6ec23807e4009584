-- A notification that asks someone to act on a workflow step (待处室负责人审核, 待发布 …) names the
-- step; it is resolved the moment the item leaves that step, whoever moved it, so nobody is left
-- with "please review" for an item published weeks ago.

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "resolvedAt" TIMESTAMP(3),
ADD COLUMN     "step" "ItemStatus";

-- CreateIndex
CREATE INDEX "Notification_itemId_step_idx" ON "Notification"("itemId", "step");

-- Messages written before steps were recorded: those about items that have since reached an end
-- (published, withdrawn, not disclosed) ask for nothing any more.
UPDATE "Notification" n SET "resolvedAt" = CURRENT_TIMESTAMP
  FROM "DisclosureItem" i
 WHERE n."itemId" = i."id" AND n."readAt" IS NULL AND n."resolvedAt" IS NULL
   AND i."status" IN ('PUBLISHED', 'WITHDRAWN', 'REJECTED');
