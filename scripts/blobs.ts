/**
 * npm run blobs:migrate -- --to s3 [--dry-run]      copies every attachment from $DATA_DIR/uploads into the S3 bucket (S3_*)
 * npm run blobs:migrate -- --to local [--dry-run]   and back, from the bucket to $DATA_DIR/uploads
 *
 * Idempotent and resumable (keys are hashes: what the target holds is skipped), every copy read
 * back and hashed; the source is left as it is. Then set BLOB_STORE to the target and restart.
 * Prints a JSON summary on stdout; exit 1 when any blob failed, 2 on a usage error.
 */
import { parseEnv } from "../lib/env";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

async function main(): Promise<number> {
  const to = option("--to");
  if (args[0] !== "migrate" || (to !== "s3" && to !== "local")) {
    console.error("用法：npm run blobs:migrate -- --to s3|local [--dry-run]（把附件从本地磁盘复制到对象存储，或反向）");
    return 2;
  }
  let settings;
  try {
    settings = parseEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (!settings.S3_BUCKET) {
    console.error("未设置对象存储桶：请先设置 S3_BUCKET（以及 S3_ENDPOINT、S3_ACCESS_KEY_ID、S3_SECRET_ACCESS_KEY 等，见 .env.example）。");
    return 2;
  }
  const { localDiskStore, s3Config } = await import("../lib/server/files/storage");
  const { s3BlobStore } = await import("../lib/server/files/s3-store");
  const { migrateBlobs } = await import("../lib/server/files/migrate-blobs");
  const local = localDiskStore(settings);
  const s3 = s3BlobStore(s3Config(settings));
  const [from, target] = to === "s3" ? [local, s3] : [s3, local];
  const where = { s3: `对象存储 ${settings.S3_ENDPOINT ?? "AWS"} / ${settings.S3_BUCKET}/${settings.S3_KEY_PREFIX}`, local: `本地目录 ${settings.DATA_DIR}/uploads` };
  console.error(`${args.includes("--dry-run") ? "试运行：" : ""}从${where[to === "s3" ? "local" : "s3"]}复制附件到${where[to]}……`);
  let done = 0;
  const report = await migrateBlobs(from, target, {
    dryRun: args.includes("--dry-run"),
    onBlob: () => {
      if (++done % 1000 === 0) console.error(`已处理 ${done} 个`);
    },
  });
  for (const f of report.failed) console.error(`失败 ${f.sha256}：${f.reason}`);
  console.error(
    `完成：共 ${report.total} 个，复制 ${report.copied} 个（${(report.bytes / 1048576).toFixed(1)} MB），已存在跳过 ${report.skipped} 个，失败 ${report.failed.length} 个。` +
      (report.failed.length ? "请处理失败项后重新运行（已复制的会跳过）。" : `可将 BLOB_STORE 设为 ${to} 并重启应用；源存储未改动，确认无误后再自行清理。`),
  );
  console.log(JSON.stringify({ to, ...report }));
  return report.failed.length ? 1 : 0;
}

// exit() rather than exitCode: the S3 client's kept-alive sockets would hold the process open.
process.exit(await main());
