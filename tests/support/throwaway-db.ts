import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

/**
 * Throwaway PostgreSQL databases for integration and e2e runs. Every run gets a database of its
 * own, so a run never sees another run's rows (audit rows cannot be deleted, by design) and two
 * runs on one server never collide.
 */
export interface ThrowawayDatabase {
  url: string;
  stop(): Promise<void>;
}

export function randomSuffix(): string {
  return randomBytes(5).toString("hex");
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function isLocalDatabaseUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return ["localhost", "127.0.0.1", "::1"].includes(host);
}

function quoteIdent(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  return `"${name}"`;
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database beside the one `serverUrl` names; returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  await onServer(serverUrl, `CREATE DATABASE ${quoteIdent(name)}`);
  return withDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  // FORCE: a test that failed mid-way may have left a pool open.
  await onServer(serverUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/**
 * A fresh database named `<prefix>_<random>`: on the server of `serverUrl` when given (CI with a
 * service container), else on an embedded PostgreSQL in a new temporary folder.
 */
export async function startThrowawayDatabase(prefix: string, serverUrl?: string): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${randomSuffix()}`;
  if (serverUrl) {
    const url = await createDatabase(serverUrl, name);
    return { url, stop: () => dropDatabase(serverUrl, name) };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  // As root, embedded-postgres runs the server as the `postgres` user, which must be able to
  // create its data folder inside ours (mkdtemp makes it 0700 root).
  chmodSync(dir, 0o777);
  try {
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), database: name, persistent: false, quiet: true });
    return {
      url: server.url,
      async stop() {
        try {
          await server.stop();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
