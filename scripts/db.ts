/**
 * Database chores:
 *   migrate       as the owner (MIGRATION_DATABASE_URL, else DATABASE_URL): pending migrations,
 *                 pg-boss's schema and queues, then the app role's grants when DATABASE_URL names
 *                 another role (lib/db/roles.ts)
 *   verify-audit  recompute the audit hash chain and report the first broken link
 */
import { env, migrationDatabaseUrl } from "../lib/env";

const command = process.argv[2];

if (command === "migrate") {
  const { prepareDatabase } = await import("@/lib/server/platform/database-setup");
  const { applied } = await prepareDatabase({ ownerUrl: migrationDatabaseUrl(), appUrl: env().DATABASE_URL, log: console.log });
  console.log(applied.length ? `applied ${applied.length} migration(s)` : "database schema is up to date");
  process.exit(0);
} else if (command === "verify-audit") {
  const { verifyAuditChain } = await import("@/lib/server/platform/audit");
  const result = await verifyAuditChain();
  console.log(result.ok ? `audit chain intact: ${result.checked} events` : `audit chain BROKEN at event ${result.firstBrokenId}`);
  process.exit(result.ok ? 0 : 1);
} else {
  console.error("usage: db.ts migrate|verify-audit");
  process.exit(2);
}
