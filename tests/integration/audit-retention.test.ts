import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readCheckpoint, verifyAndCheckpoint } from "@/lib/server/platform/audit-checkpoint";
import { latestPurgeBefore, purgeAuditLog } from "@/lib/server/platform/audit-purge";
import { verifyAuditLog } from "@/lib/server/platform/audit-verify";
import { auditLogDb, TEST_AUDIT_KEY, type AuditLogDb } from "../support/audit-log";

/**
 * Retention (网络安全法 第二十一条, issue 10 §2): nothing younger than six months can be purged —
 * refused by the purge and, whoever asks, by the database; older rows go, and the audited purge
 * record anchors what remains so that verification still catches everything after it.
 */
const DAY = 24 * 3600 * 1000;
const now = new Date();
const monthsAgo = (m: number) => new Date(now.getTime() - m * 30.5 * DAY);

let d: AuditLogDb;
let old: { id: string }[];
let kept: { id: string }[];
beforeAll(async () => {
  d = await auditLogDb();
  old = [];
  for (let i = 0; i < 3; i++) old.push(await d.append({}, monthsAgo(9)));
  kept = [await d.append({}, monthsAgo(7)), await d.append({}, monthsAgo(7))];
  for (let i = 0; i < 2; i++) kept.push(await d.append());
  await verifyAndCheckpoint({ q: d.q, key: TEST_AUDIT_KEY, file: d.file, log: () => {} });
});
afterAll(() => d?.close());

const purge = (before: Date) => purgeAuditLog(d.q, { before, now, key: TEST_AUDIT_KEY, checkpoint: readCheckpoint(d.file), actorName: "test" });
const verify = () => verifyAuditLog(d.q, { key: TEST_AUDIT_KEY, checkpoint: readCheckpoint(d.file) });

describe("the six-month floor", () => {
  test.each([
    ["2026-08-31", "2026-02-28"],
    ["2024-08-31", "2024-02-29"],
    ["2026-12-01", "2026-06-01"],
    ["2026-01-15", "2025-07-15"],
  ])("on %s the latest allowed date is %s", (today, latest) => {
    expect(latestPurgeBefore(new Date(`${today}T10:00:00Z`)).toISOString().slice(0, 10)).toBe(latest);
  });

  test("a date less than six months ago is refused and nothing is removed", async () => {
    const before = await d.ids();
    const r = await purge(monthsAgo(3));
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining("至少保存六个月") });
    expect(await d.ids()).toEqual(before);
  });

  test("the database refuses too, whoever calls: the purge function over a young row, and a plain DELETE", async () => {
    const before = await d.ids();
    await expect(d.pool.query(`SELECT gongkai_audit_purge($1::bigint)`, [kept[3].id])).rejects.toThrow(/younger than six months/);
    await expect(d.pool.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [old[0].id])).rejects.toThrow(/append-only/);
    expect(await d.ids()).toEqual(before);
  });
});

describe("purging older rows", () => {
  test("removes exactly the rows before the date, records the purge, and the rest still verifies", async () => {
    const r = await purge(monthsAgo(8));
    expect(r).toMatchObject({ ok: true, purged: 3, throughId: old[2].id });
    const ids = await d.ids();
    expect(ids.slice(0, kept.length)).toEqual(kept.map((k) => k.id));
    const { rows } = await d.pool.query(`SELECT action, entity, detail FROM "AuditEvent" WHERE id = $1`, [(r as { recordId: string }).recordId]);
    expect(rows[0]).toMatchObject({ action: "audit.purge", entity: "AuditEvent", detail: { purged: 3, purgedThroughId: old[2].id } });
    const after = await verifyAndCheckpoint({ q: d.q, key: TEST_AUDIT_KEY, file: d.file, log: () => {} });
    expect(after).toMatchObject({ ok: true, checked: kept.length + 1, anchorId: (r as { recordId: string }).recordId });
  });

  test("after the purge, deleting the first kept row is still detected", async () => {
    await d.tamper(`DELETE FROM "AuditEvent" WHERE id = $1`, [kept[0].id]);
    expect((await verify()).failure).toMatchObject({ kind: "delete", id: kept[1].id });
  });

  test("a broken log is never purged", async () => {
    const before = await d.ids();
    const r = await purge(monthsAgo(7));
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining("已拒绝清理") });
    expect(await d.ids()).toEqual(before);
  });
});
