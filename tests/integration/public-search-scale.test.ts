import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/server/platform/db";
import { findPublicItems } from "@/lib/server/public/listing";
import { facetCounts, searchIndex, type SearchOptions } from "@/lib/server/public/search";
import { seedBureau, seedPending, type Bureau } from "../support/bureau";

/**
 * The two ways a large search is kept cheap (session 9, docs/decisions.md), checked with little
 * data by shrinking their windows:
 * - the walk — the first pages from the newest items under the filters, read in publication order —
 *   must find exactly the page the GIN path finds, for any word, sort, filter, page and cursor, with
 *   items sharing a publication moment (the order's tie-break) and one scheduled for later;
 * - facet counts over a sample: past it the counts are not given, and the listing's total is the
 *   index query's.
 */

const hanzi = (n: number) => Array.from({ length: n }, () => String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 0x5000))).join("");
/** Three words no other test writes (three characters: a random pair could, rarely, occur elsewhere). */
const [A, B, C] = [hanzi(3), hanzi(3), hanzi(3)];

let b: Bureau;
const ITEMS = 36;

beforeAll(async () => {
  b = await seedBureau();
  // A deterministic mix: A in most items, B in some titles and bodies, C rare; publication moments
  // repeat (ties), one item is scheduled for tomorrow.
  const base = Date.now() - 40 * 86_400_000;
  for (let i = 0; i < ITEMS; i++) {
    const title = `${i % 3 === 0 ? A : "通知"}${i % 4 === 0 ? B : ""}第${i}号`;
    const body = `${i % 5 !== 0 ? A : "正文"}，${i % 2 === 0 ? B : ""}${i % 11 === 0 ? C : ""}。`;
    const item = await seedPending(b, "PUBLISHED", { title, body });
    const publishAt = i === ITEMS - 1 ? new Date(Date.now() + 86_400_000) : new Date(base + Math.floor(i / 3) * 86_400_000);
    await db().disclosureItem.update({ where: { id: item.id }, data: { publishAt } });
  }
  // And one of A three years ago: a search's years span more than the rows a sample reads.
  const old = await seedPending(b, "PUBLISHED", { title: `${A}旧年`, body: "三年前。" });
  await db().disclosureItem.update({ where: { id: old.id }, data: { publishAt: new Date(Date.now() - 3 * 366 * 86_400_000) } });
}, 120_000);

const words = [A, B, C, `${A} ${B}`, `${B} ${C}`, A.slice(0, 2), hanzi(3)];

describe("the walk finds the page the GIN path finds", () => {
  test("any word, sort, page and window; with and without a year", async () => {
    const year = new Date(Date.now() - 30 * 86_400_000).getUTCFullYear();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...words),
        fc.constantFrom<"relevance" | "date">("relevance", "date"),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        async (q, sort, limit, pageIndex, walkRows, byYear) => {
          const o: SearchOptions = { q, sort, limit, offset: pageIndex * limit, filters: { columnIds: [b.column.id], ...(byYear ? { year } : {}) } };
          const gin = await searchIndex(o, undefined, { walkRows: 0 });
          const walked = await searchIndex(o, undefined, { walkRows, walkAlways: true });
          expect(walked).toEqual(gin);
        },
      ),
      { numRuns: 60 },
    );
  });

  test("by the API's cursor, page after page, each item once and in the GIN path's order", async () => {
    for (const q of [A, B]) {
      for (const sort of ["relevance", "date"] as const) {
        const pages = async (tuning: { walkRows: number; walkAlways?: boolean }) => {
          const seen: string[] = [];
          let cursor: SearchOptions["cursor"];
          for (let i = 0; i < 20; i++) {
            const { hits } = await searchIndex({ q, sort, limit: 4, cursor, filters: { columnIds: [b.column.id] } }, undefined, tuning);
            if (!hits.length) break;
            seen.push(...hits.map((h) => h.id));
            const last = hits[hits.length - 1]!;
            cursor = { at: last.at.toISOString(), id: last.id, rank: sort === "relevance" ? last.rank : undefined };
          }
          return seen;
        };
        const gin = await pages({ walkRows: 0 });
        expect(gin.length).toBeGreaterThan(4);
        expect(new Set(gin).size).toBe(gin.length);
        for (const walkRows of [3, 9, 1000]) expect(await pages({ walkRows, walkAlways: true }), `${q} ${sort} ${walkRows}`).toEqual(gin);
      }
    }
  });

  test("the item scheduled for tomorrow is on no page of either path", async () => {
    const scheduled = await db().disclosureItem.findFirstOrThrow({ where: { departmentId: b.dept.id, publishAt: { gt: new Date() } } });
    const found = await searchIndex({ q: A, sort: "date", limit: 50, filters: { columnIds: [b.column.id] } }, undefined, { walkRows: 1000, walkAlways: true });
    expect(found.hits.map((h) => h.id)).not.toContain(scheduled.id);
  });
});

describe("facet counts over a sample", () => {
  const filters = () => ({ columnIds: [b.column.id] });

  test("within the sample: exact counts, not sampled", async () => {
    const exact = await facetCounts({ q: A, filters: filters() });
    const counted = await searchIndex({ q: A, sort: "date", limit: 1, filters: filters() });
    expect(exact.sampled).toBe(false);
    expect(exact.total).toBe(counted.total);
    expect(exact.column.get(b.column.id)).toBe(counted.total);
  });

  test("past the sample: sampled, and the listing's total is the index query's, not the sample's", async () => {
    const sampled = await facetCounts({ q: A, filters: filters() }, undefined, 3);
    expect(sampled.sampled).toBe(true);
    // Its years are every year with public items, not those of the rows it happened to read (one
    // or two rows here: at most two years).
    const one = await facetCounts({ q: A, filters: filters() }, undefined, 1);
    const all = await facetCounts({ filters: {} });
    const years = [...all.year.keys()];
    const span = Array.from({ length: Math.max(...years) - Math.min(...years) + 1 }, (_, i) => Math.max(...years) - i);
    expect(span.length).toBeGreaterThan(2);
    expect([...one.year.keys()]).toEqual(span);
    // A search of more matches than the sample, among every bureau's items: its facets are sampled.
    const listing = await findPublicItems({ q: A, column: b.column.code, page: 1, sort: "relevance" }, [], undefined, { facetSample: 3 });
    const counted = await searchIndex({ q: A, sort: "date", limit: 1, filters: filters() });
    expect(listing.facets.sampled).toBe(true);
    expect(listing.total).toBe(counted.total);
    expect(listing.totalCapped).toBe(false);
    // Exactly as many matches as the sample holds is not past it; one more is.
    const rare = (await searchIndex({ q: C, sort: "date", limit: 1, filters: filters() })).total;
    expect(rare).toBe(4);
    expect((await facetCounts({ q: C, filters: filters() }, undefined, rare)).sampled).toBe(false);
    expect((await facetCounts({ q: C, filters: filters() }, undefined, rare - 1)).sampled).toBe(true);
  });

  test("browsing is never sampled", async () => {
    expect((await facetCounts({ filters: filters() }, undefined, 1)).sampled).toBe(false);
  });
});
