-- One name for 栏目 in code and database: "Column" (the public site and API already said column;
-- "category" collided with 主题分类). Renames keep every row, key and reference; the search
-- refresh function is recreated because plpgsql bodies name columns as text.

-- RenameTable
ALTER TABLE "Category" RENAME TO "Column";
ALTER TABLE "Column" RENAME CONSTRAINT "Category_pkey" TO "Column_pkey";
ALTER TABLE "Column" RENAME CONSTRAINT "Category_parentId_fkey" TO "Column_parentId_fkey";
ALTER INDEX "Category_code_key" RENAME TO "Column_code_key";
ALTER INDEX "Category_parentId_idx" RENAME TO "Column_parentId_idx";

-- RenameColumn
ALTER TABLE "DisclosureItem" RENAME COLUMN "categoryId" TO "columnId";
ALTER TABLE "DisclosureItem" RENAME CONSTRAINT "DisclosureItem_categoryId_fkey" TO "DisclosureItem_columnId_fkey";
ALTER INDEX "DisclosureItem_categoryId_idx" RENAME TO "DisclosureItem_columnId_idx";

ALTER TABLE "SearchEntry" RENAME COLUMN "categoryId" TO "columnId";
ALTER INDEX "SearchEntry_publishAt_categoryId_departmentId_article20Item_idx" RENAME TO "SearchEntry_publishAt_columnId_departmentId_article20Item_idx";

-- The trigger "DisclosureItem_search" follows the renamed column by itself (PostgreSQL keeps it by
-- attribute number); the function body does not.
CREATE OR REPLACE FUNCTION gongkai_search_refresh(item_id text, content_changed boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  e record;
  indexed_revision text;
  title text;
BEGIN
  SELECT i."publishedRevisionId" AS "revisionId", i."publishAt", i."columnId", i."departmentId",
         r."article20Item", r."title", gongkai_search_body(r."bodyText", r."bodyHtml") AS body
    INTO e
    FROM "DisclosureItem" i JOIN "ItemRevision" r ON r."id" = i."publishedRevisionId"
   WHERE i."id" = item_id
     AND i."indexNumber" IS NOT NULL
     AND i."withdrawnAt" IS NULL
     AND i."publishAt" IS NOT NULL
     AND r."attribute" = 'PROACTIVE'
     AND EXISTS (SELECT 1 FROM "ReviewRecord" v
                  WHERE v."revisionId" = r."id" AND v."stage" = 'SECRECY' AND v."decision" = 'APPROVE');
  IF NOT FOUND THEN
    DELETE FROM "SearchEntry" WHERE "itemId" = item_id;
    RETURN;
  END IF;
  SELECT s."revisionId" INTO indexed_revision FROM "SearchEntry" s WHERE s."itemId" = item_id;
  IF FOUND AND indexed_revision = e."revisionId" AND NOT content_changed THEN
    UPDATE "SearchEntry"
       SET "publishAt" = e."publishAt", "columnId" = e."columnId", "departmentId" = e."departmentId",
           "article20Item" = e."article20Item"
     WHERE "itemId" = item_id;
    RETURN;
  END IF;
  title := gongkai_search_normalize(e."title");
  INSERT INTO "SearchEntry" ("itemId", "revisionId", "publishAt", "columnId", "departmentId", "article20Item", "grams")
  VALUES (item_id, e."revisionId", e."publishAt", e."columnId", e."departmentId", e."article20Item",
          gongkai_search_grams(title, '#') || gongkai_search_grams(title || ' ' || gongkai_search_normalize(e.body), ''))
  ON CONFLICT ("itemId") DO UPDATE
    SET "revisionId" = EXCLUDED."revisionId", "publishAt" = EXCLUDED."publishAt", "columnId" = EXCLUDED."columnId",
        "departmentId" = EXCLUDED."departmentId", "article20Item" = EXCLUDED."article20Item",
        "grams" = EXCLUDED."grams";
END
$$;

-- An editor's unsaved state (autosave) names the form's fields: rename the key too, or a clerk's
-- draft kept on the server would no longer load after the upgrade.
UPDATE "EditorAutosave"
   SET "data" = jsonb_set("data" #- '{values,categoryId}', '{values,columnId}', "data"->'values'->'categoryId')
 WHERE "data"->'values' ? 'categoryId';
