import { mkdirSync, mkdtempSync, cpSync, writeFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { migrate, MIGRATIONS_DIR } from "@/lib/db/migrate";
import { withPgClient } from "@/lib/db/pg-client";
import { applyGrants, grantStatements, provisionRoles, roleOf } from "@/lib/db/roles";
import { createBoss, installJobQueue } from "@/lib/server/jobs/queue";
import { prepareDatabase } from "@/lib/server/platform/database-setup";
import { createDatabase, dropDatabase, randomSuffix, withDatabase } from "../support/throwaway-db";
import { waitFor } from "../support/jobs";
import { appendAppAuditEvents } from "../support/audit-log";

/**
 * Issue 10 §1: the app's database role can write rows but cannot rewrite the audit trail or the
 * schema. The database starts as an earlier version left it (everything owned by the superuser,
 * rows in it), is handed to an owner role, prepared (migrations, pg-boss, grants), and then the
 * app role is tried as an attacker inside the app would try it. Refusals must be PostgreSQL's
 * insufficient_privilege (42501), not the append-only trigger's own error: the trigger is the
 * second wall, and this file proves the first.
 */
const shared = inject("databaseUrl");
const suffix = randomSuffix();
const name = `gongkai_roles_${suffix}`;
const names = { owner: `gk_owner_${suffix}`, app: `gk_app_${suffix}` };
let superUrl: string;
let ownerUrl: string;
let appUrl: string;

const asRole = withPgClient;

/**
 * How a statement fails as the app role: SQLSTATE and message, or "ok". The append-only trigger
 * raises 42501 too, with its own message ("… is append-only"); only PostgreSQL's privilege checks
 * say "permission denied" or "must be owner".
 */
const refusalOf = (sql: string) =>
  asRole(appUrl, (c) =>
    c.query(sql).then(
      () => "ok",
      (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`,
    ),
  );

beforeAll(async () => {
  superUrl = await createDatabase(shared, name);
  // An earlier version's database: migrated, pg-boss installed and rows written by the superuser.
  await migrate(superUrl);
  await installJobQueue(superUrl);
  await asRole(superUrl, async (c) => {
    await c.query(`INSERT INTO "User" (id, username, "displayName", "passwordHash", "updatedAt") VALUES ('u-old', 'old', '旧用户', 'x', now())`);
  });
  await appendAppAuditEvents(superUrl, [{ action: "test.before_upgrade", result: "SUCCESS" }]);
  const roles = await provisionRoles(superUrl, { owner: "a".repeat(32), app: "b".repeat(32) }, names);
  ownerUrl = roles.ownerUrl;
  appUrl = roles.appUrl;
  await prepareDatabase({ ownerUrl, appUrl });
}, 120_000);

afterAll(async () => {
  await dropDatabase(shared, name);
  await asRole(shared, async (c) => {
    for (const role of [names.app, names.owner]) {
      await c.query(`DROP OWNED BY ${role}`).catch(() => {});
      await c.query(`DROP ROLE IF EXISTS ${role}`);
    }
  });
});

describe("an earlier version's database handed to the owner role", () => {
  test("the owner owns the database and every object; the rows are still there", async () => {
    const found = await asRole(superUrl, async (c) => {
      const { rows: foreign } = await c.query(
        `SELECT n.nspname || '.' || c.relname AS object FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname IN ('public', 'pgboss') AND c.relkind IN ('r','p','v','m','S') AND pg_get_userbyid(c.relowner) <> $1
         UNION ALL SELECT n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname IN ('public', 'pgboss') AND pg_get_userbyid(p.proowner) <> $1
         UNION ALL SELECT n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname IN ('public', 'pgboss') AND t.typtype = 'e' AND pg_get_userbyid(t.typowner) <> $1`,
        [names.owner],
      );
      const { rows: db } = await c.query(`SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1`, [name]);
      const { rows: users } = await c.query(`SELECT username FROM "User"`);
      const { rows: audit } = await c.query(`SELECT action FROM "AuditEvent" ORDER BY id`);
      return { foreign: foreign.map((r) => r.object), dbOwner: db[0].owner, users: users.map((r) => r.username), audit: audit.map((r) => r.action) };
    });
    expect(found.foreign).toEqual([]);
    expect(found.dbOwner).toBe(names.owner);
    expect(found.users).toEqual(["old"]);
    expect(found.audit).toEqual(["test.before_upgrade"]);
  });

  test("handing over again (every later start) changes nothing and fails nothing", async () => {
    await provisionRoles(superUrl, { owner: "a".repeat(32), app: "b".repeat(32) }, names);
    await expect(prepareDatabase({ ownerUrl, appUrl })).resolves.toEqual({ applied: [], granted: true });
  });

  test("neither role is a superuser, may create roles or databases, or inherits the other", async () => {
    const { rows } = await asRole(superUrl, (c) =>
      c.query(`SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname IN ($1, $2)`, [names.owner, names.app]),
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) expect([r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls]).toEqual([false, false, false, false]);
    const { rows: member } = await asRole(superUrl, (c) => c.query(`SELECT pg_has_role($1, $2, 'MEMBER') AS m`, [names.app, names.owner]));
    expect(member[0].m).toBe(false);
  });
});

describe("the app role cannot rewrite the audit trail or the schema", () => {
  test.each([
    ["UPDATE the audit log", `UPDATE "AuditEvent" SET result = 'forged'`],
    ["DELETE from the audit log", `DELETE FROM "AuditEvent"`],
    ["TRUNCATE the audit log", `TRUNCATE "AuditEvent"`],
    ["disable the append-only triggers", `ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`],
    ["disable every trigger", `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`],
    ["skip triggers for the session", `SET session_replication_role = replica`],
    ["create a table", `CREATE TABLE "Backdoor" (id int)`],
    ["drop a table", `DROP TABLE "RateLimit"`],
    ["replace the chain function", `CREATE OR REPLACE FUNCTION gongkai_audit_digest(e "AuditEvent") RETURNS text LANGUAGE sql AS $$ SELECT '' $$`],
    ["write the migration ledger", `DELETE FROM "_prisma_migrations"`],
    ["create a table in the job schema", `CREATE TABLE pgboss.backdoor (id int)`],
    ["become the owner", `SET ROLE ${names.owner}`],
  ])("%s: refused by PostgreSQL's privilege check", async (_what, sql) => {
    expect(await refusalOf(sql)).toMatch(/^42501: (permission denied|must be owner)/);
  });

  test("the owner may disable the trigger (so the refusal above is about the role, not the statement)", async () => {
    await asRole(ownerUrl, async (c) => {
      await c.query("BEGIN");
      await c.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
      await c.query("ROLLBACK");
    });
  });
});

describe("the app role does its work", () => {
  test("ordinary writes: users, the audit log (appended and chained by its trigger), reading the migration ledger", async () => {
    await asRole(appUrl, async (c) => {
      await c.query(`INSERT INTO "User" (id, username, "displayName", "passwordHash", "updatedAt") VALUES ('u-app', 'app', '应用', 'x', now())`);
      await c.query(`UPDATE "User" SET "displayName" = '应用2' WHERE id = 'u-app'`);
      await c.query(`DELETE FROM "User" WHERE id = 'u-app'`);
      const { rowCount } = await c.query(`SELECT 1 FROM "_prisma_migrations"`);
      expect(rowCount).toBeGreaterThan(0);
    });
  });

  test("the app role appends keyed audit events (the chain's lock, its sequence, its trigger)", async () => {
    await appendAppAuditEvents(appUrl, [{ action: "test.as_app", result: "SUCCESS" }]);
    await asRole(appUrl, async (c) => {
      const { rows } = await c.query(`SELECT action, hash FROM "AuditEvent" ORDER BY id DESC LIMIT 1`);
      expect(rows[0]).toMatchObject({ action: "test.as_app", hash: expect.stringMatching(/^k1:/) });
    });
  });

  test("rate limits count in the RateLimit table", async () => {
    const pool = new pg.Pool({ connectionString: appUrl, max: 2 });
    try {
      const limiter = new RateLimiterPostgres({ storeClient: pool, storeType: "pool", tableName: "RateLimit", tableCreated: true, keyPrefix: "roles", points: 2, duration: 60, clearExpiredByTimeout: false });
      await limiter.consume("k");
      await limiter.consume("k");
      await expect(limiter.consume("k")).rejects.toMatchObject({ remainingPoints: 0 });
    } finally {
      await pool.end();
    }
  });

  test("the job queue: the app role starts pg-boss without installing it, and a job runs", async () => {
    let ran = false;
    const boss = await createBoss({ connectionString: appUrl, pollingIntervalSeconds: 0.5, handlers: { "cleanup-orphans": async () => void (ran = true) } });
    try {
      const id = await boss.send("cleanup-orphans", {});
      await waitFor(async () => (await boss.getJobById("cleanup-orphans", id!))?.state === "completed", 20_000, "the job to complete");
      expect(ran).toBe(true);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });

  test("the app role finds no migration to apply; a pending one asks for the owner in Chinese", async () => {
    await expect(migrate(appUrl)).resolves.toEqual([]);
    const dir = mkdtempSync(path.join(os.tmpdir(), "gongkai-roles-"));
    try {
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      mkdirSync(path.join(dir, "29991231000000_later"));
      writeFileSync(path.join(dir, "29991231000000_later", "migration.sql"), `CREATE TABLE "Later" (id int);`);
      await expect(migrate(appUrl, { dir })).rejects.toThrow(/无权执行迁移.*MIGRATION_DATABASE_URL/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("grants", () => {
  test("run as the app role itself they are skipped (nothing to grant to oneself)", async () => {
    expect(await applyGrants(appUrl, roleOf(appUrl))).toBe(false);
  });

  test("the statements an administrator runs revoke the audit log's UPDATE, DELETE and TRUNCATE", () => {
    expect(grantStatements("gongkai_app", { jobSchema: true }).join(";\n")).toMatch(/REVOKE UPDATE, DELETE, TRUNCATE.*ON "AuditEvent" FROM "gongkai_app"/);
  });

  test("withDatabase keeps the role's credentials", () => {
    expect(roleOf(withDatabase(appUrl, "x"))).toBe(names.app);
  });
});
