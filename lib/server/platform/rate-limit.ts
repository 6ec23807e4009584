import "server-only";
import { NextResponse } from "next/server";
import { Pool } from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { normalizeUsername, RATE_LIMITED_ERROR_PREFIX } from "@/lib/domain/lockout";
import { retryAfterMessage } from "@/lib/domain/retry-after";
import { databaseUrl } from "@/lib/env";
import { log } from "./log";
import { clientAddressOf, requestMeta } from "./request-context";

/**
 * Rate limits kept in PostgreSQL (DESIGN §8 "Abuse", §10: several app instances share them), for
 * the public request form, the tracking page, login, search, the JSON API and uploads. Each limit is a set
 * of fixed windows — "10 a minute and 100 a day" — counted per key (the client address) by
 * rate-limiter-flexible's RateLimiterPostgres: one atomic INSERT … ON CONFLICT DO UPDATE per
 * window, so concurrent requests cannot slip past a limit. Its table "RateLimit" is made by a
 * migration (tableCreated: true): the app's database role needs no CREATE.
 *
 * When PostgreSQL cannot answer in time (down, or every connection taken under overload), each
 * limiter falls back to its insurance — the same windows counted in this process's memory
 * (rate-limiter-flexible's insuranceLimiter) — so a request is still limited, never a 500, and
 * PostgreSQL takes over again by itself once it answers (docs/decisions.md "Session 9").
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
const HOUR = 3600;
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
  // ——— issue 10 §6. An office of 30 staff behind one NAT address must never meet these. ———
  /**
   * Login attempts per account (the normalised name), whatever their outcome: the lockout (5
   * failures) stops guessing; this caps the equal-work hashing a locked or unknown name still costs.
   */
  loginAccount: { name: "login-account", windows: [{ points: 10, seconds: 15 * MINUTE }, { points: 100, seconds: DAY }] },
  /**
   * Login attempts per client address: password spraying (one guess at each of many accounts) stays
   * below every account's lockout. 30 colleagues logging in at 9:00, with typos and re-logins after
   * idle timeouts, make a few dozen in ten minutes and well under 600 a day.
   */
  loginAddress: { name: "login-address", windows: [{ points: 60, seconds: 10 * MINUTE }, { points: 600, seconds: DAY }] },
  /** Searches (/search, /api/v1/items?q=) per address: a person types a few a minute. */
  search: { name: "search", windows: [{ points: 60, seconds: MINUTE }, { points: 1000, seconds: HOUR }] },
  /** The public JSON API (/api/v1/**) per address: generous for a harvester, not for a flood. */
  api: { name: "api", windows: [{ points: 120, seconds: MINUTE }, { points: 3000, seconds: HOUR }] },
  /**
   * Attempts at the current password on 修改密码, per user: a session left open must not become a
   * way to guess the password (the guesses would not pass through the login's lockout). A person
   * who mistypes it three times is not stopped; a script is, after 5 in 15 minutes.
   */
  currentPassword: { name: "current-password", windows: [{ points: 5, seconds: 15 * MINUTE }, { points: 20, seconds: DAY }] },
  /** Uploads per signed-in user (staff share addresses; users do not share accounts). */
  upload: { name: "upload", windows: [{ points: 60, seconds: 10 * MINUTE }, { points: 500, seconds: DAY }] },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitDecision =
  | { ok: true; consumed: number }
  | { ok: false; retryAfterSeconds: number; message: string };

const TABLE = "RateLimit";

interface Shared {
  pool?: Pool;
  limiters: WeakMap<Pool, Map<string, RateLimiterPostgres>>;
}
const shared = globalThis as unknown as { gongkaiRateLimit?: Shared };

/** How long a counter may wait for PostgreSQL before the in-memory insurance counts it. */
const STORE_TIMEOUT_MS = 2_000;

/** A small pool of its own: the counters are single statements, outside any Prisma transaction. */
function pool(): Pool {
  shared.gongkaiRateLimit ??= { limiters: new WeakMap() };
  shared.gongkaiRateLimit.pool ??= new Pool({
    connectionString: databaseUrl(),
    max: 4,
    allowExitOnIdle: true,
    // Waiting longer than this for a counter is worse than counting it in memory (the insurance).
    connectionTimeoutMillis: STORE_TIMEOUT_MS,
    query_timeout: STORE_TIMEOUT_MS,
    // …and the server gives up too, rather than finish a count nobody waits for.
    statement_timeout: STORE_TIMEOUT_MS,
  });
  return shared.gongkaiRateLimit.pool;
}

let warnedAt = -Infinity;

/**
 * The insurance: the same window in this process's memory. rate-limiter-flexible calls it only when
 * PostgreSQL errs, so its use is the news — logged at most once a minute, or a permanent fault (a
 * revoked grant, a missing table) would pass unseen as per-instance limits.
 */
class InsuranceLimiter extends RateLimiterMemory {
  override consume(key: string | number, points?: number, options?: { [key: string]: unknown }): Promise<RateLimiterRes> {
    if (Date.now() - warnedAt > 60_000) {
      warnedAt = Date.now();
      log.warn({ limiter: this.keyPrefix }, "rate limits: PostgreSQL did not answer; counting in this instance's memory until it does");
    }
    return super.consume(key, points, options);
  }
}

