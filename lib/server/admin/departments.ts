import "server-only";
import { departmentCreateSchema, departmentUpdateSchema, moveInOrder, moveSchema } from "@/lib/domain/admin";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db, type Tx } from "@/lib/server/platform/db";
import { notify } from "@/lib/server/platform/notifications";
import { invalid, notFound, ok, type Result } from "@/lib/server/platform/result";
import { refuse, Refusal, write, type Target } from "@/lib/server/platform/use-case";
import { ADMIN_LOCK, changes, listVersion, parseForm, renumber, rowVersion, saveSortOrders, staleForm } from "./shared";

/**
 * 处室管理 (公开办): departments, their order and their 分管领导. The leader's queue is computed
 * from `Department.leaderId` (work queue, itemScope, decide() all read STAGE_ACTORS), so items
 * already waiting at 分管领导审核 move to the new leader with the change; the new leader is notified.
 */

const ORDER = [{ sortOrder: "asc" as const }, { name: "asc" as const }];

export async function listDepartmentsForAdmin(actor: Actor) {
  if (!can(actor, "department.manage")) return null;
  const [departments, leaders, pending] = await Promise.all([
    db().department.findMany({
      orderBy: ORDER,
      select: { id: true, code: true, name: true, updatedAt: true, leader: { select: { id: true, displayName: true, status: true } }, _count: { select: { members: true } } },
    }),
    leaderChoices(),
    db().disclosureItem.groupBy({ by: ["departmentId"], where: { status: "PENDING_LEADER" }, _count: { _all: true } }),
  ]);
  const pendingBy = new Map(pending.map((p) => [p.departmentId, p._count._all]));
  return {
    leaders,
    orderVersion: listVersion(departments.map((d) => d.id)),
    departments: departments.map((d) => ({
      id: d.id,
      code: d.code,
      name: d.name,
      version: rowVersion(d),
      leader: d.leader,
      members: d._count.members,
      pendingAtLeader: pendingBy.get(d.id) ?? 0,
    })),
  };
}

/** Who may be chosen as 分管领导: active users holding the LEADER role. */
function leaderChoices() {
  return db().user.findMany({
    where: { roles: { has: "LEADER" }, status: "ACTIVE" },
    orderBy: [{ displayName: "asc" }, { username: "asc" }],
    select: { id: true, displayName: true, username: true },
  });
}

const NOT_A_LEADER = "只能选择角色为“分管领导”且账户正常的用户";

async function checkLeader(tx: Tx, leaderId: string | null) {
  if (!leaderId) return null;
  const user = await tx.user.findUnique({ where: { id: leaderId }, select: { id: true, displayName: true, roles: true, status: true } });
  if (!user || !user.roles.includes("LEADER") || user.status !== "ACTIVE") {
    throw new Refusal("not_a_leader", invalid({ leaderId: [NOT_A_LEADER] }));
  }
  return user;
}

async function checkUnique(tx: Tx, fields: { code?: string; name: string }, exceptId?: string) {
  const clash = await tx.department.findFirst({
    where: { id: exceptId ? { not: exceptId } : undefined, OR: [{ name: fields.name }, ...(fields.code ? [{ code: fields.code }] : [])] },
    select: { code: true },
  });
  if (clash && clash.code === fields.code) throw new Refusal("duplicate_code", invalid({ code: ["该处室代码已被使用"] }));
  if (clash) throw new Refusal("duplicate_name", invalid({ name: ["已有同名处室"] }));
}

const duplicate = { ...ADMIN_LOCK, onConstraint: () => new Refusal("duplicate", invalid({ name: ["处室代码或名称已被使用"] })) };

export async function createDepartment(actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  const target: Target = { action: "department.create", entity: "Department" };
  if (!can(actor, "department.manage")) return refuse(actor, target, "wrong_role");
  const parsed = parseForm(departmentCreateSchema, raw);
  if (!parsed.ok) return parsed.failure;
  const input = parsed.data;
  return write(actor, target, async (tx) => {
    const leader = await checkLeader(tx, input.leaderId);
    await checkUnique(tx, input);
    const last = await tx.department.aggregate({ _max: { sortOrder: true } });
    const row = await tx.department.create({
      data: { code: input.code, name: input.name, leaderId: input.leaderId, sortOrder: (last._max.sortOrder ?? -1) + 1 },
    });
    await audit(tx, { actor, ...target, entityId: row.id, detail: { after: { code: row.code, name: row.name, leaderId: row.leaderId, leader: leader?.displayName ?? null } } });
    return ok({ id: row.id });
  }, duplicate);
}

