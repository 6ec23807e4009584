import "server-only";
import {
  columnCreateSchema,
  columnDeleteSchema,
  columnUpdateSchema,
  checkParent,
  flattenTree,
  moveInColumnTree,
  moveSchema,
  numberTree,
  PARENT_MESSAGES,
  type ColumnCreateInput,
  type TreeRow,
} from "@/lib/domain/admin";
import { IN_REVIEW } from "@/lib/domain/workflow";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db, type Tx } from "@/lib/server/platform/db";
import { conflict, invalid, notFound, ok, type Result } from "@/lib/server/platform/result";
import { refuse, Refusal, write, type Target } from "@/lib/server/platform/use-case";
import { ADMIN_LOCK, changes, listVersion, parseForm, renumber, rowVersion, saveSortOrders, staleForm } from "./shared";

/**
 * 栏目管理 (公开办): the column tree (two levels), its order, names, codes, descriptions and the
 * review switches 处室负责人审核 / 分管领导审核. 保密审查 has no switch. A switch applies from the
 * next submission: items in review keep the stages fixed when they were submitted
 * (DisclosureItem.reviewStages). A column with items or children cannot be deleted; its code,
 * which public URLs use, is fixed once it holds items.
 */

const FIELDS = { id: true, code: true, name: true, parentId: true, sortOrder: true, description: true, requiresDeptHead: true, requiresLeader: true, updatedAt: true } as const;

/** The tree's order as the list showed it: what a move is decided against. */
const treeVersion = (rows: readonly TreeRow[]) => listVersion(flattenTree(rows).map((r) => `${r.id}<${r.parentId ?? ""}`));

export async function listColumnsForAdmin(actor: Actor) {
  if (!can(actor, "column.manage")) return null;
  const [rows, inReview] = await Promise.all([
    db().column.findMany({ select: { ...FIELDS, _count: { select: { items: true, children: true } } } }),
    db().disclosureItem.groupBy({ by: ["columnId"], where: { status: { in: [...IN_REVIEW] } }, _count: { _all: true } }),
  ]);
  const reviewing = new Map(inReview.map((r) => [r.columnId, r._count._all]));
  const flat = flattenTree(rows);
  const orderVersion = treeVersion(rows);
  return flat.map((r) => {
    const siblings = flat.filter((s) => s.parentId === r.parentId);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      depth: r.parentId ? 2 : 1,
      requiresDeptHead: r.requiresDeptHead,
      requiresLeader: r.requiresLeader,
      description: r.description,
      items: r._count.items,
      children: r._count.children,
      inReview: reviewing.get(r.id) ?? 0,
      first: siblings[0]?.id === r.id,
      last: siblings.at(-1)?.id === r.id,
      version: rowVersion(r),
      orderVersion,
    };
  });
}

/** One column for its edit form, with the top-level columns it may be moved under. */
export async function getColumnForAdmin(actor: Actor, id: string) {
  if (!can(actor, "column.manage")) return null;
  if (id.length > 64) return { column: null, parents: [] };
  const [row, parents, inReview] = await Promise.all([
    db().column.findUnique({ where: { id }, select: { ...FIELDS, _count: { select: { items: true, children: true } } } }),
    parentChoices(),
    db().disclosureItem.count({ where: { columnId: id, status: { in: [...IN_REVIEW] } } }),
  ]);
  if (!row) return { column: null, parents };
  const { _count, updatedAt, ...column } = row;
  return { column: { ...column, version: rowVersion({ updatedAt }), items: _count.items, children: _count.children, inReview }, parents: parents.filter((p) => p.id !== id) };
}

/** What the 新建栏目 form offers: the columns a new one may sit under. */
export async function newColumnChoices(actor: Actor) {
  if (!can(actor, "column.manage")) return null;
  return { parents: await parentChoices() };
}

/** Columns a column may sit under: top-level ones (the tree is two levels deep). */
async function parentChoices() {
  return db().column.findMany({ where: { parentId: null }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } });
}

const duplicateCode = () => new Refusal("duplicate_code", invalid({ code: ["该栏目代码已被使用"] }));

async function checkPlacement(tx: Tx, id: string | null, input: Pick<ColumnCreateInput, "code" | "parentId">) {
  const rows = await tx.column.findMany({ select: { id: true, code: true, parentId: true, sortOrder: true } });
  if (rows.some((r) => r.code === input.code && r.id !== id)) throw duplicateCode();
  const problem = checkParent(rows, id, input.parentId);
  if (problem) throw new Refusal(`parent_${problem}`, invalid({ parentId: [PARENT_MESSAGES[problem]] }));
  return rows;
}

/** Renumbers the whole tree so that sorting by sortOrder lists it depth-first. */
async function saveOrder(tx: Tx, rows: readonly { id: string; parentId: string | null; sortOrder: number }[]) {
  await saveSortOrders(tx, "Column", renumber(rows, numberTree(rows)));
}

const snapshot = (c: ColumnCreateInput) => ({
  code: c.code,
  name: c.name,
  parentId: c.parentId,
  description: c.description,
  requiresDeptHead: c.requiresDeptHead,
  requiresLeader: c.requiresLeader,
});

