import { describe, expect, test } from "vitest";
import { ADMIN_ROLES, ROLES, type Role } from "@/lib/domain/roles";
import { needsDepartment, orphanedAdminRoles, separationMessage, separationViolations } from "@/lib/domain/separation-of-duties";

const BUSINESS = ROLES.filter((r) => !ADMIN_ROLES.includes(r));

describe("三员分立: which role sets break the rule", () => {
  test.each([
    [[], []],
    [["LIAISON"], []],
    [["OFFICE", "DEPT_HEAD"], []],
    [["LIAISON", "DEPT_HEAD", "LEADER", "SECRECY", "OFFICE"], []],
    [["SYSADMIN"], []],
    [["SECADMIN"], []],
    [["AUDITOR"], []],
    [["SYSADMIN", "SYSADMIN"], []],
    [["SYSADMIN", "SECADMIN"], ["三员分立：系统管理员和安全管理员不能由同一人担任。"]],
    [["SECADMIN", "AUDITOR"], ["三员分立：安全管理员和审计管理员不能由同一人担任。"]],
    [["AUDITOR", "SYSADMIN"], ["三员分立：审计管理员和系统管理员不能由同一人担任。"]],
    [["SECADMIN", "SECRECY"], ["三员分立：安全管理员不能同时担任保密审查。"]],
    [["AUDITOR", "LIAISON"], ["三员分立：审计管理员不能同时担任联络员。"]],
    [
      ["SYSADMIN", "AUDITOR", "LEADER"],
      ["三员分立：系统管理员和审计管理员不能由同一人担任。", "三员分立：系统管理员不能同时担任分管领导。", "三员分立：审计管理员不能同时担任分管领导。"],
    ],
  ] as [Role[], string[]][])("%o → %o", (roles, messages) => {
    expect(separationViolations(roles).map(separationMessage)).toEqual(messages);
  });

  // Every combination of two roles, against the rule stated plainly: an admin role is a person's only role.
  const pairs = ROLES.flatMap((a, i) => ROLES.slice(i + 1).map((b) => [a, b] as const));
  test.each(pairs)("%s + %s", (a, b) => {
    const allowed = !ADMIN_ROLES.includes(a) && !ADMIN_ROLES.includes(b);
    expect(separationViolations([a, b]).length === 0).toBe(allowed);
  });

  test("no admin role may hold any business role, LIAISON included", () => {
    for (const admin of ADMIN_ROLES) for (const business of BUSINESS) expect(separationViolations([admin, business])).toHaveLength(1);
  });
});

describe("someone must remain to administer", () => {
  test.each([
    ["disabling the only 系统管理员", ["SYSADMIN"], [], { SYSADMIN: 1 }, ["SYSADMIN"]],
    ["disabling one of two", ["SYSADMIN"], [], { SYSADMIN: 2 }, []],
    ["taking the role from the only 审计管理员", ["AUDITOR"], ["LIAISON"], { AUDITOR: 1 }, ["AUDITOR"]],
    ["keeping the role", ["SECADMIN"], ["SECADMIN"], { SECADMIN: 1 }, []],
    ["a business account", ["OFFICE"], [], {}, []],
    ["no holder counted (a disabled one)", ["SECADMIN"], [], {}, ["SECADMIN"]],
  ] as [string, Role[], Role[], Partial<Record<Role, number>>, Role[]][])("%s", (_, before, after, holders, orphaned) => {
    expect(orphanedAdminRoles(before, after, holders)).toEqual(orphaned);
  });
});

test("联络员 and 处室负责人 need a 处室", () => {
  expect(needsDepartment(["LIAISON", "LEADER", "DEPT_HEAD"])).toEqual(["LIAISON", "DEPT_HEAD"]);
  expect(needsDepartment(["OFFICE", "SECRECY"])).toEqual([]);
});
