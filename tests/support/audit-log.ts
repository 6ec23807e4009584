import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { appendAuditEvent, type AuditRowFields, type Queryable } from "@/lib/server/platform/audit-chain";
import { createDatabase, dropDatabase, randomSuffix } from "./throwaway-db";

/**
 * A migrated database of its own for audit-log tests: they tamper with the log as a superuser,
 * which must never touch the shared test database's chain.
 */
export const TEST_AUDIT_KEY = Buffer.alloc(32, 9);

export interface AuditLogDb {
  url: string;
  pool: pg.Pool;
  q: Queryable;
  /** A checkpoint file of this database's own. */
  file: string;
  /** Appends one event in its own transaction (as the app does). */
  append(fields?: Partial<AuditRowFields>, at?: Date): Promise<{ id: string; hash: string }>;
  /** Runs SQL as the superuser with every trigger off (session_replication_role = replica). */
  tamper(sql: string, params?: unknown[]): Promise<void>;
  ids(): Promise<string[]>;
  close(): Promise<void>;
}

export function queryable(client: pg.Pool | pg.PoolClient | pg.Client): Queryable {
  return { query: async <R>(text: string, params?: unknown[]) => ({ rows: (await client.query(text, params)).rows as R[] }) };
}

let counter = 0;
export function eventFields(overrides: Partial<AuditRowFields> = {}): AuditRowFields {
  counter++;
  return {
    actorId: `u${counter}`, actorName: `用户${counter}`, roles: "LIAISON", action: "item.update", entity: "DisclosureItem",
    entityId: `item-${counter}`, result: "SUCCESS", detail: { n: counter, 说明: "第一行\n第二行", nested: { b: 1, a: [1.5, "x"] } },
    ip: "10.0.0.1", userAgent: "vitest", ...overrides,
  };
}

export async function auditLogDb(options: { migrationsDir?: string } = {}): Promise<AuditLogDb> {
  const serverUrl = inject("databaseUrl");
  const name = `gongkai_test_${randomSuffix()}`;
  const url = await createDatabase(serverUrl, name);
  await migrate(url, { dir: options.migrationsDir });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "gongkai-audit-")), "checkpoint.json");
  return {
    url,
    pool,
    q: queryable(pool),
    file,
    async append(fields = {}, at) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const row = await appendAuditEvent(queryable(client), eventFields(fields), TEST_AUDIT_KEY, { at });
        await client.query("COMMIT");
        return row;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
    async tamper(sql, params) {
      const client = await pool.connect();
      try {
        await client.query("SET session_replication_role = replica");
        await client.query(sql, params);
      } finally {
        await client.query("RESET session_replication_role").catch(() => {});
        client.release();
      }
    },
    async ids() {
      return (await pool.query<{ id: string }>(`SELECT id::text FROM "AuditEvent" ORDER BY id`)).rows.map((r) => r.id);
    },
    async close() {
      await pool.end();
      await dropDatabase(serverUrl, name);
    },
  };
}

/** Appends events as the app does (keyed, in a transaction each) to the database at `url`, under the app's key. */
export async function appendAppAuditEvents(url: string, events: Partial<AuditRowFields>[]): Promise<void> {
  const { auditHmacKey } = await import("@/lib/env");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const fields of events) {
      await client.query("BEGIN");
      await appendAuditEvent(queryable(client), eventFields(fields), auditHmacKey());
      await client.query("COMMIT");
    }
  } finally {
    await client.end();
  }
}
