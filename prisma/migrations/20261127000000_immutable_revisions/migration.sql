-- Revisions and their attachments are what reviewers approved (by content hash) and what the
-- public reads: like review records, nobody may rewrite or remove them, not even by hand in SQL.
CREATE TRIGGER "ItemRevision_append_only" BEFORE UPDATE OR DELETE ON "ItemRevision"
  FOR EACH ROW EXECUTE FUNCTION gongkai_refuse_change();
CREATE TRIGGER "ItemRevision_no_truncate" BEFORE TRUNCATE ON "ItemRevision"
  FOR EACH STATEMENT EXECUTE FUNCTION gongkai_refuse_change();

CREATE TRIGGER "Attachment_append_only" BEFORE UPDATE OR DELETE ON "Attachment"
  FOR EACH ROW EXECUTE FUNCTION gongkai_refuse_change();
CREATE TRIGGER "Attachment_no_truncate" BEFORE TRUNCATE ON "Attachment"
  FOR EACH STATEMENT EXECUTE FUNCTION gongkai_refuse_change();
