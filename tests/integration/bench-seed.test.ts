import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { CHANNELS, COLUMNS, DEPARTMENTS, USERS } from "../../prisma/demo-bureau";
import { createDatabase, dropDatabase, randomSuffix } from "../support/throwaway-db";
import type { SeedSummary } from "../../scripts/bench-seed-data";

/**
 * The bench data generator (issue 11 §1) at small scale, in a database of its own: what it writes
 * is what the app shows — the publishability rule, the search index the triggers would have
 * written, the annual report's 勾稽 — with every outcome, appeal kind and result present.
 */
const serverUrl = inject("databaseUrl");
const name = `gongkai_bench_seed_${randomSuffix()}`;
const NOW = new Date("2026-11-20T04:00:00Z");
let url: string;
let client: pg.Client;
let summary: SeedSummary;

/** The demo bureau's structure (departments, columns, channels, users) without its demo items. */
async function seedStructure(c: pg.Client) {
  for (const [i, d] of DEPARTMENTS.entries()) {
    await c.query(`INSERT INTO "Department" ("id","code","name","sortOrder","updatedAt") VALUES ($1,$2,$3,$4,now())`, [`d-${d.code}`, d.code, d.name, i]);
  }
  for (const u of USERS) {
    await c.query(`INSERT INTO "User" ("id","username","displayName","passwordHash","roles","departmentId","updatedAt") VALUES ($1,$2,$3,'x',$4::text[]::"Role"[],$5,now())`, [
      `u-${u.username}`, u.username, u.displayName, [...u.roles], `d-${u.dept}`,
    ]);
  }
  for (const [i, col] of COLUMNS.entries()) {
    await c.query(`INSERT INTO "Column" ("id","code","name","parentId","sortOrder","requiresLeader","updatedAt") VALUES ($1,$2,$3,$4,$5,$6,now())`, [
      `c-${col.code}`, col.code, col.name, "parent" in col ? `c-${col.parent}` : null, i, col.requiresLeader,
    ]);
  }
  for (const [i, ch] of CHANNELS.entries()) {
    await c.query(`INSERT INTO "Channel" ("id","code","name","sortOrder","updatedAt") VALUES ($1,$2,$3,$4,now())`, [`h-${ch.code}`, ch.code, ch.name, i]);
  }
}

beforeAll(async () => {
  url = await createDatabase(serverUrl, name);
  // Before any lib/server module reads the environment: the public functions must query this database.
  process.env.DATABASE_URL = url;
  // pg-boss's schema too: the app's own writes below queue jobs, as publication does.
  const { prepareDatabase } = await import("@/lib/server/platform/database-setup");
  await prepareDatabase({ ownerUrl: url });
  client = new pg.Client({ connectionString: url });
  await client.connect();
  await seedStructure(client);
  const { seedBenchData } = await import("../../scripts/bench-seed-data");
  const crypto = await import("@/lib/server/platform/crypto");
  const { env } = await import("@/lib/env");
  // The app's own 索引号 prefix: its next publication must continue the generated serials, not collide.
  summary = await seedBenchData(url, { items: 2000, requests: 300, orgCode: env().ORG_CODE, seed: 7, now: NOW, putBlob: null, sealer: crypto });
}, 180_000);

afterAll(async () => {
  await client?.end();
  const { db } = await import("@/lib/server/platform/db");
  await db().$disconnect();
  await dropDatabase(serverUrl, name);
});

const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];

