import "server-only";
import { accountDuty, ALWAYS_TOTP_ROLES, type AccountDuty } from "@/lib/domain/second-factor";
import { isRole, type Role } from "@/lib/domain/roles";
import { db, type DbOrTx } from "@/lib/server/platform/db";

/**
 * The roles that must use 动态口令 (the 安全管理员's policy row). A database without the row (it
 * is created by migration 20261204300000) falls back to the three administrators.
 */
export async function totpPolicyRoles(client: DbOrTx = db()): Promise<Role[]> {
  const row = await client.securityPolicy.findUnique({ where: { id: 1 } });
  return row ? row.totpRequiredRoles.filter(isRole) : [...ALWAYS_TOTP_ROLES];
}

/**
 * What this user must do before any other console page or action (a password change, TOTP
 * enrolment), or null. Read on every request, like the session itself, so a 安全管理员's new
 * policy or an expired password applies at the next click, not at the next login.
 */
export async function pendingDuty(userId: string, now = new Date()): Promise<AccountDuty | null> {
  const [user, policyRoles] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { roles: true, mustChangePassword: true, passwordChangedAt: true, totpEnabledAt: true } }),
    totpPolicyRoles(),
  ]);
  if (!user) return null;
  return accountDuty({ ...user, roles: user.roles.filter(isRole), totpEnabled: user.totpEnabledAt !== null }, policyRoles, now);
}
