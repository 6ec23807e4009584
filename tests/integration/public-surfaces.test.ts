import { beforeAll, describe, expect, test } from "vitest";
import { apiItemListSchema, apiItemSchema } from "@/lib/domain/public-api";
import { db } from "@/lib/server/platform/db";
import { publishItem, withdrawItem } from "@/lib/server/items/publication";
import { reviewItem } from "@/lib/server/items/reviews";
import { apiGetItem, apiListItems } from "@/lib/server/public/api";
import { atomFeed, sitemapRoot } from "@/lib/server/public/feeds";
import { columnNeighbours, getPublishedItem, getWithdrawnItem } from "@/lib/server/public/site";
import { findPublicItems, listLatest, listPublishedItems, loadCatalog } from "@/lib/server/public/listing";
import { publicItemWhere } from "@/lib/server/items/publication";
import { facetCounts, searchIndex } from "@/lib/server/public/search";
import { allClearApproval, currentRevisionId, draftInput, seedBureau, seedDraft, seedPending, type Bureau } from "../support/bureau";
import { submitItem, updateDraft } from "@/lib/server/items/drafts";

/**
 * The one promise of the public site (DESIGN §8): nothing unpublished, scheduled for later,
 * withdrawn or other than 主动公开 reaches any public surface. One item in each of those states,
 * each carrying the same unmistakable words in title and body, and every surface is asked for
 * them: lists, facet counts, search, the item page, feeds, the API and the sitemap.
 */

const ORIGIN = "https://gk.test";
/** Characters no other test writes: a search for them can only find these items. */
const MARK = randomHanzi(4);
const WORD = MARK.slice(0, 2);

/** `YYYY-MM-DDTHH:mm` in Beijing time, as the 定时发布 field takes it. */
function beijingMinute(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

/**
 * A published revision that is not 主动公开 — which publishItem refuses to create — written the
 * way only a bypass could: a new revision with its own 保密审查 approval, made the public one.
 */
async function publishRevisionBehindTheRules(itemId: string, attribute: "ON_REQUEST" | "WITHHELD" | "PROACTIVE", title: string) {
  const item = await db().disclosureItem.findUniqueOrThrow({ where: { id: itemId }, include: { publishedRevision: true } });
  const old = item.publishedRevision!;
  const number = (await db().itemRevision.count({ where: { itemId } })) + 1;
  const revision = await db().itemRevision.create({
    data: {
      itemId,
      number,
      title,
      bodyHtml: old.bodyHtml,
      bodyText: old.bodyText,
      formedOn: old.formedOn,
      attribute,
      attributeReason: attribute === "PROACTIVE" ? null : "ART15_PRIVACY",
      contentHash: `${old.contentHash}-${number}`,
      authorId: old.authorId,
    },
  });
  await db().reviewRecord.create({
    data: { itemId, revisionId: revision.id, contentHash: revision.contentHash, stage: "SECRECY", decision: "APPROVE", reviewerId: b.people.secrecy.id },
  });
  await db().disclosureItem.update({ where: { id: itemId }, data: { publishedRevisionId: revision.id, currentRevisionId: revision.id } });
  return revision.id;
}

function randomHanzi(n: number) {
  return Array.from({ length: n }, () => String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 0x5000))).join("");
}

let b: Bureau;
const ids: Record<string, string> = {};
let columnCode = "";
let publicTitle = "";

beforeAll(async () => {
  b = await seedBureau();
  columnCode = b.column.code;
  const over = (state: string) => ({ title: `${MARK}${state}`, body: `正文含有${MARK}。\n\n状态：${state}` });

  publicTitle = `${MARK}已公开`;
  ids.public = (await seedPending(b, "PUBLISHED", over("已公开"))).id;
  ids.draft = (await seedDraft(b, over("草稿"))).id;
  ids.pending = (await seedPending(b, "PENDING_SECRECY", over("待保密审查"))).id;
  ids.approved = (await seedPending(b, "APPROVED", over("待发布"))).id;

  const scheduled = await seedPending(b, "APPROVED", over("定时发布"));
  const inAWeek = beijingMinute(new Date(Date.now() + 7 * 86_400_000));
  expect(await publishItem(b.people.office, scheduled.id, scheduled.revisionId, { publishAt: inAWeek })).toMatchObject({ ok: true });
  ids.scheduled = scheduled.id;

  const withdrawn = await seedPending(b, "PUBLISHED", over("已撤回"));
  expect(await withdrawItem(b.people.office, withdrawn.id, "内容有误，更正后重新发布")).toMatchObject({ ok: true });
  ids.withdrawn = withdrawn.id;

  // 依申请公开 as the editor records it: approved by every stage, refused at publication.
  const onRequest = await seedPending(b, "APPROVED", { ...over("依申请公开"), attribute: "ON_REQUEST", attributeReason: "ART15_PRIVACY" });
  expect(await publishItem(b.people.office, onRequest.id, onRequest.revisionId)).toMatchObject({ ok: false });
  ids.onRequest = onRequest.id;
  // And one that a bypass made public: the rule must still hide it.
  const bypassed = await seedPending(b, "PUBLISHED", over("绕过"));
  await publishRevisionBehindTheRules(bypassed.id, "ON_REQUEST", `${MARK}不予主动公开`);
  ids.notProactive = bypassed.id;
});

