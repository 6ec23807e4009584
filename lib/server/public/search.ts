import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Cursor } from "@/lib/domain/public-query";
import { searchTerms } from "@/lib/domain/search-text";
import type { Tx } from "@/lib/server/platform/db";
import { publicDb } from "@/lib/server/platform/read-replica";

/**
 * Finding public items: full-text search for Chinese, browsing by facets, counts per facet. It
 * reads the SearchEntry index (docs/search.md), which the database keeps holding exactly the items
 * publicItemWhere() selects apart from time; the time condition is checked here, on every query.
 * It returns ids in order only: the caller loads the items through publicItemWhere() itself
 * (lib/server/public/site.ts), so nothing reaches a page that the one rule does not pass.
 */

export interface IndexFilters {
  /** A column and its descendants. */
  columnIds?: string[];
  departmentId?: string;
  article20?: number;
  year?: number;
}

export interface Hit {
  id: string;
  /** 0: the title contains every word; 1: title and body together do. Always 0 when browsing. */
  rank: 0 | 1;
  at: Date;
}

export interface HitPage {
  hits: Hit[];
  total: number;
  /** The total stopped counting at TOTAL_CAP: there are more. */
  capped: boolean;
}

/**
 * Totals stop here. Nobody pages further (pages end at PAGE_MAX), and counting a word that is in
 * every item costs several times as much as finding its first ten (docs/search.md).
 */
export const TOTAL_CAP = 5000;

/**
 * A search's facet counts read at most this many matches (ignoring the filters, which the counts
 * apply themselves). Counting every match of a word in nearly every item took 1.3–2.3 s at
 * 1,000,000 items and ~100 ms at 100,000; ten thousand take 50–150 ms. Past it the counts are not
 * known: the page lists every column, department, item and year without numbers and says why
 * (components/public/facets.tsx), and the total is the index query's (exact up to TOTAL_CAP).
 */
export const FACET_SAMPLE = 10_000;

/**
 * The first pages of a search look at the newest this-many items (under the filters) first, in
 * publication order through the publishAt index, and read their grams: a word in most items fills a
 * page from them in a few milliseconds, where collecting and sorting every match through the GIN
 * index took 170–480 ms at 1,000,000 items (docs/decisions.md "Session 9"). When the newest ones do
 * not hold enough matches, the GIN path runs as before.
 */
export const WALK_ROWS = 500;
/**
 * The walk for title matches stops sooner: a word in most titles fills a page within a few dozen
 * rows, and each row read costs ~70 µs (its grams decompressed), so a walk that finds too few must
 * be short (measured at 100,000 items: 1,000 rows, 70 ms; the GIN path for a rare title word, 10 ms).
 */
const TITLE_WALK_ROWS = 200;
/** Only pages this deep are tried by the walk; deeper ones need more matches than the window holds. */
const WALK_DEPTH = 200;

/** Instants of a Beijing calendar year, as the UTC wall-clock values PostgreSQL stores. */
export function beijingYearRange(year: number): [string, string] {
  const start = (y: number) => new Date(Date.UTC(y, 0, 1) - 8 * 3600_000).toISOString();
  return [start(year), start(year + 1)];
}

/** `timestamp(3)` columns hold UTC wall-clock values; casting an ISO string keeps them so. */
const ts = (instant: Date | string) => Prisma.sql`${typeof instant === "string" ? instant : instant.toISOString()}::timestamp(3)`;

/** The time rule and the filters, on alias `e`; `skip` leaves one filter out (facet counts). */
function conditions(f: IndexFilters, now: Date, skip?: keyof IndexFilters): Prisma.Sql {
  const and: Prisma.Sql[] = [Prisma.sql`e."publishAt" <= ${ts(now)}`];
  if (f.columnIds && skip !== "columnIds") and.push(Prisma.sql`e."columnId" = ANY(${f.columnIds}::text[])`);
  if (f.departmentId && skip !== "departmentId") and.push(Prisma.sql`e."departmentId" = ${f.departmentId}`);
  if (f.article20 && skip !== "article20") and.push(Prisma.sql`e."article20Item" = ${f.article20}`);
  if (f.year && skip !== "year") {
    const [from, to] = beijingYearRange(f.year);
    and.push(Prisma.sql`e."publishAt" >= ${ts(from)} AND e."publishAt" < ${ts(to)}`);
  }
  return Prisma.join(and, " AND ");
}

/** The pairs (or single characters) every word of the query needs; '#' asks for them in the title. */
// At most TERMS_MAX words reach the database, so a query of many one-letter words cannot make it
// intersect dozens of near-universal index keys.
const queryGrams = (q: string, prefix: "" | "#") =>
  Prisma.sql`gongkai_search_query_grams(gongkai_search_normalize(${searchTerms(q).join(" ")}), ${prefix})`;

