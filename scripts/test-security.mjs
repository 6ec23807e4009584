#!/usr/bin/env node
// `npm run test:security`: the security batteries of issue 10 ("Proof"). The integration part
// (tests/integration/security-*.test.ts, real PostgreSQL) then the Playwright project `security`
// (tests/security: permission matrix, route fuzzing, XSS) against the built app — run `next build`
// first. `npm test` runs the integration files with the rest and calls this with --browser-only.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findChromium } from "./find-chromium.mjs";

process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));
process.env.NEXT_TELEMETRY_DISABLED = "1";
const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
const started = Date.now();
if (!process.argv.includes("--browser-only")) run("npx", ["vitest", "run", "--project", "integration", "tests/integration/security-"]);
process.env.CHROMIUM_PATH ||= await findChromium();
run("npx", ["playwright", "test", "--project=security"]);
console.log(`test:security: passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
