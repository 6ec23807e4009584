import "server-only";
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { env } from "@/lib/env";
import { LOCKOUT, LOCKOUT_LOOKBACK_MS, lockedUntilFromFailures, normalizeUsername } from "@/lib/domain/lockout";
import { isRole } from "@/lib/domain/roles";
import { db } from "./db";
import { audit } from "./audit";
import type { Actor } from "./actor";

/**
 * Password login and the server-side session behind the signed token (DESIGN §8): the session
 * row is checked on every request, so logout and disabling a user take effect at once, with a
 * 30-minute idle and an 8-hour absolute timeout. Lockout counters live in the database so they
 * hold across app instances.
 */
export { LOCKOUT };
const TOUCH_EVERY_MS = 60_000;

/** argon2id (the library's default algorithm) with its default cost: 19 MiB, 2 passes. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against this keeps unknown usernames as slow as known ones.
const DUMMY_HASH = hashPassword("gongkai-timing-equaliser");

/** `lockedUntil` is set, for a known and an unknown name alike, while failures keep the name locked. */
export type LoginResult = { ok: true; sessionId: string; userId: string; displayName: string } | { ok: false; lockedUntil?: Date };

export async function authenticate(
  username: string,
  password: string,
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<LoginResult> {
  const user = await db().user.findUnique({ where: { username }, omit: { passwordHash: false } });
  const key = normalizeUsername(username);
  // `key` and `at` let failures on names without a counter of their own be counted (nameLockedUntil).
  const fail = async (why: string, lockedUntil?: Date | null) => {
    await audit(null, { actor: user ? { ...user, roles: user.roles } : null, actorName: username.slice(0, 64), action: "auth.login", entity: "User", entityId: user?.id, result: "FAILURE", detail: { why, key, at: now.toISOString() }, meta });
    return lockedUntil ? { ok: false as const, lockedUntil } : { ok: false as const };
  };
  // The lock by name (every failure typed under this name, whatever the account) is checked for
  // everyone, so "Liaison.GX" and "liaison.gx" lock together and the answer never depends on
  // whether the name is real.
  const nameLock = await nameLockedUntil(key, now);
  const rowLock = user?.status === "ACTIVE" && user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null;
  const locked = later(nameLock, rowLock);
  if (locked) {
    // As slow as a password check, so timing does not tell a locked account from a wrong password.
    await verify(await DUMMY_HASH, password).catch(() => false);
    return fail("locked", locked);
  }
  if (!user || user.status !== "ACTIVE") {
    await verify(user?.passwordHash ?? (await DUMMY_HASH), password).catch(() => false);
    await fail(user ? "disabled" : "unknown_user");
    const lockedNow = await nameLockedUntil(key, now);
    return lockedNow ? { ok: false, lockedUntil: lockedNow } : { ok: false };
  }
  if (!(await verify(user.passwordHash, password).catch(() => false))) {
    const rowLockNow = await recordFailure(user.id, now);
    await fail("bad_password");
    const lockedNow = later(rowLockNow, await nameLockedUntil(key, now));
    return lockedNow ? { ok: false, lockedUntil: lockedNow } : { ok: false };
  }
  const sessionId = randomBytes(32).toString("hex");
  await db().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lastFailedLoginAt: null, lockedUntil: null, lastLoginAt: now },
    });
    await tx.session.create({
      data: {
        id: sessionId,
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + env().SESSION_ABSOLUTE_HOURS * 3_600_000),
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
    });
    await audit(tx, { actor: user, action: "auth.login", entity: "User", entityId: user.id, detail: { key, at: now.toISOString() }, meta });
  });
  return { ok: true, sessionId, userId: user.id, displayName: user.displayName };
}

/**
 * 5 failures within 15 minutes lock the account for 30 minutes; each step one atomic statement.
 * Returns the end of the lock this failure started, if it started one.
 */
async function recordFailure(userId: string, now: Date): Promise<Date | null> {
  const windowStart = new Date(now.getTime() - LOCKOUT.windowMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000);
  await db().$executeRaw`
    UPDATE "User" SET
      "failedLoginCount" = CASE WHEN "lastFailedLoginAt" IS NULL OR "lastFailedLoginAt" < ${windowStart}
                                THEN 1 ELSE "failedLoginCount" + 1 END,
      "lastFailedLoginAt" = ${now}
    WHERE "id" = ${userId}`;
  const locked = await db().$executeRaw`
    UPDATE "User" SET "lockedUntil" = ${lockUntil}, "failedLoginCount" = 0
    WHERE "id" = ${userId} AND "failedLoginCount" >= ${LOCKOUT.maxFailures}`;
  return locked > 0 ? lockUntil : null;
}

/**
 * The lock on a name, from the failed logins the audit log already holds for it (no table of its
 * own, and the log is insert-only, so nobody clears a lock by hand): every failure typed under the
 * name since its last successful login, except attempts refused as already locked. The `at` index
 * keeps the look-back to the last 45 minutes' events.
 */
async function nameLockedUntil(key: string, now: Date): Promise<Date | null> {
  const since = new Date(now.getTime() - LOCKOUT_LOOKBACK_MS);
  const rows = await db().$queryRaw<{ at: string; result: string; why: string | null }[]>`
    SELECT "detail"->>'at' AS "at", "result", "detail"->>'why' AS "why" FROM "AuditEvent"
    WHERE "at" >= ${since} AND "action" = 'auth.login' AND "detail"->>'key' = ${key}`;
  const times = rows.map((r) => ({ ...r, t: new Date(r.at).getTime() })).filter((r) => r.t >= since.getTime() && r.t <= now.getTime());
  const lastSuccess = Math.max(-Infinity, ...times.filter((r) => r.result === "SUCCESS").map((r) => r.t));
  const failures = times.filter((r) => r.result === "FAILURE" && r.why !== "locked" && r.t > lastSuccess).map((r) => new Date(r.t));
  return lockedUntilFromFailures(failures, now);
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
