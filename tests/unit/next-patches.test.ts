import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

/**
 * patches/next+16.4.6.patch (applied by patch-package on every install) carries two upstream fixes
 * not yet released; docs/decisions.md (session 7) says why each matters here. These tests fail when
 * the patch is missing — after an install that skipped postinstall, or a Next upgrade that dropped it
 * without the fix having landed upstream.
 */

const root = process.cwd();

describe("React Flight's completed-render abort reason (react#37288, the fix of react#37289)", () => {
  // Each completed render aborted its cacheSignal with a new Error. The Error's stack frames (kept
  // unformatted by V8) held the setImmediate objects the render ran in, and through them the next
  // requests' async stores: under steady traffic one unbroken chain of every request served. Found
  // by the bench (RSS 2 GB; heap after GC +50 MB per 1,000 searches), fixed by a string reason.
  for (const [runtime, bundler] of [
    ["app-page-turbo.runtime.prod.js", "turbopack"],
    ["app-page.runtime.prod.js", "webpack"],
  ] as const) {
    test(`${runtime}: a completed render's cacheSignal is aborted without an Error`, () => {
      const output = execFileSync(
        process.execPath,
        ["--conditions=react-server", path.join(root, "tests", "support", "rsc-abort-probe.mjs"), `next/dist/compiled/next-server/${runtime}`, bundler],
        { cwd: root, env: { ...process.env, NODE_ENV: "production" }, encoding: "utf8", timeout: 60_000 },
      );
      expect(JSON.parse(output)).toEqual({ aborted: true, reasonIsError: false });
    });
  }
});

describe("middleware rewrites on a loopback host (vercel/next.js#94745, the fix of #95917)", () => {
  // Behaviour is tested over HTTP in tests/e2e/security-edge.spec.ts ("behind a TLS proxy"); this
  // names the cause when the patch is missing, before a browser run.
  test("resolve-routes builds its own origin with the loopback host named as NextURL names it", () => {
    const source = readFileSync(path.join(root, "node_modules", "next", "dist", "server", "lib", "router-utils", "resolve-routes.js"), "utf8");
    expect(source).toContain("const initHostname = ");
    expect(source).toContain("formatHostname)(initHostname)");
  });
});
