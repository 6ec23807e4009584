import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { migrate } from "@/lib/db/migrate";
import type { Role } from "@/lib/domain/roles";
import type { Actor } from "@/lib/server/platform/actor";
import { createDatabase, dropDatabase, randomSuffix } from "../support/throwaway-db";

/**
 * Issue 10 §4 (sec-accounts): accounts under 三员分立, against a database of its own — the
 * first-administrator bootstrap needs an empty one, and "the last active 系统管理员" needs to know
 * every administrator there is. Every actor here signs in through authenticate() and is resolved
 * from its real session row, so "a role change ends the sessions" is tested on real sessions.
 */
const serverUrl = inject("databaseUrl");
const name = `gongkai_accounts_${randomSuffix()}`;
let url: string;
let sql: pg.Client;
const meta = { ip: "127.0.0.1", userAgent: "vitest" };

// Imported after DATABASE_URL points at this file's database (bench-seed.test.ts does the same).
let m: {
  accounts: typeof import("@/lib/server/admin/accounts");
  users: typeof import("@/lib/server/admin/users");
  bootstrap: typeof import("@/lib/server/admin/bootstrap");
  sessions: typeof import("@/lib/server/platform/sessions");
  mine: typeof import("@/lib/server/account/my-sessions");
  db: typeof import("@/lib/server/platform/db");
};

beforeAll(async () => {
  url = await createDatabase(serverUrl, name);
  process.env.DATABASE_URL = url;
  await migrate(url);
  sql = new pg.Client({ connectionString: url });
  await sql.connect();
  m = {
    accounts: await import("@/lib/server/admin/accounts"),
    users: await import("@/lib/server/admin/users"),
    bootstrap: await import("@/lib/server/admin/bootstrap"),
    sessions: await import("@/lib/server/platform/sessions"),
    mine: await import("@/lib/server/account/my-sessions"),
    db: await import("@/lib/server/platform/db"),
  };
}, 60_000);

afterAll(async () => {
  await sql?.end();
  await m?.db.db().$disconnect();
  await dropDatabase(serverUrl, name);
});

const db = () => m.db.db();

/** Signs in (a real session row) and returns the actor as every request would see it. */
async function signIn(username: string, password: string): Promise<Actor> {
  const r = await m.sessions.authenticate(username, password, meta);
  if (!r.ok) throw new Error(`login failed for ${username}`);
  const actor = await m.sessions.resolveSession(r.sessionId);
  if (!actor) throw new Error("session did not resolve");
  return actor;
}

async function lastAudit(action: string) {
  const event = await db().auditEvent.findFirstOrThrow({ where: { action }, orderBy: { id: "desc" } });
  return { ...event, id: event.id.toString() };
}

/** Whether any audit row, in any column, contains `secret` (a password, a session id). */
async function auditMentions(secret: string): Promise<boolean> {
  const { rows } = await sql.query(`SELECT count(*)::int AS n FROM "AuditEvent" e WHERE strpos(row_to_json(e)::text, $1) > 0`, [secret]);
  return rows[0].n > 0;
}

/** Creates an account as `sysadmin`; returns its id and one-time password. */
async function create(sysadmin: Actor, username: string, departmentId?: string) {
  const r = await m.accounts.createUser(sysadmin, { username, displayName: `测试${username}`, departmentId });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

async function assign(secadmin: Actor, userId: string, roles: Role[], departmentId?: string | null) {
  return m.accounts.assignRoles(secadmin, { userId, roles, departmentId: departmentId ?? undefined });
}

let admin: Actor;
let adminPassword: string;
let secadmin: Actor;
let deptId: string;

describe("the first 系统管理员 of a fresh database", () => {
  test("two starts at once create exactly one, with a one-time password that must be changed", async () => {
    const results = await Promise.all([m.bootstrap.bootstrapAdministrator(), m.bootstrap.bootstrapAdministrator()]);
    const created = results.filter((r) => r !== null);
    expect(created).toHaveLength(1);
    const [first] = created;
    expect(first!.username).toBe("admin");
    expect(first!.oneTimePassword).toMatch(/^.{16}$/);
    const row = await db().user.findUniqueOrThrow({ where: { username: "admin" }, omit: { passwordHash: false } });
    expect(row).toMatchObject({ roles: ["SYSADMIN"], mustChangePassword: true, status: "ACTIVE" });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await db().user.count()).toBe(1);
    adminPassword = first!.oneTimePassword;
    admin = await signIn("admin", adminPassword);
    // The password is printed once by the launcher; it is in no audit row.
    const event = await lastAudit("user.create");
    expect(event.detail).toMatchObject({ bootstrap: true });
    expect(await auditMentions(adminPassword)).toBe(false);
  });

  test("a database with users gets nothing, and no password is made", async () => {
    expect(await m.bootstrap.bootstrapAdministrator()).toBeNull();
    expect(await db().user.count()).toBe(1);
  });
});

