/**
 * npm run backup [-- --out <folder>]          database + attachments + audit checkpoint → <folder>/gongkai-backup-<time>/ (default backups/)
 * npm run restore -- <backup folder> [--force] checks every checksum, then restores as the owner role and re-applies the grants
 *
 * Works on DATABASE_URL / MIGRATION_DATABASE_URL, or the demo's embedded cluster in .data/pg
 * (started for the command, or reached while the demo runs). docs/operations.md has the drill.
 */
import path from "node:path";
import { connectCliDatabase } from "./cli-database";

const [command, ...args] = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

async function main(): Promise<number> {
  if (command !== "backup" && command !== "restore") {
    console.error("usage: backup.ts backup [--out DIR] | restore DIR [--force]");
    return 2;
  }
  const from = command === "restore" ? args.find((a) => !a.startsWith("--")) : undefined;
  if (command === "restore" && !from) {
    console.error("请指定要恢复的备份目录：npm run restore -- backups/gongkai-backup-<时间> [--force]");
    return 2;
  }
  const embedded = await connectCliDatabase();
  if (typeof embedded === "string") {
    console.error(embedded);
    return 1;
  }
  try {
    const { env, migrationDatabaseUrl } = await import("../lib/env");
    const dataDir = path.resolve(env().DATA_DIR);
    const { backup, restore, RestoreRefused } = await import("../lib/db/backup");
    if (command === "backup") {
      const folder = await backup({ ownerUrl: migrationDatabaseUrl(), dataDir, outDir: path.resolve(option("--out") ?? "backups") });
      console.log(`备份完成：${folder}`);
      // The bucket is not copied: it can be far larger than a backup folder, and object storage keeps its own versions.
      if (env().BLOB_STORE === "s3") console.log(`注意：附件存放在对象存储（桶 ${env().S3_BUCKET}），本备份不含附件。请为该桶开启版本控制或跨区域复制，或先运行 npm run blobs:migrate -- --to local 再备份。`);
      return 0;
    }
    try {
      const done = await restore({ ownerUrl: migrationDatabaseUrl(), dataDir, from: path.resolve(from!), force: flag("--force"), log: (m) => console.log(`[restore] ${m}`) });
      const { prepareDatabase } = await import("../lib/server/platform/database-setup");
      await prepareDatabase({ ownerUrl: migrationDatabaseUrl(), appUrl: env().DATABASE_URL });
      console.log(`恢复完成：${done.tables} 张表，${done.rows} 行；附件与审计检查点已复原，权限已重新授予。请运行 npm run audit:verify 核对审计链。`);
      if (env().BLOB_STORE === "s3") console.log(`注意：BLOB_STORE=s3，应用从对象存储（桶 ${env().S3_BUCKET}）读取附件；备份中的附件只复原到了本地目录，如需放回桶内请运行 npm run blobs:migrate -- --to s3。`);
      return 0;
    } catch (error) {
      if (error instanceof RestoreRefused) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
  } finally {
    if (embedded) await embedded.stop();
  }
}

process.exitCode = await main();
process.exit();
