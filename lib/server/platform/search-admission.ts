/**
 * Which searches are served from the public page cache (搜索结果缓存, issue 11 §2 "the first page of
 * popular searches").
 *
 * A search is the one public page whose visitors are counted (RATE_LIMITS.search, issue 10 §6): a
 * miss costs the database, and a flood of made-up words must not take it down. A cached page cannot
 * count visitors — it is the same bytes for everyone and runs nothing per request — and proxy.ts
 * cannot either: it runs before Next has written the connection's address into X-Forwarded-For, so
 * with no trusted proxy in front it could only read what the client wrote
 * (lib/server/platform/request-context.ts). So a search is rendered in one of two places:
 * - by default, /search, rendered per request: it counts the visitor's limit and, when the search
 *   has succeeded, grants its URL one render in the cache (`admitSearch`);
 * - proxy.ts sends an ask to the cached page (app/(public)/s/[site]/[query]/search) only when that
 *   costs no render — the page is held, younger than the pages' revalidate, so Next serves it as
 *   it is — or when it spends such a grant (`searchFromCache`).
 * Every render of a search is thus paid for by a counted one: a visitor gets at most one uncounted
 * render per counted ask, however many searches they admit and cycle through (a held page is asked
 * to be fresh with a 5 s margin, so Next does not find it stale a moment later and render it again
 * in the background, unpaid; a listing asked with a search word is sent to /search, public-path.ts
 * searchInsteadOf). A popular search is a counted render and a cached one every 15–20 s, and a
 * memory hit for every other ask, counted by nobody — as every other cached page, and as nginx's
 * cache in front already served it. While the database is overloaded no paid render is started in
 * the cache (it would fail as a 500); /search answers those asks with a 503.
 * One-off words never reach the page cache, so they cannot push the popular searches out of it.
 *
 * No imports: proxy.ts reaches the instance's PublicCache through globalThis, as the cache handler
 * does (importing public-cache.ts would bundle the database client into the proxy).
 */

const KEY = Symbol.for("gongkai.publicCache");

/**
 * The cached pages' `revalidate` (app/(public)/s/[site]/[query]/layout.tsx, 25 s) in ms: a page
 * younger than this is served by Next without a render; an older one is served stale while Next
 * renders it again — a render, so it must be paid for.
 */
export const SEARCH_FRESH_MS = 25_000;
/**
 * Asked of a held page: younger than the revalidate by this margin, so that it is still fresh when
 * Next looks at it a moment later (a page the proxy sent on at 24.99 s and Next read at 25.01 s would
 * be served stale and rendered again in the background, unpaid).
 */
const MARGIN_MS = 5_000;
/** After /search met an overloaded database: no paid render is started in the cache for this long. */
const OVERLOAD_PAUSE_MS = 30_000;
const overloaded = Symbol.for("gongkai.searchOverloadedUntil");

interface Admitting {
  enabled: boolean;
  pages: { holds(key: string, maxAgeMs: number): boolean };
  grant(key: string): void;
  spend(key: string): boolean;
}

function started(): Admitting | null {
  const cache = (globalThis as { [KEY]?: Admitting })[KEY];
  return cache && cache.enabled ? cache : null;
}

const creditKey = (internalPath: string) => `search-render:${internalPath}`;

/**
 * Whether the ask of the search at this internal address goes to the cached page: its page is held
 * fresh (no render), or a render of it was paid for (spent here).
 */
export function searchFromCache(internalPath: string): boolean {
  const cache = started();
  if (!cache) return false;
  if (cache.pages.holds(internalPath, SEARCH_FRESH_MS - MARGIN_MS)) return true;
  // While the database is overloaded a render in the cache would fail as a 500: /search answers 503.
  const pausedUntil = (globalThis as { [overloaded]?: number })[overloaded] ?? 0;
  return Date.now() >= pausedUntil && cache.spend(creditKey(internalPath));
}

/** Called by /search when the database could not answer in time (lib/server/platform/overload.ts). */
export function noteSearchOverload(now = Date.now()): void {
  (globalThis as { [overloaded]?: number })[overloaded] = now + OVERLOAD_PAUSE_MS;
}

/** Called by /search once a counted search has succeeded: the next ask of it may render in the cache. */
export function admitSearch(internalPath: string): void {
  started()?.grant(creditKey(internalPath));
}
