/**
 * npm run bench:seed -- --items 100000 --requests 10000 [--seed N] [--fresh] [--yes]
 *
 * Fills a database with the bench's data (scripts/bench-seed-data.ts): DATABASE_URL when set — a
 * local server only, unless --yes — else the bench's own embedded cluster in .data/bench (the one
 * `npm run bench` uses; --fresh deletes it first). Migrates, seeds the demo bureau (its
 * departments, columns, users and demo items) if absent, then generates. A JSON summary (counts,
 * seconds per phase) on stdout; progress on stderr.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const log = (m: string) => process.stderr.write(`[bench:seed] ${m}\n`);
// stdout carries the JSON summary alone: the demo seed's console.log lines go to stderr.
console.log = (...args: unknown[]) => console.error(...args);

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        items: { type: "string", default: "100000" },
        requests: { type: "string", default: "10000" },
        seed: { type: "string", default: "20261201" },
        fresh: { type: "boolean", default: false },
        yes: { type: "boolean", default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(`未知参数：${(error as Error).message}`);
  }
  const count = (name: string, value: string, max: number) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n > max) fail(`--${name} 应为 0 到 ${max} 之间的整数`);
    return n;
  };
  return {
    items: count("items", parsed.items!, 2_000_000),
    requests: count("requests", parsed.requests!, 200_000),
    seed: count("seed", parsed.seed!, 2 ** 31),
    fresh: parsed.fresh!,
    yes: parsed.yes!,
  };
}

async function main() {
  const o = options();
  const { isLocalDatabaseUrl } = await import("../tests/support/throwaway-db");
  let stop: (() => Promise<void>) | null = null;
  const external = process.env.DATABASE_URL;
  if (external) {
    if (o.fresh) fail("--fresh 只用于内置的基准集群（.data/bench）；DATABASE_URL 指向的数据库请自行换成空库。");
    if (!isLocalDatabaseUrl(external) && !o.yes) fail("DATABASE_URL 不是本机数据库：生成器会写入大量数据，确认无误请加 --yes。");
  } else {
    const dir = path.join(process.cwd(), ".data", "bench");
    if (o.fresh) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o777 });
    const { startEmbeddedPostgres } = await import("../lib/db/embedded-postgres");
    // A load writes gigabytes of WAL in one transaction: room for it, so no checkpoint (and its
    // full-page images) interrupts the load. Only for this start; `npm run bench` starts the cluster with its own settings.
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), database: "gongkai_bench", quiet: true, settings: ["max_wal_size=8GB", "checkpoint_timeout=30min"] });
    process.env.DATABASE_URL = server.url;
    stop = () => server.stop();
  }
  const url = process.env.DATABASE_URL!;
  const seconds: Record<string, number> = {};
  const t0 = performance.now();
  try {
    const { prepareDatabase } = await import("../lib/server/platform/database-setup");
    let t = performance.now();
    await prepareDatabase({ ownerUrl: url, log });
    const { seedDemoBureau } = await import("../prisma/seed");
    await seedDemoBureau();
    seconds.prepare = Math.round((performance.now() - t) / 100) / 10;
    const { env } = await import("../lib/env");
    const { blobStore } = await import("../lib/server/files/storage");
    const crypto = await import("../lib/server/platform/crypto");
    const { seedBenchData } = await import("./bench-seed-data");
    t = performance.now();
    const summary = await seedBenchData(url, {
      items: o.items,
      requests: o.requests,
      seed: o.seed,
      orgCode: env().ORG_CODE,
      putBlob: (bytes) => blobStore().put(bytes),
      sealer: env().PII_ENCRYPTION_KEY ? crypto : null,
      log,
    });
    const generate = Math.round((performance.now() - t) / 100) / 10;
    const { db } = await import("../lib/server/platform/db");
    await db().$disconnect();
    process.stdout.write(
      `${JSON.stringify({ ...summary, seconds: { ...seconds, ...summary.seconds, generate, total: Math.round((performance.now() - t0) / 100) / 10 } }, null, 2)}\n`,
    );
  } finally {
    await stop?.();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
