import { beforeAll, describe, expect, test } from "vitest";
import { targetField } from "@/lib/domain/admin";
import { createColumn, deleteColumn, listColumnsForAdmin, moveColumn, updateColumn } from "@/lib/server/admin/columns";
import { createChannel, listChannelsForAdmin, moveChannel, updateChannel } from "@/lib/server/admin/channels";
import { createDepartment, listDepartmentsForAdmin, moveDepartment, updateDepartment } from "@/lib/server/admin/departments";
import { getTargets, saveTargets } from "@/lib/server/admin/targets";
import type { Actor } from "@/lib/server/platform/actor";
import { db } from "@/lib/server/platform/db";
import type { Result } from "@/lib/server/platform/result";
import { submitItem } from "@/lib/server/items/drafts";
import { publishItem } from "@/lib/server/items/publication";
import { reviewItem } from "@/lib/server/items/reviews";
import { workQueue } from "@/lib/server/items/work-queue";
import { allClearApproval, itemState, seedBureau, seedDraft, seedPending, type Bureau } from "../support/bureau";
import { onCurrentPage } from "../support/admin-versions";

const updateDepartmentNow = onCurrentPage.row(updateDepartment, "department");
const moveDepartmentNow = onCurrentPage.order(moveDepartment, "departmentOrder");
const updateColumnNow = onCurrentPage.row(updateColumn, "column");
const deleteColumnNow = onCurrentPage.row(deleteColumn, "column");
const moveColumnNow = onCurrentPage.order(moveColumn, "columnOrder");
const updateChannelNow = onCurrentPage.row(updateChannel, "channel");
const moveChannelNow = onCurrentPage.order(moveChannel, "channelOrder");
const saveTargetsNow = onCurrentPage.targets(saveTargets);

/**
 * Office administration (公开办) against a real PostgreSQL: every write authorised, validated,
 * done in one transaction with its audit row; every refusal audited as DENIED and leaving the
 * data as it was; and what happens to items in review when a column's stages or a department's
 * 分管领导 change.
 */

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});

/** The newest audit row of `action` by `actor`. */
async function lastAudit(actor: Actor, action: string) {
  return db().auditEvent.findFirst({ where: { actorId: actor.id, action }, orderBy: { id: "desc" } });
}

/** The failure a use case returned, or null when it succeeded. */
const fail = (r: Result<unknown>) => (r.ok ? null : r);

function mustValue<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const unique = () => Math.random().toString(36).slice(2, 8);

describe("refused for everyone but the office", () => {
  test.each([
    ["department.create", () => createDepartment(b.people.liaison, { code: `X-${unique()}`, name: `新处室${unique()}` })],
    ["department.update", () => updateDepartment(b.people.head, { id: b.dept.id, name: "改名", leaderId: b.people.leader.id })],
    ["department.reorder", () => moveDepartment(b.people.leader, { id: b.dept.id, direction: "up" })],
    ["column.create", () => createColumn(b.people.sysadmin, { code: `x-${unique()}`, name: "新栏目" })],
    ["column.update", () => updateColumn(b.people.secrecy, { id: b.column.id, code: b.column.code, name: "改名" })],
    ["column.delete", () => deleteColumn(b.people.liaison, { id: b.column.id })],
    ["column.reorder", () => moveColumn(b.people.auditor, { id: b.column.id, direction: "down" })],
    ["channel.create", () => createChannel(b.people.liaison, { code: `x-${unique()}`, name: "新渠道" })],
    ["channel.update", () => updateChannel(b.people.head, { id: "any", name: "改名" })],
    ["channel.reorder", () => moveChannel(b.people.sysadmin, { id: "any", direction: "up" })],
    ["target.save", () => saveTargets(b.people.liaison, { year: "2027", [targetField(b.dept.id, 1)]: "3" })],
  ] as const)("%s: forbidden and audited as DENIED", async (action, attempt) => {
    const before = await db().auditEvent.count({ where: { action, result: "DENIED" } });
    const r = await attempt();
    expect(fail(r)).toMatchObject({ error: "forbidden", message: "您没有执行此操作的权限。" });
    expect(await db().auditEvent.count({ where: { action, result: "DENIED" } })).toBe(before + 1);
  });

  test("nothing was changed by the refusals above", async () => {
    expect(await db().department.findUniqueOrThrow({ where: { id: b.dept.id } })).toMatchObject({ name: b.dept.name, leaderId: b.people.leader.id });
    expect(await db().column.findUniqueOrThrow({ where: { id: b.column.id } })).toMatchObject({ name: "通知公告" });
    expect(await db().monthlyTarget.count({ where: { departmentId: b.dept.id } })).toBe(0);
  });

  test("the lists are for the office only", async () => {
    expect(await listDepartmentsForAdmin(b.people.liaison)).toBeNull();
    expect(await listColumnsForAdmin(b.people.leader)).toBeNull();
    expect(await listChannelsForAdmin(b.people.sysadmin)).toBeNull();
    expect(await getTargets(b.people.head, 2027)).toBeNull();
    expect(await listDepartmentsForAdmin(b.people.office)).not.toBeNull();
  });
});