describe("npm run bench:seed at small scale", () => {
  test("counts: items, requests, every outcome, open statuses, applicant types, appeals, fees, attachments", async () => {
    expect(summary.items.total).toBe(2000);
    expect(summary.requests.total).toBe(300);
    expect(Number((await one(`SELECT count(*) AS n FROM "DisclosureItem"`)).n)).toBe(2000);
    expect(Number((await one(`SELECT count(*) AS n FROM "DisclosureRequest"`)).n)).toBe(300);
    const { OUTCOME_KEYS } = await import("@/lib/domain/requests/outcomes");
    const outcomes = (await client.query(`SELECT DISTINCT outcome FROM "DisclosureRequest" WHERE outcome IS NOT NULL`)).rows.map((r) => r.outcome);
    expect(outcomes.sort()).toEqual([...OUTCOME_KEYS].sort());
    const statuses = (await client.query(`SELECT DISTINCT status::text AS s FROM "DisclosureRequest"`)).rows.map((r) => r.s);
    expect(statuses).toEqual(expect.arrayContaining(["CLOSED", "REGISTERED", "IN_PROGRESS", "CORRECTION_REQUESTED", "REPLY_DRAFTED", "REPLY_APPROVED"]));
    expect(Number((await one(`SELECT count(DISTINCT "applicantType") AS n FROM "DisclosureRequest"`)).n)).toBe(6);
    const appeals = await one(`SELECT count(DISTINCT kind) AS kinds, count(DISTINCT result) AS results FROM "AppealCase"`);
    expect([Number(appeals.kinds), Number(appeals.results)]).toEqual([3, 4]);
    expect(Number((await one(`SELECT count(*) AS n FROM "FeeCharge"`)).n)).toBeGreaterThan(0);
    const att = Number((await one(`SELECT count(*) AS n FROM "Attachment"`)).n);
    expect(att).toBeGreaterThan(2000 * 0.03);
    expect(att).toBeLessThan(2000 * 0.07);
    expect(Number((await one(`SELECT count(DISTINCT "documentType") AS n FROM "ItemRevision"`)).n)).toBe(3);
    expect(Number((await one(`SELECT count(*) AS n FROM "ItemRevision" WHERE "repealedOn" IS NOT NULL AND "signedOn" IS NOT NULL`)).n)).toBeGreaterThan(0);
    expect(summary.years).toHaveLength(6);
    // Sealed like the demo's: the app opens it again.
    const { unseal } = await import("@/lib/server/platform/crypto");
    const sealed = await one(`SELECT "personalData", "applicantNameMasked" FROM "DisclosureRequest" WHERE "personalData" IS NOT NULL LIMIT 1`);
    expect(unseal<{ name: string }>(sealed.personalData).name[0]).toBe(sealed.applicantNameMasked[0]);
  });

  test("the search rows built in bulk are the rows the trigger path writes", async () => {
    const { rows: sample } = await client.query(`SELECT "itemId" FROM "SearchEntry" ORDER BY md5("itemId") LIMIT 25`);
    expect(sample).toHaveLength(25);
    const read = async () =>
      (await client.query(`SELECT "itemId","revisionId","publishAt","columnId","departmentId","article20Item","grams" FROM "SearchEntry" WHERE "itemId" = ANY($1) ORDER BY "itemId"`, [sample.map((s) => s.itemId)])).rows
        .map((r) => ({ ...r, grams: [...r.grams].sort() }));
    const bulk = await read();
    await client.query("BEGIN");
    try {
      await client.query(`SELECT gongkai_search_refresh("itemId", true) FROM "SearchEntry" WHERE "itemId" = ANY($1)`, [sample.map((s) => s.itemId)]);
      expect(await read()).toEqual(bulk);
    } finally {
      await client.query("ROLLBACK");
    }
    // Exactly the items the rule admits (apart from its time condition) have a row.
    const { n } = await one(`
      SELECT count(*) AS n FROM "DisclosureItem" i JOIN "ItemRevision" r ON r.id = i."publishedRevisionId"
       WHERE i."indexNumber" IS NOT NULL AND i."withdrawnAt" IS NULL AND r.attribute = 'PROACTIVE'
         AND EXISTS (SELECT 1 FROM "ReviewRecord" v WHERE v."revisionId" = r.id AND v.stage = 'SECRECY' AND v.decision = 'APPROVE')`);
    expect(Number((await one(`SELECT count(*) AS n FROM "SearchEntry"`)).n)).toBe(Number(n));
    expect(summary.items.searchEntries).toBe(Number(n));
    // The triggers are back on after the load.
    const off = await one(`SELECT count(*) AS n FROM pg_trigger WHERE tgname IN ('DisclosureItem_search','ReviewRecord_search') AND tgenabled = 'D'`);
    expect(Number(off.n)).toBe(0);
  });

  test("the public listing, search and JSON API show the generated items", async () => {
    const { findPublicItems } = await import("@/lib/server/public/listing");
    const { apiListItems } = await import("@/lib/server/public/api");
    const { prisma } = { prisma: (await import("@/lib/server/platform/db")).db() };
    const { publicItemWhere } = await import("@/lib/server/items/publication");
    const visible = await prisma.disclosureItem.count({ where: publicItemWhere(NOW) });
    expect(visible).toBeGreaterThan(1900);
    const browse = await findPublicItems({ page: 1, sort: "date" }, [], NOW);
    expect(browse.total).toBe(visible);
    expect(browse.items).toHaveLength(browse.pageSize);
    // The facets read the bulk-built index; the same counts from the tables by the publishability rule.
    const rule = `FROM "DisclosureItem" i JOIN "ItemRevision" r ON r.id = i."publishedRevisionId"
      WHERE i."indexNumber" IS NOT NULL AND i."withdrawnAt" IS NULL AND r.attribute = 'PROACTIVE' AND i."publishAt" <= $1
        AND EXISTS (SELECT 1 FROM "ReviewRecord" v WHERE v."revisionId" = r.id AND v.stage = 'SECRECY' AND v.decision = 'APPROVE')`;
    const grouped = async (expr: string) =>
      new Map((await client.query(`SELECT ${expr} AS k, count(*)::int AS n ${rule} GROUP BY 1`, [NOW])).rows.filter((x) => x.k !== null).map((x) => [x.k, x.n]));
    expect(browse.facets.total).toBe(visible);
    expect(browse.facets.department).toEqual(await grouped(`i."departmentId"`));
    expect(browse.facets.column).toEqual(await grouped(`i."columnId"`));
    expect(browse.facets.year).toEqual(await grouped(`extract(year FROM i."publishAt" + interval '8 hours')::int`));
    expect(browse.facets.article20).toEqual(await grouped(`r."article20Item"`));
    // A title word: the index finds exactly the public items whose text holds it.
    const word = "验收";
    const { n } = await one(
      `SELECT count(*) AS n FROM "DisclosureItem" i JOIN "ItemRevision" r ON r.id = i."publishedRevisionId"
        WHERE i."withdrawnAt" IS NULL AND r.attribute = 'PROACTIVE' AND i."publishAt" <= $2 AND (r.title LIKE $1 OR r."bodyText" LIKE $1)`,
      [`%${word}%`, NOW],
    );
    const found = await findPublicItems({ q: word, page: 1, sort: "relevance" }, [], NOW);
    expect(Number(n)).toBeGreaterThan(0);
    expect(found.total).toBe(Number(n));
    expect(found.items[0].title).toContain(word);
    const api = await apiListItems(new URLSearchParams({ q: word }), "https://example.cn", NOW);
    expect(api.ok && api.body.total).toBe(Number(n));
    const list = await apiListItems(new URLSearchParams(), "https://example.cn", NOW);
    expect(list.ok && list.body.items.length).toBeGreaterThan(0);
  });

  test("after the load the constraints and indexes are back as defined, and the app's own writes are indexed and numbered after the generated rows", async () => {
    const constraints = await one(`SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND conrelid = '"DisclosureItem"'::regclass`);
    expect(Number(constraints.n)).toBeGreaterThanOrEqual(4);
    const indexes = (await client.query(`SELECT indexname FROM pg_indexes WHERE tablename IN ('SearchEntry','DisclosureItem','ReviewRecord')`)).rows.map((r) => r.indexname);
    expect(indexes).toEqual(expect.arrayContaining(["SearchEntry_grams_idx", "DisclosureItem_indexNumber_key", "DisclosureItem_publishedRevisionId_key", "ReviewRecord_revisionId_idx"]));
    const { seedBureau, seedPending } = await import("../support/bureau");
    const b = await seedBureau();
    const item = await seedPending(b, "PUBLISHED", { title: "关于梅花鹿茸产业扶持资金的公示", body: "梅花鹿茸产业扶持资金名单。" });
    const row = await one(`SELECT "indexNumber" FROM "DisclosureItem" WHERE id = $1`, [item.id]);
    const year = Number(row.indexNumber.split("-")[1]);
    const { n: clashes } = await one(`SELECT count(*) AS n FROM "DisclosureItem" WHERE "indexNumber" = $1`, [row.indexNumber]);
    expect(Number(clashes)).toBe(1);
    const { max } = await one(`SELECT max("indexNumber") AS max FROM "DisclosureItem" WHERE id LIKE 'gs%' AND "indexNumber" LIKE $1`, [`%-${year}-%`]);
    if (max) expect(row.indexNumber > max).toBe(true);
    // The search trigger is on again: the new item has its row, and search finds it.
    expect(Number((await one(`SELECT count(*) AS n FROM "SearchEntry" WHERE "itemId" = $1`, [item.id])).n)).toBe(1);
    const { findPublicItems } = await import("@/lib/server/public/listing");
    const found = await findPublicItems({ q: "梅花鹿茸", page: 1, sort: "relevance" }, []);
    expect(found.items.map((i) => i.id)).toContain(item.id);
    // And a new request is numbered after the generated ones.
    const { seedRequest } = await import("../support/requests");
    const request = await seedRequest(b, "IN_PROGRESS", "2026-11-18");
    const { number } = await one(`SELECT number FROM "DisclosureRequest" WHERE id = $1`, [request.id]);
    const { n: same } = await one(`SELECT count(*) AS n FROM "DisclosureRequest" WHERE number = $1`, [number]);
    expect(Number(same)).toBe(1);
  });

  test("computeYear of a generated year balances 一+二 = （七）+四", async () => {
    const { computeYear } = await import("@/lib/server/reports/compute");
    const t3 = (await computeYear(2025)).table3;
    expect(t3.new_received.total).toBeGreaterThan(0);
    for (const c of Object.keys(t3.new_received) as (keyof typeof t3.new_received)[]) {
      expect(t3.new_received[c] + t3.carried_over[c]).toBe(t3.total_processed[c] + t3.carried_forward[c]);
    }
  });
});
