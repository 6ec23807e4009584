import { parsePublicQuery, queryString } from "./public-query";

/**
 * The public pages served from the cache (issue 11 §2) live at an internal address,
 * `/s/{site}/{query}/…` (app/(public)/s/[site]/[query]), to which proxy.ts rewrites their public
 * URLs. Why: a page that reads `searchParams` is rendered per request, and a route without a
 * dynamic segment would be prerendered by `next build`, which has no database. With the query
 * string folded into a path segment whose generateStaticParams returns [], every page is rendered
 * on its first request and then kept (ISR), and `?page=N` etc. still work. `{site}` is the
 * bureau's site key — one today; a city's platform (集约化) would put each bureau's key there.
 * Public URLs do not change; an internal address that internalPath would not make is a 404
 * (isCanonicalSegment, in the pages' layout).
 */

export const PUBLIC_SITE = "main";
export const INTERNAL_PREFIX = "/s/";

/**
 * The query parameters a public page reads (lib/domain/public-query.ts, the annual report's
 * version). Others are dropped: they change nothing, and each variant would be one more entry.
 */
const KEYS = ["article20", "column", "department", "page", "q", "sort", "version", "year"] as const;
/** Longer values are cut (a search word is cut to far less by parsePublicQuery, with a notice). */
const VALUE_MAX = 200;

/** The public paths whose pages are cached, and nothing under them that is not a page. */
const CACHED_PAGE = /^\/(?:|browse|guide|system|annual-reports|annual-reports\/[^/]+|columns\/[^/]+|items\/[^/]+)$/;

/** The cached pages that list items (lib/server/public/listing.ts findPublicItems) and so would search by `q`. */
const LISTING = /^\/(?:browse|system|annual-reports|columns\/[^/]+)$/;

const withoutSlash = (pathname: string) => (pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname);

/**
 * The internal address of a cached public page, or null when the path is not one (or is a listing
 * asked with a search word: see searchInsteadOf). Pages that list nothing ignore `q`: it is dropped,
 * so `/items/x?q=…` is not one more entry per word.
 */
export function internalPath(pathname: string, search: URLSearchParams): string | null {
  const path = withoutSlash(pathname);
  if (!CACHED_PAGE.test(path) || searchInsteadOf(path, search)) return null;
  const kept = new URLSearchParams(search);
  kept.delete("q");
  return `${INTERNAL_PREFIX}${PUBLIC_SITE}/${querySegment(kept)}${path === "/" ? "" : path}`;
}

/**
 * A listing asked with a search word (`/browse?q=…`, `/columns/X?q=…`) is a search: its URL at
 * /search (the column kept), where every search is counted against its visitor's limit and cached
 * only as search-admission.ts allows. Null for anything else.
 */
export function searchInsteadOf(pathname: string, search: URLSearchParams): string | null {
  const path = withoutSlash(pathname);
  if (!search.get("q")?.trim() || !LISTING.test(path)) return null;
  const params = new URLSearchParams(search);
  const column = /^\/columns\/([^/]+)$/.exec(path)?.[1];
  if (column) params.set("column", safeDecode(column));
  return `/search?${params}`;
}

/** The same for an internal address (`/s/main/{query}/browse`, typed by hand), or null. */
export function searchInsteadOfInternal(pathname: string): string | null {
  const match = /^\/s\/[^/]+\/([^/]+)(\/.*)?$/.exec(pathname);
  if (!match || match[2] === "/search") return null;
  return searchInsteadOf(match[2] ?? "/", new URLSearchParams(searchOfSegment(match[1])));
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The internal address of a search page (`/search?q=…`), or null when it is not to be cached: the
 * empty form, and a search whose parameters parsePublicQuery had to correct (a word cut to length,
 * an invalid filter — it says so on the page, per request). The address is built from the parsed
 * query, so every spelling of one search is one entry, and the cached page searches exactly what
 * the first ask did. Searches are cached only once admitted
 * (lib/server/platform/search-admission.ts), which is why they are not among CACHED_PAGE.
 */
export function internalSearchPath(params: Record<string, string | string[] | undefined>, year: number): string | null {
  const { query, notices } = parsePublicQuery(params, year);
  if (!query.q || notices.length) return null;
  return `${INTERNAL_PREFIX}${PUBLIC_SITE}/${querySegment(new URLSearchParams(queryString(query)))}/search`;
}

/** A query string as a page's `searchParams` has it (each key once, its first value, as URLSearchParams.get reads). */
export function firstValues(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of search.keys()) out[key] ??= search.get(key)!;
  return out;
}

/** The public URL of an internal search address (for a visitor who typed the internal one), or null. */
export function publicSearchOf(pathname: string): string | null {
  const match = /^\/s\/[^/]+\/([^/]+)\/search\/?$/.exec(pathname);
  if (!match) return null;
  const text = new URLSearchParams(searchOfSegment(match[1])).toString();
  return text ? `/search?${text}` : "/search";
}

/** `_` for no parameters, else `q` + base64url of the sorted, known parameters. */
export function querySegment(search: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const key of KEYS) {
    const value = search.get(key);
    if (value !== null) kept.set(key, value.slice(0, VALUE_MAX));
  }
  const text = kept.toString();
  return text ? `q${Buffer.from(text, "utf8").toString("base64url")}` : "_";
}

/** The parameters a segment carries, as a page's `searchParams` would have them. */
export function searchOfSegment(segment: string): Record<string, string> {
  // 8 values of at most 200 characters, percent-encoded (up to 9 bytes each), in base64: < 20,000.
  if (!segment.startsWith("q") || !/^q[A-Za-z0-9_-]{1,20000}$/.test(segment)) return {};
  const params = new URLSearchParams(Buffer.from(segment.slice(1), "base64url").toString("utf8"));
  const out: Record<string, string> = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value !== null) out[key] = value;
  }
  return out;
}

/**
 * Whether a segment is the one internalPath makes for its parameters: any other spelling of the
 * same query (or none) is refused by the cached pages' layout, so `/s/main/zzz1/browse`,
 * `zzz2`, … cannot render a fresh copy each and push the popular pages out of the cache.
 */
export function isCanonicalSegment(segment: string): boolean {
  return segment === "_" || querySegment(new URLSearchParams(searchOfSegment(segment))) === segment;
}
