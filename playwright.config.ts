import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS } from "./scripts/find-chromium.mjs";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// A second instance of the build on the same database (tests/e2e/two-instances.spec.ts, issue 11 §6).
export const SECOND_PORT = Number(process.env.E2E_SECOND_PORT ?? port + 1000);
// Where scripts/e2e-server.ts leaves the throwaway database's address for tests/security.
export const E2E_STATE_FILE = path.join(os.tmpdir(), `gongkai-e2e-${port}.json`);
// npm test sets CHROMIUM_PATH (scripts/find-chromium.mjs); Playwright's own download is unreachable here.
const executablePath = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  // `npm run test:e2e` runs the chromium project only; `npm run test:security` the two security ones.
  // One seeded database for the whole run: specs in parallel would trip over each other's writes.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  // Specs sign in several people (argon2id per login) on a 2-core machine: 30 s is too tight under load.
  timeout: 60_000,
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    // A missing element fails in seconds with its locator, not at the test's timeout.
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], launchOptions: { executablePath, args: CHROMIUM_ARGS } },
    },
    // The security batteries (issue 10 "Proof"): seed the states and sign everybody in once, then
    // the permission matrix, the route fuzzing and the XSS battery over the same running app.
    {
      name: "security-setup",
      testDir: "tests/security",
      testMatch: /setup\.ts$/,
      timeout: 300_000,
      use: { ...devices["Desktop Chrome"], launchOptions: { executablePath, args: CHROMIUM_ARGS } },
    },
    {
      name: "security",
      testDir: "tests/security",
      testMatch: /\.spec\.ts$/,
      dependencies: ["security-setup"],
      timeout: 300_000,
      use: { ...devices["Desktop Chrome"], launchOptions: { executablePath, args: CHROMIUM_ARGS } },
    },
  ],
  webServer: {
    command: "node --import tsx scripts/e2e-server.ts",
    url: baseURL,
    env: { E2E_PORT: String(port), NEXT_TELEMETRY_DISABLED: "1", E2E_STATE_FILE, E2E_SECOND_PORT: String(SECOND_PORT) },
    // E2E_REUSE_SERVER=1: iterate on specs against a server already started with scripts/e2e-server.ts.
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    // Migrating and seeding the demo bureau (2019 report records included) takes 1–3 minutes under load.
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM lets scripts/e2e-server.ts stop next and PostgreSQL and remove the temp cluster.
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
  },
});
