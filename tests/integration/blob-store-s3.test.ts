import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { localBlobStore } from "@/lib/server/files/storage";
import { s3BlobStore, type S3StoreConfig } from "@/lib/server/files/s3-store";
import { sha256Hex, type BlobStore } from "@/lib/server/files/blob-store";
import { migrateBlobs } from "@/lib/server/files/migrate-blobs";
import { blobStoreContract } from "../support/blob-store-contract";
import { startLocalS3, type LocalS3 } from "../support/s3-server";
import { samplePdf } from "../support/sample-files";

/**
 * Issue 11 §6: attachments in S3-compatible storage behind BlobStore, against an S3-protocol
 * server running here (s3rver, which checks SigV4 like S3). The same contract runs against the
 * local disk store; then `npm run blobs:migrate` end to end, and the app's download route reading
 * an attachment through the S3 store (BLOB_STORE=s3 in this file's environment).
 */
let s3: LocalS3;
let config: S3StoreConfig;
const localRoot = mkdtempSync(path.join(os.tmpdir(), "gongkai-blobs-local-"));

beforeAll(async () => {
  s3 = await startLocalS3();
  config = { bucket: s3.bucket, region: "us-east-1", endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey };
  // Read by lib/env.ts at the first env() call, which the dynamic imports below make.
  Object.assign(process.env, {
    BLOB_STORE: "s3",
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_KEY_PREFIX: "app/",
  });
});
afterAll(async () => {
  await (await import("@/lib/server/jobs/queue")).stopJobs();
  await s3?.stop();
});

blobStoreContract("local disk", () => localBlobStore(localRoot));
// A page size of 2: list must follow ListObjectsV2's continuation tokens.
blobStoreContract("S3 (s3rver)", () => s3BlobStore({ ...config, keyPrefix: "contract/", listPageSize: 2 }));

describe("S3 store specifics", () => {
  test("key prefixes keep two bureaus in one bucket apart; list skips what is not a blob", async () => {
    const a = s3BlobStore({ ...config, keyPrefix: "bureau-a/" });
    const b = s3BlobStore({ ...config, keyPrefix: "bureau-b/" });
    const { sha256 } = await a.put(new TextEncoder().encode("甲局的附件"));
    expect(await b.exists(sha256)).toBe(false);
    expect(await b.get(sha256)).toBeNull();
    const bare = s3BlobStore(config);
    const listed: string[] = [];
    for await (const blob of bare.list()) listed.push(blob.sha256);
    expect(listed).not.toContain(sha256); // "bureau-a/<hash>" is not a blob of the unprefixed store
  });
});

describe("npm run blobs:migrate", () => {
  const run = promisify(execFile);
  const cli = (to: "s3" | "local", dataDir: string) =>
    run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/blobs.ts", "migrate", "--to", to], {
      env: { ...process.env, DATA_DIR: dataDir, BLOB_STORE: "local" },
    }).then(
      (r) => ({ code: 0, summary: JSON.parse(r.stdout), stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, summary: e.stdout ? JSON.parse(e.stdout) : null, stderr: e.stderr }),
    );

  test("local → S3 end to end: the app's download route then serves the attachment from the bucket", async () => {
    const { seedBureau, seedPending } = await import("../support/bureau");
    const { storeUpload } = await import("@/lib/server/items/attachments");
    const { db } = await import("@/lib/server/platform/db");
    const { blobStore, localDiskStore } = await import("@/lib/server/files/storage");
    const { env } = await import("@/lib/env");
    const { GET } = await import("@/app/attachments/[id]/route");
    expect(env().BLOB_STORE).toBe("s3");

    const b = await seedBureau();
    const bytes = samplePdf(`迁移 ${b.tag}`);
    const upload = await storeUpload(b.people.liaison, { fileName: "迁移测试.pdf", bytes });
    if (!upload.ok) throw new Error(upload.message);
    // Attached straight to the published revision: the secrecy review of an attachment is not what is tested here.
    const item = await seedPending(b, "PUBLISHED");
    const attachment = await db().attachment.create({ data: { revisionId: item.revisionId, fileId: upload.value.id } });
    const download = () => GET(new Request(`http://localhost/attachments/${attachment.id}`), { params: Promise.resolve({ id: attachment.id }) });

    // The state before the migration: the file on local disk only.
    const sha256 = sha256Hex(bytes);
    await localDiskStore(env()).put(bytes);
    await blobStore().remove(sha256);
    expect((await download()).status).toBe(404);

    const first = await cli("s3", env().DATA_DIR);
    expect(first.stderr).toContain("完成");
    expect(first).toMatchObject({ code: 0, summary: { to: "s3", failed: [] } });
    expect(first.summary.copied).toBeGreaterThanOrEqual(1);
    const response = await download();
    expect(response.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), Buffer.from(bytes))).toBe(0);

    // Resumable: a second run copies nothing again.
    const again = await cli("s3", env().DATA_DIR);
    expect(again).toMatchObject({ code: 0, summary: { copied: 0, skipped: first.summary.total, failed: [] } });
  }, 90_000);

  test("without S3_BUCKET the command says what to set, in Chinese, and stops", async () => {
    const r = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/blobs.ts", "migrate", "--to", "s3"], {
      env: { ...process.env, BLOB_STORE: "local", S3_BUCKET: "" },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(r).toMatchObject({ code: 2, stderr: expect.stringContaining("请先设置 S3_BUCKET") });
  });

  test("a damaged source file is reported and not copied; the rest is; and back from S3 to disk", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "gongkai-blobs-src-"));
    const source = localBlobStore(root);
    const target = s3BlobStore({ ...config, keyPrefix: `migrate-${Date.now()}/` });
    const good = await source.put(new TextEncoder().encode("完好的附件"));
    // A file whose bytes no longer match its name (disk corruption, a hand edit).
    const claimed = sha256Hex(new TextEncoder().encode("原来的内容"));
    mkdirSync(path.join(root, claimed.slice(0, 2), claimed.slice(2, 4)), { recursive: true });
    writeFileSync(path.join(root, claimed.slice(0, 2), claimed.slice(2, 4), claimed), "被改动的内容");

    const report = await migrateBlobs(source, target);
    expect(report).toMatchObject({ total: 2, copied: 1, skipped: 0, failed: [{ sha256: claimed, reason: expect.stringContaining("已损坏") }] });
    expect(await target.exists(good.sha256)).toBe(true);
    expect(await target.exists(claimed)).toBe(false);

    const back: BlobStore = localBlobStore(mkdtempSync(path.join(os.tmpdir(), "gongkai-blobs-back-")));
    expect(await migrateBlobs(target, back)).toMatchObject({ total: 1, copied: 1, failed: [] });
    expect((await back.get(good.sha256))?.toString()).toBe("完好的附件");
  });

  test("a copy that reads back wrong is removed again and reported", async () => {
    const source = localBlobStore(mkdtempSync(path.join(os.tmpdir(), "gongkai-blobs-src-")));
    const real = s3BlobStore({ ...config, keyPrefix: `readback-${Date.now()}/` });
    // A target whose reads come back damaged (a faulty gateway or disk behind the service).
    const target: BlobStore = { ...real, get: async (sha256) => ((await real.get(sha256)) ? Buffer.from("损坏的副本") : null) };
    const { sha256 } = await source.put(new TextEncoder().encode("要复制的附件"));
    expect(await migrateBlobs(source, target)).toMatchObject({ copied: 0, failed: [{ sha256, reason: expect.stringContaining("读回") }] });
    expect(await real.exists(sha256)).toBe(false);
  });
});
