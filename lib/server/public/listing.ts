import "server-only";
import { plainBody } from "@/lib/domain/search-text";
import { PAGE_MAX, PAGE_SIZE, type PublicFilters, type PublicQuery } from "@/lib/domain/public-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import { publicDb } from "@/lib/server/platform/read-replica";
import { publicItemWhere } from "@/lib/server/items/publication";
import { descendantIds, listPublicColumns, listPublicDepartments, type PublicColumn } from "./site";
import { browseIndex, facetCounts, searchIndex, type FacetCounts, type Hit, type IndexFilters } from "./search";
import { singleFlight } from "@/lib/server/platform/single-flight";

/**
 * Lists of public items: browse by facet, search, the newest. lib/server/public/search.ts says which
 * ids in which order; the items themselves are loaded here through publicItemWhere(), so an id
 * the rule refuses is left out, never shown.
 */

export { PAGE_SIZE };
export const SEARCH_PAGE_SIZE = 10;

const listSelect = (withBody: boolean) =>
  ({
    id: true,
    indexNumber: true,
    publishAt: true,
    department: { select: { code: true, name: true } },
    column: { select: { code: true, name: true } },
    publishedRevision: {
      select: { title: true, documentNumber: true, publisher: true, bodyText: withBody, bodyHtml: withBody },
    },
  }) satisfies Prisma.DisclosureItemSelect;

export interface PublicListItem {
  id: string;
  title: string;
  indexNumber: string;
  publishedAt: Date;
  department: string;
  departmentCode: string;
  publisher: string;
  column: string;
  columnCode: string;
  documentNumber: string | null;
  /** Plain text of the body, only when searching (for the snippet). */
  body?: string;
  /** 1 when only the body matched a search. */
  rank?: 0 | 1;
}

