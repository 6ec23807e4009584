import { ADMIN_ROLES, ROLE_LABELS, type Role } from "./roles";

/**
 * 三员分立 (等保 2.0 三级, GB/T 22239-2019 §8.1.4.2): the 系统管理员, 安全管理员 and 审计管理员 are
 * three different people, and none of them takes part in the business — no approval role
 * (处室负责人, 分管领导, 保密审查, 公开办) and no 联络员 either: an administrator who could draft
 * items could publish through colleagues' approvals what they then administer or audit. So an admin
 * role is a person's only role. The database holds the same rule as a CHECK constraint on
 * "User".roles (migration 20261204400000), so no code path or SQL can store a violating set.
 */
export type SeparationViolation =
  | { kind: "admin_roles_combined"; roles: readonly [Role, Role] }
  | { kind: "admin_with_business_role"; admin: Role; business: Role };

/** Every pair that breaks the rule, so the form can name each one. An empty set is allowed: a new account has no roles until the 安全管理员 gives it some. */
export function separationViolations(roles: readonly Role[]): SeparationViolation[] {
  const unique = [...new Set(roles)];
  const admin = unique.filter((r) => ADMIN_ROLES.includes(r));
  const business = unique.filter((r) => !ADMIN_ROLES.includes(r));
  const out: SeparationViolation[] = [];
  for (let i = 0; i < admin.length; i++) {
    for (let j = i + 1; j < admin.length; j++) out.push({ kind: "admin_roles_combined", roles: [admin[i], admin[j]] });
  }
  for (const a of admin) for (const b of business) out.push({ kind: "admin_with_business_role", admin: a, business: b });
  return out;
}

export function separationMessage(v: SeparationViolation): string {
  if (v.kind === "admin_roles_combined") {
    return `三员分立：${ROLE_LABELS[v.roles[0]]}和${ROLE_LABELS[v.roles[1]]}不能由同一人担任。`;
  }
  return `三员分立：${ROLE_LABELS[v.admin]}不能同时担任${ROLE_LABELS[v.business]}。`;
}

/** Roles whose work is scoped to the holder's 处室: without one they would see nothing. */
export const DEPARTMENT_ROLES: readonly Role[] = ["LIAISON", "DEPT_HEAD"];

export function needsDepartment(roles: readonly Role[]): Role[] {
  return roles.filter((r) => DEPARTMENT_ROLES.includes(r));
}

/**
 * Someone must always remain to administer: the admin roles that a change from `before` to `after`
 * (after = [] for disabling the account) would leave with no active holder. `activeHolders` counts
 * the active accounts holding each admin role, this one included.
 */
export function orphanedAdminRoles(before: readonly Role[], after: readonly Role[], activeHolders: Readonly<Partial<Record<Role, number>>>): Role[] {
  return ADMIN_ROLES.filter((r) => before.includes(r) && !after.includes(r) && (activeHolders[r] ?? 0) <= 1);
}

export function orphanedMessage(role: Role): string {
  return `${ROLE_LABELS[role]}只剩这一位在岗：请先让另一人担任${ROLE_LABELS[role]}。`;
}
