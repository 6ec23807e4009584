import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { appendAuditEvent } from "@/lib/server/platform/audit-chain";
import { eventFields, queryable, TEST_AUDIT_KEY } from "../support/audit-log";
import { createDatabase, dropDatabase, randomSuffix } from "../support/throwaway-db";

/**
 * lib/db/migrate.ts stands in for `prisma migrate deploy` (DESIGN §9), and several app instances
 * may start at once (DESIGN §10). These tests run on scratch databases beside the shared one,
 * because audit rows can never be deleted.
 */
const serverUrl = () => inject("databaseUrl");
const scratch: string[] = [];

async function scratchDatabase(): Promise<string> {
  const name = `gongkai_test_${randomSuffix()}`;
  scratch.push(name);
  return createDatabase(serverUrl(), name);
}

afterAll(async () => {
  for (const name of scratch) await dropDatabase(serverUrl(), name);
});

/** Computed here, not by migrate.ts, so a wrong checksum there cannot agree with itself. */
const dir = path.join(process.cwd(), "prisma", "migrations");
const onDisk = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => ({ name: d.name, checksum: createHash("sha256").update(readFileSync(path.join(dir, d.name, "migration.sql"))).digest("hex") }))
  .sort((a, b) => a.name.localeCompare(b.name));

async function query<R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const ledger = (url: string) =>
  query<{ migration_name: string; checksum: string; finished: boolean; started_at: Date }>(
    url,
    `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, started_at FROM "_prisma_migrations" ORDER BY migration_name`,
  );

describe("migrate()", () => {
  it("records every migration with Prisma's checksum, and a second run is a no-op", async () => {
    const url = await scratchDatabase();
    expect(await migrate(url)).toEqual(onDisk.map((m) => m.name));
    const first = await ledger(url);
    expect(first.map(({ migration_name, checksum, finished }) => ({ name: migration_name, checksum, finished }))).toEqual(
      onDisk.map((m) => ({ ...m, finished: true })),
    );

    expect(await migrate(url)).toEqual([]);
    expect(await ledger(url)).toEqual(first);
  });

  it("applies each migration exactly once when two instances start together", async () => {
    const url = await scratchDatabase();
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    // Whichever got the lock first did all the work; the other found nothing left.
    expect([...a, ...b].sort()).toEqual(onDisk.map((m) => m.name));
    expect((await ledger(url)).map((r) => [r.migration_name, r.checksum, r.finished])).toEqual(
      onDisk.map((m) => [m.name, m.checksum, true]),
    );
  });
});

describe("append-only tables", () => {
  let url: string;
  let client: pg.Client;

  beforeAll(async () => {
    url = await scratchDatabase();
    await migrate(url);
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });
  afterAll(() => client?.end());

  const auditRows = async () =>
    (await client.query<{ id: string; prevHash: string; hash: string }>(`SELECT id, "prevHash", "hash" FROM "AuditEvent" ORDER BY id`)).rows;

  it("chains AuditEvent rows: GENESIS first, then each prevHash is the previous hash", async () => {
    // A writer cannot choose its own place in the chain, nor write a row without the app's MAC.
    await expect(client.query(`INSERT INTO "AuditEvent" (action, result, "prevHash", hash) VALUES ('login', 'ok', 'forged', 'k1:forged')`)).rejects.toThrow(/chain head/);
    await expect(client.query(`INSERT INTO "AuditEvent" (action, result) VALUES ('login', 'ok')`)).rejects.toThrow(/keyed MAC/);
    // Concurrent writers from several connections must still produce one linear chain.
    const pool = new pg.Pool({ connectionString: url, max: 5 });
    try {
      await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const c = await pool.connect();
          try {
            await c.query("BEGIN");
            await appendAuditEvent(queryable(c), { ...eventFields(), action: `act-${i}`, detail: { i } }, TEST_AUDIT_KEY);
            await c.query("COMMIT");
          } finally {
            c.release();
          }
        }),
      );
    } finally {
      await pool.end();
    }
    const rows = await auditRows();
    expect(rows).toHaveLength(20);
    expect(rows[0].prevHash).toBe("GENESIS");
    rows.forEach((row, i) => {
      expect(row.hash).toMatch(/^k1:[0-9a-f]{64}$/);
      if (i > 0) expect(row.prevHash).toBe(rows[i - 1].hash);
    });
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
  });

  it("refuses UPDATE, DELETE and TRUNCATE on AuditEvent", async () => {
    const before = await auditRows();
    expect(before.length).toBeGreaterThan(0);
    await expect(client.query(`UPDATE "AuditEvent" SET result = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(client.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await auditRows()).toEqual(before);
  });

  it("refuses UPDATE, DELETE and TRUNCATE on ReviewRecord", async () => {
    await client.query(`
      INSERT INTO "User" (id, username, "displayName", "passwordHash", "updatedAt") VALUES ('u1', 'author', 'A', 'x', now());
      INSERT INTO "Department" (id, code, name, "updatedAt") VALUES ('d1', 'D1', 'Dept', now());
      INSERT INTO "Column" (id, code, name, "updatedAt") VALUES ('c1', 'C1', 'Cat', now());
      INSERT INTO "DisclosureItem" (id, "departmentId", "columnId", "authorId", "updatedAt") VALUES ('i1', 'd1', 'c1', 'u1', now());
      INSERT INTO "ItemRevision" (id, "itemId", number, title, "bodyHtml", "formedOn", "contentHash", "authorId")
        VALUES ('r1', 'i1', 1, 'T', '<p>x</p>', '2026-01-05', 'h1', 'u1');
      INSERT INTO "ReviewRecord" (id, "itemId", "revisionId", "contentHash", stage, decision, "reviewerId")
        VALUES ('rr1', 'i1', 'r1', 'h1', 'DEPT_HEAD', 'APPROVE', 'u1');
    `);
    await expect(client.query(`UPDATE "ReviewRecord" SET decision = 'REJECT'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM "ReviewRecord"`)).rejects.toThrow(/append-only/);
    await expect(client.query(`TRUNCATE "ReviewRecord" CASCADE`)).rejects.toThrow(/append-only/);
    const { rows } = await client.query(`SELECT decision FROM "ReviewRecord" WHERE id = 'rr1'`);
    expect(rows).toEqual([{ decision: "APPROVE" }]);
  });

  it("refuses UPDATE, DELETE and TRUNCATE on ItemRevision and Attachment", async () => {
    await client.query(`
      INSERT INTO "StoredFile" (id, sha256, size, "mimeType", "fileName", "uploadedById") VALUES ('f1', 'abc', 1, 'application/pdf', 'a.pdf', 'u1');
      INSERT INTO "Attachment" (id, "revisionId", "fileId") VALUES ('a1', 'r1', 'f1');
    `);
    await expect(client.query(`UPDATE "ItemRevision" SET title = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM "ItemRevision" WHERE id = 'r1'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`TRUNCATE "ItemRevision" CASCADE`)).rejects.toThrow(/append-only/);
    await expect(client.query(`UPDATE "Attachment" SET "fileId" = 'f1', "sortOrder" = 2`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM "Attachment"`)).rejects.toThrow(/append-only/);
    const { rows } = await client.query(`SELECT title FROM "ItemRevision" WHERE id = 'r1'`);
    expect(rows).toEqual([{ title: "T" }]);
  });
});
