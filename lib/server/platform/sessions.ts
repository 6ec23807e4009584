import "server-only";
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { env } from "@/lib/env";
import { LOCKOUT, LOCKOUT_LOOKBACK_MS, lockedUntilFromFailures, normalizeUsername } from "@/lib/domain/lockout";
import { isRole } from "@/lib/domain/roles";
import { db, type DbOrTx } from "./db";
import { audit } from "./audit";
import { checkSecondFactor } from "./totp";
import type { Actor } from "./actor";

/**
 * Password login and the server-side session behind the signed token (DESIGN §8): the session
 * row is checked on every request, so logout and disabling a user take effect at once, with a
 * 30-minute idle and an 8-hour absolute timeout. Lockout counters live in the database so they
 * hold across app instances.
 */
export { LOCKOUT };
const TOUCH_EVERY_MS = 60_000;
/** The failures that count against the account's own row: the password or its second factor was wrong. */
const COUNTED = new Set(["bad_password", "totp_missing", "totp_wrong"]);

/** argon2id (the library's default algorithm) with its default cost: 19 MiB, 2 passes. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/**
 * What an attempt on an unknown, locked or disabled name is checked against: a hash of a random
 * secret made once per process by hashPassword, so it costs exactly what a real account's check
 * costs (ASVS 6.3.8). Nothing can match it, and its result is never looked at. Started at import
 * so the first failed login does not also pay for the hashing.
 */
const DUMMY_HASH = hashPassword(randomBytes(32).toString("hex"));

type PasswordVerifier = (passwordHash: string, password: string) => Promise<boolean>;
// A malformed stored hash is a failed check, never a 500.
const argon2Verify: PasswordVerifier = (passwordHash, password) => verify(passwordHash, password).catch(() => false);
let verifyPassword: PasswordVerifier = argon2Verify;

/**
 * Tests only (tests/integration/login-security.test.ts): wraps the argon2 verification so a test
 * can count how many run per attempt. Null restores the plain one; production never calls it.
 */
export function wrapPasswordVerifier(wrap: ((inner: PasswordVerifier) => PasswordVerifier) | null): void {
  verifyPassword = wrap ? wrap(argon2Verify) : argon2Verify;
}

/** `lockedUntil` is set, for a known and an unknown name alike, while failures keep the name locked. */
export type LoginResult =
  | { ok: true; sessionId: string; userId: string; displayName: string }
  | { ok: false; lockedUntil?: Date; secondFactorRequired?: boolean };

/**
 * `secondFactor` is the 动态口令 or recovery code typed with the password; it is looked at only
 * after the password checked out (checkSecondFactor), and a missing or wrong one is a failed
 * login like a wrong password, counted toward the lock.
 */
export async function authenticate(
  username: string,
  password: string,
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
  secondFactor = "",
): Promise<LoginResult> {
  const user = await db().user.findUnique({ where: { username }, omit: { passwordHash: false, totpSecret: false } });
  const key = normalizeUsername(username);
  // The lock by name (every failure typed under this name, whatever the account) is checked for
  // everyone, so "Liaison.GX" and "liaison.gx" lock together and the answer never depends on
  // whether the name is real.
  const locked = later(await nameLockedUntil(key, now), rowLockedUntil(user, now));
  // Exactly one argon2 verification on every path, before anything branches on the account's
  // state: against the real hash only for an active, unlocked account, else against the dummy, so
  // the response time does not tell unknown, locked or disabled names from a wrong password.
  const dummy = await DUMMY_HASH;
  const checkable = user?.status === "ACTIVE" && !locked ? user : null;
  const passwordMatches = await verifyPassword(checkable?.passwordHash ?? dummy, password);
  const fail = async (why: string): Promise<LoginResult> => {
    // Every failure does the same database work too (counter, audit row, lock re-read), so what
    // is left between the paths is noise, not a few round trips more for a wrong password.
    // Only a wrong password or second factor on an active, unlocked account counts against its
    // row; the other paths run the same statements against no row.
    const rowLockNow = await recordFailure(checkable && COUNTED.has(why) ? checkable.id : null, now);
    // `key` and `at` let failures on names without a counter of their own be counted (nameLockedUntil).
    await audit(null, { actor: user ? { ...user, roles: user.roles } : null, actorName: username.slice(0, 64), action: "auth.login", entity: "User", entityId: user?.id, result: "FAILURE", detail: { why, key, at: now.toISOString() }, meta });
    const lockedNow = later(later(locked, rowLockNow), await nameLockedUntil(key, now));
    if (lockedNow) return { ok: false, lockedUntil: lockedNow };
    return why === "totp_missing" ? { ok: false, secondFactorRequired: true } : { ok: false };
  };
  if (!checkable || !passwordMatches) return fail(locked ? "locked" : !user ? "unknown_user" : !checkable ? "disabled" : "bad_password");
  // Only now, with the password right, is the second factor looked at: "需要动态口令" is never an
  // answer to a wrong password, and unknown names do no second-factor work to be timed.
  const second = await checkSecondFactor(checkable, secondFactor, now);
  if (second === "missing") return fail("totp_missing");
  if (second === "wrong") return fail("totp_wrong");
  const account = checkable;
  const sessionId = randomBytes(32).toString("hex");
  await db().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: account.id },
      data: { failedLoginCount: 0, lastFailedLoginAt: null, lockedUntil: null, lastLoginAt: now },
    });
    await tx.session.create({
      data: {
        id: sessionId,
        userId: account.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + env().SESSION_ABSOLUTE_HOURS * 3_600_000),
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
    });
    const factor = second === "not_enrolled" ? {} : { secondFactor: second };
    await audit(tx, { actor: account, action: "auth.login", entity: "User", entityId: account.id, detail: { key, at: now.toISOString(), ...factor }, meta });
  });
  return { ok: true, sessionId, userId: account.id, displayName: account.displayName };
}

