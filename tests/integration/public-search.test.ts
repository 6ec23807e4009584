import { beforeAll, describe, expect, test } from "vitest";
import { apiItemListSchema } from "@/lib/domain/public-api";
import { parsePublicQuery } from "@/lib/domain/public-query";
import { highlight, searchTerms } from "@/lib/domain/search-text";
import { db } from "@/lib/server/platform/db";
import { apiListItems } from "@/lib/server/public/api";
import { findPublicItems } from "@/lib/server/public/listing";
import { searchIndex } from "@/lib/server/public/search";
import { seedBureau, seedPending, type Bureau } from "../support/bureau";

/**
 * Search that works for Chinese: a two-character word is found wherever it occurs, title matches
 * rank above body matches, punctuation separates words, and no input can break a page.
 */

const hanzi = (n: number) => Array.from({ length: n }, () => String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 0x5000))).join("");
/** A word no other test writes, and a second one. */
const W = hanzi(2);
const V = hanzi(2);
const LONG = hanzi(6);
const CODE = `${Math.floor(Math.random() * 9e5 + 1e5)}`;
const ORIGIN = "https://gk.test";

let b: Bureau;
const ids: Record<string, string> = {};

async function publish(key: string, title: string, body: string, daysAgo: number) {
  const item = await seedPending(b, "PUBLISHED", { title, body });
  await db().disclosureItem.update({ where: { id: item.id }, data: { publishAt: new Date(Date.now() - daysAgo * 86_400_000) } });
  ids[key] = item.id;
  return item;
}

beforeAll(async () => {
  b = await seedBureau();
  await publish("inTitle", `关于${W}工作的通知`, "正文不含该词。", 3);
  await publish("bodyOld", "一则旧消息", `旧消息的正文提到${W}和${V}。`, 2);
  await publish("bodyNew", "一则新消息", `新消息的正文也提到了${W}。段落里还有${LONG}。`, 1);
  // The word's two characters separated by punctuation are two words, not the word.
  await publish("split", "被标点隔开", `${W[0]}，${W[1]}。`, 0.5);
  // Full-width letters and digits are found by their ordinary forms.
  const wide = `ＧＫ${CODE}`.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  await publish("wide", "全角编号", `编号${wide}号`, 0.4);
  await publish("twice", "重复的词", `正文中的${V}${V}`, 0.3);
});

const search = async (q: string, sort: "relevance" | "date" = "relevance", limit = 20) =>
  (await searchIndex({ q, filters: { columnIds: [b.column.id] }, sort, limit })).hits.map((h) => h.id);

describe("Chinese words", () => {
  test("a two-character word: title match first, then body matches newest first; split characters do not match", async () => {
    expect(await search(W)).toEqual([ids.inTitle, ids.bodyNew, ids.bodyOld]);
  });

  test("sorted by date instead", async () => {
    expect(await search(W, "date")).toEqual([ids.bodyNew, ids.bodyOld, ids.inTitle]);
  });

  test("any substring of a longer run of characters, of three, four or six characters", async () => {
    for (const q of [LONG.slice(1, 4), LONG.slice(0, 4), LONG]) expect(await search(q)).toEqual([ids.bodyNew]);
    expect(await search(LONG.slice(2) + LONG.slice(0, 2))).toEqual([]);
  });

  test("one character", async () => {
    expect(await search(LONG[3])).toEqual([ids.bodyNew]);
  });

  test("several words must all occur", async () => {
    expect(await search(`${W} ${V}`)).toEqual([ids.bodyOld]);
    expect(await search(`${W}，${LONG}`)).toEqual([ids.bodyNew]);
  });

  test("full-width letters and digits, and upper or lower case", async () => {
    expect(await search(`gk${CODE}`)).toEqual([ids.wide]);
    expect(await search(`GK${CODE}`)).toEqual([ids.wide]);
  });

  test("a word repeated, and a phrase across the body", async () => {
    expect(await search(`${V}${V}`)).toEqual([ids.twice]);
    expect(await search("旧消息的正文")).toEqual([ids.bodyOld]);
  });

  test("results mark the words in titles and snippets", async () => {
    const listing = await findPublicItems({ q: W, column: b.column.code, page: 1, sort: "relevance" }, []);
    expect(listing.items.map((i) => i.id)).toEqual([ids.inTitle, ids.bodyNew, ids.bodyOld]);
    expect(highlight(listing.items[0].title, searchTerms(W)).filter((s) => s.hit).map((s) => s.text)).toEqual([W]);
    expect(listing.items[1].body).toContain(W);
  });

  test("facet filters narrow a search", async () => {
    const other = await searchIndex({ q: W, filters: { columnIds: [b.newsColumn.id] }, sort: "relevance", limit: 10 });
    expect(other.hits).toEqual([]);
    const dept = await searchIndex({ q: W, filters: { columnIds: [b.column.id], departmentId: b.dept.id }, sort: "relevance", limit: 10 });
    expect(dept.hits).toHaveLength(3);
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const lastYear = await searchIndex({ q: W, filters: { columnIds: [b.column.id], year: year - 1 }, sort: "relevance", limit: 10 });
    expect(lastYear.total).toBe(0);
  });
});

