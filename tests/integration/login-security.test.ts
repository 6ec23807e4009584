import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { getServerSession } from "next-auth";
import { encode } from "next-auth/jwt";
import { authSecret } from "@/lib/env";
import { LOCKOUT } from "@/lib/domain/lockout";
import { listUsers, unlockUser } from "@/lib/server/admin/users";
import type { Actor } from "@/lib/server/platform/actor";
import { verifyAuditChain } from "@/lib/server/platform/audit";
import { authOptions, sessionIdFromCookies } from "@/lib/server/platform/auth";
import { db } from "@/lib/server/platform/db";
import { authenticate, resolveSession, wrapPasswordVerifier } from "@/lib/server/platform/sessions";
import { PASSWORD, seedBureau, type Bureau } from "../support/bureau";

/**
 * Issue 10 §3 (sec-login): one argon2 verification on every login path, the 安全管理员's unlock,
 * and a session id that never reaches page scripts. Against the real database; the only thing
 * wrapped is the argon2 verification, to count it.
 */
let b: Bureau;
let secadmin: Actor;
const meta = { ip: "127.0.0.1", userAgent: "vitest" };
beforeAll(async () => {
  b = await seedBureau();
  secadmin = await b.user("secadmin", ["SECADMIN"], null);
});
afterEach(() => wrapPasswordVerifier(null));

const login = (username: string, password = PASSWORD, now = new Date()) => authenticate(username, password, meta, now);
const realHash = async (userId: string) => (await db().user.findUniqueOrThrow({ where: { id: userId }, omit: { passwordHash: false } })).passwordHash;

/** Locks an account the way login does: five wrong passwords. */
async function lockOut(username: string, typed = username) {
  for (let i = 0; i < LOCKOUT.maxFailures; i++) await login(typed, "wrong-password");
  const r = await login(username);
  expect(r).toMatchObject({ ok: false, lockedUntil: expect.any(Date) });
}

describe("every login attempt costs one argon2 verification, whatever the account's state", () => {
  /** Runs one attempt and returns the hashes argon2 was asked to verify against. */
  async function verifiedHashes(attempt: () => Promise<unknown>) {
    const hashes: string[] = [];
    wrapPasswordVerifier((inner) => (hash, password) => {
      hashes.push(hash);
      return inner(hash, password);
    });
    const result = await attempt();
    wrapPasswordVerifier(null);
    return { hashes, result };
  }

  test("unknown, locked, disabled: one verification, against the dummy hash (the same cost), never the account's", async () => {
    const locked = await b.user("locked", ["LIAISON"]);
    await db().user.update({ where: { id: locked.id }, data: { lockedUntil: new Date(Date.now() + 60_000) } });
    const disabled = await b.user("disabled", ["LIAISON"]);
    await db().user.update({ where: { id: disabled.id }, data: { status: "DISABLED" } });

    const unknown = await verifiedHashes(() => login(`nobody-${b.tag}`));
    const lockedRun = await verifiedHashes(() => login(locked.username));
    const disabledRun = await verifiedHashes(() => login(disabled.username));
    for (const run of [unknown, lockedRun, disabledRun]) {
      expect(run.result).toMatchObject({ ok: false });
      expect(run.hashes).toHaveLength(1);
      // The dummy is an argon2id hash with the real hashes' parameters (same cost per check).
      expect(run.hashes[0].replace(/\$[^$]+\$[^$]+$/, "")).toBe((await realHash(locked.id)).replace(/\$[^$]+\$[^$]+$/, ""));
    }
    expect(lockedRun.hashes[0]).not.toBe(await realHash(locked.id));
    expect(disabledRun.hashes[0]).not.toBe(await realHash(disabled.id));
    // One dummy per process, not a hash per attempt.
    expect(new Set([unknown.hashes[0], lockedRun.hashes[0], disabledRun.hashes[0]]).size).toBe(1);
  });

  test("wrong and right password: one verification, against the account's own hash", async () => {
    const user = await b.user("plain", ["LIAISON"]);
    const wrong = await verifiedHashes(() => login(user.username, "wrong-password"));
    const right = await verifiedHashes(() => login(user.username));
    expect(wrong.result).toEqual({ ok: false });
    expect(right.result).toMatchObject({ ok: true });
    expect(wrong.hashes).toEqual([await realHash(user.id)]);
    expect(right.hashes).toEqual([await realHash(user.id)]);
  });

  test("the right password on a locked or disabled account still fails", async () => {
    const user = await b.user("lockedright", ["LIAISON"]);
    await db().user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() + 60_000) } });
    expect(await login(user.username)).toMatchObject({ ok: false, lockedUntil: expect.any(Date) });
    await db().user.update({ where: { id: user.id }, data: { lockedUntil: null, status: "DISABLED" } });
    expect(await login(user.username)).toEqual({ ok: false });
  });
});

