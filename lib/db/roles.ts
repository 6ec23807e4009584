import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import pg from "pg";

/**
 * Least-privilege database roles (issue 10 §1; 等保 2.0 三级 8.1.4.2 访问控制 "最小权限").
 *
 *   owner (gongkai_owner)  owns the database, its schemas and every object in them; runs the
 *                          migrations (lib/db/migrate.ts), installs pg-boss's schema, the seed,
 *                          backup and restore. Not a superuser.
 *   app   (gongkai_app)    what the running app connects as: reads and writes rows, nothing more —
 *                          no ownership (so no ALTER TABLE … DISABLE TRIGGER), no CREATE, no
 *                          UPDATE / DELETE / TRUNCATE on "AuditEvent", not a superuser (so no
 *                          SET session_replication_role = replica, which would skip the triggers).
 *
 * `applyGrants` is the one idempotent step run after every migration (scripts/db.ts migrate,
 * instrumentation.ts, the launcher); docs/operations.md gives the same SQL for an administrator.
 */
export const OWNER_ROLE = "gongkai_owner";
export const APP_ROLE = "gongkai_app";

/** The role a connection string logs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * What the app role may do, as SQL run by the owner in the app's database. Tables created later
 * by the owner get the same rights through ALTER DEFAULT PRIVILEGES; "AuditEvent" loses UPDATE,
 * DELETE and TRUNCATE again on every run, so a migration that recreates it cannot widen them.
 */
export function grantStatements(appRole: string, options: { jobSchema?: boolean } = {}): string[] {
  const app = quoteIdent(appRole);
  const statements = [
    // PostgreSQL 15+ already denies PUBLIC this; older servers and restored dumps may not.
    "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
    `GRANT USAGE ON SCHEMA public TO ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${app}`,
    // 审计记录只可追加: the app appends; the append-only triggers are a second wall, not the only one.
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "AuditEvent" FROM ${app}`,
    // The migration ledger: /api/ready reads it; only the owner writes it.
    `REVOKE ALL ON "_prisma_migrations" FROM ${app}`,
    `GRANT SELECT ON "_prisma_migrations" TO ${app}`,
  ];
  if (options.jobSchema) {
    // pg-boss: the owner installs the schema and creates the queues (and their partitions); the
    // app fetches, completes, archives and schedules jobs — row changes only.
    statements.push(
      `GRANT USAGE ON SCHEMA pgboss TO ${app}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${app}`,
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA pgboss TO ${app}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${app}`,
    );
  }
  return statements;
}

/** Runs grantStatements as the owner (`ownerUrl`); a no-op when both URLs name the same role. */
export async function applyGrants(ownerUrl: string, appRole: string): Promise<boolean> {
  if (appRole === roleOf(ownerUrl)) return false;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ present: boolean }>(`SELECT to_regnamespace('pgboss') IS NOT NULL AS present`);
    await client.query("BEGIN");
    for (const sql of grantStatements(appRole, { jobSchema: rows[0].present })) await client.query(sql);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw new Error(`授予应用数据库角色 ${appRole} 权限失败：${(error as Error).message}`);
  } finally {
    await client.end();
  }
  return true;
}

/** Passwords of the two roles of an embedded cluster, kept beside it (mode 0600). */
export interface RolePasswords {
  owner: string;
  app: string;
}

export function localRolePasswords(file: string): RolePasswords {
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, "utf8")) as Partial<RolePasswords>;
    if (saved.owner && saved.app) return { owner: saved.owner, app: saved.app };
  }
  const generated = { owner: randomBytes(24).toString("hex"), app: randomBytes(24).toString("hex") };
  writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600 });
  return generated;
}

/** `url` with another user and password (same server and database). */
export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * For a cluster we run ourselves (the embedded PostgreSQL): creates the owner and app roles (or
 * resets their passwords and attributes), and hands the database, its schemas and every object in
 * them to the owner. Run as the cluster's superuser, connected to the app's database. Idempotent,
 * so a database made by an earlier version — every object owned by the superuser — is upgraded in
 * place on its next start, rows untouched (ALTER … OWNER changes the catalog only).
 */
