-- Timeliness and quotas (issue 3): when an item was first submitted, so that the dashboard can
-- count 提交 per month with one indexed GROUP BY instead of reading the audit log.

-- AlterTable
ALTER TABLE "DisclosureItem" ADD COLUMN     "firstSubmittedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "DisclosureItem_firstSubmittedAt_idx" ON "DisclosureItem"("firstSubmittedAt");

-- Items submitted before this migration: the first successful item.submit in the audit log, else
-- the first review decision, else (an item past DRAFT that somehow has neither) its creation.
UPDATE "DisclosureItem" AS i
SET "firstSubmittedAt" = coalesce(
      (SELECT min(a."at") FROM "AuditEvent" AS a
        WHERE a."entity" = 'DisclosureItem' AND a."entityId" = i."id"
          AND a."action" = 'item.submit' AND a."result" = 'SUCCESS'),
      (SELECT min(r."createdAt") FROM "ReviewRecord" AS r WHERE r."itemId" = i."id"),
      CASE WHEN i."status" <> 'DRAFT' THEN i."createdAt" END);
