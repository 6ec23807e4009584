/**
 * The app launcher behind `npm run demo`, `npm run dev` and `npm start`:
 *   1. a database: DATABASE_URL, or an embedded PostgreSQL with its data in .data/pg;
 *   2. as the owner role: migrations, pg-boss's schema and the app role's grants (`npm run
 *      db:migrate`); then, when the database has no users yet, the demo bureau (demo, dev) or one
 *      系统管理员 with a one-time password (start). An embedded cluster gets its two roles here
 *      (lib/db/roles.ts: the app connects as gongkai_app, passwords in .data/db-roles.json);
 *   3. Next.js (`next build` first for the demo when the build is missing or older than the code),
 *      with Ctrl-C stopping the app and then the database cleanly.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { localRolePasswords, provisionRoles } from "../lib/db/roles";
import { startEmbeddedPostgres, type RunningPostgres } from "../lib/db/embedded-postgres";
import { lanOrigins } from "../lib/domain/edge";
import { env } from "../lib/env";
import { DEMO_PASSWORD, demoAccountRows } from "../prisma/demo-bureau";
import { describeStartupError } from "../lib/db/startup-error";
import { appNodeOptions } from "./app-heap";
import { buildIsStale } from "./build-state";

type Mode = "demo" | "dev" | "start";
const mode = process.argv[2] as Mode;
if (!["demo", "dev", "start"].includes(mode)) {
  console.error("usage: gongkai demo|dev|start");
  process.exit(2);
}

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
let database: RunningPostgres | null = null;
let app: ChildProcess | null = null;
let stopping = false;

async function main() {
  const settings = env();
  const dataDir = path.resolve(root, settings.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  if (mode === "demo" && buildIsStale(root)) run(process.execPath, [nextBin, "build"], "next build");

  let url = settings.DATABASE_URL;
  let ownerUrl = settings.MIGRATION_DATABASE_URL ?? url;
  if (!url) {
    console.log(`[gongkai] starting embedded PostgreSQL (data in ${path.relative(root, dataDir)}/pg, port ${settings.EMBEDDED_PG_PORT})`);
    database = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: settings.EMBEDDED_PG_PORT, quiet: true });
    // The app never connects as the superuser: an earlier version's database is handed to the owner here.
    const roles = await provisionRoles(database.url, localRolePasswords(path.join(dataDir, "db-roles.json")));
    url = roles.appUrl;
    ownerUrl = roles.ownerUrl;
  }
  // Before anything is audited: rows keyed with a stand-in would never verify under the real key.
  if (mode === "start" && !settings.AUDIT_HMAC_KEY) throw new Error("AUDIT_HMAC_KEY is required for npm start (openssl rand -base64 32) / npm start 需要设置审计日志密钥 AUDIT_HMAC_KEY");
  run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/db.ts", "migrate"], "migrate", {
    DATABASE_URL: url!,
    MIGRATION_DATABASE_URL: ownerUrl!,
    ...auditKeyEnv(dataDir),
  });
  // The demo bureau (published passwords) only for demo/dev; `start` gets one 系统管理员 with a
  // one-time password when the database has no users (prisma/bootstrap-admin.ts).
  const seed = mode === "start" ? "prisma/bootstrap-admin.ts" : "prisma/seed.ts";
  run(process.execPath, ["--conditions=react-server", "--import", "tsx", seed], "seed", {
    DATABASE_URL: ownerUrl!,
    PII_ENCRYPTION_KEY: settings.PII_ENCRYPTION_KEY ?? localPiiKey(dataDir),
    ...auditKeyEnv(dataDir),
  });

  const port = settings.PORT;
  const host = settings.HOSTNAME;
  const everywhere = host === "0.0.0.0" || host === "::";
  const appUrl = `http://${host === "127.0.0.1" || everywhere ? "localhost" : hostInUrl(host)}:${port}`;
  // The app never holds the owner's password: the launcher has migrated already.
  const { MIGRATION_DATABASE_URL: _owner, ...inherited } = process.env;
  void _owner;
  // On 0.0.0.0 without a configured URL, the LAN reaches the demo by this machine's addresses:
  // pages served from those may post too (proxy.ts's Origin check). `npm start` is configured by
  // its operator (NEXTAUTH_URL, ALLOWED_ORIGINS) and gets nothing added.
  const lan = everywhere && mode !== "start" && !settings.NEXTAUTH_URL ? lanOrigins(networkInterfaces(), port) : [];
  const childEnv = {
    ...inherited,
    ...(lan.length ? { ALLOWED_ORIGINS: [...settings.ALLOWED_ORIGINS, ...lan].join(",") } : {}),
    DATABASE_URL: url,
    NEXTAUTH_URL: settings.NEXTAUTH_URL ?? appUrl,
    NEXTAUTH_SECRET: settings.NEXTAUTH_SECRET ?? localSecret(dataDir),
    PII_ENCRYPTION_KEY: settings.PII_ENCRYPTION_KEY ?? localPiiKey(dataDir),
    ...auditKeyEnv(dataDir),
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: mode === "dev" ? "development" : "production",
    // The production server's heap limit (scripts/app-heap.ts); `next dev` compiles and needs more.
    ...(mode === "dev" ? {} : { NODE_OPTIONS: appNodeOptions(process.env.NODE_OPTIONS, settings.PUBLIC_CACHE_MB) }),
  } as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, [nextBin, mode === "dev" ? "dev" : "start", "-p", String(port), "-H", host], { stdio: "inherit", env: childEnv });
  app = child;
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`[gongkai] Next.js exited (${code}); stopping the database`);
      void shutdown(code ?? 1);
    }
  });
  await waitForHttp(`http://${everywhere ? "127.0.0.1" : hostInUrl(host)}:${port}/`, 180_000);
  printWelcome(appUrl, host, mode !== "start", lan);
}

const hostInUrl = (host: string) => (host.includes(":") ? `[${host}]` : host);

/** A signing secret kept in .data so sessions survive restarts; never used when one is configured. */
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/** The demo's personal-data key, kept in .data beside its database; never used when one is configured. */
function localPiiKey(dataDir: string): string {
  const file = path.join(dataDir, "pii-key");
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/**
 * The audit chain's key: the configured one, or for demo/dev one kept in .data/audit-key. `npm
 * start` gets none generated: production must bring its own (the app refuses to start without it).
 */
function auditKeyEnv(dataDir: string): Record<string, string> {
  const configured = env().AUDIT_HMAC_KEY;
  if (configured) return { AUDIT_HMAC_KEY: configured };
  if (mode === "start") return {};
  const file = path.join(dataDir, "audit-key");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  return { AUDIT_HMAC_KEY: readFileSync(file, "utf8").trim() };
}

function run(cmd: string, args: string[], label: string, extraEnv: Record<string, string> = {}) {
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv } });
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status})`);
}

async function waitForHttp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

function printWelcome(url: string, host: string, demo: boolean, lan: string[]) {
  const reach =
    host === "127.0.0.1" || host === "localhost" || host === "::1"
      ? "（只在本机可访问；要让局域网访问，请设置 HOSTNAME=0.0.0.0 并先修改演示密码）"
      : `（监听 ${host}：网络上的其他计算机也可访问，演示账户的密码是公开的）`;
  console.log(
    [
      "",
      `Gongkai 已启动：${url}${reach}`,
      `  公开网站  ${url}/`,
      `  工作平台  ${url}/console`,
      ...(lan.length ? [`  局域网    ${lan.join("  ")}`] : []),
      "",
      ...(demo ? [`演示账户（密码均为 ${DEMO_PASSWORD}）：`, ...demoAccountRows(), ""] : []),
      "按 Ctrl-C 停止（数据保存在 .data/ 中，下次启动继续使用）。",
      "",
    ].join("\n"),
  );
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (app && app.exitCode === null) {
    app.kill("SIGTERM");
    await new Promise((r) => app!.once("exit", r));
  }
  if (database) {
    console.log("[gongkai] stopping PostgreSQL");
    await database.stop().catch((e) => console.error(e));
  }
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error) => {
  console.error(`[gongkai] ${describeStartupError(error)}`);
  await shutdown(1);
});
