import "server-only";
import { z } from "zod";
import { channelCreateSchema, channelUpdateSchema, moveInOrder, moveSchema } from "@/lib/domain/admin";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { invalid, notFound, ok, type Result } from "@/lib/server/platform/result";
import { AdminRefusal, adminWrite, changes, deny, renumber } from "./shared";

/**
 * 发布渠道 (公开办): 本机关网站, 市政务公开专栏, 微信公众号 … Item revisions store channel codes,
 * so a code is fixed at creation and a channel is never deleted, only deactivated (停用): it is
 * then no longer offered for new items, and items that name it keep it.
 */

export async function listChannelsForAdmin(actor: Actor) {
  if (!can(actor, "channel.manage")) return null;
  return db().channel.findMany({
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, code: true, name: true, active: true },
  });
}

const duplicateCode = () => new AdminRefusal("duplicate_code", invalid({ code: ["该渠道代码已被使用"] }));

export async function createChannel(actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  const target = { action: "channel.create", entity: "Channel" };
  if (!can(actor, "channel.manage")) return deny(actor, target, "wrong_role");
  const parsed = channelCreateSchema.safeParse(raw);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const input = parsed.data;
  return adminWrite(actor, target, async (tx) => {
    if (await tx.channel.findUnique({ where: { code: input.code }, select: { id: true } })) throw duplicateCode();
    const last = await tx.channel.aggregate({ _max: { sortOrder: true } });
    const row = await tx.channel.create({ data: { ...input, sortOrder: (last._max.sortOrder ?? -1) + 1 } });
    await audit(tx, { actor, ...target, entityId: row.id, detail: { after: { code: row.code, name: row.name, active: row.active } } });
    return ok({ id: row.id });
  }, duplicateCode);
}

/** 改名 and 启用/停用. */
export async function updateChannel(actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  const target = { action: "channel.update", entity: "Channel" };
  if (!can(actor, "channel.manage")) return deny(actor, target, "wrong_role");
  const parsed = channelUpdateSchema.safeParse(raw);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const { id, ...input } = parsed.data;
  return adminWrite(actor, { ...target, entityId: id }, async (tx) => {
    const before = await tx.channel.findUnique({ where: { id }, select: { name: true, active: true } });
    if (!before) return notFound("未找到该渠道。");
    const diff = changes(before, input);
    if (!diff) return ok({ id });
    await tx.channel.update({ where: { id }, data: input });
    await audit(tx, { actor, ...target, entityId: id, detail: diff });
    return ok({ id });
  });
}

export async function moveChannel(actor: Actor, raw: unknown): Promise<Result<{ moved: boolean }>> {
  const target = { action: "channel.reorder", entity: "Channel" };
  if (!can(actor, "channel.manage")) return deny(actor, target, "wrong_role");
  const parsed = moveSchema.safeParse(raw);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const { id, direction } = parsed.data;
  return adminWrite<{ moved: boolean }>(actor, { ...target, entityId: id }, async (tx) => {
    const rows = await tx.channel.findMany({ orderBy: [{ sortOrder: "asc" }, { code: "asc" }], select: { id: true, code: true, sortOrder: true } });
    if (!rows.some((r) => r.id === id)) return notFound("未找到该渠道。");
    const order = moveInOrder(rows.map((r) => r.id), id, direction);
    if (!order) return ok({ moved: false });
    for (const u of renumber(rows, new Map(order.map((rowId, i) => [rowId, i])))) {
      await tx.channel.update({ where: { id: u.id }, data: { sortOrder: u.sortOrder } });
    }
    const code = new Map(rows.map((r) => [r.id, r.code]));
    await audit(tx, { actor, ...target, entityId: id, detail: { before: rows.map((r) => r.code), after: order.map((o) => code.get(o)) } });
    return ok({ moved: true });
  });
}