/** `store`: the pool of this app instance (tests pass two to play two instances sharing one database). */
function limiter(policy: RateLimitPolicy, window: RateWindow, store: Pool = pool()): RateLimiterPostgres {
  const keyPrefix = `${policy.name}:${window.seconds}`;
  const all = (shared.gongkaiRateLimit ??= { limiters: new WeakMap() }).limiters;
  let limiters = all.get(store);
  if (!limiters) all.set(store, (limiters = new Map()));
  const id = `${keyPrefix}/${window.points}`;
  let found = limiters.get(id);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: store,
      storeType: "pool",
      tableName: TABLE,
      tableCreated: true,
      keyPrefix,
      points: window.points,
      duration: window.seconds,
      insuranceLimiter: new InsuranceLimiter({ keyPrefix, points: window.points, duration: window.seconds }),
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
export async function consumeRateLimit(policy: RateLimitPolicy, key: string, now = new Date(), store?: Pool): Promise<RateLimitDecision> {
  let waitMs = 0;
  let consumed = 0;
  // The windows together: while PostgreSQL does not answer, a request waits STORE_TIMEOUT_MS once, not once per window.
  const results = await Promise.all(
    policy.windows.map((window) =>
      limiter(policy, window, store)
        .consume(key)
        .catch((error: unknown) => {
          if (!(error instanceof RateLimiterRes)) throw error;
          return { refused: error };
        }),
    ),
  );
  for (const result of results) {
    if ("refused" in result) waitMs = Math.max(waitMs, result.refused.msBeforeNext);
    else consumed = Math.max(consumed, result.consumedPoints);
  }
  if (waitMs > 0) {
    const retryAfterSeconds = Math.ceil(waitMs / 1000);
    return { ok: false, retryAfterSeconds, message: retryAfterMessage(retryAfterSeconds, now) };
  }
  return { ok: true, consumed };
}

/** Gives back one attempt (an application refused after counting, e.g. for a missing challenge). */
export async function refundRateLimit(policy: RateLimitPolicy, key: string, store?: Pool): Promise<void> {
  for (const window of policy.windows) await limiter(policy, window, store).reward(key, 1);
}

/** Headers of an HTTP 429 for a refused decision. */
export function retryAfterHeaders(decision: Extract<RateLimitDecision, { ok: false }>): Record<string, string> {
  return { "Retry-After": String(decision.retryAfterSeconds), "Cache-Control": "no-store" };
}

/** A refused decision as an HTTP 429: a Chinese JSON body for /api, a Chinese page otherwise. */
export function tooManyRequests(decision: Extract<RateLimitDecision, { ok: false }>, as: "json" | "html"): NextResponse {
  const headers = retryAfterHeaders(decision);
  if (as === "json") return NextResponse.json({ error: decision.message }, { status: 429, headers });
  const page = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>请求过于频繁</title></head><body><h1>请求过于频繁</h1><p>${decision.message}</p><p><a href="/">返回首页</a></p></body></html>`;
  return new NextResponse(page, { status: 429, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}

/** What each login attempt counted, until next-auth says whether it succeeded (keyed by its credentials object). */
const countedLogins = new WeakMap<object, { address: string; account: string }>();

/**
 * The login limits (per account and per address), counted before any password is checked. Called
 * once at the top of next-auth's authorize; throws next-auth's error code when refused, which the
 * login form turns into "尝试过于频繁，请 N 分钟后再试". A successful login gives its attempt back
 * (refundLoginRateLimit, from next-auth's signIn callback): only failures build up, so an office
 * logging in every morning never meets the limit, and a sprayer's guesses all count.
 */
export async function enforceLoginRateLimit(
  credentials: Record<string, string> | undefined,
  req: { headers?: Record<string, unknown> } | undefined,
  store?: Pool,
): Promise<void> {
  const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
  const address = clientKey(clientAddressOf({ get: (name) => headers[name] }));
  const account = normalizeUsername(String(credentials?.username ?? ""));
  const checks = [consumeRateLimit(RATE_LIMITS.loginAddress, address, undefined, store)];
  if (account) checks.push(consumeRateLimit(RATE_LIMITS.loginAccount, account, undefined, store));
  const waits = (await Promise.all(checks)).map((d) => (d.ok ? 0 : d.retryAfterSeconds));
  const wait = Math.max(...waits);
  if (wait > 0) throw new Error(`${RATE_LIMITED_ERROR_PREFIX}${wait}`);
  if (credentials) countedLogins.set(credentials, { address, account });
}

/** Gives back the attempt a successful login counted (next-auth's signIn callback passes the same credentials object). */
export async function refundLoginRateLimit(credentials: object | undefined, store?: Pool): Promise<void> {
  const counted = credentials && countedLogins.get(credentials);
  if (!counted) return;
  countedLogins.delete(credentials);
  await refundRateLimit(RATE_LIMITS.loginAddress, counted.address, store);
  if (counted.account) await refundRateLimit(RATE_LIMITS.loginAccount, counted.account, store);
}

/**
 * The limits of a public JSON API request (/api/v1/**), by the trusted client address: the API
 * limit always, the search limit too when it searches (`q`). A 429 in Chinese JSON, or null to go on.
 */
export async function limitApiRequest(searchParams?: URLSearchParams): Promise<NextResponse | null> {
  const key = clientKey((await requestMeta()).ip);
  const api = await consumeRateLimit(RATE_LIMITS.api, key);
  if (!api.ok) return tooManyRequests(api, "json");
  if (searchParams?.get("q")) {
    const search = await consumeRateLimit(RATE_LIMITS.search, key);
    if (!search.ok) return tooManyRequests(search, "json");
  }
  return null;
}
