import "server-only";
import pg from "pg";
import { readMigrations } from "@/lib/db/migrate";
import { databaseUrl } from "@/lib/env";

/**
 * Liveness and readiness for a load balancer, systemd or Kubernetes (issue 10 §8).
 *
 * Liveness says only that the process answers: it never touches the database, so a database
 * outage does not make an orchestrator restart every healthy app instance in a loop.
 * Readiness says whether this instance can serve: the database answers within a short deadline
 * and every migration shipped with this build (prisma/migrations) is recorded as applied in
 * `_prisma_migrations`, as lib/db/migrate.ts records them. Answers carry no error text, host or
 * connection string: the endpoints need no login.
 */

/**
 * "unreachable": no connection (refused, no route, unknown host); "timeout": no answer within the
 * deadline; "error": the server answered with a refusal (wrong password, no such database, starting up).
 */
export type DatabaseState = "ok" | "unreachable" | "timeout" | "error";

export interface Readiness {
  ready: boolean;
  database: DatabaseState;
  /** "ok", "pending: N", or "unknown" when the database could not be asked. */
  migrations: string;
}

export interface ReadinessOptions {
  /** Defaults to DATABASE_URL; tests point it at a scratch database or a closed port. */
  url?: string;
  /** Migration folder names this build expects; defaults to prisma/migrations, read once. */
  expected?: readonly string[];
  /** Deadline for connecting and both queries together. */
  timeoutMs?: number;
}

export const READINESS_TIMEOUT_MS = 2_000;
export const RETRY_AFTER_SECONDS = 5;

let shipped: readonly string[] | undefined;

/** The folder cannot change under a running process, so it is read on the first probe only. */
function shippedMigrations(): readonly string[] {
  shipped ??= readMigrations().map((m) => m.name);
  return shipped;
}

class Timeout extends Error {}

/**
 * One short-lived connection per probe, not the app's pool: a probe must not queue behind busy
 * requests (the deadline would then measure the queue), and a pooled connection would hide a
 * server that accepts no new ones.
 */
export async function checkReadiness(options: ReadinessOptions = {}): Promise<Readiness> {
  const expected = options.expected ?? shippedMigrations();
  const client = new pg.Client({ connectionString: options.url ?? databaseUrl() });
  // A failed connection emits "error" as well as rejecting; unhandled, it would crash the process.
  client.on("error", () => {});
  let timer: NodeJS.Timeout | undefined;
  const timeoutMs = options.timeoutMs ?? READINESS_TIMEOUT_MS;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const applied = await Promise.race([appliedMigrations(client), deadline]);
    const pending = expected.filter((name) => !applied.has(name)).length;
    lastFailure = undefined;
    return { ready: pending === 0, database: "ok", migrations: pending === 0 ? "ok" : `pending: ${pending}` };
  } catch (error) {
    const database: DatabaseState = error instanceof Timeout ? "timeout" : isSqlState(error) ? "error" : "unreachable";
    report(database, error);
    return { ready: false, database, migrations: "unknown" };
  } finally {
    clearTimeout(timer);
    // Not awaited: ending a connection stuck in its handshake may itself hang past the deadline.
    client.end().catch(() => {});
  }
}

async function appliedMigrations(client: pg.Client): Promise<Set<string>> {
  await client.connect();
  await client.query("SELECT 1");
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    return new Set(rows.map((r) => r.migration_name));
  } catch (error) {
    // 42P01 undefined_table: a database nothing was ever applied to; every migration is pending.
    if ((error as { code?: string }).code === "42P01") return new Set();
    throw error;
  }
}

/** PostgreSQL's own errors carry a five-character SQLSTATE; socket errors carry E-codes (ECONNREFUSED). */
function isSqlState(error: unknown): boolean {
  return /^[0-9][0-9A-Z]{4}$/.test(String((error as { code?: unknown }).code ?? ""));
}

let lastFailure: string | undefined;

/** Logged once per change of cause, not on every probe (a balancer asks every few seconds). */
function report(state: DatabaseState, error: unknown) {
  const cause = `${state}: ${(error as { code?: string }).code ?? (error as Error).message}`;
  if (cause === lastFailure) return;
  lastFailure = cause;
  console.warn(`[gongkai] not ready — database ${cause}`);
}

const noStore = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

export function livenessResponse(): Response {
  return new Response(JSON.stringify({ status: "ok" }), { headers: noStore });
}

export function readinessResponse(r: Readiness): Response {
  if (r.ready) {
    return new Response(JSON.stringify({ status: "ready", database: r.database, migrations: r.migrations }), { headers: noStore });
  }
  return new Response(JSON.stringify({ status: "not_ready", database: r.database, migrations: r.migrations }), {
    status: 503,
    headers: { ...noStore, "Retry-After": String(RETRY_AFTER_SECONDS) },
  });
}

/**
 * The route's probe: /api/ready needs no login, and each check opens a connection, so a flood of
 * probes must not become a flood of connections. Probes arriving together share one check, and
 * its answer serves for a second — far finer than any balancer's interval.
 */
let shared: { at: number; result: Promise<Readiness> } | null = null;
export function sharedReadiness(now = Date.now()): Promise<Readiness> {
  if (!shared || now - shared.at > 1_000) shared = { at: now, result: checkReadiness() };
  return shared.result;
}
