import "server-only";
import { Pool } from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { retryAfterMessage } from "@/lib/domain/retry-after";
import { databaseUrl } from "@/lib/env";

/**
 * Rate limits kept in PostgreSQL (DESIGN §8 "Abuse", §10: several app instances share them), for
 * the public request form, the tracking page and, later, login and search. Each limit is a set
 * of fixed windows — "10 a minute and 100 a day" — counted per key (the client address) by
 * rate-limiter-flexible's RateLimiterPostgres: one atomic INSERT … ON CONFLICT DO UPDATE per
 * window, so concurrent requests cannot slip past a limit. Its table "RateLimit" is made by a
 * migration (tableCreated: true): the app's database role needs no CREATE.
 */

export interface RateWindow {
  points: number;
  seconds: number;
}

export interface RateLimitPolicy {
  /** Stable name, part of every counter's key. */
  name: string;
  windows: readonly RateWindow[];
}

const MINUTE = 60;
const DAY = 86_400;

/** The limits of the public surfaces; the keys are client addresses. */
export const RATE_LIMITS = {
  /** Every POST of the application form, valid or not. */
  applyAttempt: { name: "apply-attempt", windows: [{ points: 10, seconds: 10 * MINUTE }, { points: 40, seconds: DAY }] },
  /** Applications accepted from one address (also what the challenge threshold counts). */
  applySubmitted: { name: "apply-submitted", windows: [{ points: 20, seconds: DAY }] },
  /** /track lookups. */
  track: { name: "track", windows: [{ points: 10, seconds: MINUTE }, { points: 100, seconds: DAY }] },
  /** Reply-letter downloads from /track. */
  trackDownload: { name: "track-download", windows: [{ points: 10, seconds: MINUTE }, { points: 50, seconds: DAY }] },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitDecision =
  | { ok: true; consumed: number }
  | { ok: false; retryAfterSeconds: number; message: string };

const TABLE = "RateLimit";

interface Shared {
  pool?: Pool;
  limiters: Map<string, RateLimiterPostgres>;
}
const shared = globalThis as unknown as { gongkaiRateLimit?: Shared };

/** A small pool of its own: the counters are single statements, outside any Prisma transaction. */
function pool(): Pool {
  shared.gongkaiRateLimit ??= { limiters: new Map() };
  shared.gongkaiRateLimit.pool ??= new Pool({ connectionString: databaseUrl(), max: 4, allowExitOnIdle: true });
  return shared.gongkaiRateLimit.pool;
}

function limiter(policy: RateLimitPolicy, window: RateWindow): RateLimiterPostgres {
  const keyPrefix = `${policy.name}:${window.seconds}`;
  const limiters = (shared.gongkaiRateLimit ??= { limiters: new Map() }).limiters;
  const id = `${keyPrefix}/${window.points}`;
  let found = limiters.get(id);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: pool(),
      storeType: "pool",
      tableName: TABLE,
      tableCreated: true,
      keyPrefix,
      points: window.points,
      duration: window.seconds,
    });
    limiters.set(id, found);
  }
  return found;
}

/** The key of an address; requests whose address is unknown share one budget. */
export const clientKey = (ip: string | null | undefined) => (ip && ip.length <= 100 ? ip : "unknown");

/**
 * Counts one attempt against every window of `policy`; refused when any window is spent, with the
 * longest wait among them. A refused attempt still counts (it is an attempt).
 */
export async function consumeRateLimit(policy: RateLimitPolicy, key: string, now = new Date()): Promise<RateLimitDecision> {
  let waitMs = 0;
  let consumed = 0;
  for (const window of policy.windows) {
    try {
      const res = await limiter(policy, window).consume(key);
      consumed = Math.max(consumed, res.consumedPoints);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      waitMs = Math.max(waitMs, error.msBeforeNext);
    }
  }
  if (waitMs > 0) {
    const retryAfterSeconds = Math.ceil(waitMs / 1000);
    return { ok: false, retryAfterSeconds, message: retryAfterMessage(retryAfterSeconds, now) };
  }
  return { ok: true, consumed };
}

/** Gives back one attempt (an application refused after counting, e.g. for a missing challenge). */
export async function refundRateLimit(policy: RateLimitPolicy, key: string): Promise<void> {
  for (const window of policy.windows) await limiter(policy, window).reward(key, 1);
}

/** Headers of an HTTP 429 for a refused decision. */
export function retryAfterHeaders(decision: Extract<RateLimitDecision, { ok: false }>): Record<string, string> {
  return { "Retry-After": String(decision.retryAfterSeconds), "Cache-Control": "no-store" };
}
