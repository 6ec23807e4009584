import { afterAll, describe, expect, test } from "vitest";
import net from "node:net";
import pg from "pg";
import { RATE_LIMITED_ERROR_PREFIX } from "@/lib/domain/lockout";
import { databaseUrl } from "@/lib/env";
import { db } from "@/lib/server/platform/db";
import { consumeRateLimit, enforceLoginRateLimit, RATE_LIMITS, refundLoginRateLimit } from "@/lib/server/platform/rate-limit";
import { authenticate } from "@/lib/server/platform/sessions";
import { randomSuffix } from "../support/throwaway-db";

/**
 * Issue 10 §6: the limits live in PostgreSQL, so two app instances (two processes, two pools) share
 * them; and the login limits are keyed by the trusted client address, not by what a client writes
 * into X-Forwarded-For. Each test uses keys of its own (the RateLimit table is shared).
 */
const instanceA = new pg.Pool({ connectionString: databaseUrl(), max: 2 });
const instanceB = new pg.Pool({ connectionString: databaseUrl(), max: 2 });
afterAll(async () => {
  await instanceA.end();
  await instanceB.end();
});

const randomAddress = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250) + 1).join(".")}`;

describe("two app instances share one limit", () => {
  test("attempts made on either instance count together, and both refuse the one past the limit", async () => {
    const key = `test-${randomSuffix()}`;
    const limit = RATE_LIMITS.search.windows[0].points;
    for (let i = 0; i < limit; i++) {
      const d = await consumeRateLimit(RATE_LIMITS.search, key, new Date(), i % 2 ? instanceA : instanceB);
      expect(d.ok, `attempt ${i + 1}`).toBe(true);
    }
    for (const instance of [instanceA, instanceB]) {
      const refused = await consumeRateLimit(RATE_LIMITS.search, key, new Date(), instance);
      expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/^操作过于频繁/) });
      if (!refused.ok) expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    }
  });

  test("concurrent attempts on both instances cannot slip past the limit", async () => {
    const key = `test-${randomSuffix()}`;
    const limit = RATE_LIMITS.api.windows[0].points;
    const results = await Promise.all(
      Array.from({ length: limit + 20 }, (_, i) => consumeRateLimit(RATE_LIMITS.api, key, new Date(), i % 2 ? instanceA : instanceB)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(limit);
  });
});

describe("PostgreSQL not answering: the limit is still kept, in memory (the insurance), never an error", () => {
  // An instance whose counters cannot reach the database: a port nothing listens on.
  const unreachable = new pg.Pool({ connectionString: "postgresql://nobody:x@127.0.0.1:1/none", max: 1, connectionTimeoutMillis: 500 });
  afterAll(() => unreachable.end());

  test("attempts are counted and the one past the limit refused, as with the database", async () => {
    const key = `test-${randomSuffix()}`;
    const limit = RATE_LIMITS.search.windows[0].points;
    for (let i = 0; i < limit; i++) expect((await consumeRateLimit(RATE_LIMITS.search, key, new Date(), unreachable)).ok, `attempt ${i + 1}`).toBe(true);
    const refused = await consumeRateLimit(RATE_LIMITS.search, key, new Date(), unreachable);
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/^操作过于频繁/) });
  });

  test("a database that accepts the connection and never answers: each window waits once, together, then counts in memory", async () => {
    // A server that takes the TCP connection and says nothing (a hung or overloaded PostgreSQL).
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const hung = new pg.Pool({ connectionString: `postgresql://nobody:x@127.0.0.1:${port}/none`, max: 4, connectionTimeoutMillis: 1_000 });
    try {
      const started = Date.now();
      const decision = await consumeRateLimit(RATE_LIMITS.api, `test-${randomSuffix()}`, new Date(), hung);
      expect(decision).toMatchObject({ ok: true });
      // Two windows: one after the other would be two timeouts (≥ 2 s).
      expect(Date.now() - started).toBeLessThan(1_900);
    } finally {
      await hung.end().catch(() => undefined);
      silent.close();
    }
  });

  test("login: refused past the address limit with next-auth's code, not a thrown database error", async () => {
    const address = randomAddress();
    const limit = RATE_LIMITS.loginAddress.windows[0].points;
    for (let i = 0; i < limit; i++) await attempt(`down-${randomSuffix()}`, { "x-forwarded-for": address }, unreachable);
    await expect(attempt(`down-${randomSuffix()}`, { "x-forwarded-for": address }, unreachable)).rejects.toThrow(new RegExp(`^${RATE_LIMITED_ERROR_PREFIX}\\d+$`));
  });
});

