import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { request, test } from "@playwright/test";
import { DEMO_PASSWORD } from "@/prisma/demo-bureau";
import { FIXTURES_FILE, STATE_FILE, WORK_DIR, fixtures, signInOver, storageStateOf } from "./support";

/**
 * Before the batteries: seed the states (tests/security/seed-states.ts, through the use cases,
 * into the running app's database) and sign every account in once, keeping its cookies.
 */
test("seed the security states and sign every account in", async ({ baseURL }) => {
  test.setTimeout(300_000);
  if (!existsSync(STATE_FILE)) throw new Error(`${STATE_FILE} is missing: scripts/e2e-server.ts writes it when E2E_STATE_FILE is set (playwright.config.ts)`);
  mkdirSync(WORK_DIR, { recursive: true });
  const seeded = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/security/seed-states.ts", STATE_FILE, FIXTURES_FILE], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "test" },
  });
  if (seeded.status !== 0) throw new Error(`seed-states.ts exited with ${seeded.status}`);
  for (const username of Object.keys(fixtures().users)) {
    const context = await request.newContext({ baseURL });
    await signInOver(context, username, DEMO_PASSWORD);
    await context.storageState({ path: storageStateOf(username) });
    await context.dispose();
  }
});
