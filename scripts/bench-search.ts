/**
 * npm run bench:search — public search at 100,000 items, in process (the HTTP bench is `npm run bench`).
 *
 * Starts an embedded PostgreSQL in .data/bench-search (kept between runs: loading takes minutes, so a
 * second run measures at once; BENCH_FRESH=1 rebuilds it), migrates, seeds the demo bureau and
 * bulk-loads BENCH_ITEMS public items (default 100,000) around hidden ones (scripts/bench-data.ts).
 * Then it runs a fixed mix of queries through lib/server — the same calls the search page makes —
 * and writes p50/p95 to docs/search-benchmarks.json. BENCH_DATABASE_URL uses a local server instead.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type RunningPostgres } from "../lib/db/embedded-postgres";
import { isLocalDatabaseUrl } from "../tests/support/throwaway-db";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const OUT = path.join(process.cwd(), "docs", "search-benchmarks.json");
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

/** The query mix: common and rare two-character words, longer words, one character, several words, no hit, with filters. */
const QUERIES: { label: string; q: string; column?: string; year?: number }[] = [
  { label: "two characters, in nearly every item", q: "科技" },
  { label: "two characters, in nearly every item", q: "项目" },
  { label: "two characters, in nearly every item", q: "公开" },
  { label: "two characters, common", q: "申报" },
  { label: "two characters, common", q: "专利" },
  { label: "two characters, one item in four", q: "冰雪" },
  { label: "two characters, one item in ten", q: "验收" },
  { label: "two characters, rare", q: "人参" },
  { label: "two characters, rare (a name)", q: "王伟" },
  { label: "three characters", q: "新材料" },
  { label: "four characters", q: "高新技术" },
  { label: "four characters", q: "成果转化" },
  { label: "five characters", q: "科技特派员" },
  { label: "one character", q: "科" },
  { label: "two words", q: "科技 项目" },
  { label: "two words", q: "人工智能 验收" },
  { label: "no hit", q: "量子纠缠" },
  { label: "digits", q: "0432" },
  { label: "with a column filter", q: "科技", column: "tzgg" },
  { label: "with a year filter", q: "项目", year: 2024 },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const round1 = (n: number) => Math.round(n * 10) / 10;
const stats = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: round1(percentile(s, 50)), p95: round1(percentile(s, 95)), max: round1(s.at(-1)!), samples: s.length };
};

async function database(): Promise<{ url: string; server?: RunningPostgres }> {
  const external = process.env.BENCH_DATABASE_URL;
  if (external) {
    if (!isLocalDatabaseUrl(external)) throw new Error("BENCH_DATABASE_URL must point at localhost: the bench writes 100,000 items");
    return { url: external };
  }
  const dir = path.join(process.cwd(), ".data", "bench-search");
  if (process.env.BENCH_FRESH === "1") rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o777 });
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), database: "gongkai_bench", quiet: true });
  return { url: server.url, server };
}

/** What the search index costs on disk. */
async function storage(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const mb = async (rel: string, total = false) =>
      Math.round(Number((await client.query(`SELECT ${total ? "pg_total_relation_size" : "pg_relation_size"}($1) AS b`, [rel])).rows[0].b) / 2 ** 20);
    return {
      unit: "MB",
      searchEntryTotal: await mb('"SearchEntry"', true),
      searchEntryHeap: await mb('"SearchEntry"'),
      ginIndex: await mb('"SearchEntry_grams_idx"'),
      itemRevisionTotal: await mb('"ItemRevision"', true),
    };
  } finally {
    await client.end();
  }
}

