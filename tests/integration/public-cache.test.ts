import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/server/platform/db";
import { withdrawItem } from "@/lib/server/items/publication";
import { getSiteSettings, updateSiteSettings } from "@/lib/server/admin/site-settings";
import { BLIND_MS, BoundedStore, MAX_AGE_MS, PublicCache, publicCache, TagClock, type PublicTag } from "@/lib/server/platform/public-cache";
import { internalSearchPath } from "@/lib/domain/public-path";
import { admitSearch, noteSearchOverload, SEARCH_FRESH_MS, searchFromCache } from "@/lib/server/platform/search-admission";
import { revalidate } from "@/app/(public)/s/[site]/[query]/layout";
import { GET as feed } from "@/app/feed.xml/route";
import { seedBureau, seedPending, type Bureau } from "../support/bureau";

/**
 * The public cache's shared invalidations (issue 11 §2) over the real database: two instances
 * (each its own PublicCache, as two `next start` processes have) and one table. Polls are called
 * by hand, so nothing here waits on a clock.
 */
const MB = 1024 * 1024;
const SETTINGS = {
  officeName: "缓存测试办公室",
  address: "缓存测试地址",
  postalCode: "132000",
  officeHours: "工作日 8:30—17:00",
  phone: "0432-62000000",
  fax: "",
  email: "zwgk@example.cn",
  website: "",
  note: "",
  systemColumn: "gzzd",
  annualReportColumn: "ndbg",
};
const ITEM_PAGE = "/route-cache/app-page/abc/$/s/main/_/items/x";
const REPORT_PAGE = "/route-cache/app-page/abc/$/s/main/_/annual-reports/2025";
/**
 * Tags of this test alone: an invalidation of a real tag by an earlier test (or a write in this
 * file) must not decide what these tests see. The clock and store take any tag.
 */
let ITEMS: PublicTag, REPORTS: PublicTag;
const freshTag = () => `test-${Math.random().toString(36).slice(2)}` as PublicTag;
beforeEach(() => {
  ITEMS = freshTag();
  REPORTS = freshTag();
});
const tagsOf = (key: string) => (key.includes("annual-reports") ? ["site", REPORTS] : ["site", ITEMS, REPORTS]) as PublicTag[];

/** An instance that has polled once, without its timer. */
async function instance(): Promise<PublicCache> {
  const cache = new PublicCache(db(), 4 * MB);
  await cache.poll();
  return cache;
}

/** Stores `key` as a render that began now (a miss, then the store). */
function render(cache: PublicCache, key: string, now = Date.now()) {
  expect(cache.pages.get(key, now)).toBeNull();
  cache.pages.set(key, { html: key }, tagsOf(key), 1000, now);
}

describe("two instances over one table", () => {
  test("an invalidation on one is seen at once there, and by the other at its next poll", async () => {
    const [one, two] = [await instance(), await instance()];
    for (const cache of [one, two]) {
      render(cache, ITEM_PAGE);
      render(cache, REPORT_PAGE);
    }
    await new Promise((r) => setTimeout(r, 5)); // the invalidation is later than the renders
    await one.invalidate([ITEMS]);
    expect(one.pages.get(ITEM_PAGE)).toBeNull();
    expect(two.pages.get(ITEM_PAGE)).not.toBeNull(); // not polled yet
    await two.poll();
    expect(two.pages.get(ITEM_PAGE)).toBeNull();
    // What the tag does not cover stays.
    expect(one.pages.get(REPORT_PAGE)).not.toBeNull();
    expect(two.pages.get(REPORT_PAGE)).not.toBeNull();
  });

  test("a restarted instance knows every invalidation recorded before it started", async () => {
    const before = Date.now() - 2_000;
    const one = await instance();
    await one.invalidate([REPORTS]);
    const restarted = await instance();
    expect(restarted.tags.fresh([REPORTS], before)).toBe(false);
    expect(restarted.tags.fresh(["site"], Date.now() + 5_000)).toBe(true);
  });

  test("a render that began before the invalidation is dropped even when stored after it", async () => {
    const [one, two] = [await instance(), await instance()];
    const began = Date.now() - 3_000;
    expect(two.pages.get(ITEM_PAGE, began)).toBeNull(); // the miss: the render begins
    await one.invalidate([ITEMS]); // a commit while it renders
    await two.poll();
    await new Promise((r) => setTimeout(r, 1_200)); // the render goes on past the tolerated clock skew
    two.pages.set(ITEM_PAGE, { html: "old" }, tagsOf(ITEM_PAGE), 1000); // stored after
    expect(two.pages.get(ITEM_PAGE)).toBeNull();
  });

  test("a scheduled publication makes the pages stale at its moment, on every instance", async () => {
    const [one, two] = [await instance(), await instance()];
    const now = Date.now();
    render(two, ITEM_PAGE, now - 1_000);
    await one.invalidate([ITEMS], new Date(now + 60_000));
    await two.poll();
    expect(two.pages.get(ITEM_PAGE, now)).not.toBeNull();
    expect(two.pages.get(ITEM_PAGE, now + 61_000)).toBeNull();
  });
});

