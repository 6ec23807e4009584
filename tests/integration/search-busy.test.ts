import { describe, expect, test } from "vitest";
import { GET as busy } from "@/app/(public)/search/busy/route";
import { findPublicItems } from "@/lib/server/public/listing";
import { inFlightCount } from "@/lib/server/platform/single-flight";

/** A common word asked by many at once, and a database that cannot keep up (issue 11 at 1,000,000 items). */
describe("searches under load", () => {
  test("the same listing asked at the same moment is one run, shared; asked again later, a new one", async () => {
    const query = { q: "科技", page: 1, sort: "relevance" as const };
    const together = await Promise.all(Array.from({ length: 5 }, () => findPublicItems(query, [])));
    for (const result of together) expect(result).toBe(together[0]);
    expect(inFlightCount()).toBe(0); // forgotten once answered
    expect(await findPublicItems(query, [])).not.toBe(together[0]);
    // Another search at the same moment is its own run.
    const [a, b] = await Promise.all([findPublicItems(query, []), findPublicItems({ ...query, q: "项目" }, [])]);
    expect(a).not.toBe(b);
  });

  test("a search the database could not answer in time: 503 with Retry-After and a Chinese page; the limit's refusal stays 429", async () => {
    const load = busy(new Request("http://gk.test/search/busy?wait=30&cause=load"));
    expect(load.status).toBe(503);
    expect(load.headers.get("retry-after")).toBe("30");
    expect(await load.text()).toContain("当前检索的人较多，请 30 秒后再试");
    const limited = busy(new Request("http://gk.test/search/busy?wait=30"));
    expect(limited.status).toBe(429);
  });
});
