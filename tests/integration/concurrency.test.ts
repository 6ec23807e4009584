import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/server/platform/db";
import { publishItem } from "@/lib/server/items/publication";
import { reviewItem } from "@/lib/server/items/reviews";
import { itemState, seedBureau, seedPending, type Bureau } from "../support/bureau";

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});

/**
 * What the loser of a race is told, and 索引号 under concurrent publication. That exactly one of
 * N concurrent calls wins, for every guarded write, is race-harness.test.ts.
 */
describe("two reviewers approving the same item at once", () => {
  test("exactly one wins; the other is told who handled it", async () => {
    for (let round = 0; round < 5; round++) {
      const item = await seedPending(b, "PENDING_DEPT");
      const results = await Promise.all([
        reviewItem(b.people.head, item.id, { decision: "APPROVE", revisionId: item.revisionId }),
        reviewItem(b.people.head2, item.id, { decision: "APPROVE", revisionId: item.revisionId }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const loser = results.find((r) => !r.ok);
      expect(loser).toMatchObject({ ok: false, error: "conflict" });
      expect(loser && !loser.ok ? loser.message : "").toMatch(/已由(head|head2)处理/);
      expect(await db().reviewRecord.count({ where: { itemId: item.id } })).toBe(1);
      expect((await itemState(item.id)).status).toBe("PENDING_LEADER");
    }
  });

  test("an approval and a return at once: one of them, never both", async () => {
    const item = await seedPending(b, "PENDING_DEPT");
    const results = await Promise.all([
      reviewItem(b.people.head, item.id, { decision: "APPROVE", revisionId: item.revisionId }),
      reviewItem(b.people.head2, item.id, { decision: "RETURN", revisionId: item.revisionId, comment: "请修改" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db().reviewRecord.count({ where: { itemId: item.id } })).toBe(1);
  });

  test("two office clerks publishing at once: one publication, one 索引号", async () => {
    const item = await seedPending(b, "APPROVED");
    const results = await Promise.all([
      publishItem(b.people.office, item.id, item.revisionId),
      publishItem(b.people.office2, item.id, item.revisionId),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const audits = await db().auditEvent.count({ where: { entityId: item.id, action: "item.publish", result: "SUCCESS" } });
    expect(audits).toBe(1);
  });

  test("many items published at once get distinct, gap-free 索引号", async () => {
    const items = await Promise.all(Array.from({ length: 6 }, () => seedPending(b, "APPROVED")));
    const results = await Promise.all(items.map((i) => publishItem(b.people.office, i.id, i.revisionId)));
    const numbers = results.map((r) => (r.ok ? r.value.indexNumber : "")).sort();
    expect(new Set(numbers).size).toBe(6);
    const serials = numbers.map((n) => Number(n.slice(-5)));
    expect(serials[5] - serials[0]).toBe(5);
  });
});
