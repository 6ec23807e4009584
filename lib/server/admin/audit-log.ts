import "server-only";
import { z } from "zod";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITIES, type AuditResult } from "@/lib/domain/audit";
import { addDays, isIsoDate } from "@/lib/domain/dates";
import { ROLE_LABELS, isRole } from "@/lib/domain/roles";
import { toCsv } from "@/lib/export/csv";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/platform/actor";
import { auditHmacKey } from "@/lib/env";
import { audit } from "@/lib/server/platform/audit";
import { prismaQueryable } from "@/lib/server/platform/audit-chain";
import { readCheckpoint, readLastVerification } from "@/lib/server/platform/audit-checkpoint";
import { verifyAuditLog, verifyAuditTail } from "@/lib/server/platform/audit-verify";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { refuse } from "@/lib/server/platform/use-case";
import { forbidden, ok, type Result } from "@/lib/server/platform/result";

/**
 * The 审计管理员's view of the audit log (审计日志; 三员分立: readable and exportable by AUDITOR only):
 * filters, paging, the chain's status, CSV export (itself audited).
 */
export const AUDIT_RESULT_LABELS: Record<AuditResult, string> = { SUCCESS: "成功", FAILURE: "失败", DENIED: "拒绝" };
/** Partial: an entity another branch adds shows by its code until it gets a label. */
export const AUDIT_ENTITY_LABELS: Partial<Record<(typeof AUDIT_ENTITIES)[number], string>> = {
  DisclosureItem: "公开信息", StoredFile: "附件", Department: "处室", Column: "栏目", Channel: "发布渠道",
  MonthlyTarget: "月度目标", SiteSetting: "站点设置", CalendarDay: "工作日历", User: "用户", Job: "后台任务",
  DisclosureRequest: "依申请公开申请", AppealCase: "行政复议或诉讼", LetterTemplate: "文书模板", LedgerUpload: "台账导入",
  AnnualReport: "年度报告", AnnualReportVersion: "年度报告版本", ReportExport: "年度报告导出", AuditEvent: "审计日志",
};
export const entityLabel = (entity: string | null) => (entity ? ((AUDIT_ENTITY_LABELS as Record<string, string>)[entity] ?? entity) : "");
export const PAGE_SIZE = 50;
/** The most rows one CSV holds; more must be narrowed by the filters (memory of one request). */
export const EXPORT_LIMIT = 50_000;

