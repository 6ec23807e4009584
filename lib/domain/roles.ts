/** The roles of DESIGN §1, with the Chinese term used in the UI. */
export const ROLES = ["LIAISON", "DEPT_HEAD", "LEADER", "SECRECY", "OFFICE", "SYSADMIN", "SECADMIN", "AUDITOR"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  LIAISON: "联络员",
  DEPT_HEAD: "处室负责人",
  LEADER: "分管领导",
  SECRECY: "保密审查",
  OFFICE: "公开办",
  SYSADMIN: "系统管理员",
  SECADMIN: "安全管理员",
  AUDITOR: "审计管理员",
};

/** 三员分立: the three admin roles, held by three different people, none with approval rights. */
export const ADMIN_ROLES: readonly Role[] = ["SYSADMIN", "SECADMIN", "AUDITOR"];

export type RoleSetProblem = "empty" | "admin_roles_combined" | "admin_with_business_role";

/** Checks one user's role set against 三员分立 (等保 2.0 三级). */
export function checkRoleSet(roles: readonly Role[]): RoleSetProblem | null {
  if (roles.length === 0) return "empty";
  const admin = roles.filter((r) => ADMIN_ROLES.includes(r));
  if (admin.length > 1) return "admin_roles_combined";
  if (admin.length === 1 && roles.length > 1) return "admin_with_business_role";
  return null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