describe("pages of results", () => {
  test("by offset, across the boundary between title and body matches", async () => {
    const pageOf = async (offset: number) =>
      (await searchIndex({ q: W, filters: { columnIds: [b.column.id] }, sort: "relevance", limit: 1, offset })).hits.map((h) => h.id);
    expect([...(await pageOf(0)), ...(await pageOf(1)), ...(await pageOf(2)), ...(await pageOf(3))]).toEqual([ids.inTitle, ids.bodyNew, ids.bodyOld]);
  });

  test("by the API's cursor, each item once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams({ q: W, column: b.column.code, limit: "1", ...(cursor ? { cursor } : {}) });
      const result = await apiListItems(params, ORIGIN);
      expect(result.status).toBe(200);
      const body = apiItemListSchema.parse(result.body);
      seen.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual([ids.inTitle, ids.bodyNew, ids.bodyOld]);
  });

  test("a page past the end shows the last page and says so", async () => {
    const listing = await findPublicItems({ q: W, column: b.column.code, page: 99, sort: "relevance" }, []);
    expect(listing.page).toBe(1);
    expect(listing.items).toHaveLength(3);
    expect(listing.notices.join()).toContain("第 99 页不存在");
  });
});

describe("no input breaks a page", () => {
  const nasty = [
    "'; DROP TABLE \"SearchEntry\"; --",
    "科技' OR '1'='1",
    "%_%",
    "\\",
    "科技:* & !项目 | (公开)",
    "<script>alert(1)</script>",
    ".*[(?",
    "\u0000科技\u0007",
    "😀😀",
    "a".repeat(10_000),
    "科".repeat(10_000),
    "a b c d e f g h i j k l m n o p q r s t u v w x y",
  ];

  test.each(nasty.map((q) => [q.slice(0, 40), q]))("%s", async (_, raw) => {
    const { query, notices } = parsePublicQuery({ q: raw }, 2026);
    const listing = await findPublicItems(query, notices);
    expect(listing.page).toBeGreaterThanOrEqual(1);
    if (raw.length > 50) expect(listing.notices.join()).toContain("搜索词过长");
    const api = await apiListItems(new URLSearchParams({ q: raw }), ORIGIN);
    expect([200, 400]).toContain(api.status);
    if (raw.length > 50) expect(api.body).toMatchObject({ error: { code: "invalid_query", message: expect.stringContaining("最多 50 个字") } });
  });

  test("the table is still there, and the search still works", async () => {
    expect(await search(W)).toHaveLength(3);
  });

  test("unknown facet values, bad pages and cursors", async () => {
    const { query, notices } = parsePublicQuery({ column: "no-such", department: "<x>", article20: "16", year: "abc", page: "-1" }, 2026);
    const listing = await findPublicItems(query, notices);
    for (const notice of ["未找到栏目“no-such”", "发布机构参数无效", "第二十条", "年份应在", "页码无效"]) {
      expect(listing.notices.join("\n")).toContain(notice);
    }
    for (const params of ["column=no-such", "article20=16", "year=abc", "limit=1000", "cursor=not-a-cursor", "cursor=eyJhIjoxfQ", "department=%3Cx%3E"]) {
      const result = await apiListItems(new URLSearchParams(params), ORIGIN);
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ error: { code: "invalid_query", message: expect.stringMatching(/[\u4e00-\u9fff]/) } });
    }
  });
});
