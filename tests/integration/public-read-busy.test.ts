import { expect, test } from "vitest";
import { db } from "@/lib/server/platform/db";
import { browseIndex, facetCounts, searchIndex } from "@/lib/server/public/search";

/**
 * A burst of visitors while every pooled connection is busy: the public reads wait their turn
 * instead of failing with Prisma's P2028 ("unable to start a transaction in the given time" after
 * 2 s), which the page turned into a 500. The app's real pool (pg's default of 10) is held for
 * 3.5 s by transactions of its own.
 */
test("public reads wait for a connection instead of failing when the pool is busy", async () => {
  const holders = Array.from({ length: 10 }, () =>
    db().$transaction(async (tx) => tx.$executeRaw`SELECT pg_sleep(3.5)`, { maxWait: 30_000, timeout: 30_000 }),
  );
  await new Promise((r) => setTimeout(r, 300)); // the holders have their connections
  const started = Date.now();
  const reads = await Promise.allSettled([
    browseIndex({ filters: {}, limit: 10 }),
    facetCounts({ filters: {} }),
    searchIndex({ q: "科技", filters: {}, sort: "relevance", limit: 10 }),
  ]);
  await Promise.all(holders);
  expect(reads.map((r) => (r.status === "rejected" ? String((r.reason as Error).message).slice(0, 120) : "ok"))).toEqual(["ok", "ok", "ok"]);
  expect(Date.now() - started).toBeGreaterThan(2_000); // they did wait past Prisma's default
}, 60_000);
