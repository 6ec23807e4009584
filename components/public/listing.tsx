import { queryString, type PublicQuery } from "@/lib/domain/public-query";
import { searchTerms } from "@/lib/domain/search-text";
import type { ListingResult } from "@/lib/server/public/listing";
import { Alert } from "@/components/ui/alert";
import { Facets, type FacetHref } from "./facets";
import { ItemList } from "./item-list";
import { Pagination } from "./pagination";

/**
 * A page of public items with its filters: 法定主动公开内容, a column, the search results. Every
 * state is a URL: filters and page live in the query string, defaults left out.
 */
export function Listing({
  result,
  basePath,
  heading,
  intro,
  fixedColumn,
  showFacets = true,
  emptyText,
  headerExtra,
}: {
  result: ListingResult;
  basePath: string;
  heading: React.ReactNode;
  intro?: React.ReactNode;
  /** The column is in the path (/columns/{code}), not in the query string. */
  fixedColumn?: string;
  showFacets?: boolean;
  emptyText?: string;
  headerExtra?: React.ReactNode;
}) {
  const { query } = result;
  const inQuery: Partial<PublicQuery> = fixedColumn ? { ...query, column: undefined } : query;
  const url = (overrides: Record<string, string | number | undefined>) => `${basePath}${queryString(inQuery, overrides)}`;
  const facetHref: FacetHref = (change) => {
    if (fixedColumn && "column" in change) {
      const target = change.column ?? undefined;
      const path = target ? `/columns/${encodeURIComponent(String(target))}` : "/browse";
      return `${path}${queryString({ ...inQuery, page: 1 }, { page: undefined })}`;
    }
    return url({ ...change, page: undefined });
  };
  const terms = query.q ? searchTerms(query.q) : [];
  const list = (
    <section aria-labelledby="results-heading" className="min-w-0 rounded-lg border border-gray-200 bg-white shadow-sm">
      <header className="flex flex-wrap items-baseline justify-between gap-2 border-b border-gray-200 px-5 py-3">
        <h2 id="results-heading" className="text-base font-semibold text-gray-900">
          {query.q ? "搜索结果" : "信息列表"}
        </h2>
        <p className="text-sm text-gray-700" role="status">
          {result.totalCapped ? `共 ${result.total} 条以上` : `共 ${result.total} 条`}
          {query.q && result.total > 0 && (query.sort === "relevance" ? "，标题命中在前" : "，按发布时间排列")}
        </p>
      </header>
      <div className="px-5 py-2">
        {(result.pageable < result.total || result.totalCapped) && (
          <p className="py-2 text-sm text-gray-700">结果较多，仅可翻阅前 {result.pageable} 条，请增加关键词或选择筛选条件缩小范围。</p>
        )}
        <ItemList items={result.items} terms={terms} emptyText={emptyText ?? (query.q ? "没有找到符合条件的信息，请换一个关键词或减少筛选条件。" : "暂无符合条件的公开信息。")} />
        <Pagination page={result.page} pageCount={result.pageCount} href={(p) => url({ page: p })} />
      </div>
    </section>
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-gray-900">{heading}</h1>
          {intro && <div className="mt-1 max-w-3xl text-sm leading-relaxed text-gray-700">{intro}</div>}
        </div>
        {headerExtra}
      </div>
      {result.notices.length > 0 && (
        <Alert tone="info">
          <ul className="list-disc ps-5">
            {result.notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </Alert>
      )}
      {showFacets ? (
        <div className="grid gap-6 lg:grid-cols-[1fr_19rem]">
          {list}
          <Facets query={query} facets={result.facets} catalog={result.catalog} href={facetHref} showColumns />
        </div>
      ) : (
        list
      )}
    </div>
  );
}
