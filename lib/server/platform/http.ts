import "server-only";

/**
 * Public responses: the same for everyone, so shared caches (a CDN, the city portal's proxy, our
 * nginx) may keep them 25 s and serve them stale 25 s more while refreshing: with the app's own
 * 5 s to learn of an invalidation, a withdrawn item is gone everywhere within a minute
 * (docs/decisions.md "Performance (issue 11): public cache"). Browsers ask again each time. The
 * same policy as the public pages in next.config.js.
 */
export const PUBLIC_CACHE = "public, max-age=0, s-maxage=25, stale-while-revalidate=25";

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": status >= 500 ? "no-store" : PUBLIC_CACHE,
      "Access-Control-Allow-Origin": "*",
    },
  });
}

export function xmlResponse(body: string, contentType = "application/xml; charset=utf-8"): Response {
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": PUBLIC_CACHE } });
}