describe("处室管理", () => {
  test("create: appended last, audited with what was created", async () => {
    const code = `KJ-${unique()}`;
    const { id } = mustValue(await createDepartment(b.people.office, { code, name: `科技合作科-${code}`, leaderId: b.people.leader.id }));
    const rows = await db().department.findMany({ orderBy: { sortOrder: "asc" } });
    expect(rows.at(-1)!.id).toBe(id);
    const event = await lastAudit(b.people.office, "department.create");
    expect(event).toMatchObject({ entity: "Department", entityId: id, result: "SUCCESS" });
    expect(event!.detail).toMatchObject({ after: { code, leaderId: b.people.leader.id, leader: "leader" } });
  });

  test("a duplicate code or name is refused next to its field and audited", async () => {
    const dup = await createDepartment(b.people.office, { code: b.dept.code, name: `另一个-${unique()}` });
    expect(fail(dup)).toMatchObject({ error: "invalid", fieldErrors: { code: ["该处室代码已被使用"] } });
    expect((await lastAudit(b.people.office, "department.create"))).toMatchObject({ result: "DENIED", detail: { reason: "duplicate_code" } });
    const dupName = await createDepartment(b.people.office, { code: `N-${unique()}`, name: b.other.name });
    expect(fail(dupName)).toMatchObject({ fieldErrors: { name: ["已有同名处室"] } });
    const rename = await updateDepartmentNow(b.people.office, { id: b.other.id, name: b.dept.name, leaderId: b.people.otherLeader.id });
    expect(fail(rename)).toMatchObject({ fieldErrors: { name: ["已有同名处室"] } });
  });

  test("only an active user with the LEADER role can be 分管领导", async () => {
    const disabled = await b.user("disabledLeader", ["LEADER"], null);
    await db().user.update({ where: { id: disabled.id }, data: { status: "DISABLED" } });
    for (const candidate of [b.people.head, b.people.secrecy, b.people.office, disabled]) {
      const r = await updateDepartmentNow(b.people.office, { id: b.other.id, name: b.other.name, leaderId: candidate.id });
      expect(fail(r)).toMatchObject({ error: "invalid", fieldErrors: { leaderId: ["只能选择角色为“分管领导”且账户正常的用户"] } });
      expect(await lastAudit(b.people.office, "department.update")).toMatchObject({ result: "DENIED", entityId: b.other.id, detail: { reason: "not_a_leader" } });
    }
    const create = await createDepartment(b.people.office, { code: `L-${unique()}`, name: `无效领导-${unique()}`, leaderId: b.people.liaison.id });
    expect(fail(create)).toMatchObject({ fieldErrors: { leaderId: ["只能选择角色为“分管领导”且账户正常的用户"] } });
    expect((await db().department.findUniqueOrThrow({ where: { id: b.other.id } })).leaderId).toBe(b.people.otherLeader.id);
  });

  test("rename: audited with before and after", async () => {
    const code = `R-${unique()}`;
    const { id } = mustValue(await createDepartment(b.people.office, { code, name: `旧名-${code}` }));
    mustValue(await updateDepartmentNow(b.people.office, { id, name: `新名-${code}`, leaderId: "" }));
    expect((await lastAudit(b.people.office, "department.update"))!.detail).toEqual({ before: { name: `旧名-${code}` }, after: { name: `新名-${code}` } });
  });

  test("reorder: up and down among all departments, audited; the ends do not move", async () => {
    const ids = async () => (await listDepartmentsForAdmin(b.people.office))!.departments.map((d) => d.id);
    const start = await ids();
    const last = start.at(-1)!;
    expect(mustValue(await moveDepartmentNow(b.people.office, { id: last, direction: "up" }))).toEqual({ moved: true });
    const after = await ids();
    expect(after.at(-2)).toBe(last);
    expect(after.at(-1)).toBe(start.at(-2));
    expect(await lastAudit(b.people.office, "department.reorder")).toMatchObject({ result: "SUCCESS", entityId: last });
    expect(mustValue(await moveDepartmentNow(b.people.office, { id: after[0], direction: "up" }))).toEqual({ moved: false });
    mustValue(await moveDepartmentNow(b.people.office, { id: last, direction: "down" }));
    expect(await ids()).toEqual(start);
  });

  test("a new 分管领导 takes over the items waiting at 分管领导审核, and is told", async () => {
    const own = await seedBureau();
    const newLeader = await own.user("newLeader", ["LEADER"], null);
    const waiting = await seedPending(own, "PENDING_LEADER");
    const leaderQueue = async (who: Actor) => (await workQueue(who)).find((s) => s.key === "leader")!.items.map((i) => i.id);
    expect(await leaderQueue(own.people.leader)).toContain(waiting.id);

    const r = await updateDepartmentNow(b.people.office, { id: own.dept.id, name: own.dept.name, leaderId: newLeader.id });
    expect(mustValue(r)).toEqual({ id: own.dept.id, movedToNewLeader: 1 });
    expect(await leaderQueue(own.people.leader)).not.toContain(waiting.id);
    expect(await leaderQueue(newLeader)).toContain(waiting.id);
    // The new leader is asked about the item itself; the old leader's request is answered.
    expect(await db().notification.count({ where: { userId: newLeader.id, itemId: waiting.id, step: "PENDING_LEADER", resolvedAt: null } })).toBe(1);
    expect(await db().notification.count({ where: { userId: own.people.leader.id, itemId: waiting.id, resolvedAt: null } })).toBe(0);
    const event = await lastAudit(b.people.office, "department.update");
    expect(event!.detail).toMatchObject({
      before: { leaderId: own.people.leader.id },
      after: { leaderId: newLeader.id },
      leaderBefore: "leader",
      leaderAfter: "newLeader",
      pendingMovedToNewLeader: 1,
    });

    const old = await reviewItem(own.people.leader, waiting.id, { decision: "APPROVE", revisionId: waiting.revisionId });
    expect(fail(old)).toMatchObject({ error: "not_found" });
    expect(await reviewItem(newLeader, waiting.id, { decision: "APPROVE", revisionId: waiting.revisionId })).toMatchObject({ ok: true, value: { status: "PENDING_SECRECY" } });
  });

  test("the 分管领导 cannot be removed while items wait for one", async () => {
    const own = await seedBureau();
    await seedPending(own, "PENDING_LEADER");
    const r = await updateDepartmentNow(b.people.office, { id: own.dept.id, name: own.dept.name, leaderId: "" });
    expect(fail(r)).toMatchObject({ fieldErrors: { leaderId: ["该处室有 1 条信息待分管领导审核，必须设置分管领导（可改选他人）"] } });
    expect(await lastAudit(b.people.office, "department.update")).toMatchObject({ result: "DENIED", detail: { reason: "pending_at_leader" } });
    expect((await db().department.findUniqueOrThrow({ where: { id: own.dept.id } })).leaderId).toBe(own.people.leader.id);
    // Without waiting items it may be left empty.
    mustValue(await updateDepartmentNow(b.people.office, { id: own.other.id, name: own.other.name, leaderId: "" }));
    expect((await db().department.findUniqueOrThrow({ where: { id: own.other.id } })).leaderId).toBeNull();
  });
});

