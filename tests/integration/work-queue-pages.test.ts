import { beforeAll, describe, expect, test } from "vitest";
import { QUEUE_ROWS, workQueue, type QueuePages } from "@/lib/server/items/work-queue";
import { seedBureau, seedPending, type Bureau } from "../support/bureau";

/** The 工作台's queues a page at a time (lib/server/items/work-queue.ts), over the real database. */
let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});

describe("a queue section's pages", () => {
  test("20 rows a page, newest first; the count is the whole queue; a page past the end is the last; no row twice or missed", async () => {
    const ids: string[] = [];
    for (let i = 0; i < QUEUE_ROWS + 3; i++) ids.push((await seedPending(b, "PENDING_DEPT", { title: `分页测试信息${i}` })).id);
    const newestFirst = [...ids].reverse();
    const section = async (pages: QueuePages) => (await workQueue(b.people.head, pages)).find((s) => s.key === "dept-head")!;

    const first = await section({});
    expect(first).toMatchObject({ total: QUEUE_ROWS + 3, page: 1, pageCount: 2 });
    expect(first.items.map((i) => i.id)).toEqual(newestFirst.slice(0, QUEUE_ROWS));

    const second = await section({ "dept-head": 2 });
    expect(second).toMatchObject({ page: 2, pageCount: 2 });
    expect(second.items.map((i) => i.id)).toEqual(newestFirst.slice(QUEUE_ROWS));

    // A link made when the queue was longer: its last page, not an empty one.
    const beyond = await section({ "dept-head": 9 });
    expect(beyond.page).toBe(2);
    expect(beyond.items.map((i) => i.id)).toEqual(second.items.map((i) => i.id));

    // Another section's page changes nothing here.
    expect((await section({ leader: 2 })).items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
  });
});