describe("one instance's store", () => {
  test("an instance that has not heard from the table for BLIND_MS serves nothing", async () => {
    const cache = await instance();
    const now = Date.now();
    render(cache, REPORT_PAGE, now);
    expect(cache.pages.get(REPORT_PAGE, now + BLIND_MS - 1_000)).not.toBeNull();
    expect(cache.pages.get(REPORT_PAGE, now + BLIND_MS + 1_000)).toBeNull();
  });

  test("memory is bounded: the least recently used entries go first, and huge ones are not kept", async () => {
    const clock = new TagClock(async () => []);
    await clock.refresh();
    const store = new BoundedStore(10_000, clock);
    for (let i = 0; i < 50; i++) store.set(`/q/${i}`, i, ["site"], 1_000);
    expect(store.size).toBe(10);
    expect(store.usedBytes).toBeLessThanOrEqual(10_000);
    expect(store.get("/q/49")).not.toBeNull();
    expect(store.get("/q/0")).toBeNull();
    store.set("/huge", "x", ["site"], 5_000);
    expect(store.get("/huge")).toBeNull();
  });
});

describe("the age bound", () => {
  test("no entry is served older than MAX_AGE_MS, even when no invalidation came (a lost one, a lagging replica)", async () => {
    const cache = await instance();
    const t = Date.now();
    expect(cache.responses.get("/age-probe", t)).toBeNull();
    cache.responses.set("/age-probe", "answer", [ITEMS], 100, t);
    await cache.tags.refresh(t + MAX_AGE_MS - 1_000);
    expect(cache.responses.get("/age-probe", t + MAX_AGE_MS - 1_000)?.value).toBe("answer");
    await cache.tags.refresh(t + MAX_AGE_MS + 1_000);
    expect(cache.responses.get("/age-probe", t + MAX_AGE_MS + 1_000)).toBeNull();
  });
});