/**
 * 改名 and 分管领导. Leaving the department without a leader is refused while items wait at
 * 分管领导审核: nobody could act on them.
 */
export async function updateDepartment(actor: Actor, raw: unknown): Promise<Result<{ id: string; movedToNewLeader: number }>> {
  const target: Target = { action: "department.update", entity: "Department" };
  if (!can(actor, "department.manage")) return refuse(actor, target, "wrong_role");
  const parsed = parseForm(departmentUpdateSchema, raw);
  if (!parsed.ok) return parsed.failure;
  const input = parsed.data;
  return write(actor, { ...target, entityId: input.id }, async (tx) => {
    const before = await tx.department.findUnique({ where: { id: input.id }, include: { leader: { select: { displayName: true } } } });
    if (!before) return notFound("未找到该处室。");
    // The guard: under the administration lock, the row must still be the version the form showed.
    if (rowVersion(before) !== input.version) throw staleForm("该处室");
    const leaderChanged = before.leaderId !== input.leaderId;
    const leader = leaderChanged ? await checkLeader(tx, input.leaderId) : null;
    if (input.name !== before.name) await checkUnique(tx, { name: input.name }, before.id);
    const pending = (
      await tx.disclosureItem.findMany({ where: { departmentId: before.id, status: "PENDING_LEADER" }, select: { id: true, currentRevision: { select: { title: true } } } })
    ).map((i) => ({ id: i.id, title: i.currentRevision?.title ?? "（无标题）" }));
    if (leaderChanged && !input.leaderId && pending.length) {
      throw new Refusal("pending_at_leader", invalid({ leaderId: [`该处室有 ${pending.length} 条信息待分管领导审核，必须设置分管领导（可改选他人）`] }));
    }
    const diff = changes({ name: before.name, leaderId: before.leaderId }, { name: input.name, leaderId: input.leaderId });
    if (!diff) return ok({ id: before.id, movedToNewLeader: 0 });
    await tx.department.update({ where: { id: before.id }, data: { name: input.name, leaderId: input.leaderId } });
    const moved = leaderChanged && input.leaderId ? pending.length : 0;
    if (moved) {
      // The old leader's requests to act are answered by the change (the items left their scope);
      // the new leader gets one per item, resolved as usual when the step is done.
      await tx.notification.updateMany({ where: { itemId: { in: pending.map((p) => p.id) }, step: "PENDING_LEADER", resolvedAt: null }, data: { resolvedAt: new Date() } });
      for (const item of pending) {
        await notify(tx, [input.leaderId!], { title: `「${item.title}」待分管领导审核（您已成为${input.name}的分管领导）`, itemId: item.id, link: `/console/items/${item.id}`, step: "PENDING_LEADER" });
      }
    }
    await audit(tx, {
      actor,
      ...target,
      entityId: before.id,
      detail: {
        ...diff,
        ...(leaderChanged ? { leaderBefore: before.leader?.displayName ?? null, leaderAfter: leader?.displayName ?? null, pendingMovedToNewLeader: moved } : {}),
      },
    });
    return ok({ id: before.id, movedToNewLeader: moved });
  }, duplicate);
}

export async function moveDepartment(actor: Actor, raw: unknown): Promise<Result<{ moved: boolean }>> {
  const target: Target = { action: "department.reorder", entity: "Department" };
  if (!can(actor, "department.manage")) return refuse(actor, target, "wrong_role");
  const parsed = parseForm(moveSchema, raw);
  if (!parsed.ok) return parsed.failure;
  const { id, direction, version } = parsed.data;
  return write<{ moved: boolean }>(actor, { ...target, entityId: id }, async (tx) => {
    const rows = await tx.department.findMany({ orderBy: ORDER, select: { id: true, code: true, sortOrder: true } });
    if (!rows.some((r) => r.id === id)) return notFound("未找到该处室。");
    if (listVersion(rows.map((r) => r.id)) !== version) throw staleForm("处室顺序");
    const order = moveInOrder(rows.map((r) => r.id), id, direction);
    if (!order) return ok({ moved: false });
    await saveSortOrders(tx, "Department", renumber(rows, new Map(order.map((rowId, i) => [rowId, i]))));
    const code = new Map(rows.map((r) => [r.id, r.code]));
    await audit(tx, { actor, ...target, entityId: id, detail: { before: rows.map((r) => r.code), after: order.map((o) => code.get(o)) } });
    return ok({ moved: true });
  }, ADMIN_LOCK);
}
