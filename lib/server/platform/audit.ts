import "server-only";
import type { AuditAction, AuditEntity, AuditResult } from "@/lib/domain/audit";
import { auditHmacKey } from "@/lib/env";
import { appendAuditEvent, prismaQueryable } from "./audit-chain";
import { readCheckpoint } from "./audit-checkpoint";
import { verifyAuditLog, type AuditVerification } from "./audit-verify";
import { db, type Tx } from "./db";
import type { Actor } from "./actor";
import { requestMeta } from "./request-context";

/**
 * Writes one AuditEvent, keyed into the chain (audit-chain.ts); the database refuses to change it
 * afterwards. Call it inside the transaction of the write it records, so that a write without its
 * audit row cannot commit.
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
  const fields = {
    actorId: input.actor?.id ?? null,
    actorName: input.actor?.displayName ?? input.actorName ?? null,
    roles: input.actor?.roles.join(",") ?? null,
    action: input.action,
    entity: input.entity ?? null,
    entityId: input.entityId ?? null,
    result: input.result ?? "SUCCESS",
    detail: input.detail ?? null,
    ip: meta.ip,
    userAgent: meta.userAgent,
  };
  const key = auditHmacKey();
  // The chain's advisory lock lasts until commit: a row written outside a caller's transaction gets one of its own.
  if (tx) await appendAuditEvent(prismaQueryable(tx), fields, key);
  else await db().$transaction((own) => appendAuditEvent(prismaQueryable(own), fields, key));
}

/** Verifies the whole chain against the signed checkpoint (audit-verify.ts); writes nothing. */
export async function verifyAuditChain(): Promise<AuditVerification & { firstBrokenId: string | null }> {
  const result = await verifyAuditLog(prismaQueryable(db()), { key: auditHmacKey(), checkpoint: readCheckpoint() });
  return { ...result, firstBrokenId: result.failure?.id ?? null };
}