const attempt = (username: string, headers: Record<string, string>, instance: pg.Pool) =>
  enforceLoginRateLimit({ username, password: "x" }, { headers }, instance);

describe("login limits (next-auth's authorize calls enforceLoginRateLimit first)", () => {
  test("per address: password spraying over many accounts is refused, across instances", async () => {
    const address = randomAddress();
    const limit = RATE_LIMITS.loginAddress.windows[0].points;
    for (let i = 0; i < limit; i++) {
      await attempt(`spray-${randomSuffix()}`, { "x-forwarded-for": address }, i % 2 ? instanceA : instanceB);
    }
    await expect(attempt(`spray-${randomSuffix()}`, { "x-forwarded-for": address }, instanceA)).rejects.toThrow(
      new RegExp(`^${RATE_LIMITED_ERROR_PREFIX}\\d+$`),
    );
  });

  test("per address: a forged X-Forwarded-For prefix does not give a fresh budget (no proxy trusted)", async () => {
    // With TRUSTED_PROXY_COUNT=0 the address is what Next wrote from the socket: the right-most entry.
    const address = randomAddress();
    const limit = RATE_LIMITS.loginAddress.windows[0].points;
    for (let i = 0; i < limit; i++) {
      await attempt(`forge-${randomSuffix()}`, { "x-forwarded-for": `${randomAddress()}, ${address}` }, instanceA);
    }
    await expect(attempt(`forge-${randomSuffix()}`, { "x-forwarded-for": `203.0.113.1, ${address}` }, instanceB)).rejects.toThrow(
      RATE_LIMITED_ERROR_PREFIX,
    );
  });

  test("per account: many addresses against one name are refused, whatever its spelling", async () => {
    const name = `Target-${randomSuffix()}`;
    const limit = RATE_LIMITS.loginAccount.windows[0].points;
    for (let i = 0; i < limit; i++) await attempt(i % 2 ? name : ` ${name.toLowerCase()} `, { "x-forwarded-for": randomAddress() }, instanceA);
    await expect(attempt(name.toUpperCase(), { "x-forwarded-for": randomAddress() }, instanceB)).rejects.toThrow(RATE_LIMITED_ERROR_PREFIX);
  });
});

describe("a successful login gives its attempt back", () => {
  test("a whole office logging in from one address, many times, never meets the limit; failures do", async () => {
    const address = randomAddress();
    const limit = RATE_LIMITS.loginAddress.windows[0].points;
    for (let i = 0; i < limit * 2; i++) {
      const credentials = { username: `staff-${i % 30}`, password: "x" };
      await enforceLoginRateLimit(credentials, { headers: { "x-forwarded-for": address } }, instanceA);
      await refundLoginRateLimit(credentials, instanceB); // next-auth's signIn callback, on success
    }
    for (let i = 0; i < limit; i++) await attempt(`typo-${i}`, { "x-forwarded-for": address }, instanceA);
    await expect(attempt("one-more", { "x-forwarded-for": address }, instanceB)).rejects.toThrow(RATE_LIMITED_ERROR_PREFIX);
  });
});

describe("NUL never reaches PostgreSQL as text (22021)", () => {
  test("a model query with NUL in an id or a filter is an ordinary miss", async () => {
    await expect(db().disclosureItem.findUnique({ where: { id: "abc\u0000def" } })).resolves.toBeNull();
    await expect(db().user.findFirst({ where: { username: "nobody\u0000" } })).resolves.toBeNull();
  });

  test("a login typed with NUL is a failed login, not an error", async () => {
    await expect(authenticate(`ghost\u0000${randomSuffix()}`, "pass\u0000word", { ip: null, userAgent: null })).resolves.toMatchObject({ ok: false });
    await expect(attempt(`ghost\u0000${randomSuffix()}`, {}, instanceA)).resolves.toBeUndefined();
  });
});
