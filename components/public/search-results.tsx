import Link from "next/link";
import { queryString } from "@/lib/domain/public-query";
import type { ListingResult } from "@/lib/server/public/listing";
import { Listing } from "./listing";
import { SearchBox } from "./search-box";

/**
 * A search's results (搜索结果): the same for everyone who asks the same URL, so the page around it
 * is rendered either per request (/search, a first ask) or from the public cache (an ask already
 * made, app/(public)/s/[site]/[query]/search) — proxy.ts chooses, lib/server/platform/search-admission.ts explains.
 */
export function SearchResults({ result }: { result: ListingResult }) {
  const q = result.query.q ?? "";
  const sortLink = (sort: "relevance" | "date", label: string) =>
    result.query.sort === sort ? (
      <span aria-current="true" className="font-semibold text-gray-900">
        {label}
      </span>
    ) : (
      <Link href={`/search${queryString(result.query, { sort, page: undefined })}`} className="text-gov-red underline">
        {label}
      </Link>
    );
  return (
    <Listing
      result={result}
      basePath="/search"
      heading={<>“{q}”的搜索结果</>}
      intro={
        <div className="space-y-2">
          <SearchBox q={q} id="search-page-q" label="修改搜索词" />
          <p>
            排序：{sortLink("relevance", "相关度（标题命中在前）")}　{sortLink("date", "发布时间")}
          </p>
        </div>
      }
    />
  );
}
