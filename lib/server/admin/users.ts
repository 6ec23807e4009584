import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { normalizeUsername } from "@/lib/domain/lockout";
import { orphanedAdminRoles, orphanedMessage } from "@/lib/domain/separation-of-duties";
import { ACCOUNTS_LOCK, activeAdminHolders } from "./accounts";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "@/lib/server/platform/result";
import { accountLockedUntil, accountsLockedUntil } from "@/lib/server/platform/sessions";
import { expectOne, refuse, Refusal, write, type Target } from "@/lib/server/platform/use-case";

/** User administration (系统管理员) and the security view (安全管理员). */

/**
 * `lockedUntil` is when login stops refusing the account as locked — its own counter or the lock
 * on its name (failures typed under any spelling of it) — null when it is not locked now.
 */
export async function listUsers(actor: Actor, now = new Date()) {
  if (!can(actor, "user.list")) return null;
  const users = await db().user.findMany({
    orderBy: [{ department: { sortOrder: "asc" } }, { username: "asc" }],
    select: {
      id: true,
      username: true,
      displayName: true,
      roles: true,
      status: true,
      lockedUntil: true,
      lastLoginAt: true,
      department: { select: { name: true } },
    },
  });
  const locks = await accountsLockedUntil(users, now);
  return users.map((u) => ({ ...u, lockedUntil: locks.get(u) ?? null }));
}

const statusSchema = z.object({ userId: z.string().min(1).max(64), status: z.enum(["ACTIVE", "DISABLED"]) });

/** Disabling a user ends their sessions at once: resolveSession refuses a disabled user. */
export async function setUserStatus(actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  const parsed = statusSchema.safeParse(raw);
  const target: Target = { action: parsed.success && parsed.data.status === "ACTIVE" ? "user.enable" : "user.disable", entity: "User", entityId: parsed.success ? parsed.data.userId : undefined };
  if (!can(actor, "user.setStatus")) return refuse(actor, target, "wrong_role");
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const { userId, status } = parsed.data;
  if (userId === actor.id) return refuse(actor, target, "self", forbidden("不能停用自己的账户。"));
  return write(actor, target, async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { status: true, roles: true } });
    if (!before) return notFound("未找到该用户。");
    // Someone must remain to administer: not the last active 系统/安全/审计管理员.
    const orphaned = status === "DISABLED" && before.status === "ACTIVE" ? orphanedAdminRoles(before.roles, [], await activeAdminHolders(tx)) : [];
    if (orphaned.length) throw new Refusal("last_admin", conflict(orphaned.map(orphanedMessage).join("")));
    // The guard: the user must not be in the requested state already (a second click is told so).
    const { count } = await tx.user.updateMany({ where: { id: userId, status: { not: status } }, data: { status } });
    expectOne(count, status === "DISABLED" ? "该用户已被停用。" : "该用户已是启用状态。");
    if (status === "DISABLED") {
      await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    }
    await audit(tx, { actor, ...target, detail: { before: before.status, after: status } });
    return ok({ id: userId });
  }, ACCOUNTS_LOCK);
}

const unlockSchema = z.object({ userId: z.string().min(1).max(64) });

/**
 * 解锁: the 安全管理员 lifts a login lock before its 30 minutes run out — the row's counter and the
 * lock on the name, which counts failures from the audit log since the name's last success or
 * unlock. So the unlock is that audit row itself (it records the name's key), and nothing in the
 * insert-only log is touched. An account that is not locked is refused, not unlocked again.
 */
export async function unlockUser(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  const parsed = unlockSchema.safeParse(raw);
  const target: Target = { action: "user.unlock", entity: "User", entityId: parsed.success ? parsed.data.userId : undefined };
  if (!can(actor, "user.unlock")) return refuse(actor, target, "wrong_role");
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const { userId } = parsed.data;
  return write(actor, target, async (tx) => {
    // The row lock serialises two unlocks of one account: the second reads the first's audit row
    // and is told the account is no longer locked.
    const [user] = await tx.$queryRaw<{ username: string; status: string; lockedUntil: Date | null }[]>`
      SELECT "username", "status", "lockedUntil" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
    if (!user) return notFound("未找到该用户。");
    const lockedUntil = await accountLockedUntil(user, now, tx);
    if (!lockedUntil) throw new Refusal("not_locked", conflict("该账号未被锁定。"));
    await tx.user.update({ where: { id: userId }, data: { lockedUntil: null, failedLoginCount: 0, lastFailedLoginAt: null } });
    await audit(tx, { actor, ...target, detail: { key: normalizeUsername(user.username), at: now.toISOString(), lockedUntil: lockedUntil.toISOString() } });
    return ok({ id: userId });
  });
}
