import { expect, test as base, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { chinaYear } from "@/lib/domain/dates";
import { internalSearchPath } from "@/lib/domain/public-path";
import { test } from "./console-helpers";

/**
 * Issue 10 §5–§7 over real HTTP against the built app: the console's nonce CSP (and an injected
 * inline script that does not run), the public policy, the probes that used to answer 500, the
 * Origin check, and a forged X-Forwarded-For that buys no fresh rate-limit budget.
 */

const scriptSrc = (csp: string | null) => (csp ?? "").split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";

test.describe("Content-Security-Policy", () => {
  base("the console answers with a fresh nonce policy without 'unsafe-inline' for scripts, and Next's scripts carry the nonce", async ({ request }) => {
    const first = await request.get("/console/login");
    const second = await request.get("/console/login");
    const csp = first.headers()["content-security-policy"];
    const src = scriptSrc(csp);
    expect(src).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'$/);
    expect(src).not.toContain("unsafe-inline");
    expect(src).not.toContain("unsafe-eval");
    const nonce = /'nonce-([^']+)'/.exec(src)![1];
    expect(scriptSrc(second.headers()["content-security-policy"])).not.toContain(nonce);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  base("public pages keep a cacheable policy: no nonce, no inline event handlers", async ({ request }) => {
    for (const path of ["/", "/apply", "/search?q=科技"]) {
      const csp = (await request.get(path)).headers()["content-security-policy"];
      expect(csp, path).toContain("script-src-attr 'none'");
      expect(csp, path).not.toContain("nonce-");
      expect(csp, path).toContain("frame-ancestors 'none'");
    }
  });

  base("Permissions-Policy everywhere; no HSTS over plain http", async ({ request }) => {
    for (const path of ["/", "/console/login"]) {
      const headers = (await request.get(path)).headers();
      expect(headers["permissions-policy"], path).toContain("camera=()");
      expect(headers["strict-transport-security"], path).toBeUndefined();
    }
  });

  test("an inline script that reached a console page (as a stored value might) does not run, and a violation is reported", async ({ signIn }) => {
    const page = await signIn("liaison.gx");
    await page.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(e.effectiveDirective));
    });
    // The page as if a stored field had been rendered raw: an inline <script> and an onerror handler.
    await page.route("**/console", async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(
        "</body>",
        `<script>window.__injected = 1</script><img src="/nonexistent.png" onerror="window.__injected = 2"></body>`,
      );
      await route.fulfill({ response, body });
    });
    await page.goto("/console");
    await expect(page.getByTestId("current-user")).toBeVisible();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toContain("script-src-elem");
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
  });
});

test.describe("zero 500s: malformed targets and action bodies", () => {
  const probes = [
    "/items/%E0%A4%A",
    "/browse/%ZZ",
    "/items/%",
    "/columns/%E0%A4%A",
    "/annual-reports/%ZZ",
    "/items/abc%00def",
    "/items/%00",
    "/columns/%00/feed.xml",
    "/annual-reports/2024%00",
    "/console/items/%00",
    "/console/items/%E0%A4%A",
    "/console/requests/%00",
    "/search?q=%00",
    "/search?q=%E0%A4%A",
    "/browse?column=%00",
    "/api/v1/items/%00",
    "/api/v1/items/%E0%A4%A",
    "/api/v1/items?q=%00",
    "/api/v1/reports/%00",
    "/sitemaps/%00",
  ];
  for (const path of probes) {
    base(`GET ${path} is not a 5xx`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBeLessThan(500);
    });
  }

  // next-auth itself answers these with 500 "a problem with the server configuration" (route fuzzing).
  base("next-auth's endpoints answer an unreadable callbackUrl and a JSON body that is not JSON with a Chinese 400", async ({ request, baseURL }) => {
    const badCallback = await request.get("/api/auth/session?callbackUrl=-7.4e-323");
    expect(badCallback.status()).toBe(400);
    expect(((await badCallback.json()) as { error: string }).error).toBe("登录后返回的地址无效。");
    const garbage = await request.post("/api/auth/callback/credentials", { headers: { origin: baseURL!, "content-type": "application/json" }, data: Buffer.from([0xc3, 0x28, 0xff, 0xfe]) });
    expect(garbage.status()).toBe(400);
    expect(((await garbage.json()) as { error: string }).error).toBe("请求内容不是有效的 JSON。");
  });

  base("an undecodable path is a 400 with a Chinese page", async ({ request }) => {
    const response = await request.get("/items/%E0%A4%A");
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain("地址的编码无效");
  });
});

