import "server-only";
/*
 * Table 二 (item rows), 三 and 四 and the section-一 statistics of a year, computed from records by
 * SQL aggregation (issue 9 §2). Entered rows of table 二 come back as zeros; the store merges the
 * office's figures.
 * CONTRACT (issue 9, lead): signature fixed; the report-compute helper implements it.
 *
 * Five aggregate queries, whatever the number of records; JavaScript only spreads their grouped
 * counts over the format's cells. Dates: request, appeal, 成文/废止 and fee dates are civil dates
 * (Beijing) already; `publishedAt`/`withdrawnAt` are UTC instants, so the year's bounds are the
 * instants of Beijing midnight (`AT TIME ZONE 'Asia/Shanghai'`). Definitions: docs/decisions.md
 * "Annual report: computation".
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { formatFor, TABLE3_COLUMNS, TABLE4, type ReportFormat } from "@/lib/domain/reports/formats";
import { emptyTables, type PublishingStatistics, type ReportData, type Table3Data } from "@/lib/domain/reports/shape";
import { APPLICANT_TYPES } from "@/lib/domain/requests/vocabulary";
import { db, type Db, type DbOrTx } from "@/lib/server/platform/db";

export type ComputedYear = Pick<ReportData, "table2" | "table3" | "table4" | "statistics">;

/** 1 January and 31 December of the year, as civil dates. */
const firstDay = (year: number) => Prisma.sql`make_date(${year}::int, 1, 1)`;
const lastDay = (year: number) => Prisma.sql`make_date(${year}::int, 12, 31)`;
/** The UTC wall time of Beijing's midnight starting 1 January of `year`, as timestamp(3) columns store it. */
const yearStartInstant = (year: number) => Prisma.sql`((make_date(${year}::int, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'UTC')`;
const NOW_UTC = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/**
 * The five aggregates read one snapshot in one transaction, whose default limit (5 s) is Prisma's
 * for short writes: at 100,000 items they take about 2 s on a quiet 2-core machine and went past 5 s
 * on a busy one (P2028, the report refused). A read-only snapshot may take its time.
 */
const COMPUTE_TIMEOUT_MS = 60_000;

export async function computeYear(year: number, client: DbOrTx = db()): Promise<ComputedYear> {
  if (!Number.isInteger(year)) throw new RangeError(`not a year: ${year}`);
  const format = formatFor(year);
  const queries = [table3Query(year), table4Query(year), itemsQuery(year, format), columnsQuery(year), channelsQuery(year)] as const;
  // One snapshot for all five, so 一+二 = （七）+四 holds even while requests are being closed.
  const [t3, t4, items, columns, channels] = (
    "$transaction" in client
      ? await (client as Db).$transaction(queries.map((q) => client.$queryRaw(q)), { isolationLevel: "RepeatableRead", timeout: COMPUTE_TIMEOUT_MS })
      : await sequential(client, queries)
  ) as [Table3Group[], Table4Group[], ItemMetrics[], ColumnCount[], ChannelRow[]];

  const tables = emptyTables(format);
  fillTable3(tables.table3, format, t3);
  for (const g of t4) {
    const block = tables.table4[g.kind as keyof typeof tables.table4];
    if (!block || !(g.result in block)) continue;
    block[g.result as keyof typeof block] += g.n;
    block.total += g.n;
  }
  for (const block of format.table2.blocks) {
    for (const row of block.rows) {
      if (row.source.kind !== "items") continue;
      const documentType = row.source.documentType;
      const metrics = items.find((m) => m.documentType === documentType);
      for (const c of block.columns) tables.table2[row.key][c.key] = metrics?.[c.key as ItemMetric] ?? 0;
    }
  }
  const totals = channels.find((c) => c.code === null)!;
  const statistics: PublishingStatistics = {
    items_published: totals.n,
    by_column: columnTree(columns),
    by_channel: channels.filter((c) => c.code !== null && c.n > 0).map((c) => ({ code: c.code!, name: c.name!, count: c.n })),
    fees_collected_yuan: totals.fees,
  };
  return { ...tables, statistics };
}

async function sequential(client: DbOrTx, queries: readonly Prisma.Sql[]): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const q of queries) results.push(await client.$queryRaw(q));
  return results;
}

interface Table3Group {
  applicantType: string;
  /** The outcome when closed in the year, else null. */
  outcome: string | null;
  received: number;
  carriedOver: number;
  closed: number;
  carriedForward: number;
}

/**
 * Table 三, one row per (applicant type, outcome closed in the year). Only requests with a 收到日
 * count: an online application nobody confirmed has not been received (第三十一条). Each request
 * in the WHERE is exactly one of 一/二 and one of closed-in-year/四, so 一+二 = （七）+四 per column
 * — unless a record closes before it was received, which then shows as a failed check rather
 * than vanishing.
 */
