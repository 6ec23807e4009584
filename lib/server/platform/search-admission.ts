/**
 * Which searches are served from the public cache (搜索结果缓存, issue 11 §2 "the first page of
 * popular searches").
 *
 * A search is the one public page whose misses are limited per visitor (RATE_LIMITS.search, issue
 * 10 §6): a miss costs the database, and a flood of made-up words must not take it down. A cached
 * page cannot count visitors — it is the same bytes for everyone and runs nothing per request — and
 * proxy.ts cannot either: it runs before Next has written the connection's address into
 * X-Forwarded-For, so with no trusted proxy in front it could only read what the client wrote
 * (lib/server/platform/request-context.ts). So a search is rendered in two places:
 * - the first ask of a search URL on this instance goes to /search, rendered per request, which
 *   counts the visitor's limit and then notes the URL here;
 * - every later ask goes to the cached page (app/(public)/s/[site]/[query]/search), rendered once
 *   per invalidation and then served from memory like any other public page — not counted, as no
 *   other cached page is, and as a shared cache in front (nginx) already served it uncounted.
 * A visitor's uncounted renders are thus at most one per counted one (a made-up word asked twice),
 * and one-off words never reach the page cache, so they cannot push the popular ones out.
 *
 * Not `server-only` and no imports: proxy.ts reaches the instance's PublicCache through globalThis,
 * as the cache handler does (importing public-cache.ts would bundle the database client into the proxy).
 */

const KEY = Symbol.for("gongkai.publicCache");

interface Admitting {
  enabled: boolean;
  wasAsked(key: string): boolean;
  askedBefore(key: string): boolean;
}

function started(): Admitting | null {
  const cache = (globalThis as { [KEY]?: Admitting })[KEY];
  return cache && cache.enabled ? cache : null;
}

/** Whether the search at this internal address was asked (and counted) before on this instance. */
export function searchAdmitted(internalPath: string): boolean {
  return started()?.wasAsked(`search-page:${internalPath}`) ?? false;
}

/** Called by /search after the visitor's limit let the search through: later asks are cached. */
export function admitSearch(internalPath: string): void {
  started()?.askedBefore(`search-page:${internalPath}`);
}
