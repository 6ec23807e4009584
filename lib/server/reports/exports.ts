import "server-only";
import { reportYearProblem } from "@/lib/domain/reports/import-shape";
import { formatOfYear } from "@/lib/domain/reports/formats";
import type { ReportData } from "@/lib/domain/reports/shape";
import { env } from "@/lib/env";
import { EXPORT_MIME } from "@/lib/export";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { conflict, forbidden, notFound, ok, type Result } from "@/lib/server/platform/result";
import { refuse, refuseNotFound, write, type Target } from "@/lib/server/platform/use-case";
import { downloadBaseName, renderVersion } from "./public";
import { draftReportData } from "./store";

/**
 * The console's exports of a report (issue 9 §8): asked for here, rendered by the render-report
 * job (a PDF of a whole report takes seconds and must not hold a request), its progress polled by
 * the page, the file downloaded once done. Of the draft (the figures as computed now, marked 草稿)
 * or of a frozen version.
 */

export const EXPORT_FORMATS = ["docx", "pdf"] as const;
export type ReportExportFormat = (typeof EXPORT_FORMATS)[number];
export const isReportExportFormat = (v: unknown): v is ReportExportFormat => v === "docx" || v === "pdf";

export type Enqueue = (exportId: string) => Promise<unknown>;

const target = (entityId?: string): Target => ({ action: "report.export", entity: "ReportExport", entityId });

const EMPTY_SECTIONS = { overview: "", problems: "", other: "" };

/** 导出: a queued ReportExport row and its job. The year's report row is created (empty) if it has none yet. */
export async function requestExport(actor: Actor, year: number, format: ReportExportFormat, versionId?: string | null, enqueue?: Enqueue): Promise<Result<{ id: string }>> {
  if (!can(actor, "report.manage")) return refuse(actor, target(), "wrong_role", forbidden("您没有导出年度报告的权限。"));
  // The year rules of the report itself: no row for a future year, and none made up for a year
  // nobody opened — a row would join the console's list and move its first year of data.
  if (!Number.isInteger(year) || reportYearProblem(year, new Date()) || !isReportExportFormat(format)) return refuse(actor, target(), "invalid", notFound("没有该年度或格式。"));
  if (versionId) {
    const version = typeof versionId === "string" && versionId.length <= 64 ? await db().annualReportVersion.findFirst({ where: { id: versionId, year }, select: { id: true } }) : null;
    if (!version) return refuseNotFound(actor, target(versionId), "没有找到该版本的年度报告。");
  }
  const created = await write(actor, target(), async (tx) => {
    await tx.annualReport.upsert({ where: { year }, create: { year, format: formatOfYear(year), sections: EMPTY_SECTIONS }, update: {} });
    const row = await tx.reportExport.create({ data: { year, format, versionId: versionId || null, requestedById: actor.id }, select: { id: true } });
    await audit(tx, { actor, ...target(row.id), detail: { year, format, versionId: versionId || null } });
    return ok({ id: row.id });
  });
  if (!created.ok) return created;
  try {
    await (enqueue ?? defaultEnqueue)(created.value.id);
  } catch {
    await db().reportExport.updateMany({ where: { id: created.value.id, status: "queued" }, data: { status: "failed", error: "无法启动导出任务，请稍后重试。", finishedAt: new Date() } });
    return conflict("无法启动导出任务，请稍后重试。");
  }
  return created;
}

async function defaultEnqueue(exportId: string) {
  const { sendJob } = await import("@/lib/server/jobs/queue");
  return sendJob("render-report", { exportId });
}

export interface ExportStatus {
  id: string;
  year: number;
  format: ReportExportFormat;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  error: string | null;
  /** Where to fetch the file once done. */
  downloadUrl: string | null;
}

/** Where an export stands, for the page's progress bar; null without report.manage or for an unknown id. */
export async function exportStatus(actor: Actor, id: string): Promise<ExportStatus | null> {
  if (!can(actor, "report.manage") || typeof id !== "string" || id.length > 64) return null;
  const row = await db().reportExport.findUnique({ where: { id }, omit: { content: true } });
  if (!row || !isReportExportFormat(row.format)) return null;
  return {
    id: row.id,
    year: row.year,
    format: row.format,
    status: row.status as ExportStatus["status"],
    progress: row.progress,
    error: row.error,
    downloadUrl: row.status === "done" ? `/console/reports/exports/${row.id}/download` : null,
  };
}

/** A finished export's file; null without report.manage, for an unknown id or one not done. */
export async function exportFile(actor: Actor, id: string): Promise<{ bytes: Uint8Array; contentType: string; baseName: string; format: ReportExportFormat } | null> {
  if (!can(actor, "report.manage") || typeof id !== "string" || id.length > 64) return null;
  const row = await db().reportExport.findUnique({ where: { id } });
  if (!row || row.status !== "done" || !row.content || !isReportExportFormat(row.format)) return null;
  const version = row.versionId ? await db().annualReportVersion.findUnique({ where: { id: row.versionId }, select: { number: true, data: true } }) : null;
  const bureau = (version?.data as ReportData | undefined)?.bureau ?? env().BUREAU_NAME;
  const base = version ? downloadBaseName({ bureau, year: row.year }, version, false) : `${downloadBaseName({ bureau, year: row.year }, { number: 0 }, true)}（草稿）`;
  return { bytes: row.content, contentType: EXPORT_MIME[row.format].contentType, baseName: base, format: row.format };
}

/**
 * The render-report job: queued/running → running (progress 0) → data read (50) → rendered and
 * stored, done (100). Idempotent: a done or failed export is left alone.
 */
export async function runReportExport(id: string): Promise<{ status: string }> {
  const row = await db().reportExport.findUnique({ where: { id }, omit: { content: true } });
  if (!row || (row.status !== "queued" && row.status !== "running") || !isReportExportFormat(row.format)) return { status: row?.status ?? "missing" };
  await db().reportExport.updateMany({ where: { id, status: { in: ["queued", "running"] } }, data: { status: "running", progress: 0 } });
  let data: ReportData;
  if (row.versionId) {
    const version = await db().annualReportVersion.findUnique({ where: { id: row.versionId }, select: { data: true } });
    if (!version) return fail(id, "该版本已不存在。");
    data = version.data as unknown as ReportData;
  } else {
    data = await draftReportData(row.year);
  }
  await db().reportExport.updateMany({ where: { id, status: "running" }, data: { progress: 50 } });
  const bytes = await renderVersion(row.versionId ? data : { ...data, status: "draft" }, row.format);
  const { count } = await db().reportExport.updateMany({ where: { id, status: "running" }, data: { status: "done", progress: 100, content: bytes, finishedAt: new Date() } });
  return { status: count === 1 ? "done" : "superseded" };
}

async function fail(id: string, message: string) {
  await db().reportExport.updateMany({ where: { id, status: { in: ["queued", "running"] } }, data: { status: "failed", error: message, finishedAt: new Date() } });
  return { status: "failed" };
}

/** The job's last attempt threw: the export is failed, not running for ever. */
export async function abandonReportExport(id: string): Promise<void> {
  await fail(id, "导出未能完成，请重新导出。");
}

/**
 * 导出 JSON / CSV in the console: small and fast, so served at once — but like every copy of a
 * report that is not public yet, it leaves an audit row (who took which year's figures, when).
 */
export async function recordDirectExport(actor: Actor, year: number, kind: "json" | "csv", state: string): Promise<void> {
  await audit(null, { actor, action: "report.export", entity: "AnnualReport", entityId: String(year), detail: { format: kind, state } });
}
