import { createHash } from "node:crypto";
import { cpSync, createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { migrate, MIGRATIONS_DIR, readMigrations } from "./migrate";
import { quoteIdent } from "./roles";

/**
 * 备份与恢复 (issue 10 §8; 等保 2.0 三级 8.1.4.11 数据备份恢复): one folder holding
 *   database/<table>.ndjson   every row of every table in "public", one JSON object a line,
 *                             read in one REPEATABLE READ snapshot (a consistent copy while the app runs)
 *   database/meta.json        the migrations the rows belong to, and the sequences' positions
 *   files/uploads/…           the attachments' blob store ($DATA_DIR/uploads)
 *   files/audit/…             the audit checkpoint folder ($DATA_DIR/audit), when present
 *   manifest.json             the SHA-256 of every file above
 *
 * Why not pg_dump: the embedded PostgreSQL is 18 and ships no client tools, and a system pg_dump
 * older than the server refuses to dump it. A logical copy through the driver needs nothing
 * installed, and restore rebuilds the schema with our own migrations — the same DDL every database
 * is made with — then loads the rows. The job queue (schema "pgboss") is not copied: its jobs are
 * work in flight, re-created by their sweeps (docs/operations.md).
 */
export const BACKUP_FORMAT = 1;

export interface Manifest {
  format: number;
  createdAt: string;
  files: Record<string, string>;
}

interface Meta {
  migrations: string[];
  tables: string[];
  sequences: { name: string; value: string; called: boolean }[];
}

const sha256File = async (file: string) => {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
};

function listFiles(root: string, under = ""): string[] {
  const dir = path.join(root, under);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const rel = path.posix.join(under, d.name);
    if (d.isDirectory()) return listFiles(root, rel);
    return d.isFile() ? [rel] : [];
  });
}

async function tablesOf(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
  );
  return rows.map((r) => r.name);
}

/** Writes a backup of the database at `ownerUrl` and the files under `dataDir` into a new folder under `outDir`; returns its path. */
export async function backup(options: { ownerUrl: string; dataDir: string; outDir: string; now?: Date }): Promise<string> {
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
  const folder = path.join(options.outDir, `gongkai-backup-${stamp}`);
  if (existsSync(folder)) throw new Error(`备份目录已存在：${folder}`);
  mkdirSync(options.outDir, { recursive: true });
  // Live session ids and password hashes are in here: the owner alone may enter the folder.
  mkdirSync(folder, { mode: 0o700 });
  mkdirSync(path.join(folder, "database"));
  // The audit checkpoint before the snapshot: one written meanwhile would name rows the snapshot lacks.
  const checkpoint = path.join(options.dataDir, "audit");
  if (existsSync(checkpoint)) cpSync(checkpoint, path.join(folder, "files", "audit"), { recursive: true });
  const client = new pg.Client({ connectionString: options.ownerUrl });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const tables = (await tablesOf(client)).filter((t) => t !== "_prisma_migrations");
    const { rows: applied } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    const { rows: seqs } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY 1`,
    );
    const sequences: Meta["sequences"] = [];
    for (const s of seqs) {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${quoteIdent(s.name)}`);
      sequences.push({ name: s.name, value: rows[0].last_value, called: rows[0].is_called });
    }
    for (const table of tables) {
      const out = createWriteStream(path.join(folder, "database", `${table}.ndjson`));
      await client.query(`DECLARE rows NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS line FROM ${quoteIdent(table)} t`);
      for (;;) {
        const { rows } = await client.query<{ line: string }>("FETCH 1000 FROM rows");
        if (!rows.length) break;
        if (!out.write(rows.map((r) => r.line).join("\n") + "\n")) await once(out, "drain");
      }
      await client.query("CLOSE rows");
      out.end();
      await once(out, "finish");
    }
    const meta: Meta = { migrations: applied.map((r) => r.migration_name), tables, sequences };
    writeFileSync(path.join(folder, "database", "meta.json"), JSON.stringify(meta, null, 2));
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
  // After the snapshot: attachments are content-addressed, so later ones are only a superset.
  const uploads = path.join(options.dataDir, "uploads");
  if (existsSync(uploads)) cpSync(uploads, path.join(folder, "files", "uploads"), { recursive: true });
  const files: Record<string, string> = {};
  for (const rel of listFiles(folder).sort()) files[rel] = await sha256File(path.join(folder, rel));
  const manifest: Manifest = { format: BACKUP_FORMAT, createdAt: (options.now ?? new Date()).toISOString(), files };
  writeFileSync(path.join(folder, "manifest.json"), JSON.stringify(manifest, null, 2));
  return folder;
}

export class RestoreRefused extends Error {}

/** Every file the manifest lists is present with its checksum, and nothing unlisted hides among them. */
export async function verifyBackup(folder: string): Promise<Manifest> {
  const manifestFile = path.join(folder, "manifest.json");
  if (!existsSync(manifestFile)) throw new RestoreRefused(`不是 Gongkai 备份：${folder} 中没有 manifest.json。`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest;
  } catch {
    throw new RestoreRefused("备份已损坏：manifest.json 无法读取。");
  }
  if (manifest.format !== BACKUP_FORMAT || typeof manifest.files !== "object") throw new RestoreRefused(`备份格式不受支持（format ${manifest.format}）。`);
  const problems: string[] = [];
  for (const [rel, expected] of Object.entries(manifest.files)) {
    const file = path.join(folder, rel);
    if (!existsSync(file)) problems.push(`缺少 ${rel}`);
    else if ((await sha256File(file)) !== expected) problems.push(`${rel} 的校验和不符`);
  }
  for (const rel of listFiles(folder)) if (rel !== "manifest.json" && !(rel in manifest.files)) problems.push(`多出未登记的文件 ${rel}`);
  if (!manifest.files["database/meta.json"]) problems.push("缺少 database/meta.json");
  if (problems.length) throw new RestoreRefused(`备份已损坏，未做任何恢复：${problems.slice(0, 5).join("；")}${problems.length > 5 ? ` 等 ${problems.length} 处` : ""}。`);
  return manifest;
}