describe("栏目管理", () => {
  const newColumn = async (over: Record<string, unknown> = {}) => {
    const code = `col-${unique()}`;
    const { id } = mustValue(await createColumn(b.people.office, { code, name: `栏目${code}`, requiresDeptHead: "on", requiresLeader: "on", ...over }));
    return { id, code };
  };
  const column = (id: string) => db().column.findUniqueOrThrow({ where: { id } });

  test("create a child column; the tree stays two levels deep and in depth-first order", async () => {
    const parent = await newColumn();
    const child = await newColumn({ parentId: parent.id, description: "子栏目说明" });
    expect(await column(child.id)).toMatchObject({ parentId: parent.id, description: "子栏目说明", requiresDeptHead: true, requiresLeader: true });
    expect((await lastAudit(b.people.office, "column.create"))!.detail).toMatchObject({ after: { code: child.code, parentId: parent.id } });

    const tooDeep = await createColumn(b.people.office, { code: `deep-${unique()}`, name: "三级栏目", parentId: child.id });
    expect(fail(tooDeep)).toMatchObject({ fieldErrors: { parentId: ["栏目最多两级：所选上级栏目本身是子栏目"] } });
    expect(await lastAudit(b.people.office, "column.create")).toMatchObject({ result: "DENIED", detail: { reason: "parent_too_deep" } });

    const hasChildren = await updateColumnNow(b.people.office, { id: parent.id, code: parent.code, name: "x", parentId: b.column.id });
    expect(fail(hasChildren)).toMatchObject({ fieldErrors: { parentId: ["该栏目下有子栏目，不能再放到其他栏目之下"] } });

    const all = await db().column.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, parentId: true } });
    all.forEach((c, i) => {
      if (c.parentId) expect(all.slice(0, i).map((p) => p.id)).toContain(c.parentId);
    });
    const listed = (await listColumnsForAdmin(b.people.office))!;
    const at = listed.findIndex((c) => c.id === parent.id);
    expect(listed[at + 1]).toMatchObject({ id: child.id, depth: 2, first: true, last: true });
  });

  test("a duplicate code is refused and audited", async () => {
    const r = await createColumn(b.people.office, { code: b.column.code, name: "重复" });
    expect(fail(r)).toMatchObject({ error: "invalid", fieldErrors: { code: ["该栏目代码已被使用"] } });
    expect(await lastAudit(b.people.office, "column.create")).toMatchObject({ result: "DENIED", detail: { reason: "duplicate_code" } });
  });

  test("the code may change while the column is empty, never once it holds items", async () => {
    const col = await newColumn();
    const renamed = `${col.code}-x`;
    mustValue(await updateColumnNow(b.people.office, { id: col.id, code: renamed, name: "改了代码", requiresDeptHead: "on" }));
    expect(await column(col.id)).toMatchObject({ code: renamed, name: "改了代码", requiresLeader: false });
    expect((await lastAudit(b.people.office, "column.update"))!.detail).toMatchObject({
      before: { code: col.code, requiresLeader: true },
      after: { code: renamed, requiresLeader: false },
    });

    await seedDraft(b, { columnId: col.id });
    const r = await updateColumnNow(b.people.office, { id: col.id, code: `${renamed}-y`, name: "改了代码", requiresDeptHead: "on" });
    expect(fail(r)).toMatchObject({ fieldErrors: { code: ["该栏目已有 1 条信息，代码不能修改（公开网站的栏目地址使用此代码）"] } });
    expect(await lastAudit(b.people.office, "column.update")).toMatchObject({ result: "DENIED", detail: { reason: "code_in_use" } });
    expect((await column(col.id)).code).toBe(renamed);
  });

  test("a column with items or children cannot be deleted; an empty one can, audited", async () => {
    const withItem = await newColumn();
    await seedDraft(b, { columnId: withItem.id });
    const r = await deleteColumnNow(b.people.office, { id: withItem.id });
    expect(fail(r)).toMatchObject({ error: "conflict", message: "该栏目下有 1 条信息，不能删除。" });
    expect(await lastAudit(b.people.office, "column.delete")).toMatchObject({ result: "DENIED", entityId: withItem.id, detail: { reason: "has_items" } });
    expect(await db().column.count({ where: { id: withItem.id } })).toBe(1);

    const parent = await newColumn();
    const child = await newColumn({ parentId: parent.id });
    expect(fail(await deleteColumnNow(b.people.office, { id: parent.id }))).toMatchObject({ message: "该栏目下有子栏目，请先删除或移走子栏目。" });
    mustValue(await deleteColumnNow(b.people.office, { id: child.id }));
    mustValue(await deleteColumnNow(b.people.office, { id: parent.id }));
    expect(await db().column.count({ where: { id: { in: [parent.id, child.id] } } })).toBe(0);
    expect(await lastAudit(b.people.office, "column.delete")).toMatchObject({ result: "SUCCESS", entityId: parent.id, detail: { before: { code: parent.code } } });
  });

  test("reorder among siblings, audited", async () => {
    const a = await newColumn();
    const c = await newColumn();
    const order = async () => (await db().column.findMany({ where: { id: { in: [a.id, c.id] } }, orderBy: { sortOrder: "asc" } })).map((x) => x.id);
    expect(await order()).toEqual([a.id, c.id]);
    expect(mustValue(await moveColumnNow(b.people.office, { id: c.id, direction: "up" }))).toEqual({ moved: true });
    expect(await order()).toEqual([c.id, a.id]);
    expect(await lastAudit(b.people.office, "column.reorder")).toMatchObject({ result: "SUCCESS", entityId: c.id });
  });
});

