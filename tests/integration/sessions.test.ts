import { beforeAll, describe, expect, test } from "vitest";
import { verifyAuditChain } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";
import { authenticate, endSession, LOCKOUT, resolveSession } from "@/lib/server/platform/sessions";
import { setUserStatus } from "@/lib/server/admin/users";
import { PASSWORD, seedBureau, type Bureau } from "../support/bureau";

let b: Bureau;
const meta = { ip: "127.0.0.1", userAgent: "vitest" };
beforeAll(async () => {
  b = await seedBureau();
});

async function login(username: string, password = PASSWORD, now = new Date()) {
  return authenticate(username, password, meta, now);
}

describe("password login", () => {
  test("stores argon2id hashes and never returns them by default", async () => {
    const row = await db().user.findUniqueOrThrow({ where: { id: b.people.head.id }, omit: { passwordHash: false } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const plain = await db().user.findUniqueOrThrow({ where: { id: b.people.head.id } });
    expect(plain).not.toHaveProperty("passwordHash");
  });

  test("a good login opens a server-side session that resolves to the actor", async () => {
    const result = await login(b.people.head.username);
    expect(result.ok).toBe(true);
    const actor = await resolveSession(result.ok ? result.sessionId : "");
    expect(actor).toMatchObject({ id: b.people.head.id, roles: ["DEPT_HEAD"] });
    const event = await db().auditEvent.findFirst({ where: { action: "auth.login", actorId: b.people.head.id }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ result: "SUCCESS", ip: "127.0.0.1" });
  });

  test("wrong password and unknown user fail alike and are audited", async () => {
    expect(await login(b.people.head2.username, "wrong-password")).toEqual({ ok: false });
    expect(await login(`nobody-${b.tag}`, PASSWORD)).toEqual({ ok: false });
    const failures = await db().auditEvent.findMany({
      where: { action: "auth.login", result: "FAILURE", OR: [{ actorId: b.people.head2.id }, { actorName: `nobody-${b.tag}` }] },
    });
    expect(failures.map((f) => (f.detail as { why: string }).why).sort()).toEqual(["bad_password", "unknown_user"]);
  });

  test(`${LOCKOUT.maxFailures} failures lock the account for ${LOCKOUT.lockMinutes} minutes, even with the right password`, async () => {
    const victim = await b.user("lockme", ["LIAISON"]);
    const t0 = new Date();
    for (let i = 0; i < LOCKOUT.maxFailures - 1; i++) expect(await login(victim.username, "bad", new Date(t0.getTime() + i * 1000))).toEqual({ ok: false });
    const lockedUntil = new Date(t0.getTime() + (LOCKOUT.maxFailures - 1) * 1000 + LOCKOUT.lockMinutes * 60_000);
    // The failure that locks says so, and so does every attempt until the lock ends.
    expect(await login(victim.username, "bad", new Date(t0.getTime() + (LOCKOUT.maxFailures - 1) * 1000))).toEqual({ ok: false, lockedUntil });
    expect(await login(victim.username, PASSWORD, new Date(t0.getTime() + 10_000))).toEqual({ ok: false, lockedUntil });
    const unlocked = new Date(t0.getTime() + (LOCKOUT.lockMinutes + 1) * 60_000);
    expect((await login(victim.username, PASSWORD, unlocked)).ok).toBe(true);
  });

  test("an unknown name (and a disabled account) locks after the same failures with the same answer", async () => {
    const t0 = new Date();
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    const lockedUntil = new Date(at(LOCKOUT.maxFailures - 1).getTime() + LOCKOUT.lockMinutes * 60_000);
    const disabled = await b.user("gone", ["LIAISON"]);
    await db().user.update({ where: { id: disabled.id }, data: { status: "DISABLED" } });
    for (const name of [`ghost-${b.tag}`, disabled.username]) {
      for (let i = 0; i < LOCKOUT.maxFailures - 1; i++) expect(await login(name, "bad", at(i))).toEqual({ ok: false });
      expect(await login(name, "bad", at(LOCKOUT.maxFailures - 1))).toEqual({ ok: false, lockedUntil });
      // Typed differently, still the same name; still locked with the right password.
      expect(await login(` ${name.toUpperCase()} `, PASSWORD, at(10))).toEqual({ ok: false, lockedUntil });
      expect(await login(name, PASSWORD, new Date(lockedUntil.getTime() + 1000))).toEqual({ ok: false });
    }
    const whys = await db().auditEvent.findMany({ where: { action: "auth.login", actorName: `ghost-${b.tag}` }, orderBy: { id: "asc" } });
    expect(whys.map((e) => (e.detail as { why: string }).why)).toEqual([...Array(LOCKOUT.maxFailures).fill("unknown_user"), "unknown_user"]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  test("a real name and its variants lock together, so the answer never tells whether the name exists", async () => {
    const t0 = new Date();
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    const lockedUntil = new Date(at(LOCKOUT.maxFailures - 1).getTime() + LOCKOUT.lockMinutes * 60_000);
    // Failures typed as a variant (no user has that exact name) lock the real account too…
    const real = await b.user("casereal", ["LIAISON"]);
    for (let i = 0; i < LOCKOUT.maxFailures; i++) await login(real.username.toUpperCase(), "bad", at(i));
    expect(await login(real.username, PASSWORD, at(10))).toEqual({ ok: false, lockedUntil });
    // …and failures on the real name lock its variants, exactly as for a name that does not exist.
    const other = await b.user("casereal2", ["LIAISON"]);
    for (let i = 0; i < LOCKOUT.maxFailures; i++) await login(other.username, "bad", at(i));
    expect(await login(` ${other.username.toUpperCase()}`, PASSWORD, at(10))).toEqual({ ok: false, lockedUntil });
    // A successful login starts the count again.
    expect((await login(other.username, PASSWORD, new Date(lockedUntil.getTime() + 1000))).ok).toBe(true);
    expect(await login(other.username, "bad", new Date(lockedUntil.getTime() + 2000))).toEqual({ ok: false });
  });

  test("failures spread beyond the window do not lock", async () => {
    const user = await b.user("slowfail", ["LIAISON"]);
    const t0 = Date.now();
    for (let i = 0; i < LOCKOUT.maxFailures + 2; i++) {
      await login(user.username, "bad", new Date(t0 + i * (LOCKOUT.windowMinutes + 1) * 60_000));
    }
    expect((await login(user.username, PASSWORD, new Date(t0 + 10 * (LOCKOUT.windowMinutes + 1) * 60_000))).ok).toBe(true);
  });
});

describe("sessions end when they must", () => {
  async function session(who: "liaison" | "liaison2" | "secrecy2", now = new Date()) {
    const r = await login(b.people[who].username, PASSWORD, now);
    if (!r.ok) throw new Error("login failed");
    return r.sessionId;
  }

  test("logout revokes the session at once", async () => {
    const sid = await session("liaison");
    expect(await resolveSession(sid)).not.toBeNull();
    await endSession(sid, meta);
    expect(await resolveSession(sid)).toBeNull();
  });

  test("30 minutes idle ends it; activity keeps it alive; 8 hours end it regardless", async () => {
    const t0 = new Date();
    const sid = await session("liaison2", t0);
    expect(await resolveSession(sid, new Date(t0.getTime() + 31 * 60_000))).toBeNull();
    const sid2 = await session("liaison2", t0);
    for (let m = 20; m < 8 * 60; m += 20) expect(await resolveSession(sid2, new Date(t0.getTime() + m * 60_000))).not.toBeNull();
    expect(await resolveSession(sid2, new Date(t0.getTime() + 8 * 60 * 60_000 + 1))).toBeNull();
  });

  test("disabling a user ends their session on the next request", async () => {
    const sid = await session("secrecy2");
    expect(await resolveSession(sid)).not.toBeNull();
    expect(await setUserStatus(b.people.sysadmin, { userId: b.people.secrecy2.id, status: "DISABLED" })).toMatchObject({ ok: true });
    expect(await resolveSession(sid)).toBeNull();
    expect((await login(b.people.secrecy2.username)).ok).toBe(false);
    await setUserStatus(b.people.sysadmin, { userId: b.people.secrecy2.id, status: "ACTIVE" });
    expect((await login(b.people.secrecy2.username)).ok).toBe(true);
  });

  test("only the system administrator may disable users, and not themselves", async () => {
    expect(await setUserStatus(b.people.auditor, { userId: b.people.liaison.id, status: "DISABLED" })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await setUserStatus(b.people.office, { userId: b.people.liaison.id, status: "DISABLED" })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await setUserStatus(b.people.sysadmin, { userId: b.people.sysadmin.id, status: "DISABLED" })).toMatchObject({ ok: false });
    expect(await setUserStatus(b.people.sysadmin, { userId: b.people.liaison.id, status: "GONE" })).toMatchObject({ ok: false, error: "invalid" });
    expect((await db().user.findUniqueOrThrow({ where: { id: b.people.liaison.id } })).status).toBe("ACTIVE");
  });
});

describe("audit trail", () => {
  test("the hash chain verifies over everything written so far", async () => {
    expect(await verifyAuditChain()).toMatchObject({ ok: true, firstBrokenId: null });
  });
});
