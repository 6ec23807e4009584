import "server-only";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";

/**
 * An item id the actor may not see is answered exactly like one that does not exist — but the
 * attempt is recorded for the 审计管理员 (等保 2.0: refused and out-of-scope attempts are audited),
 * saying whether the item exists (`out_of_scope`: a probe of another 处室's draft) or not
 * (`not_found`: a typo or a guess). The caller learns nothing from it.
 */
export async function recordItemProbe(actor: Actor, itemId: unknown, extra: Record<string, unknown> = {}): Promise<void> {
  const id = typeof itemId === "string" ? itemId.slice(0, 64) : "";
  const exists = id !== "" && (await db().disclosureItem.count({ where: { id } })) > 0;
  await audit(null, {
    actor,
    action: "item.view",
    entity: "DisclosureItem",
    entityId: id || undefined,
    result: "DENIED",
    detail: { reason: exists ? "out_of_scope" : "not_found", ...extra },
  });
}