describe("changing a column's stages while items are in review", () => {
  const stageColumn = async (requiresDeptHead: boolean, requiresLeader: boolean) => {
    const code = `stage-${unique()}`;
    const { id } = mustValue(
      await createColumn(b.people.office, { code, name: code, requiresDeptHead: requiresDeptHead ? "on" : "", requiresLeader: requiresLeader ? "on" : "" }),
    );
    return { id, code };
  };
  const setStages = (col: { id: string; code: string }, requiresDeptHead: boolean, requiresLeader: boolean) =>
    updateColumnNow(b.people.office, { id: col.id, code: col.code, name: col.code, requiresDeptHead, requiresLeader });
  const approve = async (who: Actor, item: { id: string; revisionId: string }) =>
    reviewItem(who, item.id, { decision: "APPROVE", revisionId: item.revisionId, ...(await allClearApproval(item.revisionId)) });

  test("分管领导审核 switched off: the item waiting for the leader stays with the leader, then goes on to 保密审查 and is published", async () => {
    const col = await stageColumn(true, true);
    const item = await seedPending(b, "PENDING_LEADER", { columnId: col.id });
    expect(mustValue(await setStages(col, true, false))).toEqual({ id: col.id, inReview: 1, stagesChanged: true });
    expect((await lastAudit(b.people.office, "column.update"))!.detail).toMatchObject({
      before: { requiresLeader: true },
      after: { requiresLeader: false },
      inReviewKeepTheirStages: 1,
    });

    expect((await workQueue(b.people.leader)).find((s) => s.key === "leader")!.items.map((i) => i.id)).toContain(item.id);
    // Before the fix this went back to 待处室负责人审核 (the leader's stage was no longer in the list).
    expect(await approve(b.people.leader, item)).toMatchObject({ ok: true, value: { status: "PENDING_SECRECY" } });
    expect(await approve(b.people.secrecy, item)).toMatchObject({ ok: true, value: { status: "APPROVED" } });
    expect(await publishItem(b.people.office, item.id, item.revisionId)).toMatchObject({ ok: true });
  });

  test("分管领导审核 switched on: an item already past it is not stranded and can be published", async () => {
    const col = await stageColumn(true, false);
    const item = await seedPending(b, "PENDING_SECRECY", { columnId: col.id });
    mustValue(await setStages(col, true, true));
    expect(await approve(b.people.secrecy, item)).toMatchObject({ ok: true, value: { status: "APPROVED" } });
    // Without the stages fixed at submission, publishing refused here for want of a leader's approval.
    expect(await publishItem(b.people.office, item.id, item.revisionId)).toMatchObject({ ok: true });
    expect((await itemState(item.id)).status).toBe("PUBLISHED");
  });

  test("an item that has not reached a switched-off stage still goes through it: its stages were fixed at submission", async () => {
    const col = await stageColumn(true, true);
    const item = await seedPending(b, "PENDING_DEPT", { columnId: col.id });
    mustValue(await setStages(col, false, false));
    expect(await approve(b.people.head, item)).toMatchObject({ ok: true, value: { status: "PENDING_LEADER" } });
    expect(await approve(b.people.leader, item)).toMatchObject({ ok: true, value: { status: "PENDING_SECRECY" } });
  });

  test("items submitted afterwards, and items resubmitted after a return, follow the new switches", async () => {
    const col = await stageColumn(true, true);
    const returned = await seedPending(b, "PENDING_DEPT", { columnId: col.id });
    mustValue(await reviewItem(b.people.head, returned.id, { decision: "RETURN", revisionId: returned.revisionId, comment: "请补充内容" }));
    mustValue(await setStages(col, false, true));

    const fresh = await seedDraft(b, { columnId: col.id });
    expect(await submitItem(b.people.liaison, fresh.id, fresh.revisionId)).toMatchObject({ ok: true });
    expect((await itemState(fresh.id)).status).toBe("PENDING_LEADER");
    expect(await submitItem(b.people.liaison, returned.id, returned.revisionId)).toMatchObject({ ok: true });
    expect((await itemState(returned.id)).status).toBe("PENDING_LEADER");
    expect((await db().disclosureItem.findUniqueOrThrow({ where: { id: returned.id } })).reviewStages).toEqual(["LEADER", "SECRECY"]);
  });

  test("保密审查 cannot be switched off: it has no switch, and a column with no other stage still gets it", async () => {
    const col = await stageColumn(false, false);
    mustValue(await updateColumnNow(b.people.office, { id: col.id, code: col.code, name: col.code, requiresSecrecy: "" }));
    const item = await seedDraft(b, { columnId: col.id });
    mustValue(await submitItem(b.people.liaison, item.id, item.revisionId));
    expect((await itemState(item.id)).status).toBe("PENDING_SECRECY");
    expect((await db().disclosureItem.findUniqueOrThrow({ where: { id: item.id } })).reviewStages).toEqual(["SECRECY"]);
    expect(fail(await publishItem(b.people.office, item.id, item.revisionId))).toMatchObject({ error: "conflict" });
  });
});