async function main() {
  const { url, server } = await database();
  process.env.DATABASE_URL = url;
  try {
    const { prepareDatabase } = await import("../lib/server/platform/database-setup");
    await prepareDatabase({ ownerUrl: url, log });
    const { env } = await import("../lib/env");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const count = async () => Number((await client.query(`SELECT count(*) AS n FROM "SearchEntry" WHERE "publishAt" <= now() AT TIME ZONE 'UTC'`)).rows[0].n);
    let loaded = await count();
    if (loaded < ITEMS) {
      const { seedDemoBureau } = await import("../prisma/seed");
      await seedDemoBureau();
      const { loadBenchItems } = await import("./bench-data");
      log(`loading ${ITEMS - loaded} items (a few minutes on two cores)`);
      const result = await loadBenchItems(url, { publicItems: ITEMS - loaded, orgCode: env().ORG_CODE, log });
      log(`loaded in ${result.seconds} s`);
      loaded = await count();
    }
    const hidden = Number((await client.query(`SELECT count(*) AS n FROM "DisclosureItem"`)).rows[0].n) - loaded;
    const pgVersion = (await client.query("SHOW server_version")).rows[0].server_version as string;
    await client.end();

    const { findPublicItems, loadHits, loadCatalog, resolveFilters } = await import("@/lib/server/public/listing");
    const { searchIndex } = await import("@/lib/server/public/search");
    const { snippet, highlight, searchTerms } = await import("../lib/domain/search-text");
    const catalog = await loadCatalog();

    /** What /search does for its ten results: ids, total, the items through publicItemWhere, highlights. */
    const tenResults = async (spec: (typeof QUERIES)[number]) => {
      const { index } = resolveFilters({ column: spec.column, year: spec.year }, catalog);
      const now = new Date();
      const found = await searchIndex({ q: spec.q, filters: index, sort: "relevance", limit: 10, offset: 0 }, now);
      const items = await loadHits(found.hits, now, true);
      const terms = searchTerms(spec.q);
      for (const i of items) {
        highlight(i.title, terms);
        snippet(i.body ?? "", terms);
      }
      return { total: found.total, shown: items.length };
    };
    /** The whole search page: ten results plus the counts of every facet. */
    const wholePage = (spec: (typeof QUERIES)[number]) =>
      findPublicItems({ q: spec.q, column: spec.column, year: spec.year, page: 1, sort: "relevance" }, []);

    log("warming up");
    for (const spec of QUERIES) await tenResults(spec);
    const ten: number[] = [];
    const page: number[] = [];
    const perQuery = new Map<string, { label: string; total: number; ms: number[] }>();
    const { facetCounts } = await import("@/lib/server/public/search");
    const exact = new Map<string, number>();
    for (const spec of QUERIES) {
      const { index } = resolveFilters({ column: spec.column, year: spec.year }, catalog);
      exact.set(spec.q + (spec.column ?? "") + (spec.year ?? ""), (await facetCounts({ q: spec.q, filters: index }, undefined, Number.MAX_SAFE_INTEGER - 1)).total); // every match, not a sample
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const spec of QUERIES) {
        const key = `${spec.q}${spec.column ? ` column=${spec.column}` : ""}${spec.year ? ` year=${spec.year}` : ""}`;
        const t0 = performance.now();
        const r = await tenResults(spec);
        const ms = performance.now() - t0;
        ten.push(ms);
        const entry = perQuery.get(key) ?? { label: spec.label, total: exact.get(spec.q + (spec.column ?? "") + (spec.year ?? "")) ?? r.total, ms: [] };
        entry.ms.push(ms);
        perQuery.set(key, entry);
      }
      if (round % 4 === 0) {
        for (const spec of QUERIES) {
          const t0 = performance.now();
          await wholePage(spec);
          page.push(performance.now() - t0);
        }
      }
      log(`round ${round + 1}/${ROUNDS}`);
    }
    const browse: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      await findPublicItems({ page: 1 + (i % 5), sort: "date" }, []);
      browse.push(performance.now() - t0);
    }

    const report = {
      benchmark: "public search: ten results for a query",
      date: new Date().toISOString(),
      items: { public: loaded, hiddenFromThePublic: hidden },
      method:
        "scripts/bench-search.ts: embedded PostgreSQL " +
        pgVersion +
        " with default settings, on this machine; items bulk-loaded by scripts/bench-data.ts (bodies of ~300–1,700 characters, 1% of ~10,000), " +
        "the search index built by the database's own triggers. Each sample is one call of what /search does for its first page, " +
        "in process, without HTTP: searchIndex() (total, title matches first, newest first) + the ten items loaded through publicItemWhere() " +
        "+ highlighted titles and snippets. " +
        `${QUERIES.length} queries × ${ROUNDS} rounds after one warm-up round, run one after another.`,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? "",
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        loadAverageAtEnd: os.loadavg().map(round1),
        note: "a machine shared with other work: the load average shows how much",
      },
      tenResults: { ...stats(ten), unit: "ms" },
      wholeSearchPage: { ...stats(page), unit: "ms", note: "ten results plus the counts per facet (column, department, 第二十条 item, year)" },
      browsePage: { ...stats(browse), unit: "ms", note: "no query: twenty newest items, total and facet counts, pages 1–5" },
      perQuery: [...perQuery].map(([query, v]) => ({ query, kind: v.label, matches: v.total, ...stats(v.ms) })),
      storage: await storage(url),
    };
    writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
    log(`ten results: p50 ${report.tenResults.p50} ms, p95 ${report.tenResults.p95} ms; written to docs/search-benchmarks.json`);
    const { db } = await import("@/lib/server/platform/db");
    await db().$disconnect();
  } finally {
    await server?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
