/**
 * Database chores against DATABASE_URL:
 *   migrate       apply pending migrations (as the app does at start)
 *   verify-audit  recompute the audit hash chain and report the first broken link
 */
import { migrate } from "../lib/db/migrate";
import { databaseUrl } from "../lib/env";

const command = process.argv[2];

if (command === "migrate") {
  const applied = await migrate(databaseUrl(), { log: console.log });
  console.log(applied.length ? `applied ${applied.length} migration(s)` : "database schema is up to date");
} else if (command === "verify-audit") {
  const { verifyAuditChain } = await import("@/lib/server/platform/audit");
  const result = await verifyAuditChain();
  console.log(result.ok ? `audit chain intact: ${result.checked} events` : `audit chain BROKEN at event ${result.firstBrokenId}`);
  process.exit(result.ok ? 0 : 1);
} else {
  console.error("usage: db.ts migrate|verify-audit");
  process.exit(2);
}
