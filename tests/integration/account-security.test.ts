import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { generate } from "otplib";
import { LOCKOUT } from "@/lib/domain/lockout";
import type { Role } from "@/lib/domain/roles";
import { authSecret } from "@/lib/env";
import { changePassword } from "@/lib/server/account/password";
import { setTotpPolicy } from "@/lib/server/account/security-policy";
import { pendingDuty, totpPolicyRoles } from "@/lib/server/account/standing";
import { confirmEnrolment, enrolmentFor, resetTotp } from "@/lib/server/account/totp";
import type { Actor } from "@/lib/server/platform/actor";
import { authOptions } from "@/lib/server/platform/auth";
import { db } from "@/lib/server/platform/db";
import { authenticate, wrapPasswordVerifier } from "@/lib/server/platform/sessions";
import { unsealTotpSecret } from "@/lib/server/platform/totp";
import { PASSWORD, seedBureau, type Bureau } from "../support/bureau";

/**
 * Issue 10 §3 (sec-auth): password change, history and rotation; the forced change and enrolment
 * refusing every other page and action; 动态口令 enrolment, login, replay, recovery codes; wrong
 * codes counted toward the lock; the 安全管理员's policy and reset, audited. Real PostgreSQL; the
 * only stand-in is the request's cookie jar (next/headers), which exists only inside Next.
 */
const jar = vi.hoisted(() => ({ cookies: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })) }),
  headers: async () => new Headers(),
}));

let b: Bureau;
let secadmin: Actor;
let savedPolicy: Role[];
const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const STRONG = ["Lantern#River42", "Maple!Orbit735", "Quartz$Fable88", "Harbor%Tulip61", "Violet^Cedar94", "Nimbus&Comet27"];

beforeAll(async () => {
  b = await seedBureau();
  secadmin = await b.user("secadmin", ["SECADMIN"], null);
  savedPolicy = await totpPolicyRoles();
});
afterAll(async () => {
  await db().securityPolicy.update({ where: { id: 1 }, data: { totpRequiredRoles: savedPolicy } });
  wrapPasswordVerifier(null);
});

const login = (username: string, code = "", now = new Date(), password = PASSWORD) => authenticate(username, password, meta, now, code);
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);
const codeAt = (secret: string, when: Date) => generate({ secret, epoch: Math.floor(when.getTime() / 1000) });
const lastAudit = (action: string, entityId?: string) =>
  db().auditEvent.findFirst({ where: { action, ...(entityId ? { entityId } : {}) }, orderBy: { id: "desc" } });
async function sessionOf(username: string, now = new Date(), code = "") {
  const r = await login(username, code, now);
  if (!r.ok) throw new Error(`login failed: ${JSON.stringify(r)}`);
  return r;
}
const asActor = (a: Actor, sessionId: string): Actor => ({ ...a, sessionId });

/** Enrols `actor` at `now` and returns the secret and recovery codes. */
async function enrol(actor: Actor, now: Date) {
  const page = await enrolmentFor(actor);
  if (page.enabled) throw new Error("already enrolled");
  const r = await confirmEnrolment(actor, { code: await codeAt(page.secret, now) }, now);
  if (!r.ok) throw new Error(r.message);
  return { secret: page.secret, recoveryCodes: r.value.recoveryCodes };
}

