/**
 * Next.js's `cacheHandler` (next.config.js): where the rendered public pages (ISR, app/(public)/s/…)
 * are kept. Plain JS because Next loads it by path, outside the app bundle: it holds no state of its
 * own and works on the instance's PublicCache (lib/server/platform/public-cache.ts), which
 * instrumentation.ts starts and puts on globalThis. Before that (and during `next build`, which has
 * no database) it keeps nothing, so every page is rendered. Next makes one of these per request.
 */
const KEY = Symbol.for("gongkai.publicCache");

/** @returns {any} the started PublicCache, or null */
function started() {
  const cache = globalThis[KEY];
  return cache && cache.enabled ? cache : null;
}

/**
 * The store's key of a page: Next's is `/route-cache/APP_PAGE/{sha-256 of the route's source}/$`
 * + the page's path; the store keeps the path alone (`/s/main/…`). One path is one page, and
 * proxy.ts can then look a page up by its address (lib/server/platform/search-admission.ts) without
 * knowing how Next names its routes. Any other key is kept as it is.
 * @param {string} key
 */
export function storeKeyOf(key) {
  const match = /^\/route-cache\/APP_PAGE\/[0-9a-f]+\/\$(\/.*)$/.exec(key);
  return match ? match[1] : key;
}

/** Bytes an APP_PAGE value holds (HTML, RSC payload, prefetch segments). */
function sizeOf(value) {
  let size = 1024;
  if (typeof value.html === "string") size += Buffer.byteLength(value.html);
  else if (value.html && typeof value.html.length === "number") size += value.html.length;
  if (value.rscData) size += value.rscData.byteLength ?? 0;
  if (value.segmentData instanceof Map) for (const segment of value.segmentData.values()) size += segment.byteLength ?? 0;
  return size;
}

export default class PublicPageCacheHandler {
  constructor() {}

  async get(key) {
    const cache = started();
    if (!cache) return null;
    const entry = cache.pages.get(storeKeyOf(key));
    if (!entry) return null;
    return { lastModified: entry.storedAt, value: entry.value.data, cacheControl: entry.value.cacheControl };
  }

  async set(key, data, ctx) {
    const cache = started();
    // Only whole pages: no fetch() cache is used, and a 'use cache' entry has its own handlers.
    if (!cache || !data || data.kind !== "APP_PAGE") return;
    const path = storeKeyOf(key);
    cache.pages.set(path, { data, cacheControl: ctx?.cacheControl }, cache.tagsOf(path), sizeOf(data));
  }

  /** Invalidation is the app's (PublicCache.invalidate, shared through PostgreSQL), not Next's tags. */
  async revalidateTag() {}

  resetRequestCache() {}
}