export async function provisionRoles(
  superUrl: string,
  passwords: RolePasswords,
  names: { owner: string; app: string } = { owner: OWNER_ROLE, app: APP_ROLE },
): Promise<{ ownerUrl: string; appUrl: string }> {
  for (const n of [names.owner, names.app]) if (!/^[a-z_][a-z0-9_]*$/.test(n)) throw new Error(`unsafe role name: ${n}`);
  for (const p of [passwords.owner, passwords.app]) if (!/^[0-9a-f]{16,}$/.test(p)) throw new Error("role passwords must be hex");
  const database = decodeURIComponent(new URL(superUrl).pathname.slice(1));
  const client = new pg.Client({ connectionString: superUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const [role, password] of [
      [names.owner, passwords.owner],
      [names.app, passwords.app],
    ]) {
      const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
      const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD '${password}'`;
      await client.query(`${rowCount ? "ALTER" : "CREATE"} ROLE ${quoteIdent(role)} WITH ${attributes}`);
    }
    await client.query(`ALTER DATABASE ${quoteIdent(database)} OWNER TO ${names.owner}`);
    await client.query(`ALTER SCHEMA public OWNER TO ${names.owner}`);
    await client.query(handOverObjects(names.owner));
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  return {
    ownerUrl: withCredentials(superUrl, names.owner, passwords.owner),
    appUrl: withCredentials(superUrl, names.app, passwords.app),
  };
}

/**
 * Every table, view, sequence, function and type in public and pgboss not yet owned by the owner
 * (extension members excluded: they belong to the extension). Sequences tied to a column move
 * with their table, and ALTER SEQUENCE on them would fail, so they are skipped; partitions (pg-boss
 * keeps one per queue) do not move with their parent, so each is handed over itself.
 */
const handOverObjects = (OWNER_ROLE: string) => `
DO $$
DECLARE r record;
BEGIN
  IF to_regnamespace('pgboss') IS NOT NULL THEN
    EXECUTE 'ALTER SCHEMA pgboss OWNER TO ${OWNER_ROLE}';
  END IF;
  FOR r IN
    SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('public', 'pgboss') AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
      AND c.relowner <> '${OWNER_ROLE}'::regrole
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
      AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
    ORDER BY c.relkind <> 'p', c.relkind = 'S'
  LOOP
    IF r.relkind = 'S' THEN
      EXECUTE format('ALTER SEQUENCE %I.%I OWNER TO ${OWNER_ROLE}', r.nspname, r.relname);
    ELSIF r.relkind IN ('v', 'm') THEN
      EXECUTE format('ALTER %s %I.%I OWNER TO ${OWNER_ROLE}', CASE r.relkind WHEN 'v' THEN 'VIEW' ELSE 'MATERIALIZED VIEW' END, r.nspname, r.relname);
    ELSIF r.relkind = 'f' THEN
      EXECUTE format('ALTER FOREIGN TABLE %I.%I OWNER TO ${OWNER_ROLE}', r.nspname, r.relname);
    ELSE
      EXECUTE format('ALTER TABLE %I.%I OWNER TO ${OWNER_ROLE}', r.nspname, r.relname);
    END IF;
  END LOOP;
  FOR r IN
    SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) AS args FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname IN ('public', 'pgboss') AND p.proowner <> '${OWNER_ROLE}'::regrole
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER ROUTINE %I.%I(%s) OWNER TO ${OWNER_ROLE}', r.nspname, r.proname, r.args);
  END LOOP;
  FOR r IN
    SELECT n.nspname, t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname IN ('public', 'pgboss') AND t.typtype IN ('e', 'd', 'r', 'm', 'c') AND t.typowner <> '${OWNER_ROLE}'::regrole
      AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
      AND NOT (t.typtype = 'm' AND EXISTS (SELECT 1 FROM pg_range WHERE rngmultitypid = t.oid))
  LOOP
    EXECUTE format('ALTER TYPE %I.%I OWNER TO ${OWNER_ROLE}', r.nspname, r.typname);
  END LOOP;
END $$`;
