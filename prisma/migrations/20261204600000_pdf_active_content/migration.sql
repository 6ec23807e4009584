-- Issue 10 §7: what in an uploaded PDF can act when opened (JavaScript, /OpenAction, /Launch,
-- /AA, /EmbeddedFile), found by the extract-text job and shown to 保密审查.
ALTER TABLE "StoredFile" ADD COLUMN "activeContent" TEXT[] DEFAULT ARRAY[]::TEXT[];