/** Whether the database holds anything of ours (a migration ledger with rows). */
async function databaseIsEmpty(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'pgboss') AND c.relkind IN ('r', 'p')`);
  return rows[0].n === 0;
}

const nonEmptyDir = (dir: string) => existsSync(dir) && readdirSync(dir).length > 0;

/**
 * Restores a backup into the database at `ownerUrl` (the owner role: it recreates the schema) and
 * the files under `dataDir`. Checks every checksum before touching anything; refuses a database or
 * folders that hold data unless `force`, which first removes what is there.
 */
export async function restore(options: { ownerUrl: string; dataDir: string; from: string; force?: boolean; log?: (m: string) => void }): Promise<{ tables: number; rows: number }> {
  const log = options.log ?? (() => {});
  await verifyBackup(options.from);
  const meta = JSON.parse(readFileSync(path.join(options.from, "database", "meta.json"), "utf8")) as Meta;
  const shipped = new Map(readMigrations().map((m) => [m.name, m]));
  const unknown = meta.migrations.filter((m) => !shipped.has(m));
  if (unknown.length) throw new RestoreRefused(`备份来自更新的版本（本版本没有迁移 ${unknown.slice(0, 3).join("、")}）：请用与备份相同或更新的版本恢复。`);
  const targets = ["uploads", "audit"].map((name) => path.join(options.dataDir, name));
  const client = new pg.Client({ connectionString: options.ownerUrl });
  await client.connect();
  let total = 0;
  try {
    const occupied = !(await databaseIsEmpty(client)) || targets.some(nonEmptyDir);
    if (occupied && !options.force) {
      throw new RestoreRefused("目标数据库或数据目录中已有数据，未做任何恢复。确认要用备份覆盖现有数据时，请加 --force。");
    }
    if (occupied) {
      log("removing the existing data (--force)");
      await client.query("DROP SCHEMA IF EXISTS pgboss CASCADE");
      await client.query("DROP SCHEMA public CASCADE");
      await client.query("CREATE SCHEMA public");
      for (const dir of targets) rmSync(dir, { recursive: true, force: true });
    }
    // The schema the rows were written under: the backup's migrations, no more.
    const partial = mkdtempSync(path.join(os.tmpdir(), "gongkai-restore-"));
    try {
      for (const name of meta.migrations) cpSync(path.join(MIGRATIONS_DIR, name), path.join(partial, name), { recursive: true });
      await migrate(options.ownerUrl, { dir: partial });
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
    total = await loadRows(client, options.from, meta, log);
  } finally {
    await client.end();
  }
  for (const name of ["uploads", "audit"]) {
    const from = path.join(options.from, "files", name);
    if (existsSync(from)) cpSync(from, path.join(options.dataDir, name), { recursive: true });
  }
  // Then whatever this version adds (data migrations run over the restored rows).
  const later = await migrate(options.ownerUrl, { log });
  if (later.length) log(`applied ${later.length} later migration(s)`);
  return { tables: meta.tables.length, rows: total };
}

/**
 * Loads every table in one transaction. Foreign keys are dropped and re-added afterwards (as
 * pg_dump orders it), so tables load in any order and self-references need no sorting; the
 * owner's user triggers (the audit chain, append-only guards) are off while loading, so rows keep
 * the ids, hashes and timestamps they had.
 */
async function loadRows(client: pg.Client, folder: string, meta: Meta, log: (m: string) => void): Promise<number> {
  let total = 0;
  await client.query("BEGIN");
  try {
    const { rows: fks } = await client.query<{ tbl: string; name: string; def: string }>(
      `SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND c.contype = 'f'`,
    );
    for (const fk of fks) await client.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${quoteIdent(fk.name)}`);
    for (const table of meta.tables) {
      const { rows: cols } = await client.query<{ name: string }>(
        `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
        [quoteIdent(table)],
      );
      const list = cols.map((c) => quoteIdent(c.name)).join(", ");
      const t = quoteIdent(table);
      await client.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
      // Rows a migration writes itself (the 动态口令 policy's single row …) are in the backup as they
      // were: the backup's state replaces the migration's, it is not added to it.
      await client.query(`DELETE FROM ${t}`);
      const insert = `INSERT INTO ${t} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM jsonb_populate_recordset(NULL::${t}, $1::jsonb)`;
      let batch: string[] = [];
      const flush = async () => {
        if (!batch.length) return;
        await client.query(insert, [`[${batch.join(",")}]`]);
        total += batch.length;
        batch = [];
      };
      const file = path.join(folder, "database", `${table}.ndjson`);
      if (statSync(file).size > 0) {
        for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
          if (!line) continue;
          batch.push(line);
          if (batch.length >= 500) await flush();
        }
        await flush();
      }
      await client.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
    }
    for (const fk of fks) await client.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.def}`);
    for (const s of meta.sequences) await client.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [quoteIdent(s.name), s.value, s.called]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
  log(`restored ${total} rows in ${meta.tables.length} tables`);
  return total;
}