export async function createColumn(actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  const target: Target = { action: "column.create", entity: "Column" };
  if (!can(actor, "column.manage")) return refuse(actor, target, "wrong_role");
  const parsed = parseForm(columnCreateSchema, raw);
  if (!parsed.ok) return parsed.failure;
  const input = parsed.data;
  return write(actor, target, async (tx) => {
    const rows = await checkPlacement(tx, null, input);
    const sortOrder = Math.max(-1, ...rows.map((r) => r.sortOrder)) + 1;
    const row = await tx.column.create({ data: { ...snapshot(input), sortOrder } });
    await saveOrder(tx, [...rows, { id: row.id, parentId: row.parentId, sortOrder }]);
    await audit(tx, { actor, ...target, entityId: row.id, detail: { after: snapshot(input) } });
    return ok({ id: row.id });
  }, { ...ADMIN_LOCK, onConstraint: duplicateCode });
}

/**
 * Saves a column. Switching a review stage on or off applies to items submitted from now on;
 * `inReview` says how many items keep the stages they were submitted with.
 */
export async function updateColumn(actor: Actor, raw: unknown): Promise<Result<{ id: string; inReview: number; stagesChanged: boolean }>> {
  const target: Target = { action: "column.update", entity: "Column" };
  if (!can(actor, "column.manage")) return refuse(actor, target, "wrong_role");
  const parsed = parseForm(columnUpdateSchema, raw);
  if (!parsed.ok) return parsed.failure;
  const { id, version, ...input } = parsed.data;
  return write(actor, { ...target, entityId: id }, async (tx) => {
    const before = await tx.column.findUnique({ where: { id }, select: { ...FIELDS, _count: { select: { items: true } } } });
    if (!before) return notFound("未找到该栏目。");
    // The guard: under the administration lock, the row must still be the version the form showed.
    if (rowVersion(before) !== version) throw staleForm("该栏目");
    if (input.code !== before.code && before._count.items > 0) {
      throw new Refusal("code_in_use", invalid({ code: [`该栏目已有 ${before._count.items} 条信息，代码不能修改（公开网站的栏目地址使用此代码）`] }));
    }
    const rows = await checkPlacement(tx, id, input);
    const diff = changes(snapshot(before), snapshot(input));
    const stagesChanged = before.requiresDeptHead !== input.requiresDeptHead || before.requiresLeader !== input.requiresLeader;
    const inReview = await tx.disclosureItem.count({ where: { columnId: id, status: { in: [...IN_REVIEW] } } });
    if (!diff) return ok({ id, inReview, stagesChanged: false });
    await tx.column.update({ where: { id }, data: snapshot(input) });
    if (input.parentId !== before.parentId) {
      // Moved to another parent: it goes last among its new siblings.
      const last = Math.max(-1, ...rows.map((r) => r.sortOrder)) + 1;
      await saveOrder(tx, rows.map((r) => (r.id === id ? { ...r, parentId: input.parentId, sortOrder: last } : r)));
    }
    await audit(tx, { actor, ...target, entityId: id, detail: { ...diff, ...(stagesChanged ? { inReviewKeepTheirStages: inReview } : {}) } });
    return ok({ id, inReview, stagesChanged });
  }, { ...ADMIN_LOCK, onConstraint: duplicateCode });
}

/** Only an empty column may go: items keep their column for good (the annual report counts them). */
export async function deleteColumn(actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  const target: Target = { action: "column.delete", entity: "Column" };
  if (!can(actor, "column.manage")) return refuse(actor, target, "wrong_role");
  const parsed = parseForm(columnDeleteSchema, raw);
  if (!parsed.ok) return parsed.failure;
  const { id, version } = parsed.data;
  const hasItems = () => new Refusal("has_items", conflict("该栏目下已有信息，不能删除。"));
  return write(actor, { ...target, entityId: id }, async (tx) => {
    const before = await tx.column.findUnique({ where: { id }, select: { ...FIELDS, _count: { select: { items: true, children: true } } } });
    if (!before) return notFound("该栏目已不存在，可能已被他人删除。");
    if (rowVersion(before) !== version) throw staleForm("该栏目");
    if (before._count.items > 0) throw new Refusal("has_items", conflict(`该栏目下有 ${before._count.items} 条信息，不能删除。`));
    if (before._count.children > 0) throw new Refusal("has_children", conflict("该栏目下有子栏目，请先删除或移走子栏目。"));
    await tx.column.delete({ where: { id } });
    await saveOrder(tx, await tx.column.findMany({ select: { id: true, parentId: true, sortOrder: true } }));
    await audit(tx, { actor, ...target, entityId: id, detail: { before: snapshot(before) } });
    return ok({ id });
  }, { ...ADMIN_LOCK, onConstraint: hasItems });
}

export async function moveColumn(actor: Actor, raw: unknown): Promise<Result<{ moved: boolean }>> {
  const target: Target = { action: "column.reorder", entity: "Column" };
  if (!can(actor, "column.manage")) return refuse(actor, target, "wrong_role");
  const parsed = parseForm(moveSchema, raw);
  if (!parsed.ok) return parsed.failure;
  const { id, direction, version } = parsed.data;
  return write<{ moved: boolean }>(actor, { ...target, entityId: id }, async (tx) => {
    const rows = await tx.column.findMany({ select: { id: true, code: true, parentId: true, sortOrder: true } });
    if (!rows.some((r) => r.id === id)) return notFound("未找到该栏目。");
    if (treeVersion(rows) !== version) throw staleForm("栏目顺序");
    const order = moveInColumnTree(rows, id, direction);
    if (!order) return ok({ moved: false });
    await saveSortOrders(tx, "Column", renumber(rows, order));
    const codes = (m: Map<string, number>) => [...rows].sort((a, b) => m.get(a.id)! - m.get(b.id)!).map((r) => r.code);
    await audit(tx, { actor, ...target, entityId: id, detail: { before: codes(numberTree(rows)), after: codes(order) } });
    return ok({ moved: true });
  }, ADMIN_LOCK);
}
