-- 依申请公开 in operation (issue 8): 第四十四条 similarity, the request a 主动公开 draft came from,
-- and the daily 到期提醒 notifications.

-- 第四十四条 asks whether several applicants want the same information. Requests are compared by
-- the character pairs of their 申请内容 (the public search's normalisation, migration
-- 20261126000000_public_search): each run of Chinese (or other) letters gives its overlapping pairs,
-- each run of ASCII letters and digits stays one token (2026, 2025 are one token each, not 20 02 26),
-- and the pairs of the words every application uses (申请 公开 信息 提供 有关 …) are left out, so
-- two requests match on what they ask for, not on how they ask. Measured on sample texts
-- (docs/decisions.md): the same information asked differently scores 0.65–0.80 (Dice), related
-- but different information at most 0.50.
CREATE FUNCTION gongkai_request_grams(description text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  stop constant text[] := ARRAY['申请','请公','公开','开的','的信','信息','政府','府信','关于','提供','请提','相关','有关',
    '本人','获取','请求','求公','的相','的有','所有','情况','文件','年度','及其','以及','要求','需要','查询','复印','我单','单位'];
  run text;
  c text[];
  n int;
  grams text[] := '{}';
BEGIN
  FOR run IN SELECT m[1] FROM regexp_matches(gongkai_search_normalize(description), '([0-9a-z]+|[^0-9a-z ]+)', 'g') AS m LOOP
    IF run ~ '^[0-9a-z]' THEN
      grams := grams || run;
      CONTINUE;
    END IF;
    c := string_to_array(run, NULL);
    n := coalesce(array_length(c, 1), 0);
    IF n = 1 THEN grams := grams || run; END IF;
    FOR i IN 1..n - 1 LOOP
      IF NOT (c[i] || c[i + 1]) = ANY(stop) THEN grams := grams || (c[i] || c[i + 1]); END IF;
    END LOOP;
  END LOOP;
  RETURN ARRAY(SELECT DISTINCT g FROM unnest(grams) AS g ORDER BY g);
END
$$;

-- Dice's coefficient of two sets of grams: 2|A∩B| / (|A| + |B|), 0 when both are empty.
CREATE FUNCTION gongkai_request_similarity(a text[], b text[]) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN cardinality(a) + cardinality(b) = 0 THEN 0::double precision
              ELSE 2.0 * (SELECT count(*) FROM (SELECT unnest(a) INTERSECT SELECT unnest(b)) x) / (cardinality(a) + cardinality(b)) END
$$;

-- AlterTable
ALTER TABLE "DisclosureRequest" ADD COLUMN     "descriptionGrams" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "proactiveItemId" TEXT;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "remindedOn" DATE,
ADD COLUMN     "reminder" TEXT,
ADD COLUMN     "requestId" TEXT;

-- Whatever writes a request — the public form, registration, the 台账 import's bulk INSERT … SELECT
-- — its grams follow in the same statement.
CREATE FUNCTION gongkai_request_grams_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."descriptionGrams" := gongkai_request_grams(coalesce(NEW."description", ''));
  RETURN NEW;
END
$$;

CREATE TRIGGER "DisclosureRequest_grams" BEFORE INSERT OR UPDATE OF "description", "descriptionGrams" ON "DisclosureRequest"
  FOR EACH ROW EXECUTE FUNCTION gongkai_request_grams_refresh();

-- A closed request asks nobody for anything: its reminders are resolved in the transaction that
-- closes it, whichever use case does (delivery, withdrawal, an import).
CREATE FUNCTION gongkai_request_reminders_resolve() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Notification" SET "resolvedAt" = CURRENT_TIMESTAMP
   WHERE "requestId" = NEW."id" AND "resolvedAt" IS NULL;
  RETURN NULL;
END
$$;

CREATE TRIGGER "DisclosureRequest_closed" AFTER UPDATE OF "status" ON "DisclosureRequest"
  FOR EACH ROW WHEN (NEW."status" = 'CLOSED' AND OLD."status" IS DISTINCT FROM 'CLOSED')
  EXECUTE FUNCTION gongkai_request_reminders_resolve();

-- Requests registered before this migration.
UPDATE "DisclosureRequest" SET "descriptionGrams" = '{}';

-- CreateIndex
CREATE INDEX "DisclosureRequest_descriptionGrams_idx" ON "DisclosureRequest" USING GIN ("descriptionGrams");

-- CreateIndex
CREATE INDEX "DisclosureRequest_proactiveItemId_idx" ON "DisclosureRequest"("proactiveItemId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_requestId_reminder_remindedOn_userId_key" ON "Notification"("requestId", "reminder", "remindedOn", "userId");

-- AddForeignKey
ALTER TABLE "DisclosureRequest" ADD CONSTRAINT "DisclosureRequest_proactiveItemId_fkey" FOREIGN KEY ("proactiveItemId") REFERENCES "DisclosureItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;
