import "server-only";
import { z } from "zod";
import { chinaDate, chinaYear } from "@/lib/domain/dates";
import {
  addCounts,
  beijingMonth,
  beijingYearSpan,
  dueDateTable,
  monthsBegun,
  NO_COUNTS,
  sumTargets,
  yearSeries,
  type MonthCounts,
  type MonthMetrics,
  type MonthRow,
} from "@/lib/domain/timeliness";
import type { WorkCalendar } from "@/lib/domain/work-calendar";
import type { Actor } from "@/lib/server/platform/actor";
import { can, dashboardDepartmentScope } from "@/lib/server/platform/authz";
import { loadWorkCalendar } from "@/lib/server/admin/calendar";
import { db } from "@/lib/server/platform/db";
import { forbidden, notFound, ok, type Result } from "@/lib/server/platform/result";

/**
 * 公开时效与月度目标: per department and for the bureau, by Beijing month of one year, the counts
 * defined in lib/domain/timeliness.ts (MonthCounts) against the MonthlyTarget. PostgreSQL groups
 * and counts; the due dates come from the calendar in force as a small table of one row per
 * 信息形成日期 (dueDateTable), joined in SQL, so no item is loaded into the server.
 */

export const FIRST_YEAR = 2019;

type Row = { departmentId: string; month: number } & Partial<MonthCounts>;

/** `timestamp(3)` columns hold UTC without a zone (Prisma's convention): compare with the same. */
const utc = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

/** The month counts of the given departments in one Beijing year, as of `now`. */
export async function countTimeliness(
  year: number,
  departmentIds: readonly string[],
  calendar: WorkCalendar,
  now = new Date(),
): Promise<{ rows: Row[]; covered: boolean }> {
  const { start, end } = beijingYearSpan(year);
  const [from, to, at] = [utc(start), utc(end), utc(now)];
  const ids = [...departmentIds];
  const due = dueDateTable(calendar, year);
  const today = chinaDate(now);
  const client = db();
  const [submitted, published, overdue] = await Promise.all([
    client.$queryRaw<Row[]>`
      SELECT i."departmentId",
             extract(month FROM (i."firstSubmittedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::int AS "month",
             count(*)::int AS "submitted",
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM "ReviewRecord" rr WHERE rr."itemId" = i."id" AND rr."decision" = 'RETURN'))::int AS "returned"
      FROM "DisclosureItem" i
      WHERE i."firstSubmittedAt" >= ${from}::timestamp AND i."firstSubmittedAt" < ${to}::timestamp
        AND i."departmentId" = ANY(${ids}::text[])
      GROUP BY 1, 2`,
    client.$queryRaw<Row[]>`
      WITH due AS (SELECT * FROM unnest(${due.formedOn}::date[], ${due.dueOn}::date[]) AS t("formedOn", "dueOn"))
      SELECT i."departmentId",
             extract(month FROM p."local")::int AS "month",
             count(*)::int AS "published",
             count(*) FILTER (WHERE p."local"::date <= d."dueOn" OR r."formedOn" >= p."local"::date)::int AS "onTime"
      FROM "DisclosureItem" i
      CROSS JOIN LATERAL (SELECT (i."publishedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai' AS "local") p
      JOIN "ItemRevision" r ON r."id" = coalesce(i."publishedRevisionId", i."currentRevisionId")
      LEFT JOIN due d ON d."formedOn" = r."formedOn"
      WHERE i."publishedAt" >= ${from}::timestamp AND i."publishedAt" < ${to}::timestamp AND i."publishedAt" <= ${at}::timestamp
        AND i."departmentId" = ANY(${ids}::text[])
      GROUP BY 1, 2`,
    client.$queryRaw<Row[]>`
      WITH due AS (SELECT * FROM unnest(${due.formedOn}::date[], ${due.dueOn}::date[]) AS t("formedOn", "dueOn"))
      SELECT i."departmentId", extract(month FROM d."dueOn")::int AS "month", count(*)::int AS "overdueOpen"
      FROM "DisclosureItem" i
      JOIN "ItemRevision" r ON r."id" = i."currentRevisionId"
      JOIN due d ON d."formedOn" = r."formedOn"
      WHERE (i."publishedAt" IS NULL OR i."publishedAt" > ${at}::timestamp)
        AND i."firstSubmittedAt" IS NOT NULL
        AND i."status" <> 'REJECTED'
        AND r."attribute" = 'PROACTIVE'
        AND d."dueOn" >= ${`${year}-01-01`}::date AND d."dueOn" <= ${`${year}-12-31`}::date AND d."dueOn" < ${today}::date
        AND i."departmentId" = ANY(${ids}::text[])
      GROUP BY 1, 2`,
  ]);
  return { rows: [...submitted, ...published, ...overdue], covered: due.covered };
}

