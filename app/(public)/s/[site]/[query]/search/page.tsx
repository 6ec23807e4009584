import type { Metadata } from "next";
import { SearchResults } from "@/components/public/search-results";
import { searchOfSegment } from "@/lib/domain/public-path";
import { parsePublicQuery } from "@/lib/domain/public-query";
import { currentYear } from "@/lib/server/public/site";
import { findPublicItems } from "@/lib/server/public/listing";

export const metadata: Metadata = { title: "搜索", robots: { index: false } };

/**
 * A search asked before on this instance, from the public cache (proxy.ts sends only admitted
 * searches here; lib/server/platform/search-admission.ts). The first ask, and its visitor's rate
 * limit, were /search's.
 */
export default async function CachedSearchPage({ params }: { params: Promise<{ query: string }> }) {
  const { query, notices } = parsePublicQuery(searchOfSegment((await params).query), currentYear());
  return <SearchResults result={await findPublicItems(query, notices)} />;
}
