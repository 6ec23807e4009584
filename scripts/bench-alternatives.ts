/**
 * npm run bench:alternatives — the measurements behind docs/search.md: the same 100,000 items as
 * `npm run bench:search` (run that first; it leaves them in .data/bench-search), searched with pg_trgm instead
 * of our index, and — when @node-rs/jieba is installed (`npm install --no-save @node-rs/jieba`;
 * it is not a dependency) — how many items a word segmenter finds for a word that is in them.
 * Writes docs/search-alternatives.json. The pg_trgm indexes are dropped again afterwards.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";

const log = (m: string) => process.stderr.write(`[alternatives] ${m}\n`);
const QUERIES = ["科技", "冰雪", "验收", "王伟", "新材料", "科技特派员", "量子纠缠"];
const RUNS = 5;

const PUBLIC = `i."indexNumber" IS NOT NULL AND i."withdrawnAt" IS NULL AND i."publishAt" <= now() AT TIME ZONE 'UTC'
  AND r."attribute" = 'PROACTIVE'
  AND EXISTS (SELECT 1 FROM "ReviewRecord" v WHERE v."revisionId" = r."id" AND v."stage" = 'SECRECY' AND v."decision" = 'APPROVE')`;

/** What our page needs from pg_trgm: a capped total and ten results, title matches first, newest first. */
const TRGM_TOTAL = `SELECT count(*) FROM (SELECT 1 FROM "DisclosureItem" i JOIN "ItemRevision" r ON r."id" = i."publishedRevisionId"
  WHERE ${PUBLIC} AND (r."title" LIKE $1 OR r."bodyText" LIKE $1) LIMIT 5001) x`;
const TRGM_TEN = `SELECT i."id" FROM "DisclosureItem" i JOIN "ItemRevision" r ON r."id" = i."publishedRevisionId"
  WHERE ${PUBLIC} AND (r."title" LIKE $1 OR r."bodyText" LIKE $1)
  ORDER BY (r."title" LIKE $1) DESC, i."publishAt" DESC, i."id" DESC LIMIT 10`;

async function time(client: pg.Client, sql: string, param: string): Promise<number | null> {
  const t0 = performance.now();
  try {
    await client.query(sql, [param]);
    return performance.now() - t0;
  } catch {
    return null; // statement_timeout
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function pgTrgm(client: pg.Client) {
  await client.query("CREATE EXTENSION IF NOT EXISTS pg_trgm");
  log("building pg_trgm GIN indexes on ItemRevision.title and bodyText (minutes)");
  await client.query("SET maintenance_work_mem = '256MB'");
  const t0 = performance.now();
  await client.query(`CREATE INDEX IF NOT EXISTS bench_trgm_title ON "ItemRevision" USING gin ("title" gin_trgm_ops)`);
  await client.query(`CREATE INDEX IF NOT EXISTS bench_trgm_body ON "ItemRevision" USING gin ("bodyText" gin_trgm_ops)`);
  const buildSeconds = Math.round((performance.now() - t0) / 1000);
  await client.query(`ANALYZE "ItemRevision"`);
  const size = Number((await client.query(`SELECT pg_relation_size('bench_trgm_title') + pg_relation_size('bench_trgm_body') AS b`)).rows[0].b);
  await client.query("SET statement_timeout = '10s'");
  const results = [];
  for (const q of QUERIES) {
    const like = `%${q}%`;
    const total: number[] = [];
    const ten: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const a = await time(client, TRGM_TOTAL, like);
      const b = await time(client, TRGM_TEN, like);
      if (a === null || b === null) break;
      total.push(a);
      ten.push(b);
    }
    results.push({
      query: q,
      totalMs: total.length ? Math.round(median(total)) : "timeout (10 s)",
      tenResultsMs: ten.length ? Math.round(median(ten)) : "timeout (10 s)",
    });
    log(`pg_trgm ${q}: ${JSON.stringify(results.at(-1))}`);
  }
  await client.query("RESET statement_timeout");
  await client.query("DROP INDEX bench_trgm_title; DROP INDEX bench_trgm_body");
  return { indexBuildSeconds: buildSeconds, indexMb: Math.round(size / 2 ** 20), medianOf: RUNS, perQuery: results };
}

/**
 * Word segmentation measured on the same texts: of the items that contain a word, how many does a
 * search over jieba's search-mode words find, and how many does it find that lack the word?
 */
async function jiebaRecall(client: pg.Client) {
  type Segmenter = { cutForSearch(text: string, hmm?: boolean): string[] };
  let jieba: Segmenter;
  try {
    const name = "@node-rs/jieba";
    const mod = await import(name);
    const dictMod = await import(`${name}/dict`);
    const Jieba = (mod.Jieba ?? mod.default?.Jieba) as { withDict(d: Uint8Array): Segmenter };
    jieba = Jieba.withDict(dictMod.dict ?? dictMod.default?.dict);
  } catch {
    return "skipped: @node-rs/jieba is not installed (npm install --no-save @node-rs/jieba)";
  }
  const { rows } = await client.query<{ text: string }>(
    `SELECT r."title" || ' ' || r."bodyText" AS text FROM "ItemRevision" r ORDER BY r."id" LIMIT 3000`,
  );
  const words = ["科技", "技术", "项目", "新材料", "材料", "专利", "验收", "企业", "人参", "科技特派员", "成果转化", "转化", "技术企业", "化工研究"];
  const tokens = rows.map((r) => new Set(jieba.cutForSearch(r.text, true)));
  // A segmenter-based search segments the query too and asks for all of its words.
  return words.map((w) => {
    const want = jieba.cutForSearch(w, true);
    const matched = rows.map((_, i) => want.every((t) => tokens[i].has(t)));
    const containing = rows.filter((r) => r.text.includes(w)).length;
    const found = rows.filter((r, i) => matched[i] && r.text.includes(w)).length;
    const wrong = rows.filter((r, i) => matched[i] && !r.text.includes(w)).length;
    return {
      word: w,
      queryWords: want,
      itemsContainingIt: containing,
      foundBySegmentation: found,
      recall: containing ? Math.round((found / containing) * 1000) / 1000 : null,
      foundWithoutIt: wrong,
    };
  });
}

async function main() {
  const server = await startEmbeddedPostgres({ dataDir: path.join(process.cwd(), ".data", "bench-search", "pg"), database: "gongkai_bench", quiet: true });
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    const items = Number((await client.query(`SELECT count(*) AS n FROM "SearchEntry"`)).rows[0].n);
    if (items < 1000) throw new Error("run `npm run bench:search` first: it loads the items this compares against");
    const report = {
      date: new Date().toISOString(),
      publicItems: items,
      pgTrgm: await pgTrgm(client),
      jiebaRecall: await jiebaRecall(client),
    };
    writeFileSync(path.join(process.cwd(), "docs", "search-alternatives.json"), `${JSON.stringify(report, null, 2)}\n`);
    log("written to docs/search-alternatives.json");
  } finally {
    await client.end();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
