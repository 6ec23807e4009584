import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { conflict, forbidden, invalid, ok, type Result } from "@/lib/server/platform/result";
import { refuse, Refusal, write, type Target } from "@/lib/server/platform/use-case";

/**
 * 我的会话: a staff member's own open sessions, and ending any other one (a browser left signed in
 * elsewhere, a stolen cookie). A session id is a bearer secret, so the page never gets it: each row
 * is named by a handle, a SHA-256 of the id, which cannot be turned back into the id. A handle is
 * only ever looked up among the actor's own sessions, so someone else's handle ends nothing.
 * Ending takes effect on that session's next request (resolveSession refuses a revoked row).
 */
export function sessionHandle(sessionId: string): string {
  return createHash("sha256").update(`gongkai-session-handle:${sessionId}`).digest("base64url");
}

/** The open sessions of one user: not revoked, not past the absolute or the idle limit. */
function openSessionsWhere(userId: string, now: Date) {
  const idleSince = new Date(now.getTime() - env().SESSION_IDLE_MINUTES * 60_000);
  return { userId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: idleSince } };
}

export async function listMySessions(actor: Actor, now = new Date()) {
  if (!can(actor, "account.sessions")) return null;
  const rows = await db().session.findMany({ where: openSessionsWhere(actor.id, now), orderBy: { lastSeenAt: "desc" } });
  return rows.map((s) => ({
    handle: sessionHandle(s.id),
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    ip: s.ip,
    userAgent: s.userAgent,
    current: s.id === actor.sessionId,
  }));
}

const revokeSchema = z.object({ handle: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "会话标识无效。") });

/** Ends one other session of the actor's own, named by its handle. */
export async function revokeMySession(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ count: number }>> {
  const parsed = revokeSchema.safeParse(raw);
  const target: Target = { action: "session.revoke", entity: "User", entityId: actor.id };
  if (!can(actor, "account.sessions")) return refuse(actor, target, "wrong_role");
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const { handle } = parsed.data;
  if (handle === sessionHandle(actor.sessionId)) {
    return refuse(actor, target, "current_session", forbidden("这是您当前使用的会话，请用“退出登录”结束它。"));
  }
  return write(actor, target, async (tx) => {
    const mine = await tx.session.findMany({ where: openSessionsWhere(actor.id, now), select: { id: true } });
    const session = mine.find((s) => sessionHandle(s.id) === handle);
    if (!session) throw new Refusal("not_found", conflict("未找到该会话，它可能已经结束。"));
    await tx.session.updateMany({ where: { id: session.id, revokedAt: null }, data: { revokedAt: now } });
    await audit(tx, { actor, ...target, detail: { handle, count: 1 } });
    return ok({ count: 1 });
  });
}

/** Ends every session of the actor's except the one making the request. */
export async function revokeMyOtherSessions(actor: Actor, now = new Date()): Promise<Result<{ count: number }>> {
  const target: Target = { action: "session.revoke", entity: "User", entityId: actor.id };
  if (!can(actor, "account.sessions")) return refuse(actor, target, "wrong_role");
  return write(actor, target, async (tx) => {
    const { count } = await tx.session.updateMany({ where: { userId: actor.id, revokedAt: null, id: { not: actor.sessionId } }, data: { revokedAt: now } });
    if (count === 0) throw new Refusal("none", conflict("没有其他会话需要结束。"));
    await audit(tx, { actor, ...target, detail: { others: true, count } });
    return ok({ count });
  });
}
