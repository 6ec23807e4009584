import "server-only";
import { createHash } from "node:crypto";
import { chinaDate } from "@/lib/domain/dates";
import type { Role } from "@/lib/domain/roles";
import { APPEAL_KIND_LABELS, APPEAL_RESULT_LABELS } from "@/lib/domain/requests/ledger-columns";
import { parseAppealLedger, parseRequestLedger, type LedgerError } from "@/lib/domain/requests/ledger-parse";
import type { LedgerAppealRecord, LedgerRequestRecord } from "@/lib/domain/requests/ledger-records";
import { outcomeLedgerLabel } from "@/lib/domain/requests/outcomes";
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS } from "@/lib/domain/requests/vocabulary";
import type { Actor } from "@/lib/server/platform/actor";
import { can, type Permission } from "@/lib/server/platform/authz";
import { db, type Tx } from "@/lib/server/platform/db";
import { conflict, forbidden, invalid, ok, type Failure, type Result } from "@/lib/server/platform/result";
import { expectOne, refuse, refuseNotFound, Refusal, write, type Target } from "@/lib/server/platform/use-case";
import { importAppeals, importRequests, type ImportHooks } from "./import";
import { readLedgerFile } from "./ledger-file";

/**
 * The console's 台账 import (issue 8 §9): upload → preview (every bad row by row and column; a bad
 * file is not kept) → confirm → the import runs as a job (lib/server/jobs/import-ledger.ts) whose
 * progress the page polls → the result. The import itself is importRequests / importAppeals: one
 * transaction, all or nothing, audited there. Between preview and import the file waits in
 * LedgerUpload; it is dropped once imported or refused, and an unconfirmed preview after an hour.
 *
 * Twice the same import is refused twice over: the PREVIEWED → IMPORTING claim is a conditional
 * update (a double click's second request matches nothing), and a file whose digest was already
 * imported — or is importing — is refused at preview and at the claim, under one lock.
 */

