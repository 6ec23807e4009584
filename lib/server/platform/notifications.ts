import "server-only";
import type { ItemStatus } from "@/lib/domain/workflow";
import type { Actor } from "./actor";
import { db, type Tx } from "./db";

/**
 * In-app messages (your item was returned; one waits for you). A message about a workflow step
 * carries that step and is resolved when the item leaves it, whoever acted (resolveStep), so an
 * inbox never keeps asking for work somebody already did.
 */
export interface Message {
  title: string;
  itemId?: string;
  link?: string;
  /** The item's status this message asks the recipients to act on. */
  step?: ItemStatus;
}

export async function notify(tx: Tx, userIds: readonly string[], message: Message) {
  const unique = [...new Set(userIds)];
  if (!unique.length) return;
  await tx.notification.createMany({
    data: unique.map((userId) => ({ userId, title: message.title, itemId: message.itemId, link: message.link, step: message.step })),
  });
}

/** The item left `step`: every open message about it is done, for everyone it was sent to. */
export async function resolveStep(tx: Tx, itemId: string, step: ItemStatus, now = new Date()) {
  await tx.notification.updateMany({ where: { itemId, step, resolvedAt: null }, data: { resolvedAt: now } });
}

/** Unread and not resolved: what still asks for this user's attention. */
const open = (actor: Actor) => ({ userId: actor.id, readAt: null, resolvedAt: null });

export async function listNotifications(actor: Actor) {
  return db().notification.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, title: true, link: true, readAt: true, resolvedAt: true, createdAt: true },
  });
}

export async function unreadCount(actor: Actor) {
  return db().notification.count({ where: open(actor) });
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