describe("creating an account (系统管理员) and empowering it (安全管理员)", () => {
  test("a new account has no roles, must change its password, and the password is in no audit row", async () => {
    deptId = (await db().department.create({ data: { code: "GX", name: "高新技术科" } })).id;
    const u = await create(admin, "Sec.One");
    expect(u.username).toBe("sec.one");
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row).toMatchObject({ roles: [], mustChangePassword: true, departmentId: null });
    const event = await lastAudit("user.create");
    expect(event).toMatchObject({ actorId: admin.id, entityId: u.id, result: "SUCCESS" });
    expect(await auditMentions(u.oneTimePassword)).toBe(false);
    // With no roles the account signs in to nothing: every permission is no.
    const plain = await signIn("sec.one", u.oneTimePassword);
    expect(plain.roles).toEqual([]);
  });

  test("bad input gets Chinese field errors; a taken name (any case) is refused", async () => {
    const r = await m.accounts.createUser(admin, { username: "a", displayName: "  ", departmentId: "nope" });
    expect(r).toMatchObject({ ok: false, error: "invalid" });
    if (r.ok) return;
    expect(r.fieldErrors?.username?.[0]).toContain("用户名为");
    expect(r.fieldErrors?.displayName?.[0]).toBe("请填写姓名。");
    const nul = await m.accounts.createUser(admin, { username: "nul.user", displayName: "张\u0000三" });
    expect(nul).toMatchObject({ ok: false, fieldErrors: { displayName: ["姓名含有不可见的控制字符。"] } });
    const dept = await m.accounts.createUser(admin, { username: "no.dept", displayName: "无处室", departmentId: "missing" });
    expect(dept).toMatchObject({ ok: false, fieldErrors: { departmentId: ["该处室不存在，请重新选择。"] } });
    const taken = await m.accounts.createUser(admin, { username: "SEC.ONE", displayName: "重名" });
    expect(taken).toMatchObject({ ok: false, fieldErrors: { username: ["该用户名已被使用。"] } });
  });

  test("only the 系统管理员 creates accounts; a refusal is audited", async () => {
    const liaisonish = { ...admin, id: "nobody", roles: ["OFFICE"] as Role[] };
    const r = await m.accounts.createUser(liaisonish, { username: "sneaky", displayName: "越权" });
    expect(r).toMatchObject({ ok: false, error: "forbidden" });
    expect(await lastAudit("user.create")).toMatchObject({ result: "DENIED", actorId: "nobody" });
  });

  test("with no 安全管理员 yet, the 系统管理员 may make one — and only that, only once", async () => {
    const sec = await db().user.findUniqueOrThrow({ where: { username: "sec.one" } });
    const notYet = await assign(admin, sec.id, ["LIAISON"], deptId);
    expect(notYet).toMatchObject({ ok: false, error: "forbidden" });
    expect(await assign(admin, sec.id, ["SECADMIN"])).toMatchObject({ ok: true });
    expect((await lastAudit("user.assignRoles")).detail).toMatchObject({ firstSecurityAdmin: true, after: { roles: ["SECADMIN"] } });
    const other = await create(admin, "sec.two");
    const again = await assign(admin, other.id, ["SECADMIN"]);
    expect(again).toMatchObject({ ok: false, error: "forbidden" });
    expect(await lastAudit("user.assignRoles")).toMatchObject({ result: "DENIED", entityId: other.id });
    // The role change ended sec.one's session; a new sign-in carries the role.
    const reset = await m.accounts.resetPassword(admin, { userId: sec.id });
    if (!reset.ok) throw new Error(reset.message);
    secadmin = await signIn("sec.one", reset.value.oneTimePassword);
    expect(secadmin.roles).toEqual(["SECADMIN"]);
  });
});

