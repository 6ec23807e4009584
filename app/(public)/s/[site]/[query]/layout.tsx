import { notFound } from "next/navigation";
import { isCanonicalSegment, PUBLIC_SITE } from "@/lib/domain/public-path";

/**
 * The cached public pages (issue 11 §2; lib/domain/public-path.ts explains the address). No
 * parameters are known at build time (the build has no database), so every page is rendered on its
 * first request and then kept by lib/cache/public-page-handler.mjs until a write invalidates it
 * (lib/server/platform/public-cache.ts). Nothing here may read a cookie, a header or the session:
 * the same bytes go to everyone.
 */
export const dynamicParams = true;
/** A re-render in the background at most every 25 s that a page is asked for: a safety net under the tags. */
export const revalidate = 25;

export function generateStaticParams(): { site: string; query: string }[] {
  return [];
}

export default async function CachedPublicLayout({ children, params }: { children: React.ReactNode; params: Promise<{ site: string; query: string }> }) {
  const { site, query } = await params;
  if (site !== PUBLIC_SITE || !isCanonicalSegment(query)) notFound();
  return children;
}
