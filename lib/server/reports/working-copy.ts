import "server-only";
/*
 * The working copy of a year's report (AnnualReport) and what it reads as: the computed tables with
 * the office's figures merged, overrides applied, live fields filled and the cross-checks run. One
 * definition for the console, the CLI, the send to review and the import's checks.
 */
import { FIRST_REPORT_YEAR, reportYearProblem, sanitizeSection } from "@/lib/domain/reports/import-shape";
import { formatFor, SECTION_KEYS, type ReportFormat } from "@/lib/domain/reports/formats";
import { applyOverrides, readCell, type ReportTables } from "@/lib/domain/reports/cells";
import { applyCheckNotes, runChecks, type CheckInput, type CheckNotes } from "@/lib/domain/reports/checks";
import { enteredRows } from "@/lib/domain/reports/figures";
import { fillLiveFields } from "@/lib/domain/reports/narrative";
import type { ReportData, ReportOverride, Table2Data, Table2Value } from "@/lib/domain/reports/shape";
import type { ItemStatus } from "@/lib/domain/workflow";
import { env } from "@/lib/env";
import type { AnnualReport } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/platform/actor";
import { can } from "@/lib/server/platform/authz";
import { db, type DbOrTx } from "@/lib/server/platform/db";
import { conflict, forbidden, invalid, type Failure } from "@/lib/server/platform/result";
import { refuse, type Target } from "@/lib/server/platform/use-case";
import { computeYear, type ComputedYear } from "./compute";
import type { ReportState } from "./store";

/** The console lists years from the first year of the current formats' era. */
export const LISTED_FROM = 2019;
/** Overrides and check notes need a reason an auditor can read (issue 9 §4, §5). */
export const REASON_MIN = 4;
export const REASON_MAX = 500;

export const STALE = "该年度报告已被他人修改，请刷新后再试（您填写的内容未丢失）。";

export type Sections = ReportData["sections"];
export const EMPTY_SECTIONS: Sections = { overview: "", problems: "", other: "" };

/** An override as stored: the shape's fields plus who set it (by id, for the auditor). */
export interface StoredOverride extends ReportOverride {
  byId: string;
}

export const yearProblem = reportYearProblem;
export { FIRST_REPORT_YEAR, sanitizeSection };

export function bureauName(): string {
  return env().BUREAU_NAME;
}

/** The stored JSON read back defensively: a hand-edited row must not crash a page. */
export function storedSections(value: unknown): Sections {
  const v = (value ?? {}) as Record<string, unknown>;
  return Object.fromEntries(SECTION_KEYS.map((k) => [k, typeof v[k] === "string" ? v[k] : ""])) as Sections;
}
export function storedFigures(value: unknown): Table2Data {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Table2Data) : {};
}
export function storedOverrides(value: unknown): StoredOverride[] {
  return Array.isArray(value) ? (value as StoredOverride[]) : [];
}
export function storedNotes(value: unknown): CheckNotes {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as CheckNotes) : {};
}

/** The latest version of the year and its item's workflow status (for a returned send). */
export async function latestVersion(year: number, client: DbOrTx = db()) {
  return client.annualReportVersion.findFirst({
    where: { year },
    orderBy: { number: "desc" },
    select: { id: true, number: true, status: true, itemId: true, note: true, item: { select: { status: true, currentRevisionId: true } } },
  });
}
export type LatestVersion = Awaited<ReturnType<typeof latestVersion>>;

/** A reviewer sent the version back (退回) or refused it (不予公开): the office may edit again. */
const BACK_WITH_OFFICE: readonly ItemStatus[] = ["RETURNED", "REJECTED"];

/**
 * The state as the office meets it. A version sent back by a reviewer leaves the row in "review"
 * (reviews.ts knows nothing of reports); it reads as editable again, and the next write or send
 * settles the row.
 */
export function effectiveState(row: Pick<AnnualReport, "state" | "correction"> | null, latest: LatestVersion): { state: ReportState; returned: boolean } {
  if (!row) return { state: "draft", returned: false };
  const state = row.state as ReportState;
  if (state === "review" && latest?.status === "review" && latest.item && BACK_WITH_OFFICE.includes(latest.item.status)) {
    return { state: row.correction ? "correcting" : "draft", returned: true };
  }
  return { state, returned: false };
}

export function lockedReasonOf(state: ReportState): string | null {
  switch (state) {
    case "published":
      return "已公布的年度报告不能修改，如需更正请发布更正版。";
    case "review":
      return "年度报告正在审核中，审核通过前不能修改；如需修改，请审核人退回。";
    case "imported":
      return "该年度报告为导入的历年报告，已冻结，不能修改。";
    default:
      return null;
  }
}

/** Computed tables with the office's figures in the `entered` rows of table 二. */
function withFigures(format: ReportFormat, computed: ComputedYear, figures: Table2Data): ReportTables {
  const table2: Table2Data = { ...computed.table2 };
  for (const { row } of enteredRows(format)) {
    table2[row.key] = { ...computed.table2[row.key], ...(figures[row.key] ?? {}) };
  }
  return { table2, table3: computed.table3, table4: computed.table4 };
}

type Row = Pick<AnnualReport, "figures" | "overrides" | "checkNotes" | "sections"> | null;

/** The year's tables as they would be printed: computed, figures merged, overrides applied. */
export async function finalTables(year: number, row: Row, client: DbOrTx = db()) {
  const format = formatFor(year);
  const computedYear = await computeYear(year, client);
  const computed = withFigures(format, computedYear, storedFigures(row?.figures));
  const overrides = storedOverrides(row?.overrides);
  return { format, computedYear, computed, overrides, final: applyOverrides(computed, overrides) };
}

