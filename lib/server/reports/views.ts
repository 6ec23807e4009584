import "server-only";
/*
 * The reads of the annual report: the office's view of a year, the list of years with the figures
 * of the multi-year comparison, the public versions, and the countdown to the deadline.
 */
import { chinaDate, chinaYear } from "@/lib/domain/dates";
import { formatOfYear, type ReportFormatKey } from "@/lib/domain/reports/formats";
import type { ReportTables } from "@/lib/domain/reports/cells";
import type { ReportData } from "@/lib/domain/reports/shape";
import { reportDeadlineOf } from "@/lib/domain/site-settings";
import { STATUS_LABELS, type ItemStatus } from "@/lib/domain/workflow";
import { getSiteSettings } from "@/lib/server/admin/site-settings";
import type { Actor } from "@/lib/server/platform/actor";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { publicDb } from "@/lib/server/platform/read-replica";
import { forbidden, invalid, ok, type Result } from "@/lib/server/platform/result";
import { refuse } from "@/lib/server/platform/use-case";
import type { ReportState, ReportVersionSummary, ReportView, ReportYearSummary } from "./store";
import { buildDraft, effectiveState, finalTables, LISTED_FROM, lockedReasonOf, NOT_OFFICE, yearProblem } from "./working-copy";

/** The draft ReportData of a year, computed now (CLI, exports, checks). No actor: read-only. */
export async function draftReportData(year: number): Promise<ReportData> {
  const row = await db().annualReport.findUnique({ where: { year } });
  return (await buildDraft(year, row)).data;
}

/** A frozen copy's tables as the records gave them: each override's cell back to its computed value. */
function beforeOverrides(data: ReportData): ReportTables {
  const tables = structuredClone({ table2: data.table2, table3: data.table3, table4: data.table4 }) as ReportTables;
  for (const o of data.overrides ?? []) {
    const [table, row, column] = o.cell.split(".");
    const byTable = tables as unknown as Record<string, Record<string, Record<string, unknown>>>;
    // Own keys only: a stored cell path is data, and "__proto__" must not reach a prototype.
    if (!Object.hasOwn(byTable, table) || !Object.hasOwn(byTable[table], row)) continue;
    const cells = byTable[table][row];
    if (Object.hasOwn(cells, column) && o.computed !== null && o.computed !== undefined) cells[column] = o.computed;
  }
  return tables;
}

/** The version a frozen state shows: the one under review, else the newest published or imported. */
const SHOWN: Record<string, readonly string[]> = { review: ["review"], published: ["published"], imported: ["imported"] };

export async function reportView(actor: Actor, year: number): Promise<Result<ReportView>> {
  if (!can(actor, "report.read")) return refuse(actor, { action: "report.view", entity: "AnnualReport", entityId: String(year) }, "wrong_role", forbidden());
  const problem = yearProblem(year, new Date());
  if (problem) return invalid(undefined, problem);
  const [row, versions] = await Promise.all([
    db().annualReport.findUnique({ where: { year } }),
    db().annualReportVersion.findMany({
      where: { year },
      orderBy: { number: "desc" },
      select: { id: true, number: true, status: true, note: true, itemId: true, createdAt: true, publishedAt: true, data: true, item: { select: { status: true, currentRevisionId: true } } },
    }),
  ]);
  const { state } = effectiveState(row, versions[0] ?? null);
  const frozen = SHOWN[state] ? versions.find((v) => SHOWN[state].includes(v.status)) : undefined;
  let data: ReportData;
  let computed: ReportTables;
  if (frozen) {
    data = frozen.data as unknown as ReportData;
    computed = beforeOverrides(data);
  } else {
    ({ data, computed } = await buildDraft(year, row));
  }
  const manage = can(actor, "report.manage");
  const lockedReason = manage ? lockedReasonOf(state) : NOT_OFFICE;
  return ok({
    year,
    format: data.format,
    state,
    revision: row?.revision ?? 0,
    data,
    computed,
    versions: versions.map(versionSummary),
    correction: row?.correction ?? "",
    canEdit: lockedReason === null,
    lockedReason,
  });
}

function versionSummary(v: { id: string; number: number; status: string; note: string; itemId: string | null; createdAt: Date; publishedAt: Date | null; item: { status: ItemStatus } | null }): ReportVersionSummary {
  // A version whose item a reviewer sent back reads as returned before the office touches it.
  const returned = v.status === "review" && (v.item?.status === "RETURNED" || v.item?.status === "REJECTED");
  return {
    id: v.id,
    number: v.number,
    status: (returned ? "returned" : v.status) as ReportVersionSummary["status"],
    note: v.note,
    itemId: v.itemId,
    itemStatus: v.item ? STATUS_LABELS[v.item.status] : null,
    createdAt: v.createdAt.toISOString(),
    publishedAt: v.publishedAt?.toISOString() ?? null,
  };
}

function comparisonFigures(d: Pick<ReportData, "table3" | "table4" | "statistics">): NonNullable<ReportYearSummary["figures"]> {
  const t3 = (key: string) => Number(d.table3?.[key]?.total ?? 0);
  return {
    received: t3("new_received"),
    processed: t3("total_processed"),
    granted: t3("granted"),
    appeals: Object.values(d.table4 ?? {}).reduce((sum, b) => sum + Number(b?.total ?? 0), 0),
    itemsPublished: Number(d.statistics?.items_published ?? 0),
  };
}

/**
 * The years the office can open: 2019 (the first year of today's formats) to this year, and any
 * earlier year with a report; newest first. Figures come from each year's frozen copy, or one
 * computation of its records.
 */
