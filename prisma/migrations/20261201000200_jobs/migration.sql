-- Work off the request path (issue 7 §5): an upload's text is extracted by a job on the pg-boss
-- queue, so a StoredFile records where its extraction stands. pg-boss keeps its own tables in the
-- "pgboss" schema, which it creates and migrates itself at start (docs/decisions.md, "Job queue").

-- CreateEnum
CREATE TYPE "TextStatus" AS ENUM ('PENDING', 'DONE', 'UNREADABLE', 'FAILED');

-- AlterTable
ALTER TABLE "StoredFile" ADD COLUMN     "textStatus" "TextStatus" NOT NULL DEFAULT 'PENDING';

-- Files uploaded before this migration were extracted on the request: text or nothing readable.
UPDATE "StoredFile" SET "textStatus" = CASE WHEN "text" IS NULL THEN 'UNREADABLE'::"TextStatus" ELSE 'DONE'::"TextStatus" END;
