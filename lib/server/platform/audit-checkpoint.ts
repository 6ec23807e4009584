import "server-only";
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { auditHmacKey, env } from "@/lib/env";
import { prismaQueryable, type Queryable } from "./audit-chain";
import { signCheckpoint, verifyAuditLog, type AuditCheckpoint, type AuditVerification } from "./audit-verify";
import { db } from "./db";

/**
 * The signed checkpoint of the chain head, kept outside the database (DATA_DIR/audit/, which the
 * backup copies) and printed to the log, so that deleting the newest rows or truncating the table
 * is detected. Rows appended after the last checkpoint and then deleted are not: that window is
 * the checkpoint interval (SCHEDULES, hourly) — docs/decisions.md.
 */
export function auditCheckpointPath(): string {
  // turbopackIgnore: run-time data, not a file for Next's tracer to follow (it would trace the whole project).
  return path.resolve(/* turbopackIgnore: true */ env().DATA_DIR, "audit", "checkpoint.json");
}

export function readCheckpoint(file = auditCheckpointPath()): AuditCheckpoint | null {
  if (!existsSync(/* turbopackIgnore: true */ file)) return null;
  try {
    return JSON.parse(readFileSync(/* turbopackIgnore: true */ file, "utf8")) as AuditCheckpoint;
  } catch {
    // An unreadable file is treated as a forged one: its signature cannot verify.
    return { version: 1, lastId: "", lastMac: "", count: -1, anchorId: null, writtenAt: "", signature: "" };
  }
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2) + "\n", { mode: 0o600 });
  renameSync(tmp, file);
}

/** The outcome of the last whole-chain verification, beside the checkpoint, for the 审计管理员's page. */
export interface LastVerification {
  ok: boolean;
  checked: number;
  at: string;
  failure: { kind: string; id: string | null; message: string } | null;
}

/** Where verifyAndCheckpoint records its outcome, pass or fail (the checkpoint is written only on a pass). */
export const lastVerificationPath = (checkpointFile: string) => path.join(path.dirname(checkpointFile), "last-verification.json");

export function readLastVerification(checkpointFile = auditCheckpointPath()): LastVerification | null {
  try {
    const v = JSON.parse(readFileSync(/* turbopackIgnore: true */ lastVerificationPath(checkpointFile), "utf8")) as LastVerification;
    return typeof v.ok === "boolean" && typeof v.at === "string" ? v : null;
  } catch {
    return null;
  }
}

/** The hourly job: a broken chain fails the job (so it shows on /console/jobs) and keeps the old checkpoint. */
export async function auditCheckpointJob(): Promise<{ checked: number; lastId: string | null }> {
  const result = await verifyAndCheckpoint();
  if (!result.ok) throw new Error(result.failure!.message);
  return { checked: result.checked, lastId: result.written?.lastId ?? null };
}

/**
 * Verifies the chain against the last checkpoint and, only when it holds, writes a new one for the
 * current head: a broken log never gets blessed. Returns the verification.
 */
export async function verifyAndCheckpoint(options: { q?: Queryable; key?: Buffer; file?: string; now?: Date; log?: (line: string) => void } = {}): Promise<AuditVerification & { written: AuditCheckpoint | null }> {
  const q = options.q ?? prismaQueryable(db());
  const key = options.key ?? auditHmacKey();
  const file = options.file ?? auditCheckpointPath();
  const log = options.log ?? ((line: string) => console.log(line));
  const result = await verifyAuditLog(q, { key, checkpoint: readCheckpoint(file) });
  const at = (options.now ?? new Date()).toISOString();
  writeJson(lastVerificationPath(file), { ok: result.ok, checked: result.checked, at, failure: result.failure } satisfies LastVerification);
  if (!result.ok) {
    log(JSON.stringify({ level: "error", msg: "audit.verify.failed", ...result.failure }));
    return { ...result, written: null };
  }
  if (!result.head) return { ...result, written: null };
  const checkpoint = signCheckpoint(key, {
    lastId: result.head.id,
    lastMac: result.head.mac,
    count: result.checked,
    anchorId: result.anchorId,
    writtenAt: at,
  });
  writeJson(file, checkpoint);
  log(JSON.stringify({ level: "info", msg: "audit.checkpoint", ...checkpoint }));
  return { ...result, written: checkpoint };
}