const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`).optional().transform((v) => v || undefined);
const blank = (v: unknown) => (v === "" ? undefined : v);
const date = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isIsoDate(v), "请按 年-月-日（如 2026-12-01）填写有效日期");

export const auditFilterSchema = z
  .object({
    user: text(64),
    action: text(64),
    entity: z.preprocess(blank, z.enum(AUDIT_ENTITIES, { error: "对象类型无效" }).optional()),
    entityId: text(64),
    result: z.preprocess(blank, z.enum(["SUCCESS", "FAILURE", "DENIED"], { error: "结果无效" }).optional()),
    from: date,
    to: date,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "结束日期不能早于开始日期" });
export type AuditFilter = Partial<z.infer<typeof auditFilterSchema>>;
export type AuditFilterErrors = Partial<Record<keyof AuditFilter, string[]>>;

/** Search parameters → filters; a bad field is reported and left out, never a 500. */
export function parseAuditFilter(params: Record<string, string | string[] | undefined>): { filter: AuditFilter; errors: AuditFilterErrors } {
  const raw: Record<string, string> = {};
  for (const key of ["user", "action", "entity", "entityId", "result", "from", "to"]) {
    const v = params[key];
    raw[key] = (Array.isArray(v) ? v[0] : v ?? "").replaceAll("\u0000", "");
  }
  const parsed = auditFilterSchema.safeParse(raw);
  if (parsed.success) return { filter: parsed.data, errors: {} };
  const errors = z.flattenError(parsed.error).fieldErrors as AuditFilterErrors;
  const kept = Object.fromEntries(Object.entries(raw).filter(([k]) => !(k in errors)));
  const retry = auditFilterSchema.safeParse(kept);
  return { filter: retry.success ? retry.data : {}, errors };
}

/** Dates are Beijing calendar days: from 00:00 of `from` to the end of `to` (UTC+8). */
function where(f: AuditFilter): Prisma.AuditEventWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (f.from) at.gte = new Date(`${f.from}T00:00:00+08:00`);
  if (f.to) at.lt = new Date(`${addDays(f.to, 1)}T00:00:00+08:00`);
  return {
    ...(f.user && { OR: [{ actorName: { contains: f.user, mode: "insensitive" } }, { actorId: f.user }] }),
    ...(f.action && { action: f.action }),
    ...(f.entity && { entity: f.entity }),
    ...(f.entityId && { entityId: f.entityId }),
    ...(f.result && { result: f.result }),
    ...((f.from || f.to) && { at }),
  };
}

export const actionLabel = (action: string) => (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
export const rolesLabel = (roles: string | null) =>
  roles ? roles.split(",").map((r) => (isRole(r) ? ROLE_LABELS[r] : r)).join("、") : "";

export async function listAuditEvents(actor: Actor, filter: AuditFilter = {}, page = 1) {
  if (!can(actor, "audit.read")) return null;
  const safePage = Math.max(1, Math.min(100_000, Math.trunc(page) || 1));
  const w = where(filter);
  const [total, rows] = await Promise.all([
    db().auditEvent.count({ where: w }),
    db().auditEvent.findMany({ where: w, orderBy: { id: "desc" }, skip: (safePage - 1) * PAGE_SIZE, take: PAGE_SIZE }),
  ]);
  return {
    page: safePage,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    events: rows.map((e) => ({ ...e, id: e.id.toString() })),
  };
}

/**
 * The log's standing, for the top of the page, without re-reading the whole chain on every view
 * (a year of a bureau's events is hundreds of thousands of rows): the hourly job's whole-chain
 * verification (pass or fail, with its time) and, checked now, every row written since its signed
 * checkpoint. Before the first checkpoint (a new installation, a short log) the whole chain is
 * checked here.
 */
export async function auditLogStatus(actor: Actor) {
  if (!can(actor, "audit.read")) return null;
  const checkpoint = readCheckpoint();
  const q = prismaQueryable(db());
  const chain = checkpoint ? await verifyAuditTail(q, { key: auditHmacKey(), checkpoint }) : await verifyAuditLog(q, { key: auditHmacKey(), checkpoint: null });
  return {
    scope: checkpoint ? ("since_checkpoint" as const) : ("whole" as const),
    chain,
    lastWhole: readLastVerification(),
    checkpoint: checkpoint && { lastId: checkpoint.lastId, writtenAt: checkpoint.writtenAt, count: checkpoint.count },
  };
}

const CSV_HEADER = ["编号", "时间（北京时间）", "用户", "用户编号", "角色", "操作", "操作代码", "对象类型", "对象编号", "结果", "详情", "IP 地址", "浏览器（User-Agent）"];

/** Beijing wall time to the millisecond: 2026-12-01 17:00:00.123. */
const beijing = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().replace("T", " ").slice(0, 23);

/** The filtered rows as CSV (UTF-8 BOM, formulas neutralised: lib/export/csv.ts); the export is audited. */
export async function exportAuditCsv(actor: Actor, filter: AuditFilter): Promise<Result<{ csv: string; rows: number }>> {
  const target = { action: "audit.export" as const, entity: "AuditEvent" as const };
  if (!can(actor, "audit.export")) return refuse(actor, target, "wrong_role", forbidden());
  const w = where(filter);
  const total = await db().auditEvent.count({ where: w });
  if (total > EXPORT_LIMIT) return refuse(actor, target, "too_many_rows", { ok: false, error: "invalid", message: `符合条件的记录有 ${total} 条，超过单次导出上限 ${EXPORT_LIMIT} 条，请缩小日期范围后再导出。` });
  const rows = await db().auditEvent.findMany({ where: w, orderBy: { id: "asc" } });
  const csv = toCsv([
    CSV_HEADER,
    ...rows.map((e) => [
      e.id.toString(), beijing(e.at), e.actorName ?? "", e.actorId ?? "", rolesLabel(e.roles), actionLabel(e.action), e.action,
      entityLabel(e.entity), e.entityId ?? "", AUDIT_RESULT_LABELS[e.result as AuditResult] ?? e.result,
      e.detail === null ? "" : JSON.stringify(e.detail), e.ip ?? "", e.userAgent ?? "",
    ]),
  ]);
  // After reading, so the export's own row is not in the file it describes.
  await audit(null, { actor, ...target, detail: { filter, rows: rows.length } });
  return ok({ csv, rows: rows.length });
}