export interface DepartmentRef {
  code: string;
  name: string;
}

export interface DashboardView {
  year: number;
  years: number[];
  /** Beijing date the figures are as of. */
  today: string;
  /** null: the bureau-wide view. */
  department: DepartmentRef | null;
  /** The departments this actor may open, for the selector. */
  departments: DepartmentRef[];
  mayOffice: boolean;
  months: MonthRow[];
  total: MonthMetrics;
  /** Bureau view: one year total per department the actor may open. */
  byDepartment: (DepartmentRef & { total: MonthMetrics })[];
  /** false when a due date in the year falls where no holiday notice is entered. */
  covered: boolean;
}

const paramsSchema = z.object({
  year: z.coerce.number().int().min(FIRST_YEAR).max(2099).optional().catch(undefined),
  department: z.string().trim().max(40).optional().catch(undefined),
});

/**
 * The dashboard an actor asked for: `department` is a department code, absent or "all" for the
 * bureau. A department outside the actor's scope is "not found", as for items.
 */
export async function timelinessDashboard(actor: Actor, raw: unknown, now = new Date()): Promise<Result<DashboardView>> {
  const mayOffice = can(actor, "dashboard.office");
  const scope = dashboardDepartmentScope(actor);
  if (!mayOffice && !scope) return forbidden();
  const params = paramsSchema.parse(raw ?? {});
  const thisYear = chinaYear(now);
  const year = params.year ?? thisYear;
  const visible = scope
    ? await db().department.findMany({ where: scope, orderBy: { sortOrder: "asc" }, select: { id: true, code: true, name: true } })
    : [];
  let selected: (typeof visible)[number] | null = null;
  if (params.department && params.department !== "all") {
    selected = visible.find((d) => d.code === params.department) ?? null;
    if (!selected) return notFound("未找到该处室，或您无权查看其统计。");
  } else if (!mayOffice) {
    if (visible.length === 0) return forbidden("您尚未分配处室，暂无可查看的统计。");
    selected = visible[0];
  }
  const ids = selected ? [selected.id] : (await db().department.findMany({ select: { id: true } })).map((d) => d.id);
  const [calendar, targets] = await Promise.all([
    loadWorkCalendar(),
    db().monthlyTarget.findMany({ where: { year, departmentId: { in: ids } }, select: { departmentId: true, month: true, target: true } }),
  ]);
  const { rows, covered } = await countTimeliness(year, ids, calendar, now);

  const countsOf = (deptIds: readonly string[]) => {
    const m = new Map<number, MonthCounts>();
    for (const r of rows) if (deptIds.includes(r.departmentId)) m.set(r.month, addCounts(m.get(r.month) ?? NO_COUNTS, r));
    return m;
  };
  const targetsOf = (deptIds: readonly string[]) => {
    const m = new Map<number, number>();
    for (let month = 1; month <= 12; month++) {
      const t = sumTargets(targets.filter((t) => t.month === month && deptIds.includes(t.departmentId)).map((t) => t.target));
      if (t !== null) m.set(month, t);
    }
    return m;
  };
  const through = monthsBegun(year, beijingMonth(now));
  const series = yearSeries(countsOf(ids), targetsOf(ids), through);
  const byDepartment = selected
    ? []
    : visible.map((d) => {
        const s = yearSeries(countsOf([d.id]), targetsOf([d.id]), through);
        return { code: d.code, name: d.name, total: s.total };
      });
  const years: number[] = [];
  for (let y = thisYear; y >= FIRST_YEAR; y--) years.push(y);
  return ok({
    year,
    years: years.includes(year) ? years : [year, ...years],
    today: chinaDate(now),
    department: selected ? { code: selected.code, name: selected.name } : null,
    departments: visible.map(({ code, name }) => ({ code, name })),
    mayOffice,
    months: series.months,
    total: series.total,
    byDepartment,
    covered,
  });
}

