import "server-only";
import type { AuditAction, AuditEntity, AuditResult } from "@/lib/domain/audit";
import { db, type Tx } from "./db";
import type { Actor } from "./actor";
import { requestMeta } from "./request-context";

/**
 * Writes one AuditEvent. The database chains it (prevHash/hash) and refuses to change it
 * afterwards (migration 20261124000000_init). Call it inside the transaction of the write it
 * records, so that a write without its audit row cannot commit.
 */
export interface AuditInput {
  actor?: Pick<Actor, "id" | "displayName" | "roles"> | null;
  actorName?: string;
  action: AuditAction;
  entity?: AuditEntity;
  entityId?: string;
  result?: AuditResult;
  detail?: Record<string, unknown>;
  meta?: { ip: string | null; userAgent: string | null };
}

export async function audit(tx: Tx | null, input: AuditInput): Promise<void> {
  const meta = input.meta ?? (await requestMeta());
  await (tx ?? db()).auditEvent.create({
    data: {
      actorId: input.actor?.id ?? null,
      actorName: input.actor?.displayName ?? input.actorName ?? null,
      roles: input.actor?.roles.join(",") ?? null,
      action: input.action,
      entity: input.entity ?? null,
      entityId: input.entityId ?? null,
      result: input.result ?? "SUCCESS",
      detail: (input.detail as object | undefined) ?? undefined,
      ip: meta.ip,
      userAgent: meta.userAgent,
    },
  });
}

/** Recomputes every link of the chain; returns the first broken id, if any. */
export async function verifyAuditChain(): Promise<{ ok: boolean; checked: number; firstBrokenId: string | null }> {
  const rows = await db().$queryRaw<{ id: bigint; ok: boolean }[]>`
    SELECT e."id",
           (e."hash" = gongkai_audit_digest(e)
            AND e."prevHash" = coalesce(lag(e."hash") OVER (ORDER BY e."id"), 'GENESIS')) AS ok
    FROM "AuditEvent" e ORDER BY e."id"`;
  const broken = rows.find((r) => !r.ok);
  return { ok: !broken, checked: rows.length, firstBrokenId: broken ? broken.id.toString() : null };
}