/** The id and body of the /track form's server action, as the browser sends them. */
async function trackActionRequest(page: Page) {
  await page.goto("/track");
  const sent = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await page.getByLabel("查询码").fill("PROBECODE");
  await page.getByRole("button", { name: /查询/ }).first().click();
  const request = await sent;
  return { id: request.headers()["next-action"], contentType: request.headers()["content-type"], body: request.postDataBuffer()! };
}

const post = (request: APIRequestContext, path: string, headers: Record<string, string>, data: Buffer | string) =>
  request.post(path, { headers, data, maxRedirects: 0 });

base.describe("server actions", () => {
  base("garbage bodies, a wrong action id and NUL in a field are not 5xx; another origin is a 403", async ({ page, request, baseURL }) => {
    const action = await trackActionRequest(page);
    const origin = baseURL!;
    const same = { origin, "next-action": action.id, "content-type": action.contentType };

    const nul = Buffer.from(action.body.toString("latin1").replace("PROBECODE", "PRO\u0000BE"), "latin1");
    expect((await post(request, "/track", same, nul)).status(), "NUL in a field").toBeLessThan(500);

    const garbage = [
      ["garbage text body", { ...same, "content-type": "text/plain;charset=UTF-8" }, "[[[{"],
      ["a wrong action id", { ...same, "next-action": "00".repeat(21) }, action.body],
      ["an action id that is not hex", { ...same, "next-action": "<script>" }, action.body],
    ] as const;
    for (const [what, headers, body] of garbage) {
      expect((await post(request, "/track", headers, body)).status(), what).toBeLessThan(500);
    }

    const foreign = await post(request, "/track", { ...same, origin: "https://evil.example" }, action.body);
    expect(foreign.status()).toBe(403);
    expect(await foreign.text()).toContain("请求来源无效");
  });
});

base.describe("server actions: malformed multipart", () => {
  // Next's server-action decoder answers 500 to these; proxy.ts refuses them first with a 400.
  base("garbage multipart bodies are not 5xx", async ({ page, request, baseURL }) => {
    const action = await trackActionRequest(page);
    const same = { origin: baseURL!, "next-action": action.id };
    expect((await post(request, "/track", { ...same, "content-type": "multipart/form-data; boundary=xyz" }, "--xyz\r\nnot a part\r\n--")).status()).toBeLessThan(500);
    expect((await post(request, "/track", { ...same, "content-type": "multipart/form-data" }, "abc")).status()).toBeLessThan(500);
  });
});

base.describe("client address", () => {
  // The e2e server trusts one proxy (scripts/e2e-server.ts): the address is the entry that proxy
  // appends, the right-most, and whatever a client writes before it changes nothing.
  base("a forged X-Forwarded-For buys no fresh budget: the JSON API answers 429 with Retry-After", async ({ request }) => {
    base.setTimeout(150_000);
    let refused: APIResponse | null = null;
    for (let i = 0; i < 200 && !refused; i++) {
      const response = await request.get("/api/v1/departments", { headers: { "x-forwarded-for": `198.51.100.${i % 250}, 203.0.113.77` } });
      if (response.status() === 429) refused = response;
      else expect(response.status()).toBe(200);
    }
    if (!refused) throw new Error("the API limit did not hold although every request came from one address");
    const retryAfter = Number(refused.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: string }).error).toMatch(/操作过于频繁/);
    // No wait for the window to pass: the spent budget is 203.0.113.77's, an address no other spec
    // (nor the security batteries after them) sends from, so nobody else meets this 429.
  });
});

