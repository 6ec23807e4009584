import "server-only";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { db, type Tx } from "@/lib/server/platform/db";
import { forbidden, type Failure, type Result } from "@/lib/server/platform/result";

/**
 * What every office-administration write (处室, 栏目, 渠道, 月度目标) shares: one advisory lock so
 * that two office staff reordering or renaming at once are serialised (uniqueness and order are
 * read and written under it), refusals audited as DENIED, constraint races turned into the same
 * refusal a check would have given.
 */

/** pg_advisory_xact_lock key of office administration (7291001 is the audit chain's). */
const ADMIN_LOCK_KEY = 72910100;

export interface AuditTarget {
  action: string;
  entity: string;
  entityId?: string;
}

/** A rule refused the write inside the transaction: rolled back, then audited as DENIED. */
export class AdminRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly failure: Failure,
  ) {
    super(failure.message);
  }
}

/** A refused write: recorded (等保: failed operations are audited too) and explained. */
export async function deny(actor: Actor, target: AuditTarget, reason: string, failure: Failure = forbidden()): Promise<Failure> {
  await audit(null, { actor, ...target, result: "DENIED", detail: { reason } });
  return failure;
}

/**
 * Runs `work` in one transaction under the administration lock. An AdminRefusal, or a unique /
 * foreign-key violation that a concurrent writer slipped past the checks (`onConstraint`), rolls
 * back and comes out as an audited refusal.
 */
export async function adminWrite<T>(
  actor: Actor,
  target: AuditTarget,
  work: (tx: Tx) => Promise<Result<T>>,
  onConstraint?: (kind: "unique" | "foreign_key") => AdminRefusal,
): Promise<Result<T>> {
  try {
    return await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_LOCK_KEY})`;
      return work(tx);
    });
  } catch (error) {
    const refusal = error instanceof AdminRefusal ? error : onConstraint && constraintKind(error) ? onConstraint(constraintKind(error)!) : null;
    if (refusal) return deny(actor, target, refusal.reason, refusal.failure);
    throw error;
  }
}

function constraintKind(error: unknown): "unique" | "foreign_key" | null {
  const code = typeof error === "object" && error !== null && "code" in error ? (error as { code: unknown }).code : null;
  return code === "P2002" ? "unique" : code === "P2003" ? "foreign_key" : null;
}

/** Before/after of the fields an audit row should show: only those that changed. */
export function changes<T extends Record<string, unknown>>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] !== undefined && after[key] !== before[key]) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

/** The new sortOrder of each row whose position changed, as update calls. */
export function renumber(rows: readonly { id: string; sortOrder: number }[], order: Map<string, number>) {
  return rows.filter((r) => order.has(r.id) && order.get(r.id) !== r.sortOrder).map((r) => ({ id: r.id, sortOrder: order.get(r.id)! }));
}
