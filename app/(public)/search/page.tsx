import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Listing } from "@/components/public/listing";
import { SearchBox } from "@/components/public/search-box";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { parsePublicQuery, queryString } from "@/lib/domain/public-query";
import { currentYear } from "@/lib/server/public/site";
import { findPublicItems } from "@/lib/server/public/listing";
import { cachedSearch } from "@/lib/server/platform/public-cache";
import { clientKey, consumeRateLimit, RATE_LIMITS } from "@/lib/server/platform/rate-limit";
import { requestMeta } from "@/lib/server/platform/request-context";

export const metadata: Metadata = { title: "搜索", robots: { index: false } };
// Per visitor (a form token, a challenge, a rate limit): never cached, never prerendered.
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;

export default async function SearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { query, notices } = parsePublicQuery(await searchParams, currentYear());
  if (!query.q) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold text-gray-900">搜索公开信息</h1>
        {notices.length > 0 && <Alert tone="info">{notices.join(" ")}</Alert>}
        <Card>
          <SearchBox id="search-page-q" />
          <p className="mt-3 text-sm text-gray-700">
            标题和正文中的文字都可检索，两个字的词（如“科技”“项目”）即可查到；多个词用空格分开，表示同时包含。
          </p>
        </Card>
      </div>
    );
  }
  // Only searches count (the empty form costs nothing); a page cannot answer 429 itself, so the
  // refusal is sent on to /search/busy, which does (issue 10 §6).
  const limit = await consumeRateLimit(RATE_LIMITS.search, clientKey((await requestMeta()).ip));
  if (!limit.ok) redirect(`/search/busy?wait=${limit.retryAfterSeconds}`);
  // The first page of a search asked again comes from memory (public-cache.ts cachedSearch).
  const result =
    query.page === 1 ? await cachedSearch(`${queryString(query)}|${notices.join("|")}`, () => findPublicItems(query, notices)) : await findPublicItems(query, notices);
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
      heading={<>“{query.q}”的搜索结果</>}
      intro={
        <div className="space-y-2">
          <SearchBox q={query.q} id="search-page-q" label="修改搜索词" />
          <p>
            排序：{sortLink("relevance", "相关度（标题命中在前）")}　{sortLink("date", "发布时间")}
          </p>
        </div>
      }
    />
  );
}