export async function listReportYears(actor: Actor): Promise<Result<ReportYearSummary[]>> {
  if (!can(actor, "report.read")) return refuse(actor, { action: "report.view", entity: "AnnualReport" }, "wrong_role", forbidden());
  const thisYear = chinaYear(new Date());
  const [rows, versions] = await Promise.all([
    db().annualReport.findMany(),
    db().annualReportVersion.findMany({
      orderBy: [{ year: "desc" }, { number: "desc" }],
      select: { year: true, number: true, status: true, itemId: true, note: true, id: true, publishedAt: true, data: true, item: { select: { status: true, currentRevisionId: true } } },
    }),
  ]);
  const years = new Set<number>(rows.map((r) => r.year));
  for (let y = LISTED_FROM; y <= thisYear; y++) years.add(y);
  const out: ReportYearSummary[] = [];
  for (const year of [...years].filter((y) => y <= thisYear).sort((a, b) => b - a)) {
    const row = rows.find((r) => r.year === year) ?? null;
    const ofYear = versions.filter((v) => v.year === year);
    const { state } = effectiveState(row, ofYear[0] ?? null);
    const frozen = ofYear.find((v) => v.status === "published" || v.status === "imported");
    const published = ofYear.find((v) => v.status === "published");
    let figures: ReportYearSummary["figures"];
    if (frozen) figures = comparisonFigures(frozen.data as unknown as ReportData);
    else {
      const { computedYear, final } = await finalTables(year, row);
      figures = comparisonFigures({ ...final, statistics: computedYear.statistics });
    }
    out.push({ year, format: row ? (row.format as ReportYearSummary["format"]) : formatOfYear(year), state: row ? state : "none", publishedAt: published?.publishedAt?.toISOString() ?? null, figures });
  }
  return ok(out);
}

/** A published version is public once its item's publication time has come (定时发布 included). */
function publicVersionWhere(now: Date) {
  return { OR: [{ status: "imported" }, { status: "published", publishedAt: { lte: now } }] };
}

/** Public: the published (or imported) versions of a year, newest first; [] when none. */
export async function publicReportVersions(year: number, now = new Date()): Promise<{ id: string; number: number; note: string; publishedAt: string | null; itemId: string | null; data: ReportData }[]> {
  if (!Number.isInteger(year)) return [];
  const versions = await publicDb().annualReportVersion.findMany({
    where: { year, ...publicVersionWhere(now) },
    orderBy: { number: "desc" },
    select: { id: true, number: true, note: true, publishedAt: true, itemId: true, data: true },
  });
  return versions.map((v) => ({ ...v, publishedAt: v.publishedAt?.toISOString() ?? null, data: publicCopy(v.data as unknown as ReportData) }));
}

/**
 * What the public reads of a frozen report: everything, except the clerk who overrode a cell —
 * the report speaks for the bureau (its name stands there), and who did it stays in the audit log
 * and the console (个人信息保护法: no staff names where the purpose does not need them).
 */
function publicCopy(data: ReportData): ReportData {
  return { ...data, overrides: (data.overrides ?? []).map((o) => ({ ...o, by: data.bureau })) };
}

/** Public: the years with a published or imported report, newest first. */
export async function publicReportYears(now = new Date()): Promise<{ year: number; format: ReportFormatKey; status: "published" | "imported"; publishedAt: string | null }[]> {
  const versions = await publicDb().annualReportVersion.findMany({
    where: publicVersionWhere(now),
    orderBy: [{ year: "desc" }, { number: "desc" }],
    select: { year: true, status: true, publishedAt: true, report: { select: { format: true } } },
  });
  const out: Awaited<ReturnType<typeof publicReportYears>> = [];
  for (const v of versions) {
    if (out.some((o) => o.year === v.year)) continue;
    const published = versions.find((w) => w.year === v.year && w.status === "published");
    out.push({
      year: v.year,
      format: v.report.format as ReportFormatKey,
      status: published ? "published" : "imported",
      publishedAt: published?.publishedAt?.toISOString() ?? null,
    });
  }
  return out;
}

export interface ReportCountdown {
  /** The report year the countdown is about. */
  year: number;
  /** Its deadline, YYYY-MM-DD (Beijing). */
  deadline: string;
  /** Days from today to the deadline; 0 on the day, negative when overdue. */
  daysLeft: number;
  /** Published (or imported) already. */
  published: boolean;
  state: ReportState | "none";
}

/**
 * The office dashboard's countdown (issue 9 §7): last year's report until it is published — also
 * past the deadline, counting the days overdue; once it is, this year's report and next year's
 * deadline. The deadline is the site setting reports.deadline (MM-DD, default 01-31).
 */
export async function reportCountdown(now = new Date()): Promise<ReportCountdown> {
  const { settings } = await getSiteSettings();
  const mmdd = reportDeadlineOf(settings);
  const today = chinaDate(now);
  const thisYear = chinaYear(now);
  const status = async (year: number) => {
    const [row, frozen] = await Promise.all([
      db().annualReport.findUnique({ where: { year }, select: { state: true } }),
      db().annualReportVersion.count({ where: { year, ...publicVersionWhere(now) } }),
    ]);
    return { published: frozen > 0, state: (row?.state ?? "none") as ReportState | "none" };
  };
  let year = thisYear - 1;
  let s = await status(year);
  if (s.published) {
    year = thisYear;
    s = await status(year);
  }
  const deadline = `${year + 1}-${mmdd}`;
  return { year, deadline, daysLeft: daysBetween(today, deadline), published: s.published, state: s.state };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
