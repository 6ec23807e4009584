import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SearchBox } from "@/components/public/search-box";
import { SearchResults } from "@/components/public/search-results";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { internalSearchPath } from "@/lib/domain/public-path";
import { parsePublicQuery } from "@/lib/domain/public-query";
import { currentYear } from "@/lib/server/public/site";
import { findPublicItems } from "@/lib/server/public/listing";
import { clientKey, consumeRateLimit, RATE_LIMITS } from "@/lib/server/platform/rate-limit";
import { requestMeta } from "@/lib/server/platform/request-context";
import { isOverloaded } from "@/lib/server/platform/overload";
import { admitSearch, noteSearchOverload } from "@/lib/server/platform/search-admission";

/** How long a visitor is asked to wait when the database could not answer a search in time. */
const BUSY_RETRY_SECONDS = 30;

export const metadata: Metadata = { title: "搜索", robots: { index: false } };
// The empty form, and every ask of a search that is not served from the page cache (counted per
// visitor): rendered per request. proxy.ts sends the others to app/(public)/s/[site]/[query]/search
// (lib/server/platform/search-admission.ts).
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;

export default async function SearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const { query, notices } = parsePublicQuery(params, currentYear());
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
  // At 1,000,000 items a common word costs seconds: when the database cannot keep up, the visitor
  // is told to come back (503, /search/busy), not shown an error (a 500).
  const result = await findPublicItems(query, notices).catch((error: unknown) => {
    if (!isOverloaded(error)) throw error;
    noteSearchOverload();
    return null;
  });
  if (!result) redirect(`/search/busy?wait=${BUSY_RETRY_SECONDS}&cause=load`);
  // Paid for by this counted ask: the next ask of the same search may be rendered in the cache.
  const internal = internalSearchPath(params, currentYear());
  if (internal) admitSearch(internal);
  return <SearchResults result={result} />;
}
