import { afterEach, beforeAll, describe, expect, test } from "vitest";
import type { AuditAction } from "@/lib/domain/audit";
import { confirmApplication, submitOnlineApplication } from "@/lib/server/requests/intake";
import { recordClockEvent } from "@/lib/server/requests/events";
import { approveReply, deliverReply } from "@/lib/server/requests/reply";
import { db } from "@/lib/server/platform/db";
import type { Result } from "@/lib/server/platform/result";
import { raceBarrier } from "../support/race";
import { setRaceSeam } from "@/lib/server/platform/use-case";
import { seedBureau, type Bureau } from "../support/bureau";
import { applicationInput, at, must, requestRow, seedRequest } from "../support/requests";

/**
 * The race harness's pattern (tests/integration/race-harness.test.ts) for the request writes: N
 * real calls held at the kernel's seam until all have read the same state, then released together.
 * Exactly one wins, the others are refused (never thrown), one SUCCESS audit row, one write.
 */
const PARTIES = [2, 4, 7];

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});
afterEach(() => setRaceSeam(null));


async function race(action: AuditAction, entityId: string, calls: (() => Promise<Result<unknown>>)[]) {
  const since = (await db().auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0n;
  raceBarrier(action, calls.length);
  const results = await Promise.all(calls.map((c) => c()));
  setRaceSeam(null);
  expect(results.filter((r) => r.ok), JSON.stringify(results)).toHaveLength(1);
  for (const loser of results.filter((r) => !r.ok)) expect(loser).toMatchObject({ ok: false, message: expect.any(String) });
  expect(await db().auditEvent.count({ where: { id: { gt: since }, action, result: "SUCCESS", entityId } })).toBe(1);
}

const times = <T,>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));
const replySerial = async (year: number) => (await db().requestSequence.findUnique({ where: { kind_year: { kind: "reply", year } } }))?.lastValue ?? 0;

describe("request writes at once", () => {
  test.each(PARTIES)("deliverReply ×%i closes once, with one 文号", async (n) => {
    const r = await seedRequest(b, "REPLY_APPROVED", "2026-06-01");
    const serial = await replySerial(2026);
    const people = [b.people.office, b.people.office2];
    await race("request.deliver", r.id, times(n, (i) => () => deliverReply(people[i % 2], r.id, "2026-06-02", at("2026-06-02"))));
    const row = await requestRow(r.id);
    expect(row).toMatchObject({ status: "CLOSED", outcome: "granted" });
    expect(await db().requestEvent.count({ where: { requestId: r.id, kind: "REPLIED" } })).toBe(1);
    expect(await replySerial(2026)).toBe(serial);
  });

  test.each(PARTIES)("approveReply ×%i takes exactly one 文号, no gap", async (n) => {
    const r = await seedRequest(b, "REPLY_DRAFTED", "2026-06-01");
    const serial = await replySerial(2026);
    const people = [b.people.head, b.people.head2, b.people.leader];
    await race("request.reply.approve", r.id, times(n, (i) => () => approveReply(people[i % 3], r.id, at("2026-06-02"))));
    expect(await replySerial(2026)).toBe(serial + 1);
    expect((await requestRow(r.id)).replyNumber).toBe(`〔2026〕第${serial + 1}号`);
  });

  test.each(PARTIES)("confirmApplication ×%i: one 收到日, one 编号", async (n) => {
    must(await submitOnlineApplication(applicationInput({ description: `race ${n}` }), { ip: null, userAgent: null }, at("2026-06-01")));
    const { id } = await db().disclosureRequest.findFirstOrThrow({ where: { description: `race ${n}` } });
    await race("request.confirm", id, times(n, () => () => confirmApplication(b.people.office, id, at("2026-06-01"))));
    expect(await db().requestEvent.count({ where: { requestId: id } })).toBe(1);
  });

  test.each(PARTIES)("two extensions ×%i: only one lands", async (n) => {
    const r = await seedRequest(b, "IN_PROGRESS", "2026-06-01");
    await race("request.event", r.id, times(n, (i) => () => recordClockEvent(b.people.office, r.id, { type: "EXTENDED", on: "2026-06-10", days: 5 + i, approver: "王主任" }, at("2026-06-10"))));
    expect(await db().requestEvent.count({ where: { requestId: r.id, kind: "EXTENDED" } })).toBe(1);
  });
});
