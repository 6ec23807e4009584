import "server-only";
import { z } from "zod";
import { ADMIN_ROLES, ROLES, ROLE_LABELS, type Role } from "@/lib/domain/roles";
import { needsDepartment, orphanedAdminRoles, orphanedMessage, separationMessage, separationViolations } from "@/lib/domain/separation-of-duties";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can, mayAssignRoles } from "@/lib/server/platform/authz";
import { db, type Tx } from "@/lib/server/platform/db";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "@/lib/server/platform/result";
import { hashPassword } from "@/lib/server/platform/sessions";
import { refuse, Refusal, write, type Target, type WriteOptions } from "@/lib/server/platform/use-case";
import { oneTimePassword } from "./one-time-password";
import { listVersion, staleForm } from "./shared";

/**
 * Accounts under 三员分立 (issue 10 §4): the 系统管理员 creates an account — with no roles, and a
 * one-time password shown once to them — and resets passwords; the 安全管理员 gives it roles and a
 * 处室. So no one person both creates and empowers an account. Every change to what an account may
 * do ends its sessions: the next request of that user finds its session revoked (resolveSession).
 */

/**
 * Serialises every write that changes who holds an admin role (role assignment, disabling), so the
 * "someone must remain" count cannot be read by two writes at once that each remove one of two.
 */
export const ACCOUNTS_LOCK: WriteOptions = { lock: 72910110 };

/** Ends every open session of a user; the count goes into the audit row. */
export async function revokeSessions(tx: Tx, userId: string, now = new Date()): Promise<number> {
  const { count } = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}

/** Active holders of each admin role, read under ACCOUNTS_LOCK. */
export async function activeAdminHolders(tx: Tx): Promise<Partial<Record<Role, number>>> {
  const rows = await tx.$queryRaw<{ role: Role; n: number }[]>`
    SELECT r::text AS "role", count(*)::int AS "n" FROM "User", unnest("roles") AS r
    WHERE "status" = 'ACTIVE' AND r::text = ANY(${[...ADMIN_ROLES]}) GROUP BY r`;
  return Object.fromEntries(rows.map((r) => [r.role, r.n]));
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;
// Control characters (NUL above all) are refused here, not by PostgreSQL with a 500.
const plainText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `请填写${label}。`)
    .max(max, `${label}不超过 ${max} 个字。`)
    .refine((s) => !/\p{Cc}/u.test(s), `${label}含有不可见的控制字符。`);
const optionalId = z
  .string()
  .max(64)
  .optional()
  .transform((v) => (v ? v : null));

const createSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(USERNAME, "用户名为 3–32 位小写字母、数字、点、下划线或连字符，以字母或数字开头。"),
  displayName: plainText("姓名", 32),
  departmentId: optionalId,
});

async function checkDepartment(tx: Tx, departmentId: string | null) {
  if (departmentId && !(await tx.department.findUnique({ where: { id: departmentId }, select: { id: true } }))) {
    throw new Refusal("invalid", invalid({ departmentId: ["该处室不存在，请重新选择。"] }));
  }
}