describe("三员分立 in the use case and in the database", () => {
  const violating: Role[][] = [
    ["SYSADMIN", "SECADMIN"],
    ["SECADMIN", "AUDITOR"],
    ["SYSADMIN", "AUDITOR"],
    ["SYSADMIN", "SECADMIN", "AUDITOR"],
    ["AUDITOR", "DEPT_HEAD"],
    ["SYSADMIN", "LEADER"],
    ["SECADMIN", "SECRECY"],
    ["AUDITOR", "OFFICE"],
    ["SYSADMIN", "LIAISON"],
  ];

  test.each(violating)("%s + %s… is refused with a message per violation, and audited", async (...roles) => {
    const u = await create(admin, `v-${randomSuffix()}`, deptId);
    const r = await assign(secadmin, u.id, roles, deptId);
    expect(r).toMatchObject({ ok: false, error: "invalid" });
    if (r.ok) return;
    expect(r.fieldErrors?.roles?.length).toBeGreaterThan(0);
    for (const message of r.fieldErrors!.roles!) expect(message).toMatch(/^三员分立：/);
    expect(await lastAudit("user.assignRoles")).toMatchObject({ result: "DENIED", entityId: u.id, detail: { reason: "separation_of_duties" } });
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).roles).toEqual([]);
  });

  test.each(violating)("%s + %s… cannot be stored by SQL either (CHECK constraint)", async (...roles) => {
    const u = await create(admin, `s-${randomSuffix()}`);
    const error = await sql.query(`UPDATE "User" SET "roles" = $1::text[]::"Role"[] WHERE "id" = $2`, [roles, u.id]).then(
      () => null,
      (e: { code?: string; constraint?: string }) => e,
    );
    expect(error).toMatchObject({ code: "23514", constraint: "User_roles_separation_of_duties" });
    const insert = await sql
      .query(`INSERT INTO "User" ("id","username","displayName","passwordHash","roles","updatedAt") VALUES ($1,$1,'x','x',$2::text[]::"Role"[],now())`, [`i-${randomSuffix()}`, roles])
      .then(() => null, (e: { code?: string }) => e);
    expect(insert).toMatchObject({ code: "23514" });
  });

  test.each([[[]], [["SYSADMIN"]], [["AUDITOR"]], [["OFFICE", "DEPT_HEAD"]], [["LIAISON", "LEADER", "SECRECY"]]] as Role[][][])("%o is allowed by the constraint", async (roles) => {
    const u = await create(admin, `a-${randomSuffix()}`);
    await sql.query(`UPDATE "User" SET "roles" = $1::text[]::"Role"[] WHERE "id" = $2`, [roles, u.id]);
    await sql.query(`UPDATE "User" SET "roles" = '{}' WHERE "id" = $1`, [u.id]);
  });

  test("a 联络员 or 处室负责人 needs a 处室; an unknown role is a field error", async () => {
    const u = await create(admin, `d-${randomSuffix()}`);
    expect(await assign(secadmin, u.id, ["LIAISON"])).toMatchObject({ ok: false, fieldErrors: { departmentId: ["联络员须属于一个处室，请选择处室。"] } });
    const unknown = await m.accounts.assignRoles(secadmin, { userId: u.id, roles: ["ROOT"] });
    expect(unknown).toMatchObject({ ok: false, error: "invalid" });
  });

  test("nobody changes their own roles or 处室, nor disables themselves", async () => {
    const own = await assign(secadmin, secadmin.id, ["SECADMIN"], deptId);
    expect(own).toMatchObject({ ok: false, error: "forbidden" });
    expect(await lastAudit("user.assignRoles")).toMatchObject({ result: "DENIED", detail: { reason: "self" } });
    expect(await m.users.setUserStatus(admin, { userId: admin.id, status: "DISABLED" })).toMatchObject({ ok: false, error: "forbidden" });
  });
});

