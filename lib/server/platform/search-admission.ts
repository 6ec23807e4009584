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
 * render per counted ask, however many searches they admit and cycle through. A popular search is
 * one counted render and one cached render every 25 s or so, and a memory hit for every other ask,
 * counted by nobody — as every other cached page, and as nginx's cache in front already served it.
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
  return cache.pages.holds(internalPath, SEARCH_FRESH_MS) || cache.spend(creditKey(internalPath));
}

/** Called by /search once a counted search has succeeded: the next ask of it may render in the cache. */
export function admitSearch(internalPath: string): void {
  started()?.grant(creditKey(internalPath));
}