function table3Query(year: number) {
  const start = firstDay(year);
  const end = lastDay(year);
  return Prisma.sql`
    SELECT "applicantType",
           CASE WHEN "closedOn" BETWEEN ${start} AND ${end} THEN "outcome" END AS "outcome",
           count(*) FILTER (WHERE "receivedOn" >= ${start})::int AS "received",
           count(*) FILTER (WHERE "receivedOn" < ${start})::int AS "carriedOver",
           count(*) FILTER (WHERE "closedOn" BETWEEN ${start} AND ${end})::int AS "closed",
           count(*) FILTER (WHERE "closedOn" IS NULL OR "closedOn" > ${end})::int AS "carriedForward"
      FROM "DisclosureRequest"
     WHERE "receivedOn" <= ${end}
       AND ("closedOn" IS NULL OR "closedOn" >= ${start} OR "receivedOn" >= ${start})
       AND "applicantType" = ANY(${[...APPLICANT_TYPES]}::text[])
     GROUP BY 1, 2`;
}

function fillTable3(table3: Table3Data, format: ReportFormat, groups: Table3Group[]) {
  for (const row of format.table3.rows) {
    const cells = table3[row.key];
    for (const g of groups) {
      const column = g.applicantType as (typeof TABLE3_COLUMNS)[number];
      const n =
        row.role === "received" ? g.received
        : row.role === "carried_over" ? g.carriedOver
        : row.role === "carried_forward" ? g.carriedForward
        : row.role === "total" ? (leafOf(format, g.outcome) ? g.closed : 0)
        : g.outcome !== null && names(row.outcomes, g.outcome) ? g.closed
        : 0;
      cells[column] += n;
      cells.total += n;
    }
  }
}

/** （七）总计 is the sum of the leaves: a closed request whose outcome no leaf names is in neither. */
function leafOf(format: ReportFormat, outcome: string | null): boolean {
  return outcome !== null && format.table3.rows.some((r) => r.role === "leaf" && names(r.outcomes, outcome));
}

const names = (outcomes: readonly string[] | undefined, outcome: string) => outcomes?.includes(outcome) ?? false;

interface Table4Group {
  kind: string;
  result: string;
  n: number;
}

/** Table 四: cases filed in the year; a case not concluded by 31 December is 尚未审结 whatever came later. */
function table4Query(year: number) {
  const end = lastDay(year);
  return Prisma.sql`
    SELECT "kind",
           CASE WHEN "concludedOn" <= ${end} AND "result" <> 'pending' THEN "result" ELSE 'pending' END AS "result",
           count(*)::int AS "n"
      FROM "AppealCase"
     WHERE "filedOn" BETWEEN ${firstDay(year)} AND ${end}
       AND "kind" = ANY(${TABLE4.blocks.map((b) => b.key)}::text[])
     GROUP BY 1, 2`;
}

/**
 * An item counts as published when it went through publication (索引号, first `publishedAt`), its
 * public revision is 主动公开 and passed 保密审查 — the public site's rule (publicItemWhere)
 * without its "now": withdrawal and scheduling are read against the year instead.
 */
function publishedItems(untilInstant: Prisma.Sql) {
  return Prisma.sql`
    SELECT i."id", i."columnId", i."publishedAt", i."withdrawnAt", r."documentType"::text AS "documentType",
           r."signedOn", r."repealedOn", r."channels"
      FROM "DisclosureItem" i
      JOIN "ItemRevision" r ON r."id" = i."publishedRevisionId"
     WHERE i."indexNumber" IS NOT NULL
       AND i."publishedAt" < ${untilInstant}
       AND i."publishedAt" <= ${NOW_UTC}
       AND r."attribute" = 'PROACTIVE'
       AND EXISTS (SELECT 1 FROM "ReviewRecord" rr WHERE rr."revisionId" = r."id" AND rr."stage" = 'SECRECY' AND rr."decision" = 'APPROVE')`;
}

/** The metrics of table 二's item rows, named by the formats' column keys. */
type ItemMetric = "issued" | "repealed" | "in_force" | "new_made" | "new_published" | "total_published";
type ItemMetrics = { documentType: string } & Record<ItemMetric, number>;

