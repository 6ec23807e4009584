import "server-only";

/**
 * Public responses: the same for everyone, so shared caches (a CDN, the city portal's proxy) may
 * keep them a minute, which bounds how long a withdrawn item can linger there. Browsers ask again
 * each time. The same policy as the public pages in next.config.js.
 */
export const PUBLIC_CACHE = "public, max-age=0, s-maxage=60, stale-while-revalidate=60";

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
