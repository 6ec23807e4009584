-- Audit log that survives a database administrator (issue 10 §2). The chain's MAC is now computed
-- by the app with a key the database never sees (lib/server/platform/audit-chain.ts); the database
-- keeps what it can enforce without the key: one writer at a time under the chain's advisory lock,
-- ids strictly increasing, each row linked to the current head, rows never updated, and deletion
-- only through gongkai_audit_purge() of rows older than six months (网络安全法 第二十一条).
-- Rows written before this migration keep their SHA-256 links and still verify (legacy prefix).

CREATE OR REPLACE FUNCTION gongkai_audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_id bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(7291001);
  SELECT "id", "hash" INTO last_id, last_hash FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1;
  IF NEW."hash" IS NULL OR NEW."hash" NOT LIKE 'k1:%' THEN
    RAISE EXCEPTION 'AuditEvent rows are written by the app with a keyed MAC (lib/server/platform/audit.ts)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF last_id IS NOT NULL AND NEW."id" <= last_id THEN
    RAISE EXCEPTION 'AuditEvent: id % does not follow the chain head %', NEW."id", last_id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW."prevHash" IS DISTINCT FROM coalesce(last_hash, 'GENESIS') THEN
    RAISE EXCEPTION 'AuditEvent: prevHash is not the chain head' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

-- UPDATE stays refused. DELETE: only inside gongkai_audit_purge(), and only rows older than six months.
CREATE FUNCTION gongkai_audit_guard_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('gongkai.audit_purge', true), '') <> 'on' THEN
    RAISE EXCEPTION 'AuditEvent is append-only: DELETE refused (use npm run audit:purge)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD."at" >= (now() AT TIME ZONE 'UTC') - interval '6 months' THEN
    RAISE EXCEPTION 'AuditEvent %: younger than six months, kept (网络安全法 第二十一条)', OLD."id" USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END;
$$;

DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent";
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION gongkai_refuse_change();
CREATE TRIGGER "AuditEvent_purge_only" BEFORE DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION gongkai_audit_guard_delete();

-- Removes the rows up to through_id (a prefix of the chain); the caller appends the audit.purge
-- record that anchors the rest in the same transaction (lib/server/platform/audit-purge.ts).
CREATE FUNCTION gongkai_audit_purge(through_id bigint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  removed bigint;
BEGIN
  PERFORM set_config('gongkai.audit_purge', 'on', true);
  DELETE FROM "AuditEvent" WHERE "id" <= through_id;
  GET DIAGNOSTICS removed = ROW_COUNT;
  PERFORM set_config('gongkai.audit_purge', '', true);
  RETURN removed;
END;
$$;
REVOKE ALL ON FUNCTION gongkai_audit_purge(bigint) FROM PUBLIC;