const hidden = () => Object.entries(ids).filter(([k]) => k !== "public").map(([, id]) => id);

function expectOnlyPublic(found: string[]) {
  expect(found).toContain(ids.public);
  for (const id of hidden()) expect(found).not.toContain(id);
}

describe("every public surface shows the published item and none of the others", () => {
  test("browse lists, newest first, and the compatibility list", async () => {
    const listing = await findPublicItems({ column: columnCode, page: 1, sort: "date" }, []);
    expectOnlyPublic(listing.items.map((i) => i.id));
    expect(listing.total).toBe(1);
    expectOnlyPublic((await listPublishedItems({ columnCode: columnCode })).items.map((i) => i.id));
    expectOnlyPublic((await listLatest({ columnCode, limit: 50 }))!.items.map((i) => i.id));
  });

  test("counts per facet count the published item only", async () => {
    const catalog = await loadCatalog();
    const facets = await facetCounts({ filters: {} });
    expect(facets.column.get(b.column.id)).toBe(1);
    expect(facets.department.get(b.dept.id)).toBe(1);
    const searched = await facetCounts({ q: WORD, filters: {} });
    expect(searched.total).toBe(1);
    expect(searched.column.get(b.column.id)).toBe(1);
    expect(catalog.columns.some((c) => c.code === columnCode)).toBe(true);
  });

  test("search, by a two-character word of the title and body", async () => {
    const listing = await findPublicItems({ q: WORD, page: 1, sort: "relevance" }, []);
    expect(listing.items.map((i) => i.id)).toEqual([ids.public]);
    expect(listing.total).toBe(1);
    const byDate = await searchIndex({ q: MARK, filters: {}, sort: "date", limit: 50 });
    expect(byDate.hits.map((h) => h.id)).toEqual([ids.public]);
  });

  test("the item page: only the published item; the withdrawn one gets its notice; the rest are not found", async () => {
    expect(await getPublishedItem(ids.public)).toMatchObject({ id: ids.public, title: publicTitle });
    for (const id of hidden()) expect(await getPublishedItem(id)).toBeNull();
    expect(await getWithdrawnItem(ids.withdrawn)).toMatchObject({
      indexNumber: expect.stringMatching(/\/\d{4}-\d{5}$/),
      withdrawReason: "内容有误，更正后重新发布",
    });
    for (const id of hidden().filter((id) => id !== ids.withdrawn)) expect(await getWithdrawnItem(id)).toBeNull();
    expect(await getWithdrawnItem(ids.public)).toBeNull();
  });

  test("主题分类 is the one chosen, or none: never the column's name in its place", async () => {
    expect(await getPublishedItem(ids.public)).toMatchObject({ topic: null });
    expect(apiItemSchema.parse((await apiGetItem(ids.public, ORIGIN)).body)).toMatchObject({ topic: null });
    const withTopic = await seedPending(b, "PUBLISHED", { topic: "科技、教育" });
    expect(await getPublishedItem(withTopic.id)).toMatchObject({ topic: "科技、教育" });
    await withdrawItem(b.people.office, withTopic.id, "测试后撤回");
  });

  test("previous and next in the column skip everything not public", async () => {
    const item = (await getPublishedItem(ids.public))!;
    expect(await columnNeighbours(item)).toEqual({ newer: null, older: null });
  });

  test("Atom feeds: everything and the column", async () => {
    for (const xml of [await atomFeed(ORIGIN), await atomFeed(ORIGIN, columnCode)]) {
      expect(xml).toContain(`${ORIGIN}/items/${ids.public}`);
      for (const id of hidden()) expect(xml).not.toContain(id);
    }
    expect(await atomFeed(ORIGIN, "no-such-column")).toBeNull();
  });

  test("the JSON API: list, search, one item (404 never published, 410 withdrawn)", async () => {
    for (const params of [`column=${columnCode}`, `q=${encodeURIComponent(WORD)}`, `department=${b.dept.code}&limit=100`]) {
      const list = await apiListItems(new URLSearchParams(params), ORIGIN);
      expect(list.status).toBe(200);
      const body = apiItemListSchema.parse(list.body);
      expectOnlyPublic(body.items.map((i) => i.id));
    }
    const one = await apiGetItem(ids.public, ORIGIN);
    expect(one.status).toBe(200);
    expect(apiItemSchema.parse(one.body)).toMatchObject({ title: publicTitle, column: { code: columnCode } });
    expect((await apiGetItem(ids.withdrawn, ORIGIN)).status).toBe(410);
    for (const id of hidden().filter((id) => id !== ids.withdrawn)) expect((await apiGetItem(id, ORIGIN)).status).toBe(404);
  });

  test("the sitemap", async () => {
    const xml = await sitemapRoot(ORIGIN);
    expect(xml).toContain(`${ORIGIN}/items/${ids.public}`);
    for (const id of hidden()) expect(xml).not.toContain(id);
  });

  test("a scheduled item appears once its time has come, on every surface", async () => {
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(await getPublishedItem(ids.scheduled, later)).not.toBeNull();
    const listing = await findPublicItems({ column: columnCode, page: 1, sort: "date" }, [], later);
    expect(listing.items.map((i) => i.id).sort()).toEqual([ids.public, ids.scheduled].sort());
    const searched = await searchIndex({ q: WORD, filters: {}, sort: "relevance", limit: 10 }, later);
    expect(searched.hits.map((h) => h.id).sort()).toEqual([ids.public, ids.scheduled].sort());
  });
});

