import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { forbidden, invalid, notFound, ok, type Result } from "@/lib/server/platform/result";
import { expectOne, refuse, write, type Target } from "@/lib/server/platform/use-case";

/** User administration (系统管理员) and the security view (安全管理员). */

export async function listUsers(actor: Actor) {
  if (!can(actor, "user.list")) return null;
  return db().user.findMany({
    orderBy: [{ department: { sortOrder: "asc" } }, { username: "asc" }],
    select: {
      id: true,
      username: true,
      displayName: true,
      roles: true,
      status: true,
      lockedUntil: true,
      lastLoginAt: true,
      department: { select: { name: true } },
    },
  });
}

const statusSchema = z.object({ userId: z.string().min(1).max(64), status: z.enum(["ACTIVE", "DISABLED"]) });

/** Disabling a user ends their sessions at once: resolveSession refuses a disabled user. */
export async function setUserStatus(actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  const parsed = statusSchema.safeParse(raw);
  const target: Target = { action: parsed.success && parsed.data.status === "ACTIVE" ? "user.enable" : "user.disable", entity: "User", entityId: parsed.success ? parsed.data.userId : undefined };
  if (!can(actor, "user.setStatus")) return refuse(actor, target, "wrong_role");
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const { userId, status } = parsed.data;
  if (userId === actor.id) return refuse(actor, target, "self", forbidden("不能停用自己的账户。"));
  return write(actor, target, async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { status: true } });
    if (!before) return notFound("未找到该用户。");
    // The guard: the user must not be in the requested state already (a second click is told so).
    const { count } = await tx.user.updateMany({ where: { id: userId, status: { not: status } }, data: { status } });
    expectOne(count, status === "DISABLED" ? "该用户已被停用。" : "该用户已是启用状态。");
    if (status === "DISABLED") {
      await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    }
    await audit(tx, { actor, ...target, detail: { before: before.status, after: status } });
    return ok({ id: userId });
  });
}

export async function listAuditEvents(actor: Actor, page = 1) {
  if (!can(actor, "audit.read")) return null;
  const take = 50;
  const safePage = Math.max(1, Math.min(100_000, Math.trunc(page) || 1));
  const [total, rows] = await Promise.all([
    db().auditEvent.count(),
    db().auditEvent.findMany({ orderBy: { id: "desc" }, skip: (safePage - 1) * take, take }),
  ]);
  return {
    page: safePage,
    pageCount: Math.max(1, Math.ceil(total / take)),
    total,
    events: rows.map((e) => ({ ...e, id: e.id.toString() })),
  };
}
