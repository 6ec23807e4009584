import { NextResponse, type NextRequest } from "next/server";
import { consoleCsp, originAllowed, refusalPage, REQUEST_ID_HEADER, requestIdOf, strictTransportSecurity, targetProblem } from "@/lib/domain/edge";
import { chinaYear } from "@/lib/domain/dates";
import { firstValues, internalPath, internalSearchPath, INTERNAL_PREFIX, publicSearchOf, searchInsteadOf, searchInsteadOfInternal } from "@/lib/domain/public-path";
import { env, siteUrl } from "@/lib/env";
import { searchFromCache } from "@/lib/server/platform/search-admission";

/**
 * The edge of the app (Next.js 16 "proxy", formerly middleware; issue 10 §5, §7). It protects no
 * data (STYLE: authorisation lives in authz.ts) — it only:
 * - refuses request targets that cannot be decoded or carry NUL (400, before any page or query sees them);
 * - refuses writes posted from another origin (403; Next's own server-action check answers a 500);
 * - drops a client-sent X-Forwarded-For when no proxy of ours is trusted, so that Next fills it with
 *   the connection's address (lib/server/platform/request-context.ts explains why);
 * - gives every console page a fresh nonce and a CSP that admits only scripts carrying it;
 * - rewrites the cached public pages to their internal address (lib/domain/public-path.ts), and a
 *   search when that costs no uncounted render (lib/server/platform/search-admission.ts).
 * Public pages keep next.config.js's cacheable policy (no per-request nonce, see docs/decisions.md).
 */
export async function proxy(request: NextRequest) {
  const url = new URL(request.url);
  // The health probes answer even when everything else is refused (exactly these two paths).
  if (url.pathname === "/api/health" || url.pathname === "/api/ready") return NextResponse.next();
  const production = env().NODE_ENV === "production";
  const site = siteUrl();

  const problem = targetProblem(url.pathname, url.search);
  if (problem) return refuse(400, "地址无效", problem === "nul" ? "地址中含有不允许的字符。" : "地址的编码无效，请检查链接是否完整。");
  if (!originAllowed(request.method, request.headers.get("origin"), site, production, env().ALLOWED_ORIGINS)) {
    return refuse(403, "请求来源无效", "只能从本网站的页面提交。请回到本网站，刷新页面后重试。");
  }

  // A server action's body that its own decoder cannot read is a 500 inside Next: refuse it here.
  if (request.method === "POST" && request.headers.has("next-action") && (await actionBodyUnreadable(request))) {
    return refuse(400, "提交的内容无效", "提交的内容无法识别。请回到本网站的页面，刷新后重新提交。");
  }

  const requestHeaders = new Headers(request.headers);
  const trustProxy = env().TRUSTED_PROXY_COUNT > 0;
  if (!trustProxy) requestHeaders.delete("x-forwarded-for");
  // One id per request for the JSON log (lib/server/platform/log.ts): the trusted proxy's, else ours.
  const requestId = requestIdOf(request.headers.get(REQUEST_ID_HEADER), trustProxy);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  const responseHeaders: Record<string, string> = { "X-Request-Id": requestId };
  const hsts = strictTransportSecurity(site, production);
  if (hsts) responseHeaders["Strict-Transport-Security"] = hsts;

  if (url.pathname === "/console" || url.pathname.startsWith("/console/")) {
    const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
    const csp = consoleCsp(nonce, !production);
    // Next reads the nonce from the request's CSP header and puts it on its own scripts.
    requestHeaders.set("content-security-policy", csp);
    responseHeaders["Content-Security-Policy"] = csp;
  }

  // The cached public pages (issue 11 §2; lib/domain/public-path.ts): their internal address is
  // not advertised; their public URLs are rewritten to it (the query string kept for Next's own checks).
  // The internal address itself passes untouched: a visitor who types it sees exactly what the
  // public URL shows, from the same cache.
  // A search goes to its cached page only when that costs no render or spends one a counted ask
  // paid for (lib/server/platform/search-admission.ts); its internal address typed otherwise goes
  // to its public URL, which counts the visitor's limit.
  const reading = request.method === "GET" || request.method === "HEAD";
  const response = (() => {
    if (url.pathname.startsWith(INTERNAL_PREFIX)) {
      const publicSearch = publicSearchOf(url.pathname) ?? searchInsteadOfInternal(url.pathname);
      if (publicSearch && !(url.pathname.endsWith("/search") && searchFromCache(url.pathname))) return NextResponse.redirect(new URL(publicSearch, request.nextUrl), 307);
      return NextResponse.next({ request: { headers: requestHeaders } });
    }
    // A listing asked with a search word is a search (counted at /search).
    const asSearch = reading ? searchInsteadOf(url.pathname, url.searchParams) : null;
    if (asSearch) return NextResponse.redirect(new URL(asSearch, request.nextUrl), 307);
    const search = reading && url.pathname === "/search" ? internalSearchPath(firstValues(url.searchParams), chinaYear(new Date())) : null;
    const cached = !reading ? null : search ? (searchFromCache(search) ? search : null) : internalPath(url.pathname, url.searchParams);
    return cached ? NextResponse.rewrite(internalUrl(request, cached), { request: { headers: requestHeaders } }) : NextResponse.next({ request: { headers: requestHeaders } });
  })();
  for (const [key, value] of Object.entries(responseHeaders)) response.headers.set(key, value);
  return response;
}

/**
 * The rewrite target on Next's own origin, so that Next renders it in this process. Next compares
 * it with the origin it built for the request; for `-H 127.0.0.1` the two differed (`localhost`
 * here, 127.0.0.1 there) and every cached page was proxied over HTTP to this same server — twice
 * the work, and a 500 behind a TLS proxy. patches/next+16.4.6.patch is upstream's fix
 * (vercel/next.js#94745); tests/e2e/security-edge.spec.ts fails without it.
 */
function internalUrl(request: NextRequest, pathname: string) {
  const target = request.nextUrl.clone();
  target.pathname = pathname;
  return target;
}

/**
 * Whether a server action's body is unreadable as what its Content-Type says: a form (multipart) or
 * React's encoded reply (JSON text). Read from a copy; the action itself still gets the original.
 * Action bodies are at most 6 MB (next.config.js serverActions.bodySizeLimit), well within the
 * 10 MB Next buffers for the proxy, so the copy is always whole.
 */
async function actionBodyUnreadable(request: NextRequest): Promise<boolean> {
  const type = request.headers.get("content-type") ?? "";
  try {
    if (type.toLowerCase().startsWith("multipart/form-data")) await request.clone().formData();
    else JSON.parse(await request.clone().text());
    return false;
  } catch {
    return true;
  }
}

function refuse(status: number, title: string, message: string) {
  return new NextResponse(refusalPage(title, message), {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export const config = {
  // Not: Next's content-hashed build files and image optimiser, and the two icons. Nothing else is
  // skipped by its name — a path such as /console/items/x.js must not escape the checks above.
  matcher: ["/((?!_next/static/|_next/image|favicon\\.ico|icon\\.svg).*)"],
};
