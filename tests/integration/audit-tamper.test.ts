import { cpSync, mkdtempSync, readdirSync, writeFileSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { MIGRATIONS_DIR, migrate } from "@/lib/db/migrate";
import { MAC_PREFIX } from "@/lib/server/platform/audit-chain";
import { readCheckpoint, readLastVerification, verifyAndCheckpoint } from "@/lib/server/platform/audit-checkpoint";
import { verifyAuditLog, verifyAuditTail, type TamperKind } from "@/lib/server/platform/audit-verify";
import { auditLogDb, TEST_AUDIT_KEY, type AuditLogDb } from "../support/audit-log";

/**
 * Issue 10 §2: the six ways a database administrator can rewrite the audit log — edit, insert,
 * delete in the middle, delete at the tail, reorder, recompute with the database's own functions —
 * each done as a superuser with every trigger off, each detected and named.
 */
const open: AuditLogDb[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

const silent = () => {};

/** Eight events (one id left unused by a rolled-back writer, as happens in life), then a checkpoint. */
async function healthyLog() {
  const d = await auditLogDb();
  open.push(d);
  const rows = [];
  for (let i = 0; i < 4; i++) rows.push(await d.append());
  // A transaction that audited and then rolled back: its id is never used.
  const client = await d.pool.connect();
  await client.query("BEGIN");
  await client.query(`SELECT nextval(pg_get_serial_sequence('"AuditEvent"', 'id'))`);
  await client.query("ROLLBACK");
  client.release();
  for (let i = 0; i < 4; i++) rows.push(await d.append());
  const first = await verifyAndCheckpoint({ q: d.q, key: TEST_AUDIT_KEY, file: d.file, log: silent });
  expect(first).toMatchObject({ ok: true, checked: 8 });
  return { d, rows };
}

const verify = (d: AuditLogDb) => verifyAuditLog(d.q, { key: TEST_AUDIT_KEY, checkpoint: readCheckpoint(d.file) });

function expectDetected(result: Awaited<ReturnType<typeof verify>>, kind: TamperKind, id: string | null) {
  expect(result.ok).toBe(false);
  expect(result.failure).toMatchObject({ kind, id });
  expect(result.failure!.message).toMatch(/审计日志校验失败.*Audit log verification failed/);
}

describe("an untouched log", () => {
  test("verifies, with its checkpoint, and a later checkpoint follows the head", async () => {
    const { d, rows } = await healthyLog();
    expect(await verify(d)).toMatchObject({ ok: true, checked: 8, checkpoint: "verified", head: { id: rows[7].id } });
    const more = await d.append();
    const again = await verifyAndCheckpoint({ q: d.q, key: TEST_AUDIT_KEY, file: d.file, log: silent });
    expect(again.failure).toBeNull();
    expect(again).toMatchObject({ ok: true, checked: 9, written: { lastId: more.id, lastMac: more.hash, count: 9 } });
    expect(more.hash.startsWith(MAC_PREFIX)).toBe(true);
  });

  test("text PostgreSQL cannot keep as given — a lone surrogate, a NUL — still verifies (one anonymous login must not break the chain)", async () => {
    const d = await auditLogDb();
    open.push(d);
    const cut = `${"a".repeat(63)}${"😀"}`.slice(0, 64); // a name cut in the middle of an emoji
    await d.append({ actorName: cut, entityId: "x\u0000y", userAgent: "\uDC00ua", detail: { key: cut, [`k${"😀".slice(1)}`]: ["\uD83D", "z\u0000"] } });
    await d.append();
    expect(await verifyAuditLog(d.q, { key: TEST_AUDIT_KEY, checkpoint: null })).toMatchObject({ ok: true, checked: 2 });
  });

  test("a key other than the one that wrote it does not verify it", async () => {
    const { d } = await healthyLog();
    const other = await verifyAuditLog(d.q, { key: Buffer.alloc(32, 1), checkpoint: null });
    expect(other.ok).toBe(false);
  });
});

describe("the six kinds of tampering, each detected (6/6)", () => {
  test("1 edit: one row's result changed", async () => {
    const { d, rows } = await healthyLog();
    await d.tamper(`UPDATE "AuditEvent" SET "result" = 'FAILURE' WHERE id = $1`, [rows[2].id]);
    expectDetected(await verify(d), "edit", rows[2].id);
  });

  test("2 insert: a forged row in an unused id, linked to its predecessor", async () => {
    const { d, rows } = await healthyLog();
    const gap = String(BigInt(rows[3].id) + 1n);
    expect(gap).not.toBe(rows[4].id);
    await d.tamper(
      `INSERT INTO "AuditEvent" (id, at, action, result, "prevHash", hash)
       SELECT $1::bigint, at, 'auth.login', 'SUCCESS', hash, 'k1:' || encode(sha256('forged'::bytea), 'hex') FROM "AuditEvent" WHERE id = $2`,
      [gap, rows[3].id],
    );
    expectDetected(await verify(d), "insert", gap);
  });

  test("3 delete in the middle", async () => {
    const { d, rows } = await healthyLog();
    await d.tamper(`DELETE FROM "AuditEvent" WHERE id = $1`, [rows[3].id]);
    expectDetected(await verify(d), "delete", rows[4].id);
  });

  test("4 delete at the tail: the newest rows, and the whole table", async () => {
    const { d, rows } = await healthyLog();
    await d.tamper(`DELETE FROM "AuditEvent" WHERE id >= $1`, [rows[6].id]);
    expectDetected(await verify(d), "delete_tail", rows[7].id);
    await d.tamper(`TRUNCATE "AuditEvent"`);
    expectDetected(await verify(d), "delete_tail", rows[7].id);
  });

  test("5 reorder: two rows swap places", async () => {
    const { d, rows } = await healthyLog();
    await d.tamper(`UPDATE "AuditEvent" SET id = -1 WHERE id = $1`, [rows[2].id]);
    await d.tamper(`UPDATE "AuditEvent" SET id = $1 WHERE id = $2`, [rows[2].id, rows[3].id]);
    await d.tamper(`UPDATE "AuditEvent" SET id = $1 WHERE id = -1`, [rows[3].id]);
    expectDetected(await verify(d), "reorder", rows[2].id);
  });

  /** Rewrites one row, then every later hash with the database's own functions, as the probe did. */
  const recompute = (digest: string) => `
    DO $$ DECLARE r record; prev text; first bigint;
    BEGIN
      SELECT id INTO first FROM "AuditEvent" ORDER BY id OFFSET 2 LIMIT 1;
      UPDATE "AuditEvent" SET "actorName" = '别人' WHERE id = first;
      SELECT hash INTO prev FROM "AuditEvent" WHERE id < first ORDER BY id DESC LIMIT 1;
      FOR r IN SELECT id FROM "AuditEvent" WHERE id >= first ORDER BY id LOOP
        UPDATE "AuditEvent" SET "prevHash" = prev WHERE id = r.id;
        UPDATE "AuditEvent" e SET hash = ${digest} WHERE id = r.id RETURNING hash INTO prev;
      END LOOP;
    END $$`;

  test("6 recompute with the database's functions: gongkai_audit_digest()", async () => {
    const { d, rows } = await healthyLog();
    await d.tamper(recompute("gongkai_audit_digest(e)"));
    expectDetected(await verify(d), "recompute", rows[2].id);
  });

  test("6b recompute with sha256(), dressed as keyed rows", async () => {
    const { d, rows } = await healthyLog();
    await d.tamper(recompute(`'k1:' || encode(sha256(convert_to(e."prevHash" || e.id::text || e.action, 'UTF8')), 'hex')`));
    expectDetected(await verify(d), "recompute", rows[2].id);
    // Even without the checkpoint file the rewrite shows: the key is not in the database.
    expect((await verifyAuditLog(d.q, { key: TEST_AUDIT_KEY, checkpoint: null })).failure?.kind).toBe("recompute");
  });
});

describe("the checkpoint", () => {
  test("is signed: an edited checkpoint file is refused, and a broken log never gets a new one", async () => {
    const { d, rows } = await healthyLog();
    const saved = readFileSync(d.file, "utf8");
    const forged = { ...JSON.parse(saved), lastId: rows[5].id };
    writeFileSync(d.file, JSON.stringify(forged));
    expect((await verify(d)).failure).toMatchObject({ kind: "checkpoint" });
    writeFileSync(d.file, saved);
    await d.tamper(`DELETE FROM "AuditEvent" WHERE id = $1`, [rows[7].id]);
    const lines: string[] = [];
    const result = await verifyAndCheckpoint({ q: d.q, key: TEST_AUDIT_KEY, file: d.file, log: (l) => lines.push(l) });
    expect(result).toMatchObject({ ok: false, written: null });
    expect(readFileSync(d.file, "utf8")).toBe(saved);
    expect(JSON.parse(lines[0])).toMatchObject({ level: "error", msg: "audit.verify.failed", kind: "delete_tail" });
  });

  test("without one, tail deletion cannot be seen: the status says so", async () => {
    const d = await auditLogDb();
    open.push(d);
    await d.append();
    await d.append();
    await d.tamper(`DELETE FROM "AuditEvent" WHERE id = (SELECT max(id) FROM "AuditEvent")`);
    expect(await verifyAuditLog(d.q, { key: TEST_AUDIT_KEY, checkpoint: null })).toMatchObject({ ok: true, checkpoint: "missing" });
  });
});

describe("the database's own guards (the app's role cannot switch them off)", () => {
  test("no unkeyed row, no row off the head, no UPDATE, no DELETE outside a purge, no TRUNCATE", async () => {
    const { d, rows } = await healthyLog();
    await expect(d.pool.query(`INSERT INTO "AuditEvent" (action, result) VALUES ('auth.login', 'SUCCESS')`)).rejects.toThrow(/keyed MAC/);
    await expect(
      d.pool.query(`INSERT INTO "AuditEvent" (action, result, "prevHash", hash) VALUES ('auth.login', 'SUCCESS', 'GENESIS', 'k1:x')`),
    ).rejects.toThrow(/prevHash is not the chain head/);
    await expect(
      d.pool.query(`INSERT INTO "AuditEvent" (id, action, result, "prevHash", hash) VALUES (1, 'auth.login', 'SUCCESS', $1, 'k1:x')`, [rows[7].hash]),
    ).rejects.toThrow(/does not follow the chain head/);
    await expect(d.pool.query(`UPDATE "AuditEvent" SET result = 'x'`)).rejects.toThrow(/append-only/);
    await expect(d.pool.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(d.pool.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await verify(d)).toMatchObject({ ok: true, checked: 8 });
  });

  test("concurrent writers from several connections make one linear chain", async () => {
    const d = await auditLogDb();
    open.push(d);
    await Promise.all(Array.from({ length: 20 }, () => d.append()));
    expect(await verifyAuditLog(d.q, { key: TEST_AUDIT_KEY, checkpoint: null })).toMatchObject({ ok: true, checked: 20 });
  });
});

describe("rows written before the key existed", () => {
  /** The migrations before the keyed chain, in a folder of their own. */
  function migrationsBeforeKeyedChain(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gongkai-migrations-"));
    for (const name of readdirSync(MIGRATIONS_DIR)) {
      if (name < "20261204100000") cpSync(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
    }
    return dir;
  }

  test("verify as legacy links, anchored by the first keyed row; rewriting them is detected", async () => {
    const d = await auditLogDb({ migrationsDir: migrationsBeforeKeyedChain() });
    open.push(d);
    for (let i = 0; i < 3; i++) {
      await d.pool.query(`INSERT INTO "AuditEvent" (action, result, detail, "actorName") VALUES ('auth.login', 'SUCCESS', $1, '旧')`, [{ i, "键": "值 \"引号\"" }]);
    }
    await migrate(d.url);
    await d.append();
    await d.append();
    expect(await verifyAuditLog(d.q, { key: TEST_AUDIT_KEY, checkpoint: null })).toMatchObject({ ok: true, checked: 5 });
    // A legacy row edited and the legacy links recomputed: the first keyed row's MAC still holds the old head.
    await d.tamper(`
      DO $$ DECLARE r record; prev text := 'GENESIS';
      BEGIN
        UPDATE "AuditEvent" SET "actorName" = '改' WHERE id = (SELECT min(id) FROM "AuditEvent");
        FOR r IN SELECT id FROM "AuditEvent" WHERE hash NOT LIKE 'k1:%' ORDER BY id LOOP
          UPDATE "AuditEvent" SET "prevHash" = prev WHERE id = r.id;
          UPDATE "AuditEvent" e SET hash = gongkai_audit_digest(e) WHERE id = r.id RETURNING hash INTO prev;
        END LOOP;
      END $$`);
    const ids = await d.ids();
    expectDetected(await verifyAuditLog(d.q, { key: TEST_AUDIT_KEY, checkpoint: null }), "recompute", ids[3]);
  });
});

describe("the rows since the checkpoint (what the 审计管理员's page checks on every view)", () => {
  /** The healthy log, its checkpoint at row 8, and three rows written after it. */
  async function withTail() {
    const { d, rows } = await healthyLog();
    const tail = [await d.append(), await d.append(), await d.append()];
    const checkTail = () => verifyAuditTail(d.q, { key: TEST_AUDIT_KEY, checkpoint: readCheckpoint(d.file)! });
    return { d, rows, tail, checkTail };
  }

  test("reads only the new rows, and each kind of tampering among them is caught", async () => {
    const { d, tail, checkTail } = await withTail();
    expect(await checkTail()).toMatchObject({ ok: true, checked: 3, head: { id: tail[2].id } });
    await d.tamper(`UPDATE "AuditEvent" SET "result" = 'FAILURE' WHERE id = $1`, [tail[1].id]);
    expectDetected(await checkTail(), "edit", tail[1].id);
  });

  test("a deleted row after the checkpoint, and the checkpoint's own row deleted or rewritten", async () => {
    const { d, rows, tail, checkTail } = await withTail();
    await d.tamper(`DELETE FROM "AuditEvent" WHERE id = $1`, [tail[0].id]);
    expectDetected(await checkTail(), "delete", tail[1].id);
    await d.tamper(`UPDATE "AuditEvent" SET "actorName" = '别人' WHERE id = $1`, [rows[7].id]);
    expectDetected(await checkTail(), "recompute", rows[7].id);
    await d.tamper(`DELETE FROM "AuditEvent" WHERE id = $1`, [rows[7].id]);
    expectDetected(await checkTail(), "delete_tail", rows[7].id);
  });

  test("a forged checkpoint file is refused", async () => {
    const { d, rows } = await withTail();
    writeFileSync(d.file, JSON.stringify({ ...readCheckpoint(d.file)!, lastId: rows[5].id }));
    expect((await verifyAuditTail(d.q, { key: TEST_AUDIT_KEY, checkpoint: readCheckpoint(d.file)! })).failure).toMatchObject({ kind: "checkpoint" });
  });

  test("older rows are the hourly job's: its failure is recorded, with its time, for the page to show", async () => {
    const { d, rows, checkTail } = await withTail();
    expect(readLastVerification(d.file)).toMatchObject({ ok: true, checked: 8, failure: null });
    await d.tamper(`UPDATE "AuditEvent" SET "result" = 'FAILURE' WHERE id = $1`, [rows[2].id]);
    expect((await checkTail()).ok).toBe(true); // not the page's part
    const at = new Date("2026-12-01T04:00:00Z");
    await verifyAndCheckpoint({ q: d.q, key: TEST_AUDIT_KEY, file: d.file, log: silent, now: at });
    expect(readLastVerification(d.file)).toMatchObject({ ok: false, at: at.toISOString(), failure: { kind: "edit", id: rows[2].id } });
  });
});