export const LEDGER_KINDS = ["requests", "appeals"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const isLedgerKind = (v: unknown): v is LedgerKind => v === "requests" || v === "appeals";

/** The page is request.import; appeals also need appeal.manage, as importAppeals checks. */
const PERMISSIONS: Record<LedgerKind, Permission[]> = { requests: ["request.import"], appeals: ["request.import", "appeal.manage"] };
export const mayImport = (actor: Actor, kind: LedgerKind) => PERMISSIONS[kind].every((p) => can(actor, p));

/** The upload route's check, before it reads the body: null when allowed, else the audited refusal. */
export async function refuseUnlessMayImport(actor: Actor, kind: LedgerKind): Promise<Failure | null> {
  return mayImport(actor, kind) ? null : refuse(actor, targetOf(kind), "wrong_role", forbidden("您没有导入台账的权限。"));
}

const targetOf = (kind: LedgerKind, uploadId?: string): Target =>
  kind === "requests" ? { action: "request.import", entity: "DisclosureRequest", entityId: uploadId } : { action: "appeal.import", entity: "AppealCase", entityId: uploadId };

/** Claims serialise here, so two uploads of one file cannot both pass the "not yet imported" check. */
const CLAIM_LOCK = 72910310;
export const PREVIEW_TTL_MS = 60 * 60 * 1000;
/**
 * IMPORTING untouched for this long is an import that was cut short (the job died, its retries
 * ran out): longer than the import transaction's timeout (2 minutes, import.ts), so a running
 * import is never taken for a stalled one. Such an upload no longer blocks its file.
 */
export const IMPORT_STALL_MS = 15 * 60 * 1000;
const STALLED_MESSAGE = "导入未能完成（任务中断），未导入任何数据，请重新上传。";
const SAMPLE_ROWS = 10;

export interface LedgerPreview {
  kind: LedgerKind;
  fileName: string;
  /** "Excel" or "CSV（UTF-8）" … */
  format: string;
  rows: number;
  errors: LedgerError[];
  columns: string[];
  sample: string[][];
  ignoredColumns: string[];
  /** Set when the file may be imported. */
  uploadId: string | null;
}

const REQUEST_SAMPLE_COLUMNS = ["行号", "编号", "收到日期", "申请方式", "申请人类型", "申请人", "申请内容", "办理结果", "办结日期", "承办处室"];
const APPEAL_SAMPLE_COLUMNS = ["行号", "类型", "收到日期", "结果", "审结日期", "关联申请编号"];
const clip = (s: string | null, n = 30) => (!s ? "" : [...s].length > n ? `${[...s].slice(0, n).join("")}…` : s);

function requestSample(r: LedgerRequestRecord): string[] {
  return [
    String(r.row),
    r.number ?? "（自动编号）",
    r.receivedOn,
    CHANNEL_LABELS[r.channel],
    APPLICANT_TYPE_LABELS[r.applicantType],
    clip(r.applicantName),
    clip(r.content),
    r.outcome ? outcomeLedgerLabel(r.outcome) : "（办理中）",
    r.closedOn ?? "",
    r.departmentName ?? "",
  ];
}

function appealSample(r: LedgerAppealRecord): string[] {
  return [String(r.row), APPEAL_KIND_LABELS[r.kind], r.filedOn, APPEAL_RESULT_LABELS[r.result], r.concludedOn ?? "", r.requestNumber ?? ""];
}

type Parsed = { ok: true; kind: LedgerKind; records: LedgerRequestRecord[] | LedgerAppealRecord[]; ignoredColumns: string[]; format: string } | { ok: false; errors?: LedgerError[]; message: string; format?: string };

async function parseFile(kind: LedgerKind, fileName: string, bytes: Uint8Array, today: string): Promise<Parsed> {
  const file = await readLedgerFile(bytes, fileName);
  if (!file.ok) return { ok: false, message: file.message };
  const format = file.format === "csv" ? `CSV（${file.encoding === "gb18030" ? "GBK" : "UTF-8"}）` : "Excel";
  const parsed = kind === "requests" ? parseRequestLedger(file.header, file.rows, { today }) : parseAppealLedger(file.header, file.rows, { today });
  if (!parsed.ok) return { ok: false, errors: parsed.errors, message: "", format };
  return { ok: true, kind, records: parsed.records, ignoredColumns: parsed.ignoredColumns, format };
}

const digestOf = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** An import of this very file that landed or is landing (IMPORTING, not stalled), if any. */
async function sameFile(client: Tx | ReturnType<typeof db>, kind: LedgerKind, digest: string, now: Date, except?: string) {
  return client.ledgerUpload.findFirst({
    where: {
      kind,
      digest,
      OR: [{ status: "DONE" }, { status: "IMPORTING", updatedAt: { gte: new Date(now.getTime() - IMPORT_STALL_MS) } }],
      ...(except ? { id: { not: except } } : {}),
    },
    select: { status: true, updatedAt: true, rows: true },
  });
}

function alreadyMessage(found: { status: string; updatedAt: Date; rows: number }): string {
  return found.status === "DONE"
    ? `该文件已于 ${chinaDate(found.updatedAt)} 导入（${found.rows} 条），不能重复导入。`
    : "该文件正在导入，请勿重复提交。";
}

/**
 * Reads and checks an uploaded 台账. A file with any bad row comes back with every error and is not
 * kept; a good one is kept for the confirmation and gets an uploadId.
 */
export async function previewLedger(actor: Actor, kind: LedgerKind, fileName: string, bytes: Uint8Array, now = new Date()): Promise<Result<LedgerPreview>> {
  if (!mayImport(actor, kind)) return refuse(actor, targetOf(kind), "wrong_role");
  const parsed = await parseFile(kind, fileName, bytes, chinaDate(now));
  const base = { kind, fileName, ignoredColumns: [], sample: [], uploadId: null };
  if (!parsed.ok && !parsed.errors) return invalid({ file: [parsed.message] }, parsed.message);
  if (!parsed.ok) {
    const rows = new Set(parsed.errors!.map((e) => e.row)).size;
    return ok({ ...base, format: parsed.format ?? "", rows, errors: parsed.errors!, columns: [] });
  }
  const digest = digestOf(bytes);
  const found = await sameFile(db(), kind, digest, now);
  if (found) return invalid({ file: [alreadyMessage(found)] }, alreadyMessage(found));
  // Nothing waits longer than needed: this person's earlier previews, and anyone's older than an hour.
  await db().ledgerUpload.deleteMany({
    where: { status: "PREVIEWED", OR: [{ uploadedById: actor.id }, { createdAt: { lt: new Date(now.getTime() - PREVIEW_TTL_MS) } }] },
  });
  const upload = await db().ledgerUpload.create({
    data: { kind, fileName, digest, content: Buffer.from(bytes), rows: parsed.records.length, status: "PREVIEWED", uploadedById: actor.id },
  });
  const sample =
    kind === "requests"
      ? (parsed.records as LedgerRequestRecord[]).slice(0, SAMPLE_ROWS).map(requestSample)
      : (parsed.records as LedgerAppealRecord[]).slice(0, SAMPLE_ROWS).map(appealSample);
  return ok({
    ...base,
    format: parsed.format,
    rows: parsed.records.length,
    errors: [],
    columns: kind === "requests" ? REQUEST_SAMPLE_COLUMNS : APPEAL_SAMPLE_COLUMNS,
    sample,
    ignoredColumns: parsed.ignoredColumns,
    uploadId: upload.id,
  });
}

export type Enqueue = (uploadId: string) => Promise<unknown>;

/** 确认导入: exactly one confirmation of a preview starts the import job. */
export async function confirmLedgerImport(actor: Actor, uploadId: string, enqueue: Enqueue, now = new Date()): Promise<Result<{ uploadId: string }>> {
  const upload =
    typeof uploadId === "string" && uploadId.length <= 64
      ? await db().ledgerUpload.findFirst({ where: { id: uploadId, uploadedById: actor.id }, select: { kind: true, digest: true } })
      : null;
  const kind = upload && isLedgerKind(upload.kind) ? upload.kind : "requests";
  const target = targetOf(kind, uploadId);
  if (!upload) return refuseNotFound(actor, target, "没有找到该预览，可能已过期，请重新上传文件。");
  if (!mayImport(actor, kind)) return refuse(actor, target, "wrong_role");
  const claimed = await write(
    actor,
    target,
    async (tx) => {
      const found = await sameFile(tx, kind, upload.digest, now, uploadId);
      if (found) throw new Refusal("duplicate_file", conflict(alreadyMessage(found)));
      // A stalled import of the same file is over: marked FAILED, so it can never land after this one.
      await tx.ledgerUpload.updateMany({
        where: { kind, digest: upload.digest, status: "IMPORTING", updatedAt: { lt: new Date(now.getTime() - IMPORT_STALL_MS) }, id: { not: uploadId } },
        data: { status: "FAILED", result: { message: STALLED_MESSAGE }, content: null },
      });
      const { count } = await tx.ledgerUpload.updateMany({ where: { id: uploadId, status: "PREVIEWED" }, data: { status: "IMPORTING" } });
      expectOne(count, "该文件已确认导入，请勿重复提交。");
      return ok({ uploadId });
    },
    { lock: CLAIM_LOCK },
  );
  if (!claimed.ok) return claimed;
  try {
    await enqueue(uploadId);
  } catch {
    await finish(uploadId, "FAILED", { message: "无法启动导入任务，请稍后重新上传。" });
    return conflict("无法启动导入任务，请稍后重新上传。");
  }
  return claimed;
}

/** The import job's last attempt threw: the upload is FAILED, not IMPORTING for ever. */
export async function abandonLedgerImport(uploadId: string): Promise<void> {
  await finish(uploadId, "FAILED", { message: STALLED_MESSAGE });
}

async function finish(id: string, status: "FAILED", result: object) {
  await db().ledgerUpload.updateMany({ where: { id, status: "IMPORTING" }, data: { status, result, content: null } });
}

async function actorOf(userId: string): Promise<Actor | null> {
  const u = await db().user.findUnique({ where: { id: userId }, include: { department: { select: { name: true } } } });
  if (!u || u.status !== "ACTIVE") return null;
  return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], departmentId: u.departmentId, departmentName: u.department?.name ?? null, sessionId: "job:import-ledger" };
}