const COLUMNS = Prisma.sql`"itemId", "publishAt", "columnId", "departmentId", "article20Item"`;

/**
 * The rows to look at, as alias `e`: every entry, or those the GIN index finds for a query. The
 * index lookup sits behind OFFSET 0 so that the planner cannot trade it for a date or facet
 * index and read the grams of each row instead: it does not know that reading them costs a
 * hundred times its estimate (measured: 220 ms instead of 15 ms for 项目 in one year).
 */
type Source = { kind: "all" } | { kind: "match"; q: string; inTitle: boolean } | { kind: "bodyOnly"; q: string };

function from(source: Source): Prisma.Sql {
  if (source.kind === "all") return Prisma.sql`"SearchEntry" e`;
  if (source.kind === "match") return Prisma.sql`(SELECT ${COLUMNS} FROM "SearchEntry" WHERE ${matches(source.q, source.inTitle ? "#" : "")} OFFSET 0) e`;
  return Prisma.sql`(SELECT ${COLUMNS} FROM "SearchEntry" WHERE ${matches(source.q, "")}
      AND "itemId" NOT IN (SELECT "itemId" FROM "SearchEntry" WHERE ${matches(source.q, "#")}) OFFSET 0) e`;
}

/**
 * An empty set of grams is contained in every row: a query without words finds nothing. `perRow`:
 * a condition tested on rows already read (the walk) takes the query's grams from a sub-select,
 * computed once — as a bound parameter of a reused plan, the call would run for every row.
 */
const matches = (q: string, prefix: "" | "#", perRow = false) => {
  const grams = perRow ? Prisma.sql`(SELECT ${queryGrams(q, prefix)})` : queryGrams(q, prefix);
  return Prisma.sql`"grams" @> ${grams} AND cardinality(${grams}) > 0`;
};

/**
 * A read's transaction waits its turn for a pooled connection: Prisma's default (2 s to get one)
 * turned a burst of visitors into 500s (P2028), seen by the permission-matrix battery at 8
 * parallel requests. Under a burst a visitor now waits; a page that still cannot be served fails
 * on its own 20 s clock.
 */
const READ_TRANSACTION = { maxWait: 15_000, timeout: 20_000 } as const;

/** Forbids reading grams row by row anywhere in a search (see from()); bitmap scans remain. */
async function inSearchTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return publicDb().$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
    await tx.$executeRaw`SET LOCAL enable_indexscan = off`;
    return work(tx);
  }, READ_TRANSACTION);
}