describe("the search index and publicItemWhere() select the same items", () => {
  async function agree(now = new Date()) {
    const byRule = await db().disclosureItem.findMany({ where: publicItemWhere(now), select: { id: true } });
    const byIndex = await db().searchEntry.findMany({ where: { publishAt: { lte: now } }, select: { itemId: true } });
    expect(byIndex.map((e) => e.itemId).sort()).toEqual(byRule.map((r) => r.id).sort());
  }

  test("now, and a week on, over every item of every test so far", async () => {
    await agree();
    await agree(new Date(Date.now() + 8 * 86_400_000));
  });

  test("they follow every change that affects publishability, in the same transaction", async () => {
    const item = await seedPending(b, "PUBLISHED", { title: `${MARK}跟随`, body: "跟随测试" });
    await agree();
    await publishRevisionBehindTheRules(item.id, "WITHHELD", `${MARK}跟随二`);
    await agree();
    await publishRevisionBehindTheRules(item.id, "PROACTIVE", `${MARK}跟随三`);
    await agree();
    await db().disclosureItem.update({ where: { id: item.id }, data: { withdrawnAt: new Date() } });
    await agree();
    await db().disclosureItem.update({ where: { id: item.id }, data: { withdrawnAt: null, publishAt: new Date(Date.now() + 86_400_000) } });
    await agree();
    await agree(new Date(Date.now() + 2 * 86_400_000));
    await db().disclosureItem.update({ where: { id: item.id }, data: { indexNumber: null } });
    await agree();
  });

  test("an edited item: the published revision's words are searchable, the new draft's only once it is republished", async () => {
    const [oldWord, newWord] = [randomHanzi(3), randomHanzi(3)];
    const item = await seedPending(b, "PUBLISHED", { title: `${MARK}修订`, body: `正文${oldWord}` });
    const search = async (q: string) => (await searchIndex({ q, filters: {}, sort: "date", limit: 5 })).hits.map((h) => h.id);
    expect(await search(oldWord)).toEqual([item.id]);

    const edited = await updateDraft(b.people.liaison, item.id, item.revisionId, draftInput(b, { title: `${MARK}修订`, body: `正文${newWord}` }));
    expect(edited).toMatchObject({ ok: true });
    const revisionId = await currentRevisionId(item.id);
    expect(await search(newWord)).toEqual([]);
    expect(await search(oldWord)).toEqual([item.id]);

    expect(await submitItem(b.people.liaison, item.id, revisionId)).toMatchObject({ ok: true });
    for (const reviewer of [b.people.head, b.people.leader, b.people.secrecy]) {
      expect(await reviewItem(reviewer, item.id, { decision: "APPROVE", revisionId, ...(await allClearApproval(revisionId)) })).toMatchObject({ ok: true });
    }
    expect(await publishItem(b.people.office, item.id, revisionId)).toMatchObject({ ok: true });
    expect(await search(newWord)).toEqual([item.id]);
    expect(await search(oldWord)).toEqual([]);
    await agree();
  });
});
