/**
 * The database a command-line tool works on (npm run import, npm run report): DATABASE_URL, or
 * the demo's embedded cluster in .data/pg — started for the command, or, when the demo is running
 * and holds its port, reached there — in both cases as the app role (gongkai_app, its password in
 * .data/db-roles.json; lib/db/roles.ts), never as the cluster's superuser. Sets DATABASE_URL before anything reads the environment
 * (lib/env caches it). Returns the cluster to stop afterwards, null, or a Chinese message.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "../lib/env";

export async function connectCliDatabase(options: { quiet?: boolean } = {}): Promise<{ stop(): Promise<void> } | null | string> {
  const settings = parseEnv(process.env);
  // The demo keeps its personal-data key beside its database (scripts/gongkai.ts); imported
  // applicants' names are sealed with it, so the app can read them back.
  const keyFile = path.resolve(settings.DATA_DIR, "pii-key");
  if (!settings.PII_ENCRYPTION_KEY && existsSync(keyFile)) process.env.PII_ENCRYPTION_KEY = readFileSync(keyFile, "utf8").trim();
  // Likewise the demo's audit-chain key: rows this command audits must verify with the app's key.
  const auditKeyFile = path.resolve(settings.DATA_DIR, "audit-key");
  if (!settings.AUDIT_HMAC_KEY && existsSync(auditKeyFile)) process.env.AUDIT_HMAC_KEY = readFileSync(auditKeyFile, "utf8").trim();
  if (settings.DATABASE_URL) return null;
  const dataDir = path.resolve(settings.DATA_DIR, "pg");
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) return "没有可用的数据库：请设置 DATABASE_URL，或先运行一次 npm run demo 建立演示数据库。";
  const { portIsFree, startEmbeddedPostgres } = await import("../lib/db/embedded-postgres");
  const { APP_ROLE, OWNER_ROLE, applyGrants, localRolePasswords, provisionRoles, withCredentials } = await import("../lib/db/roles");
  const passwords = localRolePasswords(path.resolve(settings.DATA_DIR, "db-roles.json"));
  if (!(await portIsFree(settings.EMBEDDED_PG_PORT))) {
    const local = `postgresql://127.0.0.1:${settings.EMBEDDED_PG_PORT}/gongkai`;
    process.env.DATABASE_URL = withCredentials(local, APP_ROLE, passwords.app);
    process.env.MIGRATION_DATABASE_URL = withCredentials(local, OWNER_ROLE, passwords.owner);
    return null;
  }
  const running = await startEmbeddedPostgres({ dataDir, port: settings.EMBEDDED_PG_PORT, quiet: options.quiet ?? true });
  const roles = await provisionRoles(running.url, passwords);
  // A cluster last started by an earlier version has its roles only now: give the app its rights.
  await applyGrants(roles.ownerUrl, APP_ROLE);
  process.env.DATABASE_URL = roles.appUrl;
  // For backup and restore, which work as the owner (lib/db/backup.ts).
  process.env.MIGRATION_DATABASE_URL = roles.ownerUrl;
  return running;
}