describe("发布渠道", () => {
  test("create, rename, deactivate, reorder — each audited with before/after", async () => {
    mustValue(await createChannel(b.people.office, { code: `ch-${unique()}`, name: "政务头条号" }));
    const code = `ch-${unique()}`;
    const { id } = mustValue(await createChannel(b.people.office, { code, name: "政务微博" }));
    expect(await lastAudit(b.people.office, "channel.create")).toMatchObject({ entityId: id, detail: { after: { code, name: "政务微博", active: true } } });

    mustValue(await updateChannelNow(b.people.office, { id, name: "政务微博（停用）" }));
    expect(await db().channel.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "政务微博（停用）", active: false, code });
    expect((await lastAudit(b.people.office, "channel.update"))!.detail).toEqual({
      before: { name: "政务微博", active: true },
      after: { name: "政务微博（停用）", active: false },
    });

    const list = (await listChannelsForAdmin(b.people.office))!;
    expect(list.at(-1)!.id).toBe(id);
    mustValue(await moveChannelNow(b.people.office, { id, direction: "up" }));
    const moved = (await listChannelsForAdmin(b.people.office))!;
    expect(moved.at(-2)!.id).toBe(id);
    expect(await lastAudit(b.people.office, "channel.reorder")).toMatchObject({ result: "SUCCESS", entityId: id });
  });

  test("a duplicate code is refused and audited", async () => {
    const code = `dup-${unique()}`;
    mustValue(await createChannel(b.people.office, { code, name: "甲" }));
    expect(fail(await createChannel(b.people.office, { code, name: "乙" }))).toMatchObject({ fieldErrors: { code: ["该渠道代码已被使用"] } });
    expect(await lastAudit(b.people.office, "channel.create")).toMatchObject({ result: "DENIED", detail: { reason: "duplicate_code" } });
  });
});