/**
 * Last year's figures for the carry-over checks: its published (or imported) version, else its
 * draft computed now — but only from the first year the records know anything about, so that a
 * bureau starting now is not told its 上年结转 disagrees with a year it never recorded (it can
 * import that year instead).
 */
export async function previousYear(year: number, client: DbOrTx = db()): Promise<CheckInput["previous"]> {
  const last = year - 1;
  const frozen = await client.annualReportVersion.findFirst({
    where: { year: last, status: { in: ["published", "imported"] } },
    orderBy: { number: "desc" },
    select: { data: true },
  });
  if (frozen) {
    const d = frozen.data as unknown as ReportData;
    return { year: last, format: d.format, table2: d.table2, table3: d.table3 };
  }
  const first = await firstDataYear(client);
  if (first === null || last < first || last < FIRST_REPORT_YEAR) return null;
  const row = await client.annualReport.findUnique({ where: { year: last } });
  const { format, final } = await finalTables(last, row, client);
  return { year: last, format: format.key, table2: final.table2, table3: final.table3 };
}

/** The first year with any record a report counts (requests, appeals, published items, reports). */
export async function firstDataYear(client: DbOrTx = db()): Promise<number | null> {
  const [row] = await client.$queryRaw<{ first: number | null }[]>`
    SELECT LEAST(
      (SELECT min(extract(year FROM "receivedOn"))::int FROM "DisclosureRequest"),
      (SELECT min(extract(year FROM "filedOn"))::int FROM "AppealCase"),
      (SELECT min(extract(year FROM "publishedAt" + interval '8 hours'))::int FROM "DisclosureItem" WHERE "publishedAt" IS NOT NULL),
      (SELECT min("year") FROM "AnnualReport")
    ) AS first`;
  return row?.first ?? null;
}

/**
 * The draft ReportData of a year from its working copy (or none: zeros and empty sections), and the
 * tables before overrides. `overrides` carry the value the records give now as `computed`.
 */
export async function buildDraft(year: number, row: Row, client: DbOrTx = db()): Promise<{ data: ReportData; computed: ReportTables }> {
  const { format, computedYear, computed, overrides, final } = await finalTables(year, row, client);
  const statistics = computedYear.statistics;
  const figures = { ...final, statistics };
  const stored = storedSections(row?.sections);
  const sections = Object.fromEntries(SECTION_KEYS.map((k) => [k, fillLiveFields(stored[k], figures)])) as Sections;
  const findings = runChecks({ format, data: { year, ...final, sections, statistics }, previous: await previousYear(year, client) });
  const data: ReportData = {
    year,
    format: format.key,
    status: "draft",
    bureau: bureauName(),
    sections,
    ...final,
    statistics,
    checks: applyCheckNotes(findings, storedNotes(row?.checkNotes)),
    overrides: overrides.map((o) => ({ cell: o.cell, value: o.value, computed: readCell(computed, o.cell) ?? null, reason: o.reason, by: o.by, at: o.at })),
  };
  return { data, computed };
}

/** The value a cell had before an override, for the audit's old/new. */
export function cellValue(tables: ReportTables, cell: string): Table2Value | null {
  return readCell(tables, cell) ?? null;
}

export const NOT_OFFICE = "只有政务公开办公室可以编制年度报告。";

export interface Opened {
  row: AnnualReport | null;
  latest: LatestVersion;
  format: ReportFormat;
  returned: boolean;
  revision: number;
}

/**
 * The checks every write of the working copy shares, before its transaction: role, year, state
 * (published, in review, imported: read-only) and the revision the page was opened on. A refusal is
 * audited; the caller's own input errors (no reason, a bad number) come back unaudited, like every
 * form's field errors.
 */
export async function openForWrite(actor: Actor, year: number, rawRevision: unknown, target: Target, now = new Date()): Promise<Opened | Failure> {
  if (!can(actor, "report.manage")) return refuse(actor, target, "wrong_role", forbidden(NOT_OFFICE));
  const problem = yearProblem(year, now);
  if (problem) return refuse(actor, target, "bad_year", invalid(undefined, problem));
  if (typeof rawRevision !== "number" || !Number.isInteger(rawRevision)) return invalid({ revision: ["页面已过期，请刷新后再试"] }, "页面已过期，请刷新后再试。");
  const [row, latest] = await Promise.all([db().annualReport.findUnique({ where: { year } }), latestVersion(year)]);
  const { state, returned } = effectiveState(row, latest);
  const locked = lockedReasonOf(state);
  if (locked) return refuse(actor, target, `state_${state}`, conflict(locked));
  if ((row?.revision ?? 0) !== rawRevision) return refuse(actor, target, "stale", conflict(STALE));
  return { row, latest, format: formatFor(year), returned, revision: rawRevision };
}

export const isFailure = (v: Opened | Failure): v is Failure => "ok" in v;


/** A reason an auditor can read: trimmed, at least REASON_MIN characters. */
export function reasonOf(raw: unknown, what: string): { ok: true; reason: string } | { ok: false; message: string } {
  const reason = typeof raw === "string" ? raw.trim() : "";
  if (reason.length < REASON_MIN) return { ok: false, message: `请填写${what}（至少 ${REASON_MIN} 个字）` };
  if (reason.length > REASON_MAX) return { ok: false, message: `${what}不能超过 ${REASON_MAX} 个字` };
  return { ok: true, reason };
}
