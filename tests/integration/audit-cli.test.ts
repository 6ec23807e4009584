import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { auditLogDb, TEST_AUDIT_KEY, type AuditLogDb } from "../support/audit-log";

/** `npm run audit:verify` and `npm run audit:purge` as an operator runs them: exit codes and messages. */
let d: AuditLogDb;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "gongkai-audit-cli-"));
beforeAll(async () => {
  d = await auditLogDb();
  for (let i = 0; i < 3; i++) await d.append();
});
afterAll(() => d?.close());

function run(...args: string[]) {
  return runAs(d.url, ...args);
}

function runAs(url: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/db.ts", ...args], {
    env: { ...process.env, DATABASE_URL: url, DATA_DIR: dataDir, AUDIT_HMAC_KEY: TEST_AUDIT_KEY.toString("base64"), NODE_ENV: "production" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

test("verify: an intact log → exit 0 and a checkpoint written", () => {
  const ok = run("verify-audit");
  expect(ok.out).toContain("审计日志完整：共 3 条记录");
  expect(ok.code).toBe(0);
  expect(existsSync(path.join(dataDir, "audit", "checkpoint.json"))).toBe(true);
});

test("a tampered log: exit 1, Chinese and English, first bad id and kind", async () => {
  const ids = await d.ids();
  await d.tamper(`DELETE FROM "AuditEvent" WHERE id = $1`, [ids[2]]);
  const bad = run("verify-audit");
  expect(bad.code).toBe(1);
  expect(bad.out).toContain(`第 ${ids[2]} 号记录处末尾的记录被删除`);
  expect(bad.out).toContain("rows were deleted at the tail");
});

test("purge: a date less than six months ago is refused with exit 1; a malformed one with usage", () => {
  const young = run("purge-audit", "--before", new Date().toISOString().slice(0, 10));
  expect(young.code).toBe(1);
  expect(young.out).toContain("审计日志至少保存六个月");
  expect(run("purge-audit", "--before", "yesterday").code).toBe(2);
});

test("purge as a role without the rights (the app's, when MIGRATION_DATABASE_URL is unset): exit 1 and what to set, no stack trace", async () => {
  const role = `gongkai_noright_${Math.random().toString(36).slice(2, 8)}`;
  await d.pool.query(`CREATE ROLE ${role} LOGIN PASSWORD 'noright-password'`);
  try {
    const url = new URL(d.url);
    url.username = role;
    url.password = "noright-password";
    const refused = runAs(url.toString(), "purge-audit", "--before", "2020-01-01");
    expect(refused.out).toContain("MIGRATION_DATABASE_URL");
    expect(refused.out).toContain("permission denied for the current database role");
    expect(refused.out).not.toMatch(/\n\s+at /);
    expect(refused.code).toBe(1);
  } finally {
    await d.pool.query(`DROP ROLE ${role}`);
  }
});
