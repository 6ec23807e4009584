import { spawn } from "node:child_process";
import { beforeAll, expect, test } from "vitest";
import { db } from "@/lib/server/platform/db";
import { seedBureau, seedPending, type Bureau } from "../support/bureau";
import { seedRequest } from "../support/requests";

/**
 * Issue 11 §6: two app instances writing at the same moment — two processes, each with its own
 * connection pool, as two `next start` behind nginx — publish items, register requests and approve
 * replies at once. Every 索引号, 登记编号 and 文号 comes out once: the sequences live in
 * PostgreSQL, not in a process. (Sessions, caches and the rate limits across instances: tests/e2e/two-instances.spec.ts,
 * public-cache.test.ts, rate-limits.test.ts.)
 */
let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});

function instance(job: unknown): Promise<{ indexNumbers: string[]; requestNumbers: string[]; replyNumbers: string[]; refused: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/instance-writer.ts"], {
      env: { ...process.env, WRITER_JOB: JSON.stringify(job) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`instance exited ${code}: ${err.slice(-2000)}`));
      else resolve(JSON.parse(line));
    });
  });
}

test("two instances publishing, registering and approving at once give every 索引号, 登记编号 and 文号 exactly once", async () => {
  const items = [];
  for (let i = 0; i < 12; i++) items.push(await seedPending(b, "APPROVED", { title: `两实例发布测试 ${i}` }));
  const pairs = items.map((i) => [i.id, i.revisionId] as [string, string]);
  const replies: string[] = [];
  for (let i = 0; i < 8; i++) replies.push((await seedRequest(b, "REPLY_DRAFTED")).id);
  const date = new Date().toISOString().slice(0, 10);
  const common = { actor: b.people.office, approver: b.people.head, requests: 10, date };
  const [one, two] = await Promise.all([
    instance({ ...common, items: pairs.slice(0, 6), replies: replies.slice(0, 4) }),
    instance({ ...common, items: pairs.slice(6), replies: replies.slice(4) }),
  ]);
  expect([...one.refused, ...two.refused]).toEqual([]);
  const indexNumbers = [...one.indexNumbers, ...two.indexNumbers];
  const requestNumbers = [...one.requestNumbers, ...two.requestNumbers];
  expect(indexNumbers).toHaveLength(12);
  expect(new Set(indexNumbers).size).toBe(12);
  expect(requestNumbers).toHaveLength(20);
  expect(new Set(requestNumbers).size).toBe(20);
  const replyNumbers = [...one.replyNumbers, ...two.replyNumbers];
  expect(replyNumbers).toHaveLength(8);
  expect(new Set(replyNumbers).size).toBe(8);
  // And as stored: no other item or request shares one of them.
  const stored = await db().disclosureItem.groupBy({ by: ["indexNumber"], where: { indexNumber: { in: indexNumbers } }, _count: true });
  expect(stored.every((g) => g._count === 1)).toBe(true);
  const requests = await db().disclosureRequest.groupBy({ by: ["number"], where: { number: { in: requestNumbers } }, _count: true });
  expect(requests.every((g) => g._count === 1)).toBe(true);
}, 240_000);
