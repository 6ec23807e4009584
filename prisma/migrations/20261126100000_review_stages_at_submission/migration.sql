-- The review stages an item goes through are fixed when it is submitted (office administration,
-- issue 3): switching a column's 处室负责人审核 / 分管领导审核 on or off applies from the next
-- submission, so an item in review never loops back to an earlier stage or becomes unpublishable.

-- AlterTable
ALTER TABLE "DisclosureItem" ADD COLUMN     "reviewStages" "ReviewStage"[] DEFAULT ARRAY[]::"ReviewStage"[];

-- Items already submitted take their column's current stages (保密审查 always).
UPDATE "DisclosureItem" AS i
SET "reviewStages" =
      (CASE WHEN c."requiresDeptHead" THEN ARRAY['DEPT_HEAD']::"ReviewStage"[] ELSE ARRAY[]::"ReviewStage"[] END)
   || (CASE WHEN c."requiresLeader" THEN ARRAY['LEADER']::"ReviewStage"[] ELSE ARRAY[]::"ReviewStage"[] END)
   || ARRAY['SECRECY']::"ReviewStage"[]
FROM "Category" AS c
WHERE c."id" = i."categoryId" AND i."status" <> 'DRAFT';