describe("changing the password", () => {
  test("sets the new one, clears a one-time password, keeps the old in history, ends the other sessions only", async () => {
    const u = await b.user("changer", ["LIAISON"]);
    await db().user.update({ where: { id: u.id }, data: { mustChangePassword: true } });
    const here = await sessionOf(u.username);
    const elsewhere = await sessionOf(u.username);
    const before = await db().user.findUniqueOrThrow({ where: { id: u.id }, omit: { passwordHash: false } });
    const now = new Date();
    const r = await changePassword(asActor(u, here.sessionId), { currentPassword: PASSWORD, newPassword: STRONG[0], confirmPassword: STRONG[0] }, now);
    expect(r).toEqual({ ok: true, value: { endedSessions: 1 } });
    const after = await db().user.findUniqueOrThrow({ where: { id: u.id }, omit: { passwordHash: false } });
    expect(after.mustChangePassword).toBe(false);
    expect(after.passwordChangedAt).toEqual(now);
    expect(after.passwordHash).not.toBe(before.passwordHash);
    expect((await db().passwordHistory.findMany({ where: { userId: u.id } })).map((h) => h.passwordHash)).toEqual([before.passwordHash]);
    expect((await db().session.findUniqueOrThrow({ where: { id: here.sessionId } })).revokedAt).toBeNull();
    expect((await db().session.findUniqueOrThrow({ where: { id: elsewhere.sessionId } })).revokedAt).not.toBeNull();
    expect(await lastAudit("user.password.change", u.id)).toMatchObject({ result: "SUCCESS", detail: { endedSessions: 1 } });
    expect((await login(u.username)).ok).toBe(false);
    expect((await login(u.username, "", new Date(), STRONG[0])).ok).toBe(true);
  });

  test("a wrong current password is a field error, audited, and changes nothing", async () => {
    const u = await b.user("wrongcurrent", ["LIAISON"]);
    const r = await changePassword(u, { currentPassword: "not-it", newPassword: STRONG[0], confirmPassword: STRONG[0] });
    expect(r).toMatchObject({ ok: false, error: "invalid", fieldErrors: { currentPassword: ["当前密码不正确。"] } });
    expect(await lastAudit("user.password.change", u.id)).toMatchObject({ result: "DENIED", detail: { reason: "wrong_current_password" } });
    expect((await login(u.username)).ok).toBe(true);
  });

  test("wrong current passwords are throttled per user: after 5 in 15 minutes even the right one is refused, audited, and nothing changes", async () => {
    const u = await b.user("guesser", ["LIAISON"]);
    const other = await b.user("bystander", ["LIAISON"]);
    for (let i = 0; i < 5; i++) {
      const r = await changePassword(u, { currentPassword: `guess-${i}`, newPassword: STRONG[0], confirmPassword: STRONG[0] });
      expect(r).toMatchObject({ fieldErrors: { currentPassword: ["当前密码不正确。"] } });
    }
    const right = await changePassword(u, { currentPassword: PASSWORD, newPassword: STRONG[0], confirmPassword: STRONG[0] });
    expect(right).toMatchObject({ ok: false, error: "invalid", fieldErrors: { currentPassword: [expect.stringMatching(/操作过于频繁，请 1[45] 分钟后再试。/)] } });
    expect(await lastAudit("user.password.change", u.id)).toMatchObject({ result: "DENIED", detail: { reason: "current_password_rate_limited" } });
    expect((await login(u.username)).ok).toBe(true); // still the old password
    // Someone else's budget is their own.
    expect(await changePassword(other, { currentPassword: PASSWORD, newPassword: STRONG[1], confirmPassword: STRONG[1] })).toMatchObject({ ok: true });
  });

  test("a right current password gives its attempt back: mistakes in the new password never run into the limit", async () => {
    const u = await b.user("typist", ["LIAISON"]);
    for (let i = 0; i < 4; i++) await changePassword(u, { currentPassword: `typo-${i}`, newPassword: STRONG[0], confirmPassword: STRONG[0] });
    for (let i = 0; i < 6; i++) {
      const r = await changePassword(u, { currentPassword: PASSWORD, newPassword: STRONG[0], confirmPassword: `${STRONG[0]}-${i}` });
      expect(r).toMatchObject({ fieldErrors: { confirmPassword: ["两次输入的新密码不一致。"] } });
      expect(r).not.toMatchObject({ fieldErrors: { currentPassword: expect.anything() } });
    }
  });

  test.each<[string, Role[], string, string, Record<string, RegExp>]>([
    ["too short for an administrator", ["AUDITOR"], "Abcdef12!xy", "Abcdef12!xy", { newPassword: /至少需要 12 个字符/ }],
    ["too short", ["LIAISON"], "Abc12!xyz", "Abc12!xyz", { newPassword: /至少需要 10 个字符/ }],
    ["two classes", ["LIAISON"], "abcdefgh2026", "abcdefgh2026", { newPassword: /至少三类/ }],
    ["common", ["LIAISON"], "Woaini1314520", "Woaini1314520", { newPassword: /过于常见/ }],
    ["the user name", ["LIAISON"], "Zz#{username}9", "Zz#{username}9", { newPassword: /不能包含用户名/ }],
    ["not repeated alike", ["LIAISON"], STRONG[1], STRONG[2], { confirmPassword: /不一致/ }],
    ["the current password again", ["LIAISON"], PASSWORD, PASSWORD, { newPassword: /最近 5 次/ }],
    ["blank", ["LIAISON"], "", "", { newPassword: /请输入新密码/, confirmPassword: /请输入确认新密码/ }],
  ])("refused: %s — with a Chinese field error", async (_, roles, newPassword, confirmPassword, expected) => {
    const u = await b.user(`policyuser${Math.random().toString(36).slice(2, 6)}`, roles, null);
    const named = (p: string) => p.replace("{username}", u.username.toUpperCase());
    const r = await changePassword(u, { currentPassword: PASSWORD, newPassword: named(newPassword), confirmPassword: named(confirmPassword) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const [name, pattern] of Object.entries(expected)) expect(r.fieldErrors?.[name]?.join("")).toMatch(pattern);
    expect((await login(u.username)).ok).toBe(true);
  });

  test("none of the last 5 passwords again; the 6th back is allowed; only 4 former ones are kept", async () => {
    const u = await b.user("history", ["LIAISON"]);
    const chain = [PASSWORD, ...STRONG];
    const t0 = Date.now();
    for (let i = 1; i < chain.length; i++) {
      const r = await changePassword(u, { currentPassword: chain[i - 1], newPassword: chain[i], confirmPassword: chain[i] }, new Date(t0 + i * 1000));
      expect(r.ok).toBe(true);
    }
    expect(await db().passwordHistory.count({ where: { userId: u.id } })).toBe(4);
    const current = chain.at(-1)!;
    for (const old of chain.slice(-5)) {
      const r = await changePassword(u, { currentPassword: current, newPassword: old, confirmPassword: old });
      expect(r).toMatchObject({ ok: false, fieldErrors: { newPassword: [expect.stringMatching(/最近 5 次/)] } });
    }
    const sixthBack = chain.at(-6)!;
    expect((await changePassword(u, { currentPassword: current, newPassword: sixthBack, confirmPassword: sixthBack }, new Date(t0 + 99_000))).ok).toBe(true);
  });
});

describe("rotation and the forced change", () => {
  test.each<[string, number, boolean, string | null]>([
    ["fresh", 0, false, null],
    ["89 days old", 89, false, null],
    ["90 days old", 90, false, "change_password"],
    ["one-time", 0, true, "change_password"],
  ])("a %s password: its duty", async (_, days, mustChangePassword, duty) => {
    const u = await b.user(`rot${days}${mustChangePassword}`, ["LIAISON"]);
    const now = new Date();
    await db().user.update({ where: { id: u.id }, data: { passwordChangedAt: new Date(now.getTime() - days * 86_400_000), mustChangePassword } });
    expect(await pendingDuty(u.id, now)).toBe(duty);
  });

  test("while a change is owed, every console page and action is refused by a redirect; the change itself runs", async () => {
    const { requireActor, getActor } = await import("@/lib/server/platform/auth");
    const { unlockUserAction, setUserStatusAction } = await import("@/app/console/(staff)/actions");
    const { changePasswordAction } = await import("@/app/console/(account)/account/actions");
    const owing = await b.user("owing", ["SECADMIN"], null);
    await db().user.update({ where: { id: owing.id }, data: { passwordChangedAt: new Date(Date.now() - 120 * 86_400_000) } });
    const s = await sessionOf(owing.username);
    const token = await authOptions().callbacks!.jwt!({ token: { sub: s.userId }, user: { id: s.userId, sid: s.sessionId }, account: null } as never);
    jar.cookies.set("next-auth.session-token", await encode({ token, secret: authSecret() }));
    try {
      const redirectOf = (p: Promise<unknown>) => p.then(() => "no redirect", (e: { digest?: string }) => e.digest ?? String(e));
      expect(await redirectOf(requireActor())).toMatch(/NEXT_REDIRECT;[a-z]+;\/console\/account\/password;/);
      expect(await getActor()).toBeNull();
      const locked = await b.user("lockedvictim", ["LIAISON"]);
      await db().user.update({ where: { id: locked.id }, data: { lockedUntil: new Date(Date.now() + 600_000) } });
      const form = new FormData();
      form.set("userId", locked.id);
      expect(await redirectOf(unlockUserAction({}, form))).toMatch(/\/console\/account\/password;/);
      expect(await redirectOf(setUserStatusAction({}, form))).toMatch(/\/console\/account\/password;/);
      expect((await db().user.findUniqueOrThrow({ where: { id: locked.id } })).lockedUntil).not.toBeNull();
      expect(await lastAudit("user.unlock", locked.id)).toBeNull();

      const change = new FormData();
      change.set("currentPassword", PASSWORD);
      change.set("newPassword", STRONG[3]);
      change.set("confirmPassword", STRONG[3]);
      expect(await redirectOf(changePasswordAction({}, change))).toMatch(/\/console\/account\/password\?done=1;/);
      expect(await pendingDuty(owing.id)).toBe("enrol_totp"); // the policy's next duty for a 安全管理员
      expect(await redirectOf(requireActor())).toMatch(/\/console\/account\/totp;/);
    } finally {
      jar.cookies.clear();
    }
  });
});

describe("动态口令", () => {
  test("enrolment: the same pending secret until confirmed, stored sealed to this user; a wrong code is refused and audited", async () => {
    const u = await b.user("enroller", ["LIAISON"]);
    const first = await enrolmentFor(u);
    const again = await enrolmentFor(u);
    if (first.enabled || again.enabled) throw new Error("not expected");
    expect(again.secret).toBe(first.secret);
    expect(first.qrSvg).toMatch(/^<svg/);
    expect(first.uri).toContain(`secret=${first.secret}`);
    const stored = await db().user.findUniqueOrThrow({ where: { id: u.id }, omit: { totpPendingSecret: false } });
    expect(stored.totpPendingSecret).not.toContain(first.secret);
    expect(unsealTotpSecret(u.id, stored.totpPendingSecret!)).toBe(first.secret);
    expect(unsealTotpSecret(b.people.liaison.id, stored.totpPendingSecret!)).toBeNull();

    const now = new Date();
    const wrong = String((Number(await codeAt(first.secret, now)) + 1) % 1_000_000).padStart(6, "0");
    expect(await confirmEnrolment(u, { code: wrong }, now)).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringMatching(/不正确/)] } });
    expect(await confirmEnrolment(u, { code: "abc" }, now)).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringMatching(/6 位/)] } });
    expect(await lastAudit("user.totp.enrol", u.id)).toMatchObject({ result: "DENIED", detail: { reason: "wrong_code" } });

    const r = await confirmEnrolment(u, { code: await codeAt(first.secret, now) }, now);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.recoveryCodes).toHaveLength(10);
    expect(new Set(r.value.recoveryCodes).size).toBe(10);
    for (const c of r.value.recoveryCodes) expect(c).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    const codes = await db().totpRecoveryCode.findMany({ where: { userId: u.id } });
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(r.value.recoveryCodes.map((x) => x.replace(/-/g, ""))).not.toContain(c.codeHash);
    expect(await lastAudit("user.totp.enrol", u.id)).toMatchObject({ result: "SUCCESS" });
    expect(await enrolmentFor(u)).toEqual({ enabled: true });
    expect(await confirmEnrolment(u, { code: await codeAt(first.secret, now) }, now)).toMatchObject({ ok: false, error: "conflict" });
  });

  test("login: the code is asked for only after the right password; a code works once per step; a wrong one fails", async () => {
    const u = await b.user("totplogin", ["LIAISON"]);
    const t0 = new Date();
    const { secret } = await enrol(u, t0);
    const t1 = at(t0, 30);

    expect(await login(u.username, "", t1)).toEqual({ ok: false, secondFactorRequired: true });
    expect(await lastAudit("auth.login", u.id)).toMatchObject({ result: "FAILURE", detail: { why: "totp_missing" } });
    // The oracle: a wrong password is answered as always, with or without a code.
    expect(await login(u.username, "", t1, "wrong-password")).toEqual({ ok: false });
    expect(await login(u.username, await codeAt(secret, t1), t1, "wrong-password")).toEqual({ ok: false });
    expect(await login(`nobody-${b.tag}`, "", t1)).toEqual({ ok: false });
    // The enrolment's own code cannot log in: its step is taken.
    expect(await login(u.username, await codeAt(secret, t0), t0)).toEqual({ ok: false });
    expect(await lastAudit("auth.login", u.id)).toMatchObject({ result: "FAILURE", detail: { why: "totp_wrong" } });

    const code = await codeAt(secret, t1);
    const ok = await login(u.username, code, t1);
    expect(ok.ok).toBe(true);
    expect(await lastAudit("auth.login", u.id)).toMatchObject({ result: "SUCCESS", detail: { secondFactor: "totp" } });
    // Replay within its window, and a code of an earlier step, are refused.
    expect(await login(u.username, code, at(t1, 5))).toEqual({ ok: false });
    expect(await login(u.username, await codeAt(secret, t0), at(t1, 5))).toEqual({ ok: false });
    // The next step works, also typed with a space as apps show it.
    const next = await codeAt(secret, at(t1, 30));
    expect((await login(u.username, `${next.slice(0, 3)} ${next.slice(3)}`, at(t1, 30))).ok).toBe(true);
    // A code a step off (a phone clock 30 s behind) is accepted; three steps off is not.
    expect((await login(u.username, await codeAt(secret, at(t1, 60)), at(t1, 90))).ok).toBe(true);
    expect(await login(u.username, await codeAt(secret, at(t1, 90)), at(t1, 200))).toEqual({ ok: false });
  });

  test("two logins racing with one code: one session", async () => {
    const u = await b.user("totprace", ["LIAISON"]);
    const t0 = new Date();
    const { secret } = await enrol(u, t0);
    const t1 = at(t0, 30);
    const code = await codeAt(secret, t1);
    const results = await Promise.all([login(u.username, code, t1), login(u.username, code, t1), login(u.username, code, t1)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  test("a recovery code logs in once, in any case and spacing; a used or unknown one fails", async () => {
    const u = await b.user("recovery", ["LIAISON"]);
    const { recoveryCodes } = await enrol(u, new Date());
    const typed = recoveryCodes[3].toLowerCase().replace(/-/g, " ");
    expect((await login(u.username, typed)).ok).toBe(true);
    expect(await lastAudit("auth.login", u.id)).toMatchObject({ result: "SUCCESS", detail: { secondFactor: "recovery" } });
    expect(await login(u.username, recoveryCodes[3])).toEqual({ ok: false });
    expect(await login(u.username, "AAAA-AAAA-AAAA-AAAA")).toEqual({ ok: false });
    expect((await login(u.username, recoveryCodes[4])).ok).toBe(true);
    expect(await db().totpRecoveryCode.count({ where: { userId: u.id, usedAt: { not: null } } })).toBe(2);
  });

  test("wrong and missing codes count toward the lock like wrong passwords; then even the right code is refused", async () => {
    const u = await b.user("totplock", ["LIAISON"]);
    const t0 = new Date();
    const { secret } = await enrol(u, t0);
    for (let i = 0; i < LOCKOUT.maxFailures - 1; i++) expect((await login(u.username, "000000", at(t0, 30 + i))).ok).toBe(false);
    // Both locks count them: the account's own counter and the name's (from the audit rows).
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).failedLoginCount).toBe(LOCKOUT.maxFailures - 1);
    const fifth = await login(u.username, "", at(t0, 40));
    expect(fifth).toMatchObject({ ok: false, lockedUntil: expect.any(Date) });
    expect("secondFactorRequired" in fifth).toBe(false);
    expect(await login(u.username, await codeAt(secret, at(t0, 60)), at(t0, 60))).toMatchObject({ ok: false, lockedUntil: expect.any(Date) });
  });

  test("a TOTP user's wrong password costs one argon2 verification and no second-factor work, like an unknown name", async () => {
    const u = await b.user("totptiming", ["LIAISON"]);
    const t0 = new Date();
    const { secret } = await enrol(u, t0);
    const t1 = at(t0, 30);
    const rightCode = await codeAt(secret, t1);
    const before = (await db().user.findUniqueOrThrow({ where: { id: u.id } })).totpLastStep;
    const counts: number[] = [];
    for (const attempt of [() => login(u.username, rightCode, t1, "wrong"), () => login(`nobody-${b.tag}`, rightCode, t1)]) {
      let n = 0;
      wrapPasswordVerifier((inner) => (h, p) => (n++, inner(h, p)));
      expect(await attempt()).toEqual({ ok: false });
      wrapPasswordVerifier(null);
      counts.push(n);
    }
    expect(counts).toEqual([1, 1]);
    // The right code with a wrong password is not looked at, so not spent: it still logs in.
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).totpLastStep).toBe(before);
    expect((await login(u.username, rightCode, t1)).ok).toBe(true);
  });
});

