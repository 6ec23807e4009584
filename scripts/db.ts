/**
 * Database chores against DATABASE_URL (or the demo's embedded database):
 *   migrate                        as the owner (MIGRATION_DATABASE_URL, else DATABASE_URL): pending
 *                                  migrations, pg-boss's schema and queues, then the app role's
 *                                  grants when DATABASE_URL names another role (lib/db/roles.ts)
 *   verify-audit                   verify the audit chain against the signed checkpoint, then
 *                                  write a new checkpoint (exit 1, naming the first bad event)
 *   purge-audit --before YYYY-MM-DD  remove audit rows older than that date (at least six months
 *                                  old), as MIGRATION_DATABASE_URL when set: the app's role may not
 */
import pg from "pg";
import { withPgClient } from "../lib/db/pg-client";
import { databaseUrl, env, migrationDatabaseUrl } from "../lib/env";
import { connectCliDatabase } from "./cli-database";

const command = process.argv[2];

/** A pg client as the audit modules' Queryable. */
function queryable(client: pg.Client) {
  return { query: async <R>(text: string, params?: unknown[]) => ({ rows: (await client.query(text, params)).rows as R[] }) };
}


async function auditCommand(work: () => Promise<number>): Promise<number> {
  const cluster = await connectCliDatabase();
  if (typeof cluster === "string") {
    console.error(cluster);
    return 2;
  }
  try {
    return await work();
  } catch (error) {
    // The app's own role may read the log but not purge it (lib/db/roles.ts): say what to do.
    if ((error as { code?: string }).code === "42501") {
      console.error(
        "当前数据库角色无权执行此操作：请将 MIGRATION_DATABASE_URL 设为数据库所有者（gongkai_owner）的连接串后重试。\n" +
          "(permission denied for the current database role: set MIGRATION_DATABASE_URL to the owner role's URL and retry)",
      );
      return 1;
    }
    throw error;
  } finally {
    await cluster?.stop();
  }
}

if (command === "migrate") {
  const { prepareDatabase } = await import("@/lib/server/platform/database-setup");
  const { applied } = await prepareDatabase({ ownerUrl: migrationDatabaseUrl(), appUrl: env().DATABASE_URL, log: console.log });
  console.log(applied.length ? `applied ${applied.length} migration(s)` : "database schema is up to date");
  process.exit(0);
} else if (command === "verify-audit") {
  process.exit(
    await auditCommand(() =>
      withPgClient(databaseUrl(), async (client) => {
        const { auditCheckpointPath, verifyAndCheckpoint } = await import("@/lib/server/platform/audit-checkpoint");
        const result = await verifyAndCheckpoint({ q: queryable(client), log: () => {} });
        if (!result.ok) {
          console.error(result.failure!.message);
          return 1;
        }
        const cp = result.checkpoint === "missing" ? "（此前没有检查点，无法核对末尾删除 / no earlier checkpoint: tail deletion not checked）" : "";
        console.log(`审计日志完整：共 ${result.checked} 条记录${cp}。/ audit chain intact: ${result.checked} events.`);
        if (result.written) console.log(`检查点已更新 / checkpoint written: ${auditCheckpointPath()} (event ${result.written.lastId})`);
        return 0;
      }),
    ),
  );
} else if (command === "purge-audit") {
  const at = process.argv.indexOf("--before");
  const value = at > 0 ? process.argv[at + 1] : undefined;
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    console.error("用法 / usage: npm run audit:purge -- --before YYYY-MM-DD");
    process.exit(2);
  }
  process.exit(
    await auditCommand(() =>
      withPgClient(migrationDatabaseUrl(), async (client) => {
        const { auditHmacKey } = await import("@/lib/env");
        const { readCheckpoint, verifyAndCheckpoint } = await import("@/lib/server/platform/audit-checkpoint");
        const { purgeAuditLog } = await import("@/lib/server/platform/audit-purge");
        const outcome = await purgeAuditLog(queryable(client), {
          before: new Date(`${value}T00:00:00Z`),
          key: auditHmacKey(),
          checkpoint: readCheckpoint(),
          actorName: `npm run audit:purge (${process.env.USER ?? "cli"})`.slice(0, 64),
        });
        if (!outcome.ok) {
          console.error(outcome.message);
          return 1;
        }
        console.log(outcome.purged ? `已清理 ${outcome.purged} 条记录（至第 ${outcome.throughId} 号），清理记录为第 ${outcome.recordId} 号。` : "没有早于该日期的记录。");
        await verifyAndCheckpoint({ q: queryable(client), log: () => {} });
        return 0;
      }),
    ),
  );
} else {
  console.error("usage: db.ts migrate|verify-audit|purge-audit --before YYYY-MM-DD");
  process.exit(2);
}
