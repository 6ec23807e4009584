import "server-only";
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { env } from "@/lib/env";
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
export const LOCKOUT = { maxFailures: 5, windowMinutes: 15, lockMinutes: 30 } as const;
const TOUCH_EVERY_MS = 60_000;

/** argon2id (the library's default algorithm) with its default cost: 19 MiB, 2 passes. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against this keeps unknown usernames as slow as known ones.
const DUMMY_HASH = hashPassword("gongkai-timing-equaliser");

export type LoginResult = { ok: true; sessionId: string; userId: string; displayName: string } | { ok: false };

export async function authenticate(
  username: string,
  password: string,
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<LoginResult> {
  const user = await db().user.findUnique({ where: { username }, omit: { passwordHash: false } });
  const fail = async (why: string) => {
    await audit(null, { actor: user ? { ...user, roles: user.roles } : null, actorName: username.slice(0, 64), action: "auth.login", entity: "User", entityId: user?.id, result: "FAILURE", detail: { why }, meta });
    return { ok: false as const };
  };
  if (!user) {
    await verify(await DUMMY_HASH, password).catch(() => false);
    return fail("unknown_user");
  }
  if (user.status !== "ACTIVE") return fail("disabled");
  if (user.lockedUntil && user.lockedUntil > now) return fail("locked");
  if (!(await verify(user.passwordHash, password).catch(() => false))) {
    await recordFailure(user.id, now);
    return fail("bad_password");
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
    await audit(tx, { actor: user, action: "auth.login", entity: "User", entityId: user.id, meta });
  });
  return { ok: true, sessionId, userId: user.id, displayName: user.displayName };
}

/** 5 failures within 15 minutes lock the account for 30 minutes; one atomic statement. */
async function recordFailure(userId: string, now: Date) {
  const windowStart = new Date(now.getTime() - LOCKOUT.windowMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000);
  await db().$executeRaw`
    UPDATE "User" SET
      "failedLoginCount" = CASE WHEN "lastFailedLoginAt" IS NULL OR "lastFailedLoginAt" < ${windowStart}
                                THEN 1 ELSE "failedLoginCount" + 1 END,
      "lastFailedLoginAt" = ${now}
    WHERE "id" = ${userId}`;
  await db().$executeRaw`
    UPDATE "User" SET "lockedUntil" = ${lockUntil}, "failedLoginCount" = 0
    WHERE "id" = ${userId} AND "failedLoginCount" >= ${LOCKOUT.maxFailures}`;
}

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