/** Loads hits through the one rule; an id it refuses is left out, never shown. */
export async function loadHits(hits: Pick<Hit, "id" | "rank">[], now: Date, withBody = false): Promise<PublicListItem[]> {
  if (!hits.length) return [];
  const rows = await publicDb().disclosureItem.findMany({
    where: { AND: [publicItemWhere(now), { id: { in: hits.map((h) => h.id) } }] },
    select: listSelect(withBody),
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((h) => {
    const r = byId.get(h.id);
    if (!r) return [];
    const rev = r.publishedRevision!;
    return [
      {
        id: r.id,
        title: rev.title,
        indexNumber: r.indexNumber!,
        publishedAt: r.publishAt!,
        department: r.department.name,
        departmentCode: r.department.code,
        publisher: rev.publisher || r.department.name,
        column: r.column.name,
        columnCode: r.column.code,
        documentNumber: rev.documentNumber,
        rank: h.rank,
        ...(withBody ? { body: plainBody(rev.bodyText ?? "", rev.bodyHtml ?? "") } : {}),
      },
    ];
  });
}

/** The newest public items, optionally of one column (and its sub-columns): home page, feeds. */
export async function listLatest(options: { columnCode?: string; limit: number }, now = new Date()) {
  let columnIds: string[] | undefined;
  if (options.columnCode) {
    const columns = await listPublicColumns();
    const column = columns.find((c) => c.code === options.columnCode);
    if (!column) return null;
    columnIds = descendantIds(columns, column.id);
  }
  const { total, hits } = await browseIndex({ filters: { columnIds }, limit: options.limit }, now);
  return { total, items: await loadHits(hits, now) };
}

/** Page `page` of the newest public items, optionally of one column. */
export async function listPublishedItems(options: { page?: number; columnCode?: string } = {}, now = new Date()) {
  const page = Math.max(1, Math.min(PAGE_MAX, Math.trunc(options.page ?? 1) || 1));
  let columnIds: string[] | undefined;
  if (options.columnCode) {
    const columns = await listPublicColumns();
    const column = columns.find((c) => c.code === options.columnCode);
    columnIds = column ? descendantIds(columns, column.id) : [];
  }
  const found = await browseIndex({ filters: { columnIds }, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, now);
  return { page, total: found.total, pageCount: Math.max(1, Math.ceil(found.total / PAGE_SIZE)), items: await loadHits(found.hits, now) };
}

export interface Catalog {
  columns: PublicColumn[];
  departments: { id: string; code: string; name: string }[];
}

export async function loadCatalog(): Promise<Catalog> {
  const [columns, departments] = await Promise.all([listPublicColumns(), listPublicDepartments()]);
  return { columns, departments };
}

/** Facet codes → index filters; unknown codes are dropped with a notice. */
export function resolveFilters(filters: PublicFilters, catalog: Catalog): { index: IndexFilters; applied: PublicFilters; notices: string[] } {
  const notices: string[] = [];
  const applied: PublicFilters = { article20: filters.article20, year: filters.year };
  const index: IndexFilters = { article20: filters.article20, year: filters.year };
  if (filters.column) {
    const column = catalog.columns.find((c) => c.code === filters.column);
    if (column) {
      index.columnIds = descendantIds(catalog.columns, column.id);
      applied.column = column.code;
    } else notices.push(`未找到栏目“${filters.column}”，已显示全部栏目的信息。`);
  }
  if (filters.department) {
    const department = catalog.departments.find((d) => d.code === filters.department);
    if (department) {
      index.departmentId = department.id;
      applied.department = department.code;
    } else notices.push(`未找到发布机构“${filters.department}”，已显示全部发布机构的信息。`);
  }
  return { index, applied, notices };
}

export interface ListingResult {
  query: PublicQuery;
  notices: string[];
  items: PublicListItem[];
  total: number;
  /** There are more than `total` (a search of more than FACET_SAMPLE matches; `total` is TOTAL_CAP). */
  totalCapped: boolean;
  /** How many of them the pages reach (PAGE_MAX pages). */
  pageable: number;
  page: number;
  pageCount: number;
  pageSize: number;
  facets: FacetCounts;
  catalog: Catalog;
}

/**
 * One page of the browse or search listing with its facet counts. Out-of-range pages show the
 * last page and say so. Asked as of now (no `now`), identical listings asked at the same moment
 * share one run (single-flight.ts): at 1,000,000 items the facet counts of a common word take
 * seconds, and ten visitors asking it together must not make ten of them.
 */
export interface ListingOptions {
  /** A section bound to its column (栏目页): a column that does not exist lists nothing. */
  columnRequired?: boolean;
  /** FACET_SAMPLE, smaller in tests. */
  facetSample?: number;
}

export function findPublicItems(query: PublicQuery, notices: string[], now?: Date, options: ListingOptions = {}): Promise<ListingResult> {
  if (now) return listPublicItems(query, notices, now, options);
  return singleFlight(`listing:${JSON.stringify([query, notices, options])}`, () => listPublicItems(query, notices, new Date(), options));
}

async function listPublicItems(query: PublicQuery, notices: string[], now: Date, options: ListingOptions): Promise<ListingResult> {
  const catalog = await loadCatalog();
  const resolved = resolveFilters(query, catalog);
  if (options.columnRequired && !resolved.applied.column) {
    // A section bound to a column that does not exist (yet) shows nothing rather than everything.
    resolved.index.columnIds = [];
    resolved.notices.splice(0, resolved.notices.length, "本栏目尚未设置，暂无内容。");
  }
  const applied: PublicQuery = { ...query, column: resolved.applied.column, department: resolved.applied.department };
  const all = [...notices, ...resolved.notices];
  const pageSize = query.q ? SEARCH_PAGE_SIZE : PAGE_SIZE;
  const run = (page: number) => {
    const offset = (page - 1) * pageSize;
    return query.q
      ? searchIndex({ q: query.q, filters: resolved.index, sort: query.sort, limit: pageSize, offset }, now)
      : browseIndex({ filters: resolved.index, limit: pageSize, offset }, now);
  };
  const [firstTry, facets] = await Promise.all([run(query.page), facetCounts({ q: query.q, filters: resolved.index }, now, options.facetSample)]);
  let result = firstTry;
  // The facet scan counts every match exactly unless it had to sample them (a search of more than
  // FACET_SAMPLE matches): then the index query's count, exact up to TOTAL_CAP, is the total.
  const total = facets.sampled ? firstTry.total : facets.total;
  const totalCapped = facets.sampled && firstTry.capped;
  const pageCount = Math.max(1, Math.min(PAGE_MAX, Math.ceil(total / pageSize)));
  let page = query.page;
  if (page > pageCount) {
    all.push(`第 ${page} 页不存在（共 ${pageCount} 页），已显示最后一页。`);
    page = pageCount;
    result = await run(page);
  }
  return {
    query: { ...applied, page },
    notices: all,
    items: await loadHits(result.hits, now, !!query.q),
    total,
    totalCapped,
    pageable: Math.min(total, PAGE_MAX * pageSize),
    page,
    pageCount,
    pageSize,
    facets,
    catalog,
  };
}
