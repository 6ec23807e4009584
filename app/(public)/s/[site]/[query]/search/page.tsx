import type { Metadata } from "next";
import { SearchResults } from "@/components/public/search-results";
import { searchOfSegment } from "@/lib/domain/public-path";
import { parsePublicQuery } from "@/lib/domain/public-query";
import { currentYear } from "@/lib/server/public/site";
import { findPublicItems } from "@/lib/server/public/listing";

export const metadata: Metadata = { title: "搜索", robots: { index: false } };

/**
 * A search from the public page cache: proxy.ts sends an ask here only when its page is held fresh
 * or a counted ask at /search paid for this render (lib/server/platform/search-admission.ts).
 */
export default async function CachedSearchPage({ params }: { params: Promise<{ query: string }> }) {
  const { query, notices } = parsePublicQuery(searchOfSegment((await params).query), currentYear());
  return <SearchResults result={await findPublicItems(query, notices)} />;
}
