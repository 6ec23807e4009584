import net from "node:net";
import pg from "pg";
import { afterAll, describe, expect, inject, test } from "vitest";
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { checkReadiness, readinessResponse, sharedReadiness } from "@/lib/server/platform/health";
import nextConfig from "@/next.config.js";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";
import { createDatabase, dropDatabase, randomSuffix } from "../support/throwaway-db";

/**
 * /api/health and /api/ready (issue 10 §8). The routes are called as Next.js calls them; the
 * failing cases point the readiness check at real databases beside the shared one (a scratch
 * database with a migration missing, an empty one), at a closed port and at a server that accepts
 * connections but never answers — nothing of ours is mocked.
 */
const serverUrl = () => inject("databaseUrl");
const scratch: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

async function scratchDatabase(): Promise<string> {
  const name = `gongkai_test_${randomSuffix()}`;
  scratch.push(name);
  return createDatabase(serverUrl(), name);
}

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  for (const name of scratch) await dropDatabase(serverUrl(), name);
});

async function sql(url: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

/** A port nothing listens on: bound by us, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts TCP connections and never says a word: a database hung or behind a dropped route. */
async function silentServer(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return (server.address() as net.AddressInfo).port;
}

async function body(r: Response) {
  return JSON.parse(await r.text()) as Record<string, string>;
}

/** A not-ready answer: 503, Retry-After, never cached, and no connection details. */
async function expectNotReady(r: Response, expected: Record<string, string>, secrets: string[] = []) {
  expect(r.status).toBe(503);
  expect(r.headers.get("retry-after")).toBe("5");
  expect(r.headers.get("cache-control")).toBe("no-store");
  const text = await r.clone().text();
  for (const s of secrets) expect(text).not.toContain(s);
  expect(await body(r)).toEqual({ status: "not_ready", ...expected });
}

describe("/api/health", () => {
  test("answers 200 ok, never cached", async () => {
    const r = health();
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(await body(r)).toEqual({ status: "ok" });
  });
});

describe("/api/ready", () => {
  test("the migrated test database is ready", async () => {
    const r = await ready();
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.headers.get("retry-after")).toBeNull();
    expect(await body(r)).toEqual({ status: "ready", database: "ok", migrations: "ok" });
  });

  test("a flood of probes shares one check (one connection), renewed after a second", async () => {
    const t = Date.now() + 5_000;
    const first = sharedReadiness(t);
    expect(sharedReadiness(t + 10)).toBe(first);
    expect(sharedReadiness(t + 999)).toBe(first);
    expect(sharedReadiness(t + 1_500)).not.toBe(first);
    expect(await first).toMatchObject({ database: "ok" });
  });

  test("a database missing its newest migration is not ready: pending 1", async () => {
    const url = await scratchDatabase();
    await migrate(url);
    const newest = readMigrations().at(-1)!.name;
    await sql(url, `DELETE FROM "_prisma_migrations" WHERE migration_name = $1`, [newest]);
    await expectNotReady(readinessResponse(await checkReadiness({ url })), { database: "ok", migrations: "pending: 1" });
  });

  test("a migration that started but never finished counts as pending", async () => {
    const url = await scratchDatabase();
    await migrate(url);
    const newest = readMigrations().at(-1)!.name;
    await sql(url, `UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = $1`, [newest]);
    expect(await checkReadiness({ url })).toEqual({ ready: false, database: "ok", migrations: "pending: 1" });
  });

  test("an empty database (no migrations table) has every migration pending", async () => {
    const url = await scratchDatabase();
    const all = readMigrations().length;
    await expectNotReady(readinessResponse(await checkReadiness({ url })), { database: "ok", migrations: `pending: ${all}` });
  });

  test("a closed port is unreachable, and the answer names no host, port or password", async () => {
    const port = await closedPort();
    const url = `postgresql://gongkai:s3cret-pw@127.0.0.1:${port}/gongkai`;
    await expectNotReady(readinessResponse(await checkReadiness({ url })), { database: "unreachable", migrations: "unknown" }, [
      "s3cret-pw",
      "127.0.0.1",
      String(port),
      "ECONNREFUSED",
    ]);
  });

  test("a server that never answers times out at the deadline", async () => {
    const port = await silentServer();
    const url = `postgresql://gongkai:pw@127.0.0.1:${port}/gongkai`;
    await expectNotReady(readinessResponse(await checkReadiness({ url, timeoutMs: 300 })), { database: "timeout", migrations: "unknown" });
  });

  test("a server that refuses the login is an error, not ready", async () => {
    const u = new URL(serverUrl());
    u.username = "nobody_here";
    u.password = "wrong";
    expect(await checkReadiness({ url: u.toString() })).toEqual({ ready: false, database: "error", migrations: "unknown" });
  });
});

describe("next.config.js", () => {
  test("no header rule gives the probes a shared-cache policy", async () => {
    const rules = await nextConfig.headers!();
    for (const path of ["/api/health", "/api/ready"]) {
      const caching = rules.filter((r) => getPathMatch(r.source)(path) && r.headers.some((h) => h.key.toLowerCase() === "cache-control"));
      expect(caching.map((r) => r.source), path).toEqual([]);
    }
  });
});
