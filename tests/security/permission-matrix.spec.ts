import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, request, test } from "@playwright/test";
import { ROUTES, type Answer, type Probe, type Who } from "./route-map";
import { fixtures, pool, storageStateOf } from "./support";

/**
 * The permission matrix (issue 10 "Proof"): every account of the demo bureau (the 8 roles, three
 * multi-role combinations) and an anonymous visitor × every page and route handler × the states
 * seeded by seed-states.ts, over real HTTP against the built app. Each cell must give exactly the
 * answer route-map.ts derives from PERMISSIONS, the workflow table and itemScope/requestScope.
 */

/** app/**\/page.tsx and route.ts, relative to app/. */
function appRoutes(dir = "app", prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return appRoutes(path.join(dir, e.name), rel);
    return e.name === "page.tsx" || e.name === "route.ts" ? [rel] : [];
  });
}

test("every page and route handler has an entry in route-map.ts (and no entry is stale)", () => {
  const files = appRoutes().sort();
  expect(files.filter((f) => !(f in ROUTES)), "pages/routes without an entry in tests/security/route-map.ts").toEqual([]);
  expect(Object.keys(ROUTES).filter((f) => !files.includes(f)), "entries for files that no longer exist").toEqual([]);
});

test("permission matrix: every account × every route × every state gives the policy's answer", async ({ baseURL }) => {
  test.setTimeout(900_000);
  const fx = fixtures();
  const probes: Probe[] = Object.values(ROUTES).flatMap((make) => make(fx));
  const people: (Who | null)[] = [null, ...Object.values(fx.users)];
  const wrong: string[] = [];
  let cells = 0;
  const started = Date.now();
  // Each person at a desk of their own behind the proxy the e2e server trusts (TRUSTED_PROXY_COUNT=1):
  // 20 people's API probes from one address would meet the API's per-address limit (120 a minute),
  // and a 429 is not the policy's answer. One pool of 6 over every cell keeps the server busy throughout
  // (8 at once on a loaded 2-core machine made the home page wait past Prisma's 2 s for a transaction: P2028).
  const contexts = await Promise.all(
    people.map((who, i) =>
      request.newContext({ baseURL, storageState: who ? storageStateOf(who.username) : undefined, extraHTTPHeaders: { "x-forwarded-for": `198.18.0.${i + 1}` } }),
    ),
  );
  const cellsToProbe = people.flatMap((who, i) => probes.map((probe) => ({ who, context: contexts[i], probe })));
  await pool(cellsToProbe, 6, async ({ who, context, probe }) => {
    const expected = probe.expect(who);
    const method = probe.method ?? "GET";
    const response = await context.fetch(probe.path, {
      method,
      maxRedirects: 0,
      // Same-origin, as a browser's form post would be.
      headers: method === "POST" ? { Origin: baseURL! } : {},
      ...(method === "POST" ? { multipart: {} } : {}),
    });
    const location = response.headers()["location"] ?? "";
    const actual: Answer = response.status() >= 300 && response.status() < 400 && location.includes("/console/login") ? "login" : response.status();
    cells++;
    if (actual !== expected && !(probe.rateLimited && actual === 429 && response.headers()["retry-after"])) wrong.push(`${who?.username ?? "anonymous"} ${method} ${probe.path}${probe.state ? ` [${probe.state}]` : ""}: expected ${expected}, got ${actual}`);
  });
  await Promise.all(contexts.map((c) => c.dispose()));
  console.log(`permission matrix: ${cells} cells (${people.length} people × ${probes.length} probes over ${Object.keys(ROUTES).length} routes) in ${((Date.now() - started) / 1000).toFixed(0)} s, ${wrong.length} wrong`);
  expect(wrong).toEqual([]);
  expect(cells).toBeGreaterThanOrEqual(2000);
});
