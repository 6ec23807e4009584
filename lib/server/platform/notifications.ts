import "server-only";
import type { ItemStatus } from "@/lib/domain/workflow";
import type { Actor } from "./actor";
import { db, type Tx } from "./db";

/** In-app messages for every hand-over of an item (your item was returned; one waits for you). */
export async function notify(tx: Tx, userIds: string[], message: { title: string; itemId?: string; link?: string }) {
  const unique = [...new Set(userIds)];
  if (!unique.length) return;
  await tx.notification.createMany({
    data: unique.map((userId) => ({ userId, title: message.title, itemId: message.itemId, link: message.link })),
  });
}

/** Who must act next when an item reaches `status`. */
export async function nextHandlers(
  tx: Tx,
  status: ItemStatus,
  item: { departmentId: string; departmentLeaderId: string | null; authorIds: readonly string[] },
): Promise<string[]> {
  const active = { status: "ACTIVE" as const };
  switch (status) {
    case "PENDING_DEPT":
      return ids(await tx.user.findMany({ where: { ...active, departmentId: item.departmentId, roles: { has: "DEPT_HEAD" } } }));
    case "PENDING_LEADER":
      return item.departmentLeaderId ? [item.departmentLeaderId] : [];
    case "PENDING_SECRECY":
      return ids(await tx.user.findMany({ where: { ...active, roles: { has: "SECRECY" } } }));
    case "APPROVED":
      return ids(await tx.user.findMany({ where: { ...active, roles: { has: "OFFICE" } } }));
    case "RETURNED":
    case "REJECTED":
    case "REFERRED":
    case "PUBLISHED":
      return [...item.authorIds];
    default:
      return [];
  }
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

export async function listNotifications(actor: Actor) {
  return db().notification.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, title: true, link: true, readAt: true, createdAt: true },
  });
}

export async function unreadCount(actor: Actor) {
  return db().notification.count({ where: { userId: actor.id, readAt: null } });
}

/**
 * Opening an item marks the actor's messages about it read. Not audited: it changes only the
 * reader's own inbox, like reading mail (docs/decisions.md).
 */
export async function markItemNotificationsRead(actor: Actor, itemId: string) {
  await db().notification.updateMany({ where: { userId: actor.id, itemId, readAt: null }, data: { readAt: new Date() } });
}

export async function markAllNotificationsRead(actor: Actor) {
  await db().notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: new Date() } });
}
