import "server-only";
import type { Role } from "@/lib/domain/roles";
import {
  decide,
  handoverOf,
  STAGE_ACTORS,
  type Decision,
  type ItemStatus,
  type Stage,
  type WorkflowEvent,
  type WorkflowItem,
} from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "./actor";

/**
 * Every decision about who may do what, in one place (DESIGN §7/§8). Console areas and
 * administrative writes come from PERMISSIONS; item transitions from the workflow table in
 * lib/domain/workflow.ts; which rows a user may see from itemScope. An unknown role gets no.
 */
export const PERMISSIONS = {
  "console.enter": ["LIAISON", "DEPT_HEAD", "LEADER", "SECRECY", "OFFICE", "SYSADMIN", "SECADMIN", "AUDITOR"],
  "item.create": ["LIAISON"],
  "user.list": ["SYSADMIN", "SECADMIN"],
  "user.setStatus": ["SYSADMIN"],
  /** 解锁 before the 30 minutes run out: the 安全管理员's duty under 三员分立 (issue 10 §3). */
  "user.unlock": ["SECADMIN"],
  /** 重置动态口令 for a user who lost their phone, and the policy of who must use it (issue 10 §3). */
  "user.resetTotp": ["SECADMIN"],
  "security.policy": ["SECADMIN"],
  /** 三员分立 (issue 10 §4): the 系统管理员 creates accounts and resets passwords; the 安全管理员 empowers them. */
  "user.create": ["SYSADMIN"],
  "user.resetPassword": ["SYSADMIN"],
  "user.assignRoles": ["SECADMIN"],
  /** 我的会话: every staff member sees and ends their own sessions. */
  "account.sessions": ["LIAISON", "DEPT_HEAD", "LEADER", "SECRECY", "OFFICE", "SYSADMIN", "SECADMIN", "AUDITOR"],
  "audit.read": ["AUDITOR"],
  /** 审计日志导出 (CSV), itself audited: the 审计管理员 only (三员分立). */
  "audit.export": ["AUDITOR"],
  "file.upload": ["LIAISON"],
  // Office administration (公开办): departments and their 分管领导, columns and their stages,
  // channels, monthly targets, the public site's settings (政府信息公开指南).
  "department.manage": ["OFFICE"],
  "column.manage": ["OFFICE"],
  "channel.manage": ["OFFICE"],
  "target.manage": ["OFFICE"],
  "site.settings": ["OFFICE"],
  "calendar.manage": ["SYSADMIN"],
  /** The job queue's dead letters: see them, run one again (/console/jobs). */
  "job.manage": ["SYSADMIN"],
  "dashboard.office": ["OFFICE", "LEADER"],
  // 依申请公开 (docs/decisions.md "Requests: store and use cases"). The office (公开办) registers,
  // confirms, assigns, keeps the clock, issues fees and delivers; the assigned 处室's 联络员 (or
  // the office) drafts the reply; the 处室负责人 or 分管领导 of that 处室 — or an office head who holds
  // OFFICE and DEPT_HEAD — approves it, never their own draft (decideRequest in lib/domain).
  "request.register": ["OFFICE"],
  "request.confirm": ["OFFICE"],
  "request.assign": ["OFFICE"],
  "request.clock": ["OFFICE"],
  "request.handle": ["OFFICE", "LIAISON"],
  "request.approveReply": ["DEPT_HEAD", "LEADER"],
  "request.deliver": ["OFFICE"],
  "request.fee": ["OFFICE"],
  "request.import": ["OFFICE"],
  "request.queue": ["OFFICE", "LIAISON", "DEPT_HEAD", "LEADER"],
  "appeal.manage": ["OFFICE"],
  /** 答复书 and 告知书 templates: the office edits the wording it signs (issue 8 §6). */
  "letter.manage": ["OFFICE"],
  "dashboard.department": ["LIAISON", "DEPT_HEAD", "LEADER", "OFFICE"],
  // 年度报告 (issue 9): the office compiles, sends and imports it; 分管领导 may read the working copy.
  "report.manage": ["OFFICE"],
  "report.read": ["OFFICE", "LEADER"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Pick<Actor, "roles"> | null, permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return !!actor && actor.roles.some((r) => allowed.includes(r));
}

/** May this actor fire this workflow event on this item? (maker–checker included) */
export function authorizeTransition(actor: Actor, item: WorkflowItem, event: WorkflowEvent): Decision {
  return decide(item, event, actor);
}

/**
 * Who acts on stage S of item I is one table, STAGE_ACTORS (lib/domain/workflow.ts): decide()
 * checks a person against it, stageQueueWhere() lists an actor's queue from it and
 * handlersWhere() finds whom to notify from it.
 */

/** The items waiting at `stage` that this actor acts on; null when they act on none. */
export function stageQueueWhere(actor: Actor, stage: Stage): Prisma.DisclosureItemWhereInput | null {
  const { role, scope } = STAGE_ACTORS[stage];
  if (!actor.roles.includes(role)) return null;
  if (scope === "department") return actor.departmentId ? { departmentId: actor.departmentId } : null;
  if (scope === "departmentLeader") return { department: { leaderId: actor.id } };
  return {};
}

/**
 * The active users who must act when an item reaches `status`: the stage's people, the office,
 * or the item's authors. Null when nobody is handed anything.
 */
export function handlersWhere(
  status: ItemStatus,
  item: Pick<WorkflowItem, "departmentId" | "departmentLeaderId" | "authorIds">,
): Prisma.UserWhereInput | null {
  const handover = handoverOf(status);
  if (!handover) return null;
  const active = { status: "ACTIVE" as const };
  if (handover.kind === "authors") return { ...active, id: { in: [...item.authorIds] } };
  if (handover.kind === "role") return { ...active, roles: { has: handover.role } };
  const { role, scope } = STAGE_ACTORS[handover.stage];
  if (scope === "department") return { ...active, roles: { has: role }, departmentId: item.departmentId };
  if (scope === "departmentLeader") return item.departmentLeaderId ? { ...active, roles: { has: role }, id: item.departmentLeaderId } : null;
  return { ...active, roles: { has: role } };
}

/**
 * The items a staff member may see at all. Anything outside it is answered as "not found", so
 * a forged id tells nothing about another department's drafts. Drafts stay inside the department
 * (联络员 and 处室负责人); the 分管领导 sees the departments they oversee once items are submitted.
 */
export function itemScope(actor: Actor): Prisma.DisclosureItemWhereInput {
  const any: Prisma.DisclosureItemWhereInput[] = [];
  if (actor.departmentId && actor.roles.some((r) => r === "LIAISON" || r === "DEPT_HEAD")) {
    any.push({ departmentId: actor.departmentId });
  }
  if (actor.roles.includes("LEADER")) any.push({ department: { leaderId: actor.id }, status: { not: "DRAFT" } });
  if (actor.roles.some((r) => r === "SECRECY" || r === "OFFICE")) any.push({ status: { not: "DRAFT" } });
  // The office answers for what is on the public site, also while a liaison re-edits it (撤回).
  if (actor.roles.includes("OFFICE")) any.push({ publishedRevisionId: { not: null }, withdrawnAt: null });
  return any.length ? { OR: any } : { id: { in: [] } };
}

/**
 * The departments whose timeliness dashboard an actor may open: their own (联络员, 处室负责人), the
 * ones they oversee (分管领导), every one (公开办). Null without "dashboard.department". The
 * bureau-wide totals are "dashboard.office"; a 分管领导 sees them but no other leader's departments.
 */
export function dashboardDepartmentScope(actor: Actor): Prisma.DepartmentWhereInput | null {
  if (!can(actor, "dashboard.department")) return null;
  if (actor.roles.includes("OFFICE")) return {};
  const any: Prisma.DepartmentWhereInput[] = [];
  if (actor.departmentId && actor.roles.some((r) => r === "LIAISON" || r === "DEPT_HEAD")) any.push({ id: actor.departmentId });
  if (actor.roles.includes("LEADER")) any.push({ leaderId: actor.id });
  return any.length ? { OR: any } : { id: { in: [] } };
}

/**
 * The requests a staff member may see at all: the office every one, a 处室's 联络员 and 处室负责人
 * those assigned to it, a 分管领导 those of the departments they oversee. Outside it a request is
 * "not found" (and the probe audited).
 */
export function requestScope(actor: Actor): Prisma.DisclosureRequestWhereInput {
  if (actor.roles.includes("OFFICE")) return {};
  const any: Prisma.DisclosureRequestWhereInput[] = [];
  if (actor.departmentId && actor.roles.some((r) => r === "LIAISON" || r === "DEPT_HEAD")) any.push({ assignedDepartmentId: actor.departmentId });
  if (actor.roles.includes("LEADER")) any.push({ assignedDepartment: { leaderId: actor.id } });
  return any.length ? { OR: any } : { id: { in: [] } };
}

/**
 * Who sees an applicant's personal data in clear: the staff handling the request — the office and
 * the assigned 处室 (联络员, 处室负责人). Everyone else in scope (a 分管领导) sees it masked.
 */
export function handlesPersonalData(actor: Actor, request: { assignedDepartmentId: string | null }): boolean {
  if (actor.roles.includes("OFFICE")) return true;
  return (
    actor.departmentId !== null &&
    actor.departmentId === request.assignedDepartmentId &&
    actor.roles.some((r) => r === "LIAISON" || r === "DEPT_HEAD")
  );
}

/**
 * May this actor give an account these roles (and its 处室)? The 安全管理员 may ("user.assignRoles").
 * One exception, for a fresh installation, which has one 系统管理员 and nobody to assign roles:
 * while no active 安全管理员 exists, a 系统管理员 may make one other account the 安全管理员 and nothing
 * more; from then on only the 安全管理员 assigns roles (docs/decisions.md "accounts and 三员分立").
 */
export function mayAssignRoles(actor: Pick<Actor, "roles">, roles: readonly Role[], activeSecurityAdmins: number): boolean {
  if (can(actor, "user.assignRoles")) return true;
  return actor.roles.includes("SYSADMIN") && activeSecurityAdmins === 0 && roles.length === 1 && roles[0] === "SECADMIN";
}