/** 新建用户: no roles, a one-time password (returned once, never stored in clear or logged). */
export async function createUser(actor: Actor, raw: unknown): Promise<Result<{ id: string; username: string; oneTimePassword: string }>> {
  const parsed = createSchema.safeParse(raw);
  const target: Target = { action: "user.create", entity: "User" };
  if (!can(actor, "user.create")) return refuse(actor, target, "wrong_role");
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const { username, displayName, departmentId } = parsed.data;
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const taken = () => new Refusal("username_taken", invalid({ username: ["该用户名已被使用。"] }));
  return write(
    actor,
    target,
    async (tx) => {
      // Login locks a name case-insensitively (normalizeUsername), so "Zhang" beside "zhang" would share one lock.
      const [clash] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE lower("username") = ${username} LIMIT 1`;
      if (clash) throw taken();
      await checkDepartment(tx, departmentId);
      const user = await tx.user.create({ data: { username, displayName, departmentId, passwordHash, roles: [], mustChangePassword: true } });
      await audit(tx, { actor, ...target, entityId: user.id, detail: { after: { username, displayName, departmentId, roles: [] } } });
      return ok({ id: user.id, username, oneTimePassword: password });
    },
    { onConstraint: (kind) => (kind === "unique" ? taken() : null) },
  );
}

const FIRST_SECADMIN_ONLY = "角色和处室由安全管理员分配；系统管理员只能在没有在岗的安全管理员时，指定另一人为第一位安全管理员。";

/** Outside the transaction, for the early refusal only; assignRoles reads it again under the lock. */
async function activeSecurityAdmins(): Promise<number> {
  return db().user.count({ where: { status: "ACTIVE", roles: { has: "SECADMIN" } } });
}

/** The version of what assignRoles changes: logins and password changes do not make the form stale. */
export function assignmentVersion(u: { roles: readonly string[]; departmentId: string | null; status: string }): string {
  return listVersion([[...u.roles].sort().join(","), u.departmentId ?? "", u.status]);
}

const assignSchema = z.object({
  userId: z.string().min(1).max(64),
  roles: z.array(z.enum(ROLES, "未知的角色。")).max(ROLES.length).transform((r) => [...new Set(r)]),
  departmentId: optionalId,
  /** What the form showed (assignmentVersion): a colleague's change made since then is not overwritten. */
  version: z.string().max(40).optional(),
});

/**
 * 分配角色和处室 (安全管理员). Refused, each with its reason: 三员分立 violations (one message per
 * pair), a 联络员/处室负责人 without a 处室, one's own account, and removing the last active holder of
 * an admin role. A change ends the user's sessions.
 */
export async function assignRoles(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ id: string; revokedSessions: number }>> {
  const parsed = assignSchema.safeParse(raw);
  const target: Target = { action: "user.assignRoles", entity: "User", entityId: parsed.success ? parsed.data.userId : undefined };
  if (!mayAssignRoles(actor, parsed.success ? parsed.data.roles : [], await activeSecurityAdmins())) {
    return refuse(actor, target, "wrong_role", forbidden(actor.roles.includes("SYSADMIN") ? FIRST_SECADMIN_ONLY : undefined));
  }
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const { userId, roles, departmentId, version } = parsed.data;
  if (userId === actor.id) return refuse(actor, target, "self", forbidden("不能修改自己的角色或处室：请由另一位安全管理员办理。"));
  const violations = separationViolations(roles);
  if (violations.length) return refuse(actor, target, "separation_of_duties", invalid({ roles: violations.map(separationMessage) }));
  const unplaced = departmentId ? [] : needsDepartment(roles);
  if (unplaced.length) {
    return refuse(actor, target, "department_required", invalid({ departmentId: [`${unplaced.map((r) => ROLE_LABELS[r]).join("、")}须属于一个处室，请选择处室。`] }));
  }
  return write(
    actor,
    target,
    async (tx) => {
      const holders = await activeAdminHolders(tx);
      if (!mayAssignRoles(actor, roles, holders.SECADMIN ?? 0)) throw new Refusal("wrong_role", forbidden(FIRST_SECADMIN_ONLY));
      const [before] = await tx.$queryRaw<{ roles: Role[]; departmentId: string | null; status: string }[]>`
        SELECT "roles"::text[] AS "roles", "departmentId", "status" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
      if (!before) return notFound("未找到该用户。");
      if (version && version !== assignmentVersion(before)) throw staleForm("该用户的角色或处室");
      const sameRoles = before.roles.length === roles.length && roles.every((r) => before.roles.includes(r));
      if (sameRoles && before.departmentId === departmentId) throw new Refusal("unchanged", conflict("角色和处室没有变化。"));
      const orphaned = before.status === "ACTIVE" ? orphanedAdminRoles(before.roles, roles, holders) : [];
      if (orphaned.length) throw new Refusal("last_admin", conflict(orphaned.map(orphanedMessage).join("")));
      await checkDepartment(tx, departmentId);
      // An administrator's password must meet the administrators' rule (≥ 12 characters): a role
      // granted onto a shorter password sends its holder to the change at the next login.
      const becomesAdmin = roles.some((r) => ADMIN_ROLES.includes(r) && !before.roles.includes(r));
      await tx.user.update({ where: { id: userId }, data: { roles, departmentId, ...(becomesAdmin ? { mustChangePassword: true } : {}) } });
      const revokedSessions = await revokeSessions(tx, userId, now);
      const bootstrap = !can(actor, "user.assignRoles");
      await audit(tx, {
        actor,
        ...target,
        detail: { before: { roles: before.roles, departmentId: before.departmentId }, after: { roles, departmentId }, revokedSessions, ...(becomesAdmin ? { mustChangePassword: true } : {}), ...(bootstrap ? { firstSecurityAdmin: true } : {}) },
      });
      return ok({ id: userId, revokedSessions });
    },
    ACCOUNTS_LOCK,
  );
}

const resetSchema = z.object({ userId: z.string().min(1).max(64) });

/**
 * 重置密码 (系统管理员): a new one-time password, shown once to the administrator; the user must
 * change it at the next login, and their open sessions end. Not for one's own account (that is the
 * change-password page, which asks for the current password).
 */
export async function resetPassword(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ id: string; username: string; oneTimePassword: string }>> {
  const parsed = resetSchema.safeParse(raw);
  const target: Target = { action: "user.resetPassword", entity: "User", entityId: parsed.success ? parsed.data.userId : undefined };
  if (!can(actor, "user.resetPassword")) return refuse(actor, target, "wrong_role");
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const { userId } = parsed.data;
  if (userId === actor.id) return refuse(actor, target, "self", forbidden("不能在这里重置自己的密码，请使用“修改密码”。"));
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return write(actor, target, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { username: true } });
    if (!user) return notFound("未找到该用户。");
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true, passwordChangedAt: now } });
    const revokedSessions = await revokeSessions(tx, userId, now);
    await audit(tx, { actor, ...target, detail: { mustChangePassword: true, revokedSessions } });
    return ok({ id: userId, username: user.username, oneTimePassword: password });
  });
}

/** One account as the administration page shows it, with the 处室 to choose from. */
export async function userForAdministration(actor: Actor, userId: string) {
  if (!can(actor, "user.list")) return null;
  const [user, departments] = await Promise.all([
    db().user.findUnique({
      where: { id: userId.slice(0, 64) },
      select: { id: true, username: true, displayName: true, roles: true, status: true, departmentId: true, mustChangePassword: true, department: { select: { name: true } } },
    }),
    departmentChoices(),
  ]);
  if (!user) return { user: null, departments };
  return { user: { ...user, version: assignmentVersion(user) }, departments };
}

export function departmentChoices() {
  return db().department.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true } });
}

/** What the role form offers this actor: every role, only "the first 安全管理员", or nothing. */
export async function roleAssignmentMode(actor: Actor): Promise<"all" | "firstSecurityAdmin" | null> {
  if (can(actor, "user.assignRoles")) return "all";
  return mayAssignRoles(actor, ["SECADMIN"], await activeSecurityAdmins()) ? "firstSecurityAdmin" : null;
}
