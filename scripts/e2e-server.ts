// The app as Playwright's webServer sees it: a throwaway database, migrated and seeded with the
// demo bureau, behind a production `next start` (run `next build` first). Every run starts from
// the same seed, so specs can name the seeded users and items.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { provisionRoles } from "@/lib/db/roles";
import { appNodeOptions } from "./app-heap";
import { isLocalDatabaseUrl, startThrowawayDatabase, type ThrowawayDatabase } from "@/tests/support/throwaway-db";

const port = Number(process.env.E2E_PORT ?? 3100);
const log = (message: string) => process.stderr.write(`[e2e-server] ${message}\n`);

// The suite logs in with seeded passwords and writes freely: never point it at a shared server.
const serverUrl = process.env.DATABASE_URL || undefined;
if (serverUrl && !isLocalDatabaseUrl(serverUrl)) {
  log(`refusing to run: DATABASE_URL's host ${new URL(serverUrl).hostname} is not localhost`);
  process.exit(1);
}
if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
  log("no production build: run `npx next build` first (npm test does)");
  process.exit(1);
}

let database: ThrowawayDatabase | undefined;
let child: ChildProcess | undefined;
let second: ChildProcess | undefined;
let stopping: Promise<never> | undefined;

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  child = spawn(process.execPath, args, { env, stdio: ["ignore", "inherit", "inherit"] });
  return child;
}

const exited = (p: ChildProcess) =>
  new Promise<number>((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) resolve(p.exitCode ?? 1);
    else p.once("exit", (code) => resolve(code ?? 1));
  });

/** Gives up after `ms`: a wedged child or cluster must not leave Playwright waiting forever. */
const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([promise, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);

/** Once only: a signal during seeding also makes the seed fail, which must not cut this short. */
function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    if (second && second.exitCode === null && second.signalCode === null) {
      second.kill("SIGTERM");
      await within(10_000, exited(second));
      if (second.exitCode === null && second.signalCode === null) second.kill("SIGKILL");
    }
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await within(10_000, exited(child));
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await within(15_000, database?.stop() ?? Promise.resolve()).catch((e) => log(`stopping the database: ${e}`));
    process.exit(code);
  })();
  return stopping;
}

// Playwright stops its webServer with SIGTERM (gracefulShutdown in playwright.config.ts).
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGINT", () => void shutdown(0));

try {
  database = await startThrowawayDatabase("gongkai_e2e", serverUrl);
  // As in the demo, the app runs as gongkai_app on a cluster of our own (lib/db/roles.ts); on a
  // shared server (DATABASE_URL) roles are cluster-wide, so the run keeps that server's user.
  const roles = serverUrl
    ? { ownerUrl: database.url, appUrl: database.url }
    : await provisionRoles(database.url, { owner: randomBytes(24).toString("hex"), app: randomBytes(24).toString("hex") });
  log("database ready; migrating");

  // One personal-data key for the seed (its demo requests are sealed) and the app that opens them.
  const piiKey = randomBytes(32).toString("base64");
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: roles.appUrl, NEXT_TELEMETRY_DISABLED: "1", PII_ENCRYPTION_KEY: piiKey, AUDIT_HMAC_KEY: randomBytes(32).toString("base64"),
    // As behind one reverse proxy: specs that stand for visitors from different addresses say so
    // in the X-Forwarded-For entry that proxy would append (the right-most), as nginx does.
    TRUSTED_PROXY_COUNT: "1" };
  const migrateCode = await exited(run(["--conditions=react-server", "--import", "tsx", "scripts/db.ts", "migrate"], { ...env, MIGRATION_DATABASE_URL: roles.ownerUrl }));
  if (stopping) await stopping;
  if (migrateCode !== 0) throw new Error(`scripts/db.ts migrate exited with ${migrateCode}`);
  const seedCode = await exited(run(["--conditions=react-server", "--import", "tsx", "prisma/seed.ts"], { ...env, DATABASE_URL: roles.ownerUrl }));
  if (stopping) await stopping;
  if (seedCode !== 0) throw new Error(`prisma/seed.ts exited with ${seedCode}`);
  // The security batteries (tests/security) seed states and count rows behind the app's back: they
  // need the throwaway database's address and the seed's personal-data key. Only when asked for.
  if (process.env.E2E_STATE_FILE) writeFileSync(process.env.E2E_STATE_FILE, JSON.stringify({ databaseUrl: database.url, piiKey, auditKey: env.AUDIT_HMAC_KEY }), { mode: 0o600 });

  // 36 random bytes are 48 base64url characters: fresh per run, so no session outlives it.
  const nextauthSecret = randomBytes(36).toString("base64url");
  // E2E_SECOND_PORT: a second instance of the same build on the same database and secrets, as
  // behind a load balancer (issue 11 §6; tests/e2e/two-instances.spec.ts).
  if (process.env.E2E_SECOND_PORT) {
    const secondPort = Number(process.env.E2E_SECOND_PORT);
    log(`starting a second next on http://127.0.0.1:${secondPort}`);
    second = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(secondPort), "-H", "127.0.0.1"], {
      env: { ...env, NODE_ENV: "production", NEXTAUTH_URL: `http://127.0.0.1:${secondPort}`, NEXTAUTH_SECRET: nextauthSecret, NODE_OPTIONS: appNodeOptions(process.env.NODE_OPTIONS, 64) },
      stdio: ["ignore", "inherit", "inherit"],
    });
  }
  log(`starting next on http://127.0.0.1:${port}`);
  const next = run(["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    ...env,
    NODE_ENV: "production",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: nextauthSecret,
    // As `npm start` runs it (scripts/app-heap.ts), so the suites meet the heap limit too.
    NODE_OPTIONS: appNodeOptions(process.env.NODE_OPTIONS, 64),
  });
  const code = await exited(next);
  if (!stopping) {
    log(`next exited unexpectedly with ${code}`);
    await shutdown(1);
  }
} catch (error) {
  log(`failed: ${(error as Error).message}`);
  await shutdown(1);
}
