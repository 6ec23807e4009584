import pg from "pg";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { prepareDatabase } from "@/lib/server/platform/database-setup";
import { chinaYear } from "@/lib/domain/dates";
import type { Actor } from "@/lib/server/platform/actor";
import { db } from "@/lib/server/platform/db";
import { createDatabase, dropDatabase } from "../support/throwaway-db";
import { seedBureau, seedDraft, seedPending, type Bureau } from "../support/bureau";
import { seedRequest } from "../support/requests";

/**
 * No N+1 (issue 11 §5): each public page's and console page's data function issues the same number
 * of SQL statements whatever the amount of data. Counted at the driver — every query any pg client
 * of this process sends, which is what Prisma's adapter and our raw SQL both go through — first with
 * a few rows in every list, then with four times as many (still below every page size — 10 on the
 * home page and a search page — so a query per row shows). Each function is called once to warm what it caches, then counted.
 * A database of its own: counts must not move with other files' rows.
 */
const isolated = vi.hoisted(() => {
  // Before any import reads lib/env: every function below then talks to this file's database.
  const shared = process.env.DATABASE_URL!;
  const name = `gongkai_querycount_${Math.random().toString(16).slice(2, 12)}`;
  const url = new URL(shared);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  return { shared, name };
});

let statements = 0;
const originalQuery = pg.Client.prototype.query;
function countStatements() {
  pg.Client.prototype.query = function (this: pg.Client & { connectionParameters?: { application_name?: string } }, ...args: unknown[]) {
    // pg-boss's own pool is the job queue's business, not a page's.
    if (this.connectionParameters?.application_name !== "gongkai-jobs") statements++;
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
}

let b: Bureau;
const ORIGIN = "https://gk.example.cn";
/** What each page is shown with: the first item and request created stay the ones looked at. */
const subject = { publishedId: "", pendingId: "", pendingRevisionId: "", requestId: "", column: "" };

/** One round of data: n items in each state the pages list, n open and n closed requests. */
async function addData(n: number) {
  for (let i = 0; i < n; i++) {
    const published = await seedPending(b, "PUBLISHED", { title: `关于科技项目申报的通知 ${i}`, body: `科技项目申报材料第${i}批。\n\n请各单位按时报送。` });
    const pending = await seedPending(b, "PENDING_SECRECY", { title: `科技成果公示 ${i}` });
    await seedDraft(b, { title: `科技工作草稿 ${i}` });
    const open = await seedRequest(b, "IN_PROGRESS", "2026-11-02");
    await seedRequest(b, "CLOSED", "2026-03-02");
    subject.publishedId ||= published.id;
    subject.pendingId ||= pending.id;
    subject.pendingRevisionId ||= pending.revisionId;
    subject.requestId ||= open.id;
  }
}

/** The data functions of each page, as the page calls them (app/**); each returns nothing we need. */
function pages(): Record<string, () => Promise<unknown>> {
  // Read when a page runs, not when the list is made (the test names are listed before the bureau exists).
  const actors = new Proxy({} as Record<string, Actor>, { get: (_, role: string) => (b.people as Record<string, Actor>)[role] });
  const year = chinaYear(new Date());
  return {
    "public: home": async () => {
      const { listLatest } = await import("@/lib/server/public/listing");
      const { listPublicColumns } = await import("@/lib/server/public/site");
      await Promise.all([listLatest({ limit: 10 }), listPublicColumns()]);
    },
    "public: column listing": async () => {
      const { findPublicItems } = await import("@/lib/server/public/listing");
      await findPublicItems({ column: subject.column, page: 1, sort: "date" }, []);
    },
    "public: browse with facets": async () => {
      const { findPublicItems } = await import("@/lib/server/public/listing");
      await findPublicItems({ page: 1, sort: "date", department: b.dept.code }, []);
    },
    "public: item page": async () => {
      const { columnNeighbours, getPublishedItem, listPublicColumns } = await import("@/lib/server/public/site");
      const item = await getPublishedItem(subject.publishedId);
      if (!item) throw new Error("the published item is not public");
      await Promise.all([columnNeighbours(item), listPublicColumns()]);
    },
    "public: search": async () => {
      const { findPublicItems } = await import("@/lib/server/public/listing");
      await findPublicItems({ q: "科技项目", page: 1, sort: "relevance" }, []);
    },
    "public: feeds": async () => {
      const { atomFeed } = await import("@/lib/server/public/feeds");
      await atomFeed(ORIGIN);
      await atomFeed(ORIGIN, subject.column);
    },
    "public: sitemap": async () => {
      const { sitemapFile, sitemapRoot } = await import("@/lib/server/public/feeds");
      await sitemapRoot(ORIGIN);
      await sitemapFile(ORIGIN, 1);
    },
    "public: JSON API list": async () => {
      const { apiListItems } = await import("@/lib/server/public/api");
      await apiListItems(new URLSearchParams(), ORIGIN);
      await apiListItems(new URLSearchParams({ q: "科技" }), ORIGIN);
    },
    "public: JSON API detail": async () => {
      const { apiGetItem } = await import("@/lib/server/public/api");
      await apiGetItem(subject.publishedId, ORIGIN);
    },
    "public: annual report page": async () => {
      const { publicReport, publicYearFigures } = await import("@/lib/server/reports/public");
      await publicReport(year - 1);
      await publicYearFigures();
    },
    "console: dashboard": async () => {
      const { timelinessDashboard } = await import("@/lib/server/items/dashboard");
      await timelinessDashboard(actors.office, { year: String(year) });
    },
    "console: home and item lists (liaison, office)": async () => {
      const { workQueue } = await import("@/lib/server/items/work-queue");
      const { listNotifications } = await import("@/lib/server/platform/notifications");
      const { requestOverview } = await import("@/lib/server/requests/overview");
      await Promise.all([workQueue(actors.liaison), workQueue(actors.office), listNotifications(actors.liaison), requestOverview(actors.office)]);
    },
    "console: 保密审查 queue": async () => {
      const { workQueue } = await import("@/lib/server/items/work-queue");
      await workQueue(actors.secrecy);
    },
    "console: review page": async () => {
      const { getItemForStaff } = await import("@/lib/server/items/work-queue");
      const { secrecyFlags } = await import("@/lib/server/items/secrecy");
      const { getRevisionComparison } = await import("@/lib/server/items/views");
      const item = await getItemForStaff(actors.secrecy, subject.pendingId);
      if (!item) throw new Error("the secrecy reviewer cannot see the pending item");
      await Promise.all([secrecyFlags(subject.pendingRevisionId), getRevisionComparison(actors.secrecy, subject.pendingId)]);
    },
    "console: request list": async () => {
      const { listClosedRequests, listRequestQueue } = await import("@/lib/server/requests/views");
      await listRequestQueue(actors.office);
      await listClosedRequests(actors.office);
    },
    "console: request detail": async () => {
      const { getRequestForStaff, publishedItemsForReply, staffNames } = await import("@/lib/server/requests/views");
      const found = await getRequestForStaff(actors.office, subject.requestId);
      if (!found.ok) throw new Error("the office cannot see the request");
      await staffNames(found.value.events.map((e) => e.actorId));
      await publishedItemsForReply();
    },
  };
}

async function countEach(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, load] of Object.entries(pages())) {
    await load();
    const before = statements;
    await load();
    counts[name] = statements - before;
  }
  return counts;
}

let small: Record<string, number>;
let large: Record<string, number>;

beforeAll(async () => {
  await prepareDatabase({ ownerUrl: await createDatabase(isolated.shared, isolated.name) });
  b = await seedBureau();
  subject.column = b.column.code;
  countStatements();
  await addData(2);
  small = await countEach();
  await addData(6);
  large = await countEach();
  process.stderr.write(`SQL statements per page, 2 → 8 rows per list: ${JSON.stringify(Object.fromEntries(Object.keys(small).map((k) => [k, [small[k], large[k]]])))}\n`);
}, 600_000);

afterAll(async () => {
  pg.Client.prototype.query = originalQuery;
  await db().$disconnect();
  await dropDatabase(isolated.shared, isolated.name);
});

describe("the SQL statements of each page's data do not grow with the data", () => {
  test("every page was counted, with at least one statement", () => {
    expect(Object.keys(small)).toEqual(Object.keys(pages()));
    for (const [name, n] of Object.entries(small)) expect(n, name).toBeGreaterThan(0);
  });

  test.each(Object.keys(pages()))("%s", (name) => {
    expect({ name, statements: large[name] }).toEqual({ name, statements: small[name] });
  });
});