base.describe("searches: the first ask counted, later asks from the cache", () => {
  // lib/server/platform/search-admission.ts: an ask of a search is rendered per request and counts
  // the visitor's search limit, unless its cached page is held fresh or a counted ask paid for its render.
  base("a search is rendered per request once, then kept; its internal address before that goes to its public URL", async ({ request }) => {
    const word = `缓存准入${Date.now().toString(36)}`;
    const url = `/search?q=${encodeURIComponent(word)}`;
    const internal = internalSearchPath({ q: word }, chinaYear(new Date()))!;
    const early = await request.get(internal, { maxRedirects: 0 });
    expect(early.status(), "an internal address of a search nobody asked").toBe(307);
    expect(early.headers()["x-request-id"], "the redirect is an answer of the app like any other").toBeTruthy();
    expect(new URL(early.headers()["location"]!, "http://x").searchParams.get("q")).toBe(word);

    const first = await request.get(url);
    expect(first.status()).toBe(200);
    expect(first.headers()["x-middleware-rewrite"], "the first ask is rendered by /search itself").toBeUndefined();
    const heading = (response: APIResponse) => response.text().then((html) => html.replace(/<!-- -->/g, ""));
    expect(await heading(first)).toContain(`“${word}”的搜索结果`);
    const second = await request.get(url);
    expect(second.headers()["x-middleware-rewrite"]).toMatch(/^\/s\/main\/q[^/]+\/search/);
    const third = await request.get(url);
    expect(third.headers()["x-nextjs-cache"]).toBe("HIT");
    expect(await heading(third)).toContain(`“${word}”的搜索结果`);
    expect((await request.get(internal, { maxRedirects: 0 })).status(), "held: the internal address serves it").toBe(200);

    // A listing asked with a search word is that search, at /search (counted there), its column kept.
    const viaBrowse = await request.get(`/browse?q=${encodeURIComponent(word)}&page=2`, { maxRedirects: 0 });
    expect(viaBrowse.status()).toBe(307);
    expect(Object.fromEntries(new URL(viaBrowse.headers()["location"]!, "http://x").searchParams)).toEqual({ q: word, page: "2" });
    const viaColumn = new URL((await request.get(`/columns/tzgg?q=${encodeURIComponent(word)}`, { maxRedirects: 0 })).headers()["location"]!, "http://x");
    expect([viaColumn.pathname, viaColumn.searchParams.get("column")]).toEqual(["/search", "tzgg"]);
    // A search rendered per request is for its visitor only: no shared cache may keep it.
    expect(first.headers()["cache-control"]).not.toMatch(/public|s-maxage/);

    // A search the page had to correct (an invalid filter, said on the page) is never cached.
    const corrected = `/search?q=${encodeURIComponent(word)}&column=${encodeURIComponent("!!")}`;
    for (let i = 0; i < 3; i++) {
      const response = await request.get(corrected);
      expect(response.status()).toBe(200);
      expect(response.headers()["x-middleware-rewrite"], `ask ${i + 1} of a corrected search`).toBeUndefined();
      expect(await response.text()).toContain("栏目参数无效");
    }
  });

  base("first asks count against the visitor's limit: a flood of new words meets a Chinese 429; a search already kept is still served", async ({ request }) => {
    base.setTimeout(120_000);
    // An address no other spec sends from (the e2e server trusts one proxy: the right-most entry).
    const from = { "x-forwarded-for": "198.51.100.1, 203.0.113.78" };
    const kept = `/search?q=${encodeURIComponent(`限流保留${Date.now().toString(36)}`)}`;
    for (let i = 0; i < 2; i++) expect((await request.get(kept, { headers: from })).status()).toBe(200);
    let refused: APIResponse | null = null;
    for (let i = 0; i < 80 && !refused; i++) {
      const response = await request.get(`/search?q=${encodeURIComponent(`限流新词${i}x${Date.now().toString(36)}`)}`, { headers: from });
      if (response.status() === 429) refused = response;
      else expect(response.status()).toBe(200);
    }
    if (!refused) throw new Error("80 new searches from one address in a minute were not limited");
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
    expect(await refused.text()).toContain("过于频繁");
    // Not a new word: the cached page, which costs no query, is not refused.
    const again = await request.get(kept, { headers: from });
    expect(again.status()).toBe(200);
    expect(again.headers()["x-nextjs-cache"]).toBe("HIT");
  });
});

base.describe("cached public pages behind a TLS proxy", () => {
  // proxy.ts rewrites each cached page to its internal address (lib/domain/public-path.ts). Next
  // keeps such a rewrite inside the process only when its origin matches the one Next built for the
  // request; with `-H 127.0.0.1` it did not (vercel/next.js#94745, patched in patches/), so every
  // page was proxied over HTTP to the server itself — and, behind nginx's X-Forwarded-Proto https,
  // to https on a plain port: a 500. The rewrite header Next answers with says which it did: a
  // path for an internal rewrite, a whole URL for a proxied one.
  for (const proto of ["https", "http", null]) {
    base(`X-Forwarded-Proto ${proto ?? "absent"}: every cached kind answers 200, rewritten inside the app`, async ({ request }) => {
      const browse = await (await request.get("/browse")).text();
      const item = /href="(\/items\/[^"?#]+)"/.exec(browse)?.[1];
      if (!item) throw new Error("no item link on /browse");
      for (const path of ["/", "/browse", "/browse?page=2", "/guide", "/system", "/annual-reports", item]) {
        const response = await request.get(path, { headers: proto ? { "x-forwarded-proto": proto } : {} });
        expect(response.status(), path).toBe(200);
        expect(response.headers()["x-middleware-rewrite"], path).toMatch(/^\/s\/main\//);
      }
    });
  }
});
