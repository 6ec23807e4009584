import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * Applies prisma/migrations the way `prisma migrate deploy` does, without Prisma's native schema
 * engine (which cannot be downloaded offline; DESIGN §9). Each migration is recorded in
 * `_prisma_migrations` with the same checksum (SHA-256 of migration.sql), so a machine that has
 * the engine can take over with `prisma migrate status` / `deploy`.
 *
 * A session-level advisory lock makes concurrent starts safe: the second instance waits, then
 * finds nothing left to apply.
 */
const MIGRATION_LOCK_KEY = 72_910_002;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  // The folder is read at run time, not bundled: keep Turbopack from tracing the whole project.
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Applies pending migrations; returns the names applied by this call. */
export async function migrate(databaseUrl: string, options: { dir?: string; log?: (m: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const migrations = readMigrations(options.dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    // Checked first: the app role, which cannot create tables, runs this at start to find nothing to do.
    const { rows: ledger } = await client.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
    if (!ledger[0].present) await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const byName = new Map(rows.map((r) => [r.migration_name, r]));
    for (const m of migrations) {
      const row = byName.get(m.name);
      if (row?.finished_at) {
        if (row.checksum !== m.checksum) log(`warning: migration ${m.name} was modified after it was applied`);
        continue;
      }
      if (row) {
        throw new Error(
          `migration ${m.name} failed earlier and is marked as started; fix the database, then mark it rolled back (prisma migrate resolve --rolled-back ${m.name})`,
        );
      }
      await assertMayMigrate(client, m.name);
      const id = randomUUID();
      await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)`, [
        id,
        m.checksum,
        m.name,
      ]);
      try {
        await client.query("BEGIN");
        await client.query(m.sql);
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, String(error)]);
        throw new Error(`migration ${m.name} failed: ${(error as Error).message}`);
      }
      log(`applied migration ${m.name}`);
      applied.push(m.name);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
  return applied;
}

/**
 * The app's own role may read the ledger but not write it (lib/db/roles.ts): a pending migration
 * then needs the owner, and says so instead of failing half-way with "permission denied".
 */
async function assertMayMigrate(client: pg.Client, name: string) {
  const { rows } = await client.query<{ may: boolean; role: string }>(
    `SELECT has_table_privilege('"_prisma_migrations"', 'INSERT') AS may, current_user AS role`,
  );
  if (!rows[0].may) {
    throw new Error(
      `数据库迁移 ${name} 尚未执行，而角色 ${rows[0].role} 无权执行迁移：请以所有者角色运行 npm run db:migrate（设置 MIGRATION_DATABASE_URL）。` +
        ` (migration ${name} is pending and role ${rows[0].role} may not apply it: run npm run db:migrate with MIGRATION_DATABASE_URL set to the owner role)`,
    );
  }
}
