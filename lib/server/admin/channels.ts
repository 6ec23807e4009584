import "server-only";
import { channelCreateSchema, channelUpdateSchema, moveInOrder, moveSchema } from "@/lib/domain/admin";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { invalid, notFound, ok, type Result } from "@/lib/server/platform/result";
import { refuse, Refusal, write, type Target } from "@/lib/server/platform/use-case";
import { ADMIN_LOCK, changes, listVersion, parseForm, renumber, rowVersion, saveSortOrders, staleForm } from "./shared";

/**
 * 发布渠道 (公开办): 本机关网站, 市政务公开专栏, 微信公众号 … Item revisions store channel codes,
 * so a code is fixed at creation and a channel is never deleted, only deactivated (停用): it is
 * then no longer offered for new items, and items that name it keep it.
 */

const ORDER = [{ sortOrder: "asc" as const }, { code: "asc" as const }];

export async function listChannelsForAdmin(actor: Actor) {
  if (!can(actor, "channel.manage")) return null;
  const rows = await db().channel.findMany({ orderBy: ORDER, select: { id: true, code: true, name: true, active: true, updatedAt: true } });
  const orderVersion = listVersion(rows.map((r) => r.id));
  return rows.map(({ updatedAt, ...r }) => ({ ...r, version: rowVersion({ updatedAt }), orderVersion }));
}

const duplicateCode = () => new Refusal("duplicate_code", invalid({ code: ["该渠道代码已被使用"] }));

export async function createChannel(actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  const target: Target = { action: "channel.create", entity: "Channel" };
  if (!can(actor, "channel.manage")) return refuse(actor, target, "wrong_role");
  const parsed = parseForm(channelCreateSchema, raw);
  if (!parsed.ok) return parsed.failure;
  const input = parsed.data;
  return write(actor, target, async (tx) => {
    if (await tx.channel.findUnique({ where: { code: input.code }, select: { id: true } })) throw duplicateCode();
    const last = await tx.channel.aggregate({ _max: { sortOrder: true } });
    const row = await tx.channel.create({ data: { ...input, sortOrder: (last._max.sortOrder ?? -1) + 1 } });
    await audit(tx, { actor, ...target, entityId: row.id, detail: { after: { code: row.code, name: row.name, active: row.active } } });
    return ok({ id: row.id });
  }, { ...ADMIN_LOCK, onConstraint: duplicateCode });
}

/** 改名 and 启用/停用. */
export async function updateChannel(actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  const target: Target = { action: "channel.update", entity: "Channel" };
  if (!can(actor, "channel.manage")) return refuse(actor, target, "wrong_role");
  const parsed = parseForm(channelUpdateSchema, raw);
  if (!parsed.ok) return parsed.failure;
  const { id, version, ...input } = parsed.data;
  return write(actor, { ...target, entityId: id }, async (tx) => {
    const row = await tx.channel.findUnique({ where: { id }, select: { name: true, active: true, updatedAt: true } });
    if (!row) return notFound("未找到该渠道。");
    // The guard: under the administration lock, the row must still be the version the form showed.
    if (rowVersion(row) !== version) throw staleForm("该渠道");
    const before = { name: row.name, active: row.active };
    const diff = changes(before, input);
    if (!diff) return ok({ id });
    await tx.channel.update({ where: { id }, data: input });
    await audit(tx, { actor, ...target, entityId: id, detail: diff });
    return ok({ id });
  }, ADMIN_LOCK);
}

export async function moveChannel(actor: Actor, raw: unknown): Promise<Result<{ moved: boolean }>> {
  const target: Target = { action: "channel.reorder", entity: "Channel" };
  if (!can(actor, "channel.manage")) return refuse(actor, target, "wrong_role");
  const parsed = parseForm(moveSchema, raw);
  if (!parsed.ok) return parsed.failure;
  const { id, direction, version } = parsed.data;
  return write<{ moved: boolean }>(actor, { ...target, entityId: id }, async (tx) => {
    const rows = await tx.channel.findMany({ orderBy: ORDER, select: { id: true, code: true, sortOrder: true } });
    if (!rows.some((r) => r.id === id)) return notFound("未找到该渠道。");
    if (listVersion(rows.map((r) => r.id)) !== version) throw staleForm("渠道顺序");
    const order = moveInOrder(rows.map((r) => r.id), id, direction);
    if (!order) return ok({ moved: false });
    await saveSortOrders(tx, "Channel", renumber(rows, new Map(order.map((rowId, i) => [rowId, i]))));
    const code = new Map(rows.map((r) => [r.id, r.code]));
    await audit(tx, { actor, ...target, entityId: id, detail: { before: rows.map((r) => r.code), after: order.map((o) => code.get(o)) } });
    return ok({ moved: true });
  }, ADMIN_LOCK);
}
