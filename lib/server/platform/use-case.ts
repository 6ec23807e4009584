import "server-only";
import type { AuditAction, AuditEntity } from "@/lib/domain/audit";
import type { Actor } from "./actor";
import { audit } from "./audit";
import { db, type Tx } from "./db";
import { invalidateAfter } from "./public-cache";
import { conflict, forbidden, notFound, type Failure, type Result } from "./result";

/**
 * The one way to write a use case (DESIGN §7, STYLE "A use case"):
 *
 *   find within scope → decide → write(): one transaction with a guarded conditional write and
 *   the audit row of that write → plain data.
 *
 * Every refusal on the way — out of scope, wrong role, invalid state, a lost race — is audited as
 * DENIED (等保 2.0: failed operations are recorded too) and comes back as a Failure whose message
 * is fit for the UI. Requests and reports use the same kernel.
 */

/** What an audit row says was attempted. */
export interface Target {
  action: AuditAction;
  entity: AuditEntity;
  entityId?: string;
}

/** Thrown inside write() to roll the transaction back; comes out as an audited refusal. */
export class Refusal extends Error {
  constructor(
    readonly reason: string,
    readonly failure: Failure,
  ) {
    super(failure.message);
  }
}

/** Records a refusal made before any write and returns its failure. */
export async function refuse(actor: Actor, target: Target, reason: string, failure: Failure = forbidden()): Promise<Failure> {
  await audit(null, { actor, ...target, result: "DENIED", detail: { reason } });
  return failure;
}

/**
 * An id outside the actor's scope is answered exactly like one that does not exist, so a forged id
 * tells nothing — but the attempt leaves a trace for the auditor.
 */
export function refuseNotFound(actor: Actor, target: Target, message?: string): Promise<Failure> {
  return refuse(actor, target, "not_found", notFound(message));
}

/**
 * The guard of a conditional write: `updateMany … where <the state the caller read>` matched no row,
 * so someone else acted first. Rolls back everything written so far in the transaction.
 */
export function expectOne(count: number, message: string): void {
  if (count !== 1) throw new Refusal("conflict", conflict(message));
}

export interface WriteOptions {
  /** pg_advisory_xact_lock key, for writes whose check reads several rows (uniqueness, order). */
  lock?: number;
  /**
   * A unique / foreign-key violation that a concurrent writer slipped past the checks, as the
   * refusal it means; null for a kind the caller does not expect (it is rethrown, not disguised).
   */
  onConstraint?: (kind: "unique" | "foreign_key") => Refusal | null;
  /** Transaction timeout in ms, for bulk writes (a 台账 import); Prisma's default is 5 s. */
  timeout?: number;
}

/**
 * Runs `work` in one transaction. A Failure returned by `work`, a Refusal thrown by it (expectOne
 * included) or a mapped constraint violation rolls back and is audited as DENIED.
 */
export async function write<T>(actor: Actor, target: Target, work: (tx: Tx) => Promise<Result<T>>, options: WriteOptions = {}): Promise<Result<T>> {
  await raceSeam?.(target);
  try {
    const done = await db().$transaction(async (tx) => {
      if (options.lock !== undefined) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${options.lock})`;
      const result = await work(tx);
      if (!result.ok) throw new Refusal(result.error, result);
      return result;
    }, options.timeout ? { timeout: options.timeout, maxWait: 10_000 } : undefined);
    // After the commit: what the public site shows of it goes stale on every instance (issue 11 §2).
    await invalidateAfter(target.action);
    return done;
  } catch (error) {
    const refusal = error instanceof Refusal ? error : constraintRefusal(error, options.onConstraint);
    if (refusal) return refuse(actor, target, refusal.reason, refusal.failure);
    throw error;
  }
}

function constraintRefusal(error: unknown, map: WriteOptions["onConstraint"]): Refusal | null {
  const code = typeof error === "object" && error !== null && "code" in error ? (error as { code: unknown }).code : null;
  const kind = code === "P2002" ? "unique" : code === "P2003" ? "foreign_key" : null;
  return kind && map ? map(kind) : null;
}

/**
 * Advisory-lock keys of writes that serialise on a lock rather than on one row (7291001 is the
 * audit chain's, in the init migration).
 */
export const LOCKS = {
  administration: 72910100,
  siteSettings: 72910010,
  workCalendar: 72910020,
} as const;

type Seam = (target: Target) => Promise<void>;
let raceSeam: Seam | null = null;

/**
 * Tests only (tests/integration/race-harness.test.ts): a barrier run after a use case's reads and
 * before its transaction, so N real calls all decide on the same state before any of them writes.
 * Production never sets it.
 */
export function setRaceSeam(seam: Seam | null): void {
  raceSeam = seam;
}