describe("someone must remain to administer", () => {
  test("granting an admin role sends its holder to a password change (the administrators' ≥ 12 characters); a business role does not", async () => {
    const person = await create(admin, "grant.admin");
    await db().user.update({ where: { id: person.id }, data: { mustChangePassword: false } });
    expect(await assign(secadmin, person.id, ["AUDITOR"])).toMatchObject({ ok: true });
    expect((await db().user.findUniqueOrThrow({ where: { id: person.id } })).mustChangePassword).toBe(true);
    expect((await lastAudit("user.assignRoles")).detail).toMatchObject({ mustChangePassword: true });
    // Out of the later tests' count of active 审计管理员.
    await db().user.update({ where: { id: person.id }, data: { status: "DISABLED" } });
    const clerk = await create(admin, "grant.clerk");
    await db().user.update({ where: { id: clerk.id }, data: { mustChangePassword: false } });
    expect(await assign(secadmin, clerk.id, ["LIAISON"], deptId)).toMatchObject({ ok: true });
    expect((await db().user.findUniqueOrThrow({ where: { id: clerk.id } })).mustChangePassword).toBe(false);
  });

  test("the last active 系统管理员 cannot lose the role", async () => {
    const r = await assign(secadmin, admin.id, []);
    expect(r).toMatchObject({ ok: false, error: "conflict", message: "系统管理员只剩这一位在岗：请先让另一人担任系统管理员。" });
    expect(await lastAudit("user.assignRoles")).toMatchObject({ result: "DENIED", detail: { reason: "last_admin" } });
  });

  test("the last active 安全管理员 and 审计管理员 cannot be disabled; one of two can", async () => {
    expect(await m.users.setUserStatus(admin, { userId: secadmin.id, status: "DISABLED" })).toMatchObject({ ok: false, error: "conflict" });
    const aud = await create(admin, "aud.one");
    expect(await assign(secadmin, aud.id, ["AUDITOR"])).toMatchObject({ ok: true });
    expect(await m.users.setUserStatus(admin, { userId: aud.id, status: "DISABLED" })).toMatchObject({ ok: false, error: "conflict", message: expect.stringContaining("审计管理员只剩这一位") });
    const aud2 = await create(admin, "aud.two");
    expect(await assign(secadmin, aud2.id, ["AUDITOR"])).toMatchObject({ ok: true });
    expect(await m.users.setUserStatus(admin, { userId: aud.id, status: "DISABLED" })).toMatchObject({ ok: true });
    expect(await m.users.setUserStatus(admin, { userId: aud2.id, status: "DISABLED" })).toMatchObject({ ok: false, error: "conflict" });
  });

  test("two removals at once of the last two 审计管理员: one succeeds, one is refused", async () => {
    const aud3 = await create(admin, "aud.three");
    expect(await assign(secadmin, aud3.id, ["AUDITOR"])).toMatchObject({ ok: true });
    const aud2 = await db().user.findUniqueOrThrow({ where: { username: "aud.two" } });
    // Both writes must count the holders before either writes. A row lock held here stops each
    // of them at its FOR UPDATE, after its count; with ACCOUNTS_LOCK the second waits before counting.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query(`SELECT 1 FROM "User" WHERE "id" = ANY($1) FOR UPDATE`, [[aud2.id, aud3.id]]);
    const racing = Promise.all([assign(secadmin, aud2.id, []), assign(secadmin, aud3.id, [])]);
    for (let waiting = 0; waiting < 2; ) {
      await new Promise((r) => setTimeout(r, 50));
      waiting = (await sql.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`)).rows[0].n;
    }
    await holder.query("COMMIT");
    await holder.end();
    const results = await racing;
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db().user.count({ where: { status: "ACTIVE", roles: { has: "AUDITOR" } } })).toBe(1);
  });
});

describe("a change to what an account may do ends its sessions", () => {
  let liaison: { id: string; oneTimePassword: string };

  test("a role change: the open session is refused at its next request", async () => {
    liaison = await create(admin, "liaison.one", deptId);
    const before = await signIn("liaison.one", liaison.oneTimePassword);
    expect(before.roles).toEqual([]);
    expect(await assign(secadmin, liaison.id, ["LIAISON"], deptId)).toMatchObject({ ok: true, value: { revokedSessions: 1 } });
    expect(await m.sessions.resolveSession(before.sessionId)).toBeNull();
    const event = await lastAudit("user.assignRoles");
    expect(event.detail).toMatchObject({ before: { roles: [], departmentId: deptId }, after: { roles: ["LIAISON"], departmentId: deptId }, revokedSessions: 1 });
  });

  test("a 处室 change alone ends them too; no change at all is refused", async () => {
    const s = await signIn("liaison.one", liaison.oneTimePassword);
    const other = await db().department.create({ data: { code: "CG", name: "成果转化科" } });
    expect(await assign(secadmin, liaison.id, ["LIAISON"], other.id)).toMatchObject({ ok: true });
    expect(await m.sessions.resolveSession(s.sessionId)).toBeNull();
    expect(await assign(secadmin, liaison.id, ["LIAISON"], other.id)).toMatchObject({ ok: false, error: "conflict", message: "角色和处室没有变化。" });
  });

  test("a form opened before a colleague's change does not overwrite it", async () => {
    const { user } = (await m.accounts.userForAdministration(secadmin, liaison.id))!;
    await assign(secadmin, liaison.id, ["LIAISON", "DEPT_HEAD"], deptId);
    const stale = await m.accounts.assignRoles(secadmin, { userId: liaison.id, roles: ["LIAISON"], departmentId: deptId, version: user!.version });
    expect(stale).toMatchObject({ ok: false, error: "conflict" });
  });

  test("重置密码: a new one-time password, the old one stops working, sessions end; never one's own", async () => {
    const s = await signIn("liaison.one", liaison.oneTimePassword);
    const r = await m.accounts.resetPassword(admin, { userId: liaison.id });
    if (!r.ok) throw new Error(r.message);
    expect(r.value.oneTimePassword).not.toBe(liaison.oneTimePassword);
    expect(await m.sessions.resolveSession(s.sessionId)).toBeNull();
    expect(await m.sessions.authenticate("liaison.one", liaison.oneTimePassword, meta)).toMatchObject({ ok: false });
    expect(await m.sessions.authenticate("liaison.one", r.value.oneTimePassword, meta)).toMatchObject({ ok: true });
    expect(await db().user.findUniqueOrThrow({ where: { id: liaison.id } })).toMatchObject({ mustChangePassword: true });
    const event = await lastAudit("user.resetPassword");
    expect(event).toMatchObject({ result: "SUCCESS", entityId: liaison.id, detail: { revokedSessions: 1 } });
    expect(await auditMentions(r.value.oneTimePassword)).toBe(false);
    liaison.oneTimePassword = r.value.oneTimePassword;
    expect(await m.accounts.resetPassword(admin, { userId: admin.id })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await m.accounts.resetPassword(secadmin, { userId: liaison.id })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await lastAudit("user.resetPassword")).toMatchObject({ result: "DENIED", actorId: secadmin.id });
  });
});

describe("我的会话", () => {
  test("lists one's open sessions by handle, never by id, and ends another one", async () => {
    const password = (await m.accounts.resetPassword(admin, { userId: (await db().user.findUniqueOrThrow({ where: { username: "liaison.one" } })).id }));
    if (!password.ok) throw new Error(password.message);
    const here = await signIn("liaison.one", password.value.oneTimePassword);
    const there = await signIn("liaison.one", password.value.oneTimePassword);
    const list = (await m.mine.listMySessions(here))!;
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const serialised = JSON.stringify(list);
    expect(serialised).not.toContain(here.sessionId);
    expect(serialised).not.toContain(there.sessionId);
    const other = list.find((s) => !s.current)!;
    expect(other).toMatchObject({ ip: "127.0.0.1", userAgent: "vitest" });

    expect(await m.mine.revokeMySession(here, { handle: other.handle })).toMatchObject({ ok: true });
    expect(await m.sessions.resolveSession(there.sessionId)).toBeNull();
    expect(await m.sessions.resolveSession(here.sessionId)).not.toBeNull();
    const event = await lastAudit("session.revoke");
    expect(event).toMatchObject({ result: "SUCCESS", actorId: here.id, entityId: here.id });
    expect(await auditMentions(there.sessionId)).toBe(false);
  });

  test("someone else's session cannot be ended by its handle; the attempt is audited", async () => {
    const me = await signIn("liaison.one", (await freshPassword("liaison.one")));
    const victim = await signIn("sec.one", await freshPassword("sec.one"));
    const r = await m.mine.revokeMySession(me, { handle: m.mine.sessionHandle(victim.sessionId) });
    expect(r).toMatchObject({ ok: false, error: "conflict" });
    expect(await m.sessions.resolveSession(victim.sessionId)).not.toBeNull();
    expect(await lastAudit("session.revoke")).toMatchObject({ result: "DENIED", actorId: me.id, detail: { reason: "not_found" } });
    // The current session is ended by logging out, not here; a forged handle is a field error.
    expect(await m.mine.revokeMySession(me, { handle: m.mine.sessionHandle(me.sessionId) })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await m.mine.revokeMySession(me, { handle: "x'; DROP" })).toMatchObject({ ok: false, error: "invalid" });
    secadmin = victim;
  });

  test("ending all the others leaves only the current one", async () => {
    const password = await freshPassword("liaison.one");
    const a = await signIn("liaison.one", password);
    await signIn("liaison.one", password);
    await signIn("liaison.one", password);
    const r = await m.mine.revokeMyOtherSessions(a);
    expect(r).toMatchObject({ ok: true, value: { count: 2 } });
    expect((await m.mine.listMySessions(a))!.map((s) => s.current)).toEqual([true]);
    expect(await m.mine.revokeMyOtherSessions(a)).toMatchObject({ ok: false, error: "conflict" });
  });
});

/** A new one-time password for `username` (its sessions end), reset by the 系统管理员. */
async function freshPassword(username: string): Promise<string> {
  const user = await db().user.findUniqueOrThrow({ where: { username } });
  const r = await m.accounts.resetPassword(admin, { userId: user.id });
  if (!r.ok) throw new Error(r.message);
  return r.value.oneTimePassword;
}