describe("月度目标", () => {
  const cell = (month: number, dept = b.dept.id) => targetField(dept, month);

  test("saved in one go, audited with every changed cell; an unchanged save writes nothing", async () => {
    const r = await saveTargetsNow(b.people.office, { year: "2027", [cell(1)]: "5", [cell(2)]: "0", [cell(3)]: "", [cell(1, b.other.id)]: "12" });
    expect(mustValue(r)).toEqual({ year: 2027, changed: 3 });
    expect((await getTargets(b.people.office, 2027))!.values).toMatchObject({ [b.dept.id]: { 1: 5, 2: 0 }, [b.other.id]: { 1: 12 } });
    const event = await lastAudit(b.people.office, "target.save");
    expect(event).toMatchObject({ entity: "MonthlyTarget", entityId: "2027", result: "SUCCESS" });
    expect((event!.detail as { changes: unknown[] }).changes).toEqual(
      expect.arrayContaining([
        { department: b.dept.code, month: 1, before: null, after: 5 },
        { department: b.dept.code, month: 2, before: null, after: 0 },
        { department: b.other.code, month: 1, before: null, after: 12 },
      ]),
    );

    const events = await db().auditEvent.count({ where: { action: "target.save" } });
    expect(mustValue(await saveTargetsNow(b.people.office, { year: "2027", [cell(1)]: "5", [cell(2)]: "0" }))).toEqual({ year: 2027, changed: 0 });
    expect(await db().auditEvent.count({ where: { action: "target.save" } })).toBe(events);

    mustValue(await saveTargetsNow(b.people.office, { year: "2027", [cell(1)]: "8", [cell(2)]: "" }));
    expect((await getTargets(b.people.office, 2027))!.values[b.dept.id]).toEqual({ 1: 8 });
    expect((await lastAudit(b.people.office, "target.save"))!.detail).toMatchObject({
      changes: [
        { department: b.dept.code, month: 1, before: 5, after: 8 },
        { department: b.dept.code, month: 2, before: 0, after: null },
      ],
    });
  });

  test("a target out of range is refused next to its cell, and nothing of the table is saved", async () => {
    const r = await saveTargetsNow(b.people.office, { year: "2028", [cell(1)]: "7", [cell(2)]: "1000", [cell(3)]: "-2" });
    expect(fail(r)).toMatchObject({
      error: "invalid",
      fieldErrors: { [cell(2)]: ["请填写 0–999 的整数，或留空"], [cell(3)]: ["请填写 0–999 的整数，或留空"] },
    });
    expect(await db().monthlyTarget.count({ where: { year: 2028 } })).toBe(0);
    expect(fail(await saveTargetsNow(b.people.office, { year: "1800", [cell(1)]: "1" }))).toMatchObject({ fieldErrors: { year: ["年份应在 2019–2100 之间"] } });
  });

  test("a department that no longer exists is refused, audited", async () => {
    const r = await saveTargetsNow(b.people.office, { year: "2029", [cell(1)]: "1", [targetField("gone-department", 1)]: "2" });
    expect(fail(r)).toMatchObject({ error: "invalid", message: "表格中的处室已不存在，请刷新后重新填写。" });
    expect(await lastAudit(b.people.office, "target.save")).toMatchObject({ result: "DENIED", detail: { reason: "unknown_department" } });
    expect(await db().monthlyTarget.count({ where: { year: 2029 } })).toBe(0);
  });
});