describe("the writes invalidate through the kernel", () => {
  let b: Bureau;
  beforeAll(async () => {
    b = await seedBureau();
    await publicCache()!.start();
  });
  afterAll(() => publicCache()?.stop());

  const rowsSince = (since: Date) => db().publicCacheInvalidation.findMany({ where: { recordedAt: { gte: since } }, select: { tag: true } });

  test("withdrawing an item records 'items' and this instance's feed is rendered anew at once", async () => {
    const item = await seedPending(b, "PUBLISHED", { title: "缓存撤回测试信息" });
    const request = () => new Request("http://gk.test/feed.xml");
    const first = await (await feed(request())).text();
    expect(first).toContain("缓存撤回测试信息");
    const since = new Date(Date.now() - 1_000);
    expect((await withdrawItem(b.people.office, item.id, "信息有误，撤回更正")).ok).toBe(true);
    expect((await rowsSince(since)).map((r) => r.tag)).toContain("items");
    expect(await (await feed(request())).text()).not.toContain("缓存撤回测试信息");
  });

  test("a search goes to the page cache only when that costs no render, or spends a render a counted ask paid for", async () => {
    const cache = publicCache()!;
    expect(cache.enabled).toBe(true);
    const path = internalSearchPath({ q: `准入${Math.random()}` }, 2026)!;
    const other = internalSearchPath({ q: `准入${Math.random()}` }, 2026)!;
    expect(searchFromCache(path)).toBe(false);
    admitSearch(path); // a counted, successful ask
    expect(searchFromCache(other)).toBe(false);
    expect(searchFromCache(path)).toBe(true); // the paid render
    expect(searchFromCache(path)).toBe(false); // spent: the next ask is counted again
    admitSearch(path);
    admitSearch(path);
    expect([searchFromCache(path), searchFromCache(path)]).toEqual([true, false]); // one credit, however often granted

    // While /search finds the database overloaded, no paid render starts in the cache (it would be a 500).
    admitSearch(path);
    noteSearchOverload();
    try {
      expect(searchFromCache(path)).toBe(false);
    } finally {
      noteSearchOverload(Date.now() - 30_001); // the pause over
    }
    expect(searchFromCache(path)).toBe(true); // the grant was kept for then

    // Held and younger than the pages' revalidate: Next serves it without a render, so it costs nothing.
    await new Promise((r) => setTimeout(r, 1_100)); // past SKEW_MS of the last test's invalidation
    cache.pages.get(path); // the miss the render would follow
    cache.pages.set(path, { kind: "APP_PAGE" }, ["site", "items", "reports"], 1_000);
    expect([searchFromCache(path), searchFromCache(path)]).toEqual([true, true]);
    // Older than that, Next would render it again (in the background): not without a credit.
    expect(cache.pages.holds(path, SEARCH_FRESH_MS, Date.now() + SEARCH_FRESH_MS)).toBe(false);
    expect(SEARCH_FRESH_MS, "the cached pages' revalidate (layout.tsx)").toBe(revalidate * 1000);
    // Nor once something it shows was invalidated.
    cache.tags.note("items", Date.now() + 1_500);
    expect(cache.pages.holds(path, SEARCH_FRESH_MS, Date.now() + 2_000)).toBe(false);

    cache.stop(); // not started: nothing is cached, so nothing goes there
    try {
      admitSearch(other);
      expect(searchFromCache(other)).toBe(false);
    } finally {
      await cache.start();
    }
  });

  test("holds() looks without touching: no place in the LRU, no miss recorded", async () => {
    const clock = new TagClock(async () => []);
    await clock.refresh();
    const store = new BoundedStore(4_000, clock);
    for (const key of ["a", "b", "c", "d"]) store.set(key, key, ["site"], 1_000);
    expect(store.holds("a", 60_000)).toBe(true);
    store.set("e", 5, ["site"], 1_000); // over the bound: the least recently used goes, "a" — holds() did not use it
    expect(store.holds("a", 60_000)).toBe(false);
    expect(store.holds("b", 60_000)).toBe(true);
    expect(store.holds("nothing", 60_000)).toBe(false);
    // No miss was recorded by holds(): a store now is stamped as a background render (10 s back), not from then.
    store.set("nothing", 5, ["site"], 100);
    expect(store.holds("nothing", 60_000)).toBe(true);
    expect(store.holds("nothing", 9_000)).toBe(false);
  });

  test("a cached feed is served from memory until something invalidates it", async () => {
    const request = () => new Request("http://gk.test/feed.xml?probe=1");
    await feed(request());
    const cache = publicCache()!;
    // The feed reads no parameter: `?probe=1` is the same entry as none (one variant, not one per spelling).
    const key = "/feed.xml?";
    await new Promise((r) => setTimeout(r, 1_100)); // a copy stored within SKEW_MS of the last invalidation is dropped once more
    await feed(request());
    expect(cache.responses.get(key)).not.toBeNull();
    const since = new Date(Date.now() - 1_000);
    const { version } = await getSiteSettings();
    const settings = await updateSiteSettings(b.people.office, { ...SETTINGS, systemColumn: b.column.code, annualReportColumn: b.newsColumn.code, version });
    expect(settings).toMatchObject({ ok: true });
    expect((await rowsSince(since)).map((r) => r.tag)).toContain("site");
    expect(cache.responses.get(key)).toBeNull();
  });
});