/**
 * The import job's work: re-reads the kept file (it was checked at preview; today may have moved
 * on, so it is checked again), imports it as the person who confirmed it, and marks the upload
 * DONE inside the import's transaction. Idempotent: an upload not IMPORTING is left alone.
 */
export async function runLedgerImport(uploadId: string, now = new Date()): Promise<{ status: string }> {
  const upload = await db().ledgerUpload.findUnique({ where: { id: uploadId } });
  if (!upload || upload.status !== "IMPORTING" || !upload.content || !isLedgerKind(upload.kind)) return { status: upload?.status ?? "missing" };
  const actor = await actorOf(upload.uploadedById);
  if (!actor) {
    await finish(uploadId, "FAILED", { message: "上传该文件的用户已停用，未导入。" });
    return { status: "FAILED" };
  }
  const parsed = await parseFile(upload.kind, upload.fileName, new Uint8Array(upload.content), chinaDate(now));
  if (!parsed.ok) {
    await finish(uploadId, "FAILED", { message: parsed.message || "文件中有不能导入的行，未导入任何数据。", errors: parsed.errors ?? [] });
    return { status: "FAILED" };
  }
  const closed = parsed.kind === "requests" ? (parsed.records as LedgerRequestRecord[]).filter((r) => r.outcome).length : 0;
  const counts = { imported: parsed.records.length, closed, open: parsed.records.length - closed };
  let shown = 0;
  const hooks: ImportHooks = {
    onProgress: async (share) => {
      const percent = Math.floor(share * 99);
      if (percent < shown + 5) return;
      shown = percent;
      await db().ledgerUpload.updateMany({ where: { id: uploadId, status: "IMPORTING" }, data: { progress: percent } });
    },
    inTransaction: async (tx) => {
      const { count } = await tx.ledgerUpload.updateMany({ where: { id: uploadId, status: "IMPORTING" }, data: { status: "DONE", progress: 100, result: counts, content: null } });
      expectOne(count, "该文件的导入已由另一任务完成。");
    },
  };
  const result =
    parsed.kind === "requests"
      ? await importRequests(actor, parsed.records as LedgerRequestRecord[], now, hooks)
      : await importAppeals(actor, parsed.records as LedgerAppealRecord[], hooks);
  if (result.ok) return { status: "DONE" };
  await finish(uploadId, "FAILED", { message: result.message, errors: rowErrors(result.fieldErrors) });
  return { status: "FAILED" };
}

