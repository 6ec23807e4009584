-- Public search and browsing (issue 4).
--
-- Chinese has no spaces between words, so a text is indexed by the overlapping runs of one, two
-- and three characters of each word ("科技项目" → 科 技 项 目 科技 技项 项目 科技项 技项目). A query word
-- of one, two or three characters is then one key of a GIN index, a longer word its overlapping
-- three-character runs, found wherever the word occurs, whatever a word segmenter would have made
-- of the sentence. Chosen by measurement over pg_trgm and the alternatives: docs/search.md.

-- Text → NFKC (full-width ＡＢＣ１２３ → ABC123), lower case, and every run of characters that is
-- not a letter, digit or CJK character → one space. lib/domain/search-text.ts mirrors it.
CREATE FUNCTION gongkai_search_normalize(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(lower(normalize(t, NFKC)),
    '[^0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]+',
    ' ', 'g'))
$$;

-- What the index holds for a normalised text: the distinct runs of one, two and three characters
-- within each word, each with `prefix` in front ('#' marks the title's; the normalised text itself
-- never contains '#').
CREATE FUNCTION gongkai_search_grams(normalized text, prefix text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  w text;
  c text[];
  n int;
  grams text[] := '{}';
BEGIN
  FOREACH w IN ARRAY string_to_array(normalized, ' ') LOOP
    c := string_to_array(w, NULL);
    n := coalesce(array_length(c, 1), 0);
    FOR i IN 1..n LOOP
      grams := grams || (prefix || c[i]);
      IF i < n THEN grams := grams || (prefix || c[i] || c[i + 1]); END IF;
      IF i < n - 1 THEN grams := grams || (prefix || c[i] || c[i + 1] || c[i + 2]); END IF;
    END LOOP;
  END LOOP;
  RETURN ARRAY(SELECT DISTINCT g FROM unnest(grams) AS g ORDER BY g);
END
$$;

-- What a query asks the index for: a word of up to three characters itself, a longer word its
-- overlapping three-character runs (which rarely all occur without the word).
CREATE FUNCTION gongkai_search_query_grams(normalized text, prefix text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  w text;
  c text[];
  n int;
  grams text[] := '{}';
BEGIN
  FOREACH w IN ARRAY string_to_array(normalized, ' ') LOOP
    c := string_to_array(w, NULL);
    n := coalesce(array_length(c, 1), 0);
    IF n BETWEEN 1 AND 3 THEN grams := grams || (prefix || w); END IF;
    FOR i IN 1..n - 2 LOOP
      grams := grams || (prefix || c[i] || c[i + 1] || c[i + 2]);
    END LOOP;
  END LOOP;
  RETURN ARRAY(SELECT DISTINCT g FROM unnest(grams) AS g ORDER BY g);
END
$$;

-- The searchable text of a revision: its plain-text body, or while a writer leaves bodyText
-- empty, the body HTML without tags and entities.
CREATE FUNCTION gongkai_search_body(body_text text, body_html text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN coalesce(body_text, '') <> '' THEN body_text
              ELSE regexp_replace(regexp_replace(coalesce(body_html, ''), '<[^>]*>', ' ', 'g'), '&[#a-zA-Z0-9]+;', ' ', 'g') END
$$;

-- CreateTable
CREATE TABLE "SearchEntry" (
    "itemId" TEXT NOT NULL,
    "revisionId" TEXT NOT NULL,
    "publishAt" TIMESTAMP(3) NOT NULL,
    "categoryId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "article20Item" INTEGER,
    "grams" TEXT[],

    CONSTRAINT "SearchEntry_pkey" PRIMARY KEY ("itemId")
);

-- CreateIndex
CREATE INDEX "SearchEntry_publishAt_categoryId_departmentId_article20Item_idx" ON "SearchEntry"("publishAt", "categoryId", "departmentId", "article20Item");

-- CreateIndex
CREATE INDEX "DisclosureItem_publishAt_idx" ON "DisclosureItem"("publishAt");

-- CreateIndex: publicItemWhere() asks for a SECRECY approval of the published revision; without
-- this index that EXISTS scans every review (90 ms at 100,000 items, on every public page).
CREATE INDEX "ReviewRecord_revisionId_idx" ON "ReviewRecord"("revisionId");

-- AddForeignKey
ALTER TABLE "SearchEntry" ADD CONSTRAINT "SearchEntry_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "DisclosureItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One item's row of the search index: present exactly when the item passes publicItemWhere() of
-- lib/server/items/publication.ts apart from its time condition (publishAt <= now), which every query
-- checks when it runs. tests/integration/public-search-index.test.ts holds the two together.
CREATE FUNCTION gongkai_search_refresh(item_id text, content_changed boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  e record;
  indexed_revision text;
  title text;
BEGIN
  SELECT i."publishedRevisionId" AS "revisionId", i."publishAt", i."categoryId", i."departmentId",
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
       SET "publishAt" = e."publishAt", "categoryId" = e."categoryId", "departmentId" = e."departmentId",
           "article20Item" = e."article20Item"
     WHERE "itemId" = item_id;
    RETURN;
  END IF;
  title := gongkai_search_normalize(e."title");
  INSERT INTO "SearchEntry" ("itemId", "revisionId", "publishAt", "categoryId", "departmentId", "article20Item", "grams")
  VALUES (item_id, e."revisionId", e."publishAt", e."categoryId", e."departmentId", e."article20Item",
          gongkai_search_grams(title, '#') || gongkai_search_grams(title || ' ' || gongkai_search_normalize(e.body), ''))
  ON CONFLICT ("itemId") DO UPDATE
    SET "revisionId" = EXCLUDED."revisionId", "publishAt" = EXCLUDED."publishAt", "categoryId" = EXCLUDED."categoryId",
        "departmentId" = EXCLUDED."departmentId", "article20Item" = EXCLUDED."article20Item",
        "grams" = EXCLUDED."grams";
END
$$;

-- Whatever code writes an item or a review, the index follows in the same transaction. A
-- revision's text never changes in place (revisions are append-only): new text reaches the
-- public, and the index, as a new published revision of the item.
CREATE FUNCTION gongkai_search_item_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM gongkai_search_refresh(NEW."id",
    TG_OP = 'INSERT' OR OLD."publishedRevisionId" IS DISTINCT FROM NEW."publishedRevisionId");
  RETURN NULL;
END
$$;

CREATE TRIGGER "DisclosureItem_search" AFTER INSERT OR UPDATE OF "publishedRevisionId", "indexNumber", "withdrawnAt", "publishAt", "categoryId", "departmentId" ON "DisclosureItem"
  FOR EACH ROW EXECUTE FUNCTION gongkai_search_item_changed();

CREATE FUNCTION gongkai_search_review_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM gongkai_search_refresh(i."id", false) FROM "DisclosureItem" i WHERE i."publishedRevisionId" = NEW."revisionId";
  RETURN NULL;
END
$$;

CREATE TRIGGER "ReviewRecord_search" AFTER INSERT ON "ReviewRecord"
  FOR EACH ROW EXECUTE FUNCTION gongkai_search_review_added();

-- Items published before this migration; the GIN index is built after them, which is faster
-- than growing it row by row.
SELECT gongkai_search_refresh("id", true) FROM "DisclosureItem" WHERE "publishedRevisionId" IS NOT NULL;

-- CreateIndex
CREATE INDEX "SearchEntry_grams_idx" ON "SearchEntry" USING GIN ("grams");