describe("the 安全管理员 unlocks a locked account", () => {
  const rows = (entityId: string, result: "SUCCESS" | "DENIED") =>
    db().auditEvent.findMany({ where: { action: "user.unlock", entityId, result }, orderBy: { id: "asc" } });

  test("a locked account is unlocked, audited with its target, and its owner can sign in at once", async () => {
    const victim = await b.user("victim", ["LIAISON"]);
    await lockOut(victim.username);
    const before = await listUsers(secadmin);
    expect(before?.find((u) => u.id === victim.id)?.lockedUntil).toBeInstanceOf(Date);

    expect(await unlockUser(secadmin, { userId: victim.id })).toEqual({ ok: true, value: { id: victim.id } });
    const [row] = await rows(victim.id, "SUCCESS");
    expect(row).toMatchObject({ actorId: secadmin.id, roles: "SECADMIN", entity: "User", entityId: victim.id });
    expect((await listUsers(secadmin))?.find((u) => u.id === victim.id)?.lockedUntil).toBeNull();
    expect((await login(victim.username)).ok).toBe(true);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  test("a lock on the name (failures typed in another spelling) is lifted too", async () => {
    const victim = await b.user("namelock", ["LIAISON"]);
    await lockOut(victim.username, ` ${victim.username.toUpperCase()}`);
    const row = await db().user.findUniqueOrThrow({ where: { id: victim.id } });
    expect(row.lockedUntil).toBeNull(); // not the row's counter: only the name is locked
    expect((await listUsers(secadmin))?.find((u) => u.id === victim.id)?.lockedUntil).toBeInstanceOf(Date);
    expect((await unlockUser(secadmin, { userId: victim.id })).ok).toBe(true);
    expect((await login(victim.username)).ok).toBe(true);
  });

  test("an account that is not locked is refused, audited, and nothing changes", async () => {
    const user = await b.user("notlocked", ["LIAISON"]);
    expect(await unlockUser(secadmin, { userId: user.id })).toMatchObject({ ok: false, error: "conflict", message: "该账号未被锁定。" });
    expect(await rows(user.id, "SUCCESS")).toHaveLength(0);
    expect((await rows(user.id, "DENIED")).map((r) => r.detail)).toEqual([{ reason: "not_locked" }]);
    // Unlocked once, a second unlock is the same refusal.
    const victim = await b.user("twice", ["LIAISON"]);
    await lockOut(victim.username);
    expect((await unlockUser(secadmin, { userId: victim.id })).ok).toBe(true);
    expect(await unlockUser(secadmin, { userId: victim.id })).toMatchObject({ ok: false, message: "该账号未被锁定。" });
  });

  test("no other role may unlock: refused, audited, still locked", async () => {
    const victim = await b.user("stilllocked", ["LIAISON"]);
    await lockOut(victim.username);
    for (const who of [b.people.sysadmin, b.people.auditor, b.people.office, b.people.liaison]) {
      expect(await unlockUser(who, { userId: victim.id })).toMatchObject({ ok: false, error: "forbidden" });
    }
    const denied = await rows(victim.id, "DENIED");
    expect(denied.map((r) => [r.actorId, r.detail])).toEqual(
      [b.people.sysadmin, b.people.auditor, b.people.office, b.people.liaison].map((p) => [p.id, { reason: "wrong_role" }]),
    );
    expect(await rows(victim.id, "SUCCESS")).toHaveLength(0);
    expect(await login(victim.username)).toMatchObject({ ok: false, lockedUntil: expect.any(Date) });
  });

  test("bad input and an unknown user get a Chinese answer, never an exception", async () => {
    expect(await unlockUser(secadmin, { userId: "" })).toMatchObject({ ok: false, error: "invalid" });
    expect(await unlockUser(secadmin, null)).toMatchObject({ ok: false, error: "invalid" });
    expect(await unlockUser(secadmin, { userId: "no-such-user" })).toMatchObject({ ok: false, error: "not_found", message: "未找到该用户。" });
  });
});

describe("the session id stays on the server", () => {
  const cookieName = "next-auth.session-token"; // SECURE_COOKIES is off in tests

  /** The cookie next-auth sets at sign-in, made by the app's own jwt callback. */
  async function signedInCookie() {
    const r = await login(b.people.head2.username);
    if (!r.ok) throw new Error("login failed");
    const token = await authOptions().callbacks!.jwt!({ token: { sub: r.userId }, user: { id: r.userId, sid: r.sessionId }, account: null } as never);
    return { sid: r.sessionId, value: await encode({ token, secret: authSecret() }) };
  }

  test("/api/auth/session answers page scripts with no session id", async () => {
    const { sid, value } = await signedInCookie();
    // getServerSession(req, res, options) runs next-auth's "session" action, the one behind /api/auth/session.
    const res = { getHeader: () => undefined, setHeader: () => undefined };
    const session = await getServerSession({ headers: {}, cookies: { [cookieName]: value } } as never, res as never, authOptions());
    expect(session).not.toBeNull();
    expect(Object.keys(session!)).toEqual(["expires"]);
    expect(JSON.stringify(session)).not.toContain(sid);
  });

  test("the server reads it from the cookie alone", async () => {
    const { sid, value } = await signedInCookie();
    const jar = (cookies: Record<string, string>) => ({ getAll: () => Object.entries(cookies).map(([name, v]) => ({ name, value: v })) });
    expect(await sessionIdFromCookies(jar({ [cookieName]: value }))).toBe(sid);
    expect(await resolveSession(sid)).toMatchObject({ id: b.people.head2.id });
    expect(await sessionIdFromCookies(jar({}))).toBeNull();
    expect(await sessionIdFromCookies(jar({ [cookieName]: `${value.slice(0, -4)}AAAA` }))).toBeNull();
  });
});