/**
 * 5 failures within 15 minutes lock the account for 30 minutes; each step one atomic statement.
 * Returns the end of the lock this failure started, if it started one. With no user it runs the
 * same statements against no row (a login failure that must cost what a counted one costs).
 */
async function recordFailure(userId: string | null, now: Date): Promise<Date | null> {
  const windowStart = new Date(now.getTime() - LOCKOUT.windowMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000);
  await db().$executeRaw`
    UPDATE "User" SET
      "failedLoginCount" = CASE WHEN "lastFailedLoginAt" IS NULL OR "lastFailedLoginAt" < ${windowStart}
                                THEN 1 ELSE "failedLoginCount" + 1 END,
      "lastFailedLoginAt" = ${now}
    WHERE "id" = ${userId ?? ""}`;
  const locked = await db().$executeRaw`
    UPDATE "User" SET "lockedUntil" = ${lockUntil}, "failedLoginCount" = 0
    WHERE "id" = ${userId ?? ""} AND "failedLoginCount" >= ${LOCKOUT.maxFailures}`;
  return locked > 0 ? lockUntil : null;
}

/** The row's own lock (recordFailure's counter); authenticate only heeds it on an active account. */
function rowLockedUntil(user: { status: string; lockedUntil: Date | null } | null, now: Date): Date | null {
  return user?.status === "ACTIVE" && user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null;
}

/**
 * The lock on a name, from the failed logins the audit log already holds for it (no table of its
 * own, and the log is insert-only, so nobody clears a lock by editing rows): every failure typed
 * under the name since its last successful login or its last unlock by the 安全管理员 (user.unlock,
 * which records the name's key), except attempts refused as already locked. The `at` index keeps
 * the look-back to the last 45 minutes' events.
 */
async function nameLockedUntil(key: string, now: Date): Promise<Date | null> {
  return (await nameLocks([key], now)).get(key) ?? null;
}

/** nameLockedUntil for several names in one query (the users page). */
async function nameLocks(keys: readonly string[], now: Date, client: DbOrTx = db()): Promise<Map<string, Date>> {
  const since = new Date(now.getTime() - LOCKOUT_LOOKBACK_MS);
  const rows = await client.$queryRaw<{ key: string; action: string; at: string; result: string; why: string | null }[]>`
    SELECT "detail"->>'key' AS "key", "action", "detail"->>'at' AS "at", "result", "detail"->>'why' AS "why" FROM "AuditEvent"
    WHERE "at" >= ${since} AND "action" IN ('auth.login', 'user.unlock') AND "detail"->>'key' = ANY(${[...keys]})`;
  const locks = new Map<string, Date>();
  for (const key of new Set(keys)) {
    const times = rows
      .filter((r) => r.key === key)
      .map((r) => ({ ...r, t: new Date(r.at).getTime() }))
      .filter((r) => r.t >= since.getTime() && r.t <= now.getTime());
    const lastReset = Math.max(-Infinity, ...times.filter((r) => r.result === "SUCCESS").map((r) => r.t));
    const failures = times.filter((r) => r.action === "auth.login" && r.result === "FAILURE" && r.why !== "locked" && r.t > lastReset).map((r) => new Date(r.t));
    const until = lockedUntilFromFailures(failures, now);
    if (until) locks.set(key, until);
  }
  return locks;
}

type LockFacts = { username: string; status: string; lockedUntil: Date | null };

/**
 * Until when login refuses this account as locked — its own counter or its name's — or null.
 * What the 安全管理员 sees as 已锁定 and may unlock (lib/server/admin/users.ts).
 */
export async function accountLockedUntil(user: LockFacts, now: Date, client: DbOrTx = db()): Promise<Date | null> {
  const key = normalizeUsername(user.username);
  return later(rowLockedUntil(user, now), (await nameLocks([key], now, client)).get(key) ?? null);
}

/** accountLockedUntil for a list of users, with one query for the name locks. */
export async function accountsLockedUntil<U extends LockFacts>(users: readonly U[], now: Date): Promise<Map<U, Date | null>> {
  const locks = await nameLocks(users.map((u) => normalizeUsername(u.username)), now);
  return new Map(users.map((u) => [u, later(rowLockedUntil(u, now), locks.get(normalizeUsername(u.username)) ?? null)]));
}

const later = (a: Date | null, b: Date | null): Date | null => (a && b ? (a > b ? a : b) : (a ?? b));

/** The actor behind a session id, or null when the session is over for any reason. */
export async function resolveSession(sessionId: string, now = new Date()): Promise<Actor | null> {
  const session = await db().session.findUnique({
    where: { id: sessionId },
    include: { user: { include: { department: { select: { name: true } } } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  const idleLimit = env().SESSION_IDLE_MINUTES * 60_000;
  if (now.getTime() - session.lastSeenAt.getTime() > idleLimit) return null;
  const { user } = session;
  if (user.status !== "ACTIVE") return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { lastSeenAt: now } });
  }
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles.filter(isRole),
    departmentId: user.departmentId,
    departmentName: user.department?.name ?? null,
    sessionId,
  };
}

export async function endSession(sessionId: string, meta?: { ip: string | null; userAgent: string | null }) {
  const session = await db().session.findUnique({ where: { id: sessionId }, include: { user: true } });
  if (!session || session.revokedAt) return;
  await db().$transaction(async (tx) => {
    await tx.session.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
    await audit(tx, { actor: session.user, action: "auth.logout", entity: "User", entityId: session.userId, meta });
  });
}
