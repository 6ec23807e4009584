/**
 * What proxy.ts decides before Next.js sees a request (issue 10 §5, §7): the security headers, the
 * Origin check for writes, and the refusal of paths that cannot be decoded. Pure functions, so the
 * rules are unit-tested without a server.
 */
import { contentSecurityPolicy } from "./csp.mjs";

/** The console's policy: scripts only with this response's nonce, or loaded by one that has it. */
export function consoleCsp(nonce: string, development: boolean): string {
  return contentSecurityPolicy({
    // 'strict-dynamic': chunks Next's nonced bootstrap loads are trusted; 'self' then only matters to
    // browsers without CSP 3. Development needs eval for React's error overlays.
    scriptSrc: `'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // blob: the editor's image previews before upload.
    imgSrc: "'self' data: blob:",
  });
}

/**
 * HSTS only where the site really is served over HTTPS (NEXTAUTH_URL https, in production): sent
 * over plain HTTP it would lock browsers out. The other fixed headers are in next.config.js.
 */
export function strictTransportSecurity(site: URL, production: boolean): string | null {
  return production && site.protocol === "https:" ? "max-age=31536000; includeSubDomains" : null;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a write may go on: browsers send Origin with every POST, and only our own pages may post
 * (CSRF; Next's own server-action check answers a mismatch with a 500), or the origins named in
 * ALLOWED_ORIGINS (the same app reached by another address). Requests without an Origin
 * (curl, server-to-server) are left to the route's own checks. In development the loopback names of
 * the same port are one site (localhost vs 127.0.0.1 vs [::1]).
 */
export function originAllowed(method: string, origin: string | null, site: URL, production: boolean, alsoAllowed: readonly string[] = []): boolean {
  if (SAFE_METHODS.has(method.toUpperCase()) || origin === null) return true;
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false;
  }
  if (from.origin === site.origin || alsoAllowed.includes(from.origin)) return true;
  const loopback = (host: string) => host === "localhost" || host === "127.0.0.1" || host === "[::1]";
  return !production && loopback(from.hostname) && loopback(site.hostname) && from.port === site.port && from.protocol === site.protocol;
}

/**
 * Why a request target cannot be served, or null: a path segment whose percent-encoding does not
 * decode (/items/%E0%A4%A), or a NUL anywhere in the decoded path or query — PostgreSQL refuses NUL
 * in text (22021), and no real URL carries one.
 */
export function targetProblem(rawPathname: string, rawSearch: string): "encoding" | "nul" | null {
  let path: string;
  try {
    path = decodeURIComponent(rawPathname);
  } catch {
    return "encoding";
  }
  if (path.includes("\u0000")) return "nul";
  const query = rawSearch.startsWith("?") ? rawSearch.slice(1) : rawSearch;
  for (const part of query.split(/[&=]/)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part.replace(/\+/g, " "));
    } catch {
      // A malformed query value is the page's business (URLSearchParams keeps it as typed).
      continue;
    }
    if (decoded.includes("\u0000")) return "nul";
  }
  return null;
}

/** A small Chinese page for refusals made before Next.js renders anything. */
export function refusalPage(title: string, message: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem"><h1>${title}</h1><p>${message}</p><p><a href="/">返回首页</a></p></body></html>`;
}

export const REQUEST_ID_HEADER = "x-request-id";
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The id of one request: the trusted reverse proxy's `X-Request-Id` (so its access log and ours
 * line up), else a new UUID. An untrusted client's id is ignored: it would put chosen text into
 * log lines and mix its requests with someone else's.
 */
export function requestIdOf(sent: string | null | undefined, trustProxy: boolean): string {
  return trustProxy && sent && REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
}

/** One network interface as `os.networkInterfaces()` lists it. */
interface InterfaceAddress {
  address: string;
  family: string | number;
  internal: boolean;
}

/**
 * The origins by which the other computers of a LAN reach an app listening on every interface
 * (HOSTNAME=0.0.0.0) at `port`: each external address, IPv6 bracketed, link-local ones left out
 * (a browser cannot put a zone id in an origin).
 */
export function lanOrigins(interfaces: Record<string, InterfaceAddress[] | undefined>, port: number): string[] {
  const origins = new Set<string>();
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) {
      if (a.internal) continue;
      const v6 = a.family === "IPv6" || a.family === 6;
      if (v6 && a.address.toLowerCase().startsWith("fe80:")) continue;
      origins.add(`http://${v6 ? `[${a.address}]` : a.address}:${port}`);
    }
  }
  return [...origins];
}

/**
 * What next-auth 4 (app/api/auth/[...nextauth]/route.ts) cannot take and answers with a 500
 * ("There is a problem with the server configuration") instead of a 400, found by the route
 * fuzzing battery: a `callbackUrl` (query or its cookie) that its own check cannot parse as a
 * URL, and a JSON-typed POST body that is not JSON. Its check, repeated: a path is resolved
 * against the site, anything else must parse as an absolute http(s) URL.
 */
export function authRequestProblem(input: { callbackUrls: (string | null | undefined)[]; jsonBody?: string }, site: URL): string | null {
  const readable = (url: string) => {
    try {
      return /^https?:/.test(new URL(url, url.startsWith("/") ? site : undefined).protocol);
    } catch {
      return false;
    }
  };
  if (input.callbackUrls.some((url) => url && !readable(url))) return "登录后返回的地址无效。";
  if (input.jsonBody !== undefined) {
    try {
      JSON.parse(input.jsonBody);
    } catch {
      return "请求内容不是有效的 JSON。";
    }
  }
  return null;
}