/** importRequests' { "12": ["承办处室：…"] } as LedgerErrors. */
function rowErrors(fieldErrors: Record<string, string[] | undefined> | undefined): LedgerError[] {
  return Object.entries(fieldErrors ?? {}).flatMap(([row, messages]) =>
    (messages ?? []).map((m) => {
      const at = m.indexOf("：");
      return { row: Number(row) || 0, column: at > 0 ? m.slice(0, at) : "", message: at > 0 ? m.slice(at + 1) : m };
    }),
  );
}

export interface LedgerUploadStatus {
  id: string;
  kind: LedgerKind;
  fileName: string;
  rows: number;
  status: "PREVIEWED" | "IMPORTING" | "DONE" | "FAILED";
  progress: number;
  result: { imported?: number; closed?: number; open?: number; message?: string; errors?: LedgerError[] } | null;
  /** IMPORTING for longer than any import takes: the job was cut short. */
  stalled: boolean;
}

/** Where an import stands, for the page's progress bar. Null outside the permission or when unknown. */
export async function ledgerUploadStatus(actor: Actor, uploadId: string, now = new Date()): Promise<LedgerUploadStatus | null> {
  if (!can(actor, "request.import") || typeof uploadId !== "string" || uploadId.length > 64) return null;
  const u = await db().ledgerUpload.findUnique({ where: { id: uploadId }, omit: { content: true } });
  if (!u || !isLedgerKind(u.kind)) return null;
  return {
    id: u.id,
    kind: u.kind,
    fileName: u.fileName,
    rows: u.rows,
    status: u.status as LedgerUploadStatus["status"],
    progress: u.progress,
    result: (u.result as LedgerUploadStatus["result"]) ?? null,
    stalled: u.status === "IMPORTING" && now.getTime() - u.updatedAt.getTime() > IMPORT_STALL_MS,
  };
}