function itemsQuery(year: number, format: ReportFormat) {
  const start = firstDay(year);
  const end = lastDay(year);
  const startInstant = yearStartInstant(year);
  const endInstant = yearStartInstant(year + 1);
  const documentTypes = format.table2.blocks.flatMap((b) => b.rows.flatMap((r) => (r.source.kind === "items" ? [r.source.documentType] : [])));
  const inYear = Prisma.sql`"publishedAt" >= ${startInstant}`;
  const notWithdrawn = Prisma.sql`("withdrawnAt" IS NULL OR "withdrawnAt" >= ${endInstant})`;
  const signedInYear = Prisma.sql`"signedOn" BETWEEN ${start} AND ${end}`;
  // Every item here was published by 31 December (publishedItems' bound).
  return Prisma.sql`
    SELECT "documentType",
           count(*) FILTER (WHERE ${signedInYear} AND ${inYear})::int AS "issued",
           count(*) FILTER (WHERE "repealedOn" BETWEEN ${start} AND ${end})::int AS "repealed",
           count(*) FILTER (WHERE ${notWithdrawn} AND ("repealedOn" IS NULL OR "repealedOn" > ${end})
                              AND ("signedOn" IS NULL OR "signedOn" <= ${end}))::int AS "in_force",
           count(*) FILTER (WHERE ${signedInYear})::int AS "new_made",
           count(*) FILTER (WHERE ${inYear})::int AS "new_published",
           count(*) FILTER (WHERE ${notWithdrawn})::int AS "total_published"
      FROM (${publishedItems(endInstant)}) p
     WHERE "documentType" = ANY(${documentTypes}::text[])
     GROUP BY 1`;
}

/** Published in the year: a later withdrawal does not unpublish what the year saw. */
function publishedInYear(year: number) {
  return Prisma.sql`SELECT * FROM (${publishedItems(yearStartInstant(year + 1))}) p WHERE "publishedAt" >= ${yearStartInstant(year)}`;
}

interface ColumnCount {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  n: number;
}

/** Items per column (own items only), in the columns' order; the tree is summed in columnTree. */
function columnsQuery(year: number) {
  return Prisma.sql`
    SELECT c."id", c."code", c."name", c."parentId", count(p."id")::int AS "n"
      FROM "Column" c
      LEFT JOIN (${publishedInYear(year)}) p ON p."columnId" = c."id"
     GROUP BY c."id"
     ORDER BY c."sortOrder", c."code"`;
}

/**
 * The seed's way of counting: a top column's figure includes its sub-columns' (政策法规 12 =
 * 规章制度 10 + 政策解读 2); deeper columns count towards their second-level ancestor. Columns
 * without an item in the year are left out, as the report's sentence leaves them out.
 */
function columnTree(rows: ColumnCount[]): PublishingStatistics["by_column"] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const path = (r: ColumnCount): ColumnCount[] => {
    const seen = new Set<string>();
    const chain = [r];
    for (let p = r.parentId; p && byId.has(p) && !seen.has(p); p = byId.get(p)!.parentId) {
      seen.add(p);
      chain.unshift(byId.get(p)!);
    }
    return chain;
  };
  const tops = new Map<string, PublishingStatistics["by_column"][number]>();
  const children = new Map<string, { code: string; name: string; count: number }>();
  for (const r of rows) {
    const [top, second] = path(r);
    if (!tops.has(top.id)) tops.set(top.id, { code: top.code, name: top.name, count: 0, children: [] });
    if (second && !children.has(second.id)) {
      const child = { code: second.code, name: second.name, count: 0 };
      children.set(second.id, child);
      tops.get(top.id)!.children.push(child);
    }
  }
  for (const r of rows) {
    const [top, second] = path(r);
    tops.get(top.id)!.count += r.n;
    if (second) children.get(second.id)!.count += r.n;
  }
  return [...tops.values()].filter((t) => t.count > 0).map((t) => ({ ...t, children: t.children.filter((c) => c.count > 0) }));
}

interface ChannelRow {
  /** null on the grand-total row (GROUPING SETS' empty set). */
  code: string | null;
  name: string | null;
  n: number;
  fees: number;
}

/**
 * Items per channel (an item on two channels counts on each), the year's total of items once, and
 * the 信息处理费 paid in the year, in one statement.
 */
function channelsQuery(year: number) {
  return Prisma.sql`
    WITH p AS (${publishedInYear(year)})
    SELECT ch."code", ch."name", count(p."id")::int AS "n", 0 AS "fees", ch."sortOrder"
      FROM "Channel" ch LEFT JOIN p ON ch."code" = ANY(p."channels")
     GROUP BY ch."id"
    UNION ALL
    SELECT NULL, NULL, (SELECT count(*)::int FROM p),
           (SELECT coalesce(sum("amountYuan"), 0)::int FROM "FeeCharge" WHERE "paidOn" BETWEEN ${firstDay(year)} AND ${lastDay(year)}),
           NULL
     ORDER BY "sortOrder" NULLS LAST, "code"`;
}
