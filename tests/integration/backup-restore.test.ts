import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { backup, restore, RestoreRefused, verifyBackup } from "@/lib/db/backup";
import { provisionRoles } from "@/lib/db/roles";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { verifyAuditChain } from "@/lib/server/platform/audit";
import { prepareDatabase } from "@/lib/server/platform/database-setup";
import { createDatabase, dropDatabase, randomSuffix } from "../support/throwaway-db";
import { appendAppAuditEvents } from "../support/audit-log";

/**
 * The restore drill (issue 10 §8): rows, an attachment and audit events → backup → wipe (drop
 * the database, delete the files) → restore as the owner role → the same rows, the same bytes,
 * an intact audit chain; and a damaged backup refused before anything is touched.
 */
const shared = inject("databaseUrl");
const suffix = randomSuffix();
const name = `gongkai_drill_${suffix}`;
const names = { owner: `gk_drill_owner_${suffix}`, app: `gk_drill_app_${suffix}` };
const passwords = { owner: "c".repeat(32), app: "d".repeat(32) };
const work = mkdtempSync(path.join(os.tmpdir(), "gongkai-drill-"));
const dataDir = path.join(work, "data");
const blob = Buffer.from("%PDF-1.4 附件内容 " + "x".repeat(5000));
const blobPath = path.join(dataDir, "uploads", "ab", "cd", "abcd".padEnd(64, "0"));
let superUrl: string;
let ownerUrl: string;
let appUrl: string;
let folder: string;

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const snapshot = async () => ({
  users: await query(appUrl, `SELECT to_jsonb(u) AS r FROM "User" u ORDER BY id`),
  departments: await query(appUrl, `SELECT to_jsonb(d) AS r FROM "Department" d ORDER BY id`),
  audit: await query(appUrl, `SELECT to_jsonb(a) AS r FROM "AuditEvent" a ORDER BY id`),
});

/** verifyAuditChain reads through the app's one Prisma client: point it at the drill's database. */
async function verifyChainAt(url: string) {
  const holder = globalThis as unknown as { gongkaiDb?: unknown };
  const previous = holder.gongkaiDb;
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  holder.gongkaiDb = client;
  try {
    return await verifyAuditChain();
  } finally {
    holder.gongkaiDb = previous;
    await client.$disconnect();
  }
}

async function freshDatabase() {
  superUrl = await createDatabase(shared, name);
  ({ ownerUrl, appUrl } = await provisionRoles(superUrl, passwords, names));
}

beforeAll(async () => {
  await freshDatabase();
  await prepareDatabase({ ownerUrl, appUrl });
  await query(
    appUrl,
    `INSERT INTO "Department" (id, code, name, "updatedAt") VALUES ('d1', 'D1', '办公室', '2026-11-30 08:00:00.123');
     INSERT INTO "User" (id, username, "displayName", "passwordHash", roles, "departmentId", "updatedAt", "lastLoginAt")
       VALUES ('u1', 'zhang', '张三', '$argon2id$x', '{LIAISON,OFFICE}', 'd1', now(), '2026-11-30 09:15:00.456');`,
  );
  // As the app writes them: keyed (the database refuses any other row).
  await appendAppAuditEvents(appUrl, [
    { action: "user.create", result: "SUCCESS", detail: { 名: "张三" }, actorId: "u1" },
    { action: "auth.login", result: "SUCCESS", ip: "10.0.0.1" },
    { action: "auth.logout", result: "SUCCESS" },
  ]);
  mkdirSync(path.dirname(blobPath), { recursive: true });
  writeFileSync(blobPath, blob);
  mkdirSync(path.join(dataDir, "audit"), { recursive: true });
  writeFileSync(path.join(dataDir, "audit", "checkpoint.json"), JSON.stringify({ head: "h", count: 3 }));
}, 120_000);

afterAll(async () => {
  await dropDatabase(shared, name);
  const client = new pg.Client({ connectionString: shared });
  await client.connect();
  for (const role of [names.app, names.owner]) await client.query(`DROP ROLE IF EXISTS ${role}`);
  await client.end();
  rmSync(work, { recursive: true, force: true });
});

describe("restore drill", () => {
  test("backup → wipe → restore gives back the rows, the file's bytes and an intact audit chain", async () => {
    const before = await snapshot();
    expect(before.audit).toHaveLength(3);
    expect((await verifyChainAt(appUrl)).ok).toBe(true);
    folder = await backup({ ownerUrl, dataDir, outDir: path.join(work, "backups") });
    await expect(verifyBackup(folder)).resolves.toMatchObject({ format: 1 });

    // Wipe: the database dropped, the files gone.
    await dropDatabase(shared, name);
    rmSync(dataDir, { recursive: true, force: true });
    await freshDatabase();

    const done = await restore({ ownerUrl, dataDir, from: folder });
    await prepareDatabase({ ownerUrl, appUrl });
    expect(done.rows).toBeGreaterThanOrEqual(5);
    expect(await snapshot()).toEqual(before);
    expect(readFileSync(blobPath).equals(blob)).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dataDir, "audit", "checkpoint.json"), "utf8"))).toEqual({ head: "h", count: 3 });
    expect(await verifyChainAt(appUrl)).toMatchObject({ ok: true, checked: 3 });
    // The sequence carries on after the restored ids, and the chain with it.
    await appendAppAuditEvents(appUrl, [{ action: "after.restore", result: "SUCCESS" }]);
    expect(await verifyChainAt(appUrl)).toMatchObject({ ok: true, checked: 4 });
    // The app role's rights are back: still no UPDATE on the audit log.
    await expect(query(appUrl, `UPDATE "AuditEvent" SET result = 'x'`)).rejects.toThrow(/permission denied/);
  }, 120_000);

  test("a database that holds data is refused without --force, and replaced with it", async () => {
    await expect(restore({ ownerUrl, dataDir, from: folder })).rejects.toThrow(/已有数据.*--force/);
    await restore({ ownerUrl, dataDir, from: folder, force: true });
    await prepareDatabase({ ownerUrl, appUrl });
    expect((await snapshot()).audit).toHaveLength(3);
    expect(await verifyChainAt(appUrl)).toMatchObject({ ok: true, checked: 3 });
  }, 120_000);

  test.each([
    ["a changed row", (f: string) => appendFileSync(path.join(f, "database", "AuditEvent.ndjson"), "{}\n"), /AuditEvent\.ndjson 的校验和不符/],
    ["a missing attachment", (f: string) => rmSync(path.join(f, "files", "uploads"), { recursive: true }), /缺少 files\/uploads/],
    ["a file slipped in", (f: string) => writeFileSync(path.join(f, "database", "Extra.ndjson"), "{}\n"), /多出未登记的文件/],
    ["no manifest", (f: string) => rmSync(path.join(f, "manifest.json")), /没有 manifest\.json/],
  ])("a backup with %s is refused, even with --force, before anything is touched", async (_what, damage, message) => {
    const copy = path.join(work, `damaged-${randomSuffix()}`);
    cpSync(folder, copy, { recursive: true });
    damage(copy);
    const error = await restore({ ownerUrl, dataDir, from: copy, force: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreRefused);
    expect((error as Error).message).toMatch(message);
    expect((await snapshot()).audit).toHaveLength(3);
    expect(existsSync(blobPath)).toBe(true);
  });
});