describe("the 安全管理员's policy and reset", () => {
  test("only the 安全管理员 sets the policy; the administrators are always in it; audited before/after", async () => {
    expect(await setTotpPolicy(b.people.sysadmin, { roles: ["LIAISON"] })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await lastAudit("security.policy.update")).toMatchObject({ result: "DENIED", detail: { reason: "wrong_role" } });
    expect(await setTotpPolicy(secadmin, { roles: ["NOBODY"] })).toMatchObject({ ok: false, error: "invalid" });
    const r = await setTotpPolicy(secadmin, { roles: ["SECRECY"] });
    expect(r).toEqual({ ok: true, value: { roles: ["SECRECY", "SYSADMIN", "SECADMIN", "AUDITOR"] } });
    expect(await lastAudit("security.policy.update")).toMatchObject({ result: "SUCCESS", detail: { after: ["SECRECY", "SYSADMIN", "SECADMIN", "AUDITOR"] } });
    expect(await pendingDuty(b.people.secrecy.id)).toBe("enrol_totp");
    expect(await pendingDuty(b.people.liaison.id)).toBeNull();
    expect((await setTotpPolicy(secadmin, { roles: [] })).ok).toBe(true);
    expect(await totpPolicyRoles()).toEqual(["SYSADMIN", "SECADMIN", "AUDITOR"]);
    expect(await pendingDuty(b.people.secrecy.id)).toBeNull();
    expect(await pendingDuty(b.people.auditor.id)).toBe("enrol_totp");
  });

  test("reset: 安全管理员 only, never their own, ends the user's sessions and codes, audited; a second reset is refused", async () => {
    const u = await b.user("lostphone", ["LIAISON"]);
    const { recoveryCodes } = await enrol(u, new Date());
    const s = await sessionOf(u.username, new Date(), recoveryCodes[0]);
    expect(await resetTotp(b.people.sysadmin, { userId: u.id })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await lastAudit("user.totp.reset", u.id)).toMatchObject({ result: "DENIED", detail: { reason: "wrong_role" } });
    expect(await resetTotp(secadmin, { userId: secadmin.id })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await resetTotp(secadmin, { userId: "" })).toMatchObject({ ok: false, error: "invalid" });

    expect(await resetTotp(secadmin, { userId: u.id })).toEqual({ ok: true, value: { id: u.id } });
    expect(await lastAudit("user.totp.reset", u.id)).toMatchObject({ result: "SUCCESS", detail: { endedSessions: 1 } });
    const after = await db().user.findUniqueOrThrow({ where: { id: u.id }, omit: { totpSecret: false } });
    expect(after).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect(await db().totpRecoveryCode.count({ where: { userId: u.id } })).toBe(0);
    expect((await db().session.findUniqueOrThrow({ where: { id: s.sessionId } })).revokedAt).not.toBeNull();
    expect((await login(u.username)).ok).toBe(true);
    expect(await resetTotp(secadmin, { userId: u.id })).toMatchObject({ ok: false, error: "conflict" });
  });
});