async function count(tx: Tx, source: Source, where: Prisma.Sql, cap = TOTAL_CAP): Promise<{ total: number; capped: boolean }> {
  const [row] = await tx.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (SELECT 1 FROM ${from(source)} WHERE ${where} LIMIT ${cap + 1}) x`;
  const n = Number(row.n);
  return { total: Math.min(n, cap), capped: n > cap };
}

const after = (c: Cursor | undefined) => (c ? Prisma.sql`(e."publishAt", e."itemId") < (${ts(c.at)}, ${c.id})` : Prisma.sql`TRUE`);

/** The grams condition of a source, for rows that carry their grams (the walk). */
function gramsCondition(source: Exclude<Source, { kind: "all" }>): Prisma.Sql {
  if (source.kind === "match") return matches(source.q, source.inTitle ? "#" : "", true);
  return Prisma.sql`${matches(source.q, "", true)} AND NOT (${matches(source.q, "#", true)})`;
}

/**
 * The page from the newest WALK_ROWS rows under the filters, or null when they hold fewer matches
 * than the page needs. Exact when not null: every match outside the window is older than every row
 * in it, so the window's first `offset + limit` matches are the search's.
 */
async function walkPage(tx: Tx, source: Exclude<Source, { kind: "all" }>, where: Prisma.Sql, rank: 0 | 1, limit: number, offset: number, cursor: Cursor | undefined, window: number): Promise<Hit[] | null> {
  await tx.$executeRaw`SET LOCAL enable_indexscan = on`;
  const rows = await tx.$queryRaw<{ id: string; at: Date }[]>`
    SELECT e."itemId" AS id, e."publishAt" AS at
      FROM (SELECT ${COLUMNS}, "grams" FROM "SearchEntry" e WHERE ${where} AND ${after(cursor)}
             ORDER BY e."publishAt" DESC, e."itemId" DESC LIMIT ${window}) e
     WHERE ${gramsCondition(source)}
     ORDER BY e."publishAt" DESC, e."itemId" DESC
     LIMIT ${limit} OFFSET ${offset}`;
  await tx.$executeRaw`SET LOCAL enable_indexscan = off`;
  return rows.length === limit ? rows.map((r) => ({ id: r.id, rank, at: r.at })) : null;
}

/** How a search reads (tests shrink the window and force the walk, to reach every path with little data). */
export interface SearchTuning {
  /** The walk's window (WALK_ROWS); 0 turns the walk off. */
  walkRows?: number;
  /** Walk even when the word has fewer than TOTAL_CAP matches. */
  walkAlways?: boolean;
}

async function page(
  tx: Tx,
  source: Source,
  where: Prisma.Sql,
  rank: 0 | 1,
  limit: number,
  offset: number,
  cursor?: Cursor,
  /** The walk's window; 0: no walk. */
  walkRows = 0,
): Promise<Hit[]> {
  if (limit <= 0) return [];
  if (walkRows > 0 && source.kind !== "all" && offset + limit <= WALK_DEPTH) {
    const walked = await walkPage(tx, source, where, rank, limit, offset, cursor, walkRows);
    if (walked) return walked;
  }
  const rows = await tx.$queryRaw<{ id: string; at: Date }[]>`
    SELECT e."itemId" AS id, e."publishAt" AS at FROM ${from(source)}
     WHERE ${where} AND ${after(cursor)}
     ORDER BY e."publishAt" DESC, e."itemId" DESC
     LIMIT ${limit} OFFSET ${offset}`;
  return rows.map((r) => ({ id: r.id, rank, at: r.at }));
}

export interface SearchOptions {
  q: string;
  filters: IndexFilters;
  sort: "relevance" | "date";
  limit: number;
  offset?: number;
  cursor?: Cursor;
}

/**
 * Items whose title and body together contain every word of `q`: by relevance, those whose
 * title contains every word first, each group newest first; or all newest first. Page by
 * `offset` (pages) or by `cursor` (the API).
 */
export async function searchIndex(o: SearchOptions, now = new Date(), tuning: SearchTuning = {}): Promise<HitPage> {
  const where = conditions(o.filters, now);
  const all: Source = { kind: "match", q: o.q, inTitle: false };
  const inTitle: Source = { kind: "match", q: o.q, inTitle: true };
  const bodyOnly: Source = { kind: "bodyOnly", q: o.q };
  return inSearchTransaction(async (tx) => {
    const counted = await count(tx, all, where);
    if (!counted.total) return { ...counted, hits: [] };
    // A word with more matches than TOTAL_CAP is common enough that the newest items likely hold a
    // page of them; a rarer one is cheap to collect through the GIN index.
    const walk = counted.capped || tuning.walkAlways ? (tuning.walkRows ?? WALK_ROWS) : 0;
    // Title matches are rarer: a shorter walk, so that one that finds too few costs little.
    const titleWalk = Math.min(walk, TITLE_WALK_ROWS);
    if (o.sort === "date") return { ...counted, hits: await page(tx, all, where, 0, o.limit, o.offset ?? 0, o.cursor, walk) };
    if (o.cursor) {
      const first = o.cursor.rank === 1 ? [] : await page(tx, inTitle, where, 0, o.limit, 0, o.cursor, titleWalk);
      const rest = await page(tx, bodyOnly, where, 1, o.limit - first.length, 0, o.cursor.rank === 1 ? o.cursor : undefined, walk);
      return { ...counted, hits: [...first, ...rest] };
    }
    const offset = o.offset ?? 0;
    const first = await page(tx, inTitle, where, 0, o.limit, offset, undefined, titleWalk);
    if (first.length === o.limit) return { ...counted, hits: first };
    // The title matches end on this page, or ended before it: then there are at most `offset`.
    const titleTotal = first.length || !offset ? offset + first.length : (await count(tx, inTitle, where, offset)).total;
    const rest = await page(tx, bodyOnly, where, 1, o.limit - first.length, Math.max(0, offset - titleTotal), undefined, walk);
    return { ...counted, hits: [...first, ...rest] };
  });
}

/** Public items newest first, filtered. */
export async function browseIndex(o: { filters: IndexFilters; limit: number; offset?: number; cursor?: Cursor }, now = new Date()): Promise<HitPage> {
  const where = conditions(o.filters, now);
  const all: Source = { kind: "all" };
  return publicDb().$transaction(
    async (tx) => ({
      ...(await count(tx, all, where)),
      hits: await page(tx, all, where, 0, o.limit, o.offset ?? 0, o.cursor),
    }),
    READ_TRANSACTION,
  );
}

export interface FacetCounts {
  /** Every match under every filter; when `sampled`, only those among the sample. */
  total: number;
  /**
   * The search has more than FACET_SAMPLE matches: the maps hold the values found among the first
   * FACET_SAMPLE of them (the years: every year with public items), and their numbers are not the
   * counts (the page shows no numbers then).
   */
  sampled: boolean;
  column: Map<string, number>;
  department: Map<string, number>;
  article20: Map<number, number>;
  year: Map<number, number>;
}

type FacetRow = { g: number; column: string | null; department: string | null; a20: number | null; year: number | null; n: bigint; seen: bigint };

/**
 * Counts per facet value, each facet counted under every other filter but not its own (so a
 * visitor who chose one column still sees how many items the others hold), in one scan — of every
 * public item when browsing, of at most `sample` matches when searching (FACET_SAMPLE, `sampled`).
 */
export async function facetCounts(o: { q?: string; filters: IndexFilters }, now = new Date(), sample = FACET_SAMPLE): Promise<FacetCounts> {
  const f = o.filters;
  // A search reads at most sample + 1 matches (the one more says there are more); browsing counts all
  // (its pages are few and kept in the page cache).
  const matched = o.q
    ? Prisma.sql`(SELECT ${COLUMNS} FROM "SearchEntry" WHERE ${matches(o.q, "")} AND "publishAt" <= ${ts(now)} LIMIT ${sample + 1}) e`
    : from({ kind: "all" });
  const run = async (tx: Tx) => {
    // Hashing five groupings of up to every public item: room to do it in memory.
    await tx.$executeRaw`SET LOCAL work_mem = '16MB'`;
    return tx.$queryRaw<FacetRow[]>`
      SELECT GROUPING(e."columnId", e."departmentId", e."article20Item", y.year)::int AS g,
             e."columnId" AS column, e."departmentId" AS department, e."article20Item" AS a20, y.year,
             CASE GROUPING(e."columnId", e."departmentId", e."article20Item", y.year)::int
               WHEN 7 THEN count(*) FILTER (WHERE ${conditions(f, now, "columnIds")})
               WHEN 11 THEN count(*) FILTER (WHERE ${conditions(f, now, "departmentId")})
               WHEN 13 THEN count(*) FILTER (WHERE ${conditions(f, now, "article20")})
               WHEN 14 THEN count(*) FILTER (WHERE ${conditions(f, now, "year")})
               ELSE count(*) FILTER (WHERE ${conditions(f, now)}) END AS n,
             count(*) AS seen
        FROM ${matched},
             LATERAL (SELECT extract(year FROM e."publishAt" + interval '8 hours')::int AS year) y
       WHERE e."publishAt" <= ${ts(now)}
       GROUP BY GROUPING SETS ((e."columnId"), (e."departmentId"), (e."article20Item"), (y.year), ())`;
  };
  const rows = o.q ? await inSearchTransaction(run) : await publicDb().$transaction(run, READ_TRANSACTION);
  const counts: FacetCounts = { total: 0, sampled: false, column: new Map(), department: new Map(), article20: new Map(), year: new Map() };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.g === 15) {
      counts.total = n;
      counts.sampled = !!o.q && Number(r.seen) > sample;
    } else if (!n) continue;
    else if (r.g === 7 && r.column) counts.column.set(r.column, n);
    else if (r.g === 11 && r.department) counts.department.set(r.department, n);
    else if (r.g === 13 && r.a20 !== null) counts.article20.set(r.a20, n);
    else if (r.g === 14 && r.year !== null) counts.year.set(r.year, n);
  }
  // The sample is read in storage order, which on a real site is roughly publication order: its
  // years would be the oldest ones. Sampled, the years offered are every year from the first public
  // item to the last (two probes of the publishAt index), without numbers.
  if (counts.sampled) counts.year = new Map((await publicYears(now)).map((y) => [y, 0]));
  return counts;
}

/** Every calendar year (Beijing) from the first public item to the newest, newest first. */
async function publicYears(now: Date): Promise<number[]> {
  const [row] = await publicDb().$queryRaw<{ first: number | null; last: number | null }[]>`
    SELECT extract(year FROM min("publishAt") + interval '8 hours')::int AS first,
           extract(year FROM max("publishAt") + interval '8 hours')::int AS last
      FROM "SearchEntry" WHERE "publishAt" <= ${ts(now)}`;
  if (row?.first == null || row.last == null) return [];
  return Array.from({ length: row.last - row.first + 1 }, (_, i) => row.last! - i);
}
