#!/usr/bin/env node
// `npm test`: every check CI runs, cheapest first, stopping at the first failure so the
// slow steps (build, browser) only run on code that already type-checks and passes its tests.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findChromium } from "./find-chromium.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
// Next.js would otherwise try to phone home from every build and server start.
process.env.NEXT_TELEMETRY_DISABLED = "1";

const npm = (script) => () => sh("npm", ["run", "--silent", script]);
const sh = (command, args) => {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status ?? result.signal}`);
};

const steps = [
  {
    name: "prisma generate",
    skip: existsSync("lib/generated/prisma/client.ts") && "client already generated",
    run: () => sh(process.execPath, ["scripts/prisma-generate.mjs"]),
  },
  { name: "typecheck", run: npm("typecheck") },
  { name: "lint", run: npm("lint") },
  { name: "supply chain (npm audit, SBOM)", run: npm("audit:deps") },
  { name: "unit tests", run: npm("test:unit") },
  { name: "integration tests", run: npm("test:integration") },
  {
    name: "next build",
    skip: process.env.SKIP_BUILD === "1" && "SKIP_BUILD=1",
    run: () => sh(process.execPath, ["node_modules/next/dist/bin/next", "build"]),
  },
  {
    name: "find Chromium",
    run: async () => {
      process.env.CHROMIUM_PATH = await findChromium();
    },
  },
  { name: "e2e tests", run: npm("test:e2e") },
  // Issue 10's browser batteries (permission matrix, route fuzzing, XSS) on the same build, against
  // a server of their own: the e2e specs leave accounts with changed passwords, TOTP and roles, and
  // the batteries' seeded states and vectors would show up in the specs' pages the other way round.
  { name: "security batteries", run: () => sh(process.execPath, ["scripts/test-security.mjs", "--browser-only"]) },
];

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const banner = (text) => console.log(`\n\x1b[1m━━━ ${text} ${"━".repeat(Math.max(3, 70 - text.length))}\x1b[0m`);
const started = Date.now();
const done = [];

for (const [i, step] of steps.entries()) {
  const label = `[${i + 1}/${steps.length}] ${step.name}`;
  if (step.skip) {
    banner(`${label}: skipped (${step.skip})`);
    done.push(`${step.name} skipped`);
    continue;
  }
  banner(label);
  const t0 = Date.now();
  try {
    await step.run();
  } catch (error) {
    banner(`${label}: FAILED after ${seconds(Date.now() - t0)}`);
    console.error(error instanceof Error ? error.message : error);
    console.log(`\nnpm test: FAILED at "${step.name}" (${done.join(", ") || "nothing"} before it) in ${seconds(Date.now() - started)}`);
    process.exit(1);
  }
  done.push(`${step.name} ${seconds(Date.now() - t0)}`);
  banner(`${label}: ok in ${seconds(Date.now() - t0)}`);
}

console.log(`\nnpm test: all ${steps.length} steps passed in ${seconds(Date.now() - started)} (${done.join(", ")})`);
