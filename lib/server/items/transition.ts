import "server-only";
import { REFUSAL_MESSAGES, type Decision, type ItemStatus, type WorkflowItem } from "@/lib/domain/workflow";
import type { Actor } from "@/lib/server/platform/actor";
import { handlersWhere } from "@/lib/server/platform/authz";
import type { Tx } from "@/lib/server/platform/db";
import { notify, resolveStep } from "@/lib/server/platform/notifications";
import { conflict, forbidden, type Failure } from "@/lib/server/platform/result";
import { refuse, type Target } from "@/lib/server/platform/use-case";

/** What every item transition shares besides the kernel: its refusal and its hand-over. */

/** A transition decide() refused: recorded and explained (wrong_status is a conflict, the rest forbidden). */
export function refuseTransition(actor: Actor, target: Target, d: Extract<Decision, { ok: false }>): Promise<Failure> {
  const message = REFUSAL_MESSAGES[d.reason];
  return refuse(actor, target, d.reason, d.reason === "wrong_status" ? conflict(message) : forbidden(message));
}

/**
 * An item moved from `from` to `to` (inside the transition's transaction): the messages that asked
 * for the old step are resolved for everyone, and whoever acts on the new one is told.
 */
export async function handOver(tx: Tx, itemId: string, workflow: WorkflowItem, from: ItemStatus, to: ItemStatus, title: string) {
  if (from !== to) await resolveStep(tx, itemId, from);
  const where = handlersWhere(to, workflow);
  const users = where ? await tx.user.findMany({ where, select: { id: true } }) : [];
  await notify(tx, users.map((u) => u.id), { title, itemId, link: `/console/items/${itemId}`, step: to });
}
