import { beforeAll, describe, expect, test } from "vitest";
import { decide, STAGES, STATUS_OF_STAGE, type Stage } from "@/lib/domain/workflow";
import { findItemFacts } from "@/lib/server/items/facts";
import { submitItem } from "@/lib/server/items/drafts";
import { reviewItem } from "@/lib/server/items/reviews";
import { publishItem } from "@/lib/server/items/publication";
import { workQueue } from "@/lib/server/items/work-queue";
import type { Actor } from "@/lib/server/platform/actor";
import { handlersWhere, stageQueueWhere } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { listNotifications, unreadCount } from "@/lib/server/platform/notifications";
import { invalid } from "@/lib/server/platform/result";
import { setRaceSeam, write } from "@/lib/server/platform/use-case";
import { saveAutosave } from "@/lib/server/items/autosave";
import { createColumn, updateColumn } from "@/lib/server/admin/columns";
import { allClearApproval, seedBureau, seedDraft, seedPending, type Bureau } from "../support/bureau";

/**
 * The use-case kernel (lib/server/platform/use-case.ts) and the one table of who acts on each
 * stage (STAGE_ACTORS): refusals are audited, a failed write leaves nothing behind, and decide(),
 * the work queues and the notifications name the same people.
 */
let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});

const denied = (actorId: string, action: string, entityId: string) =>
  db().auditEvent.findMany({ where: { actorId, action, entityId, result: "DENIED" } });

describe("the kernel", () => {
  test("another department's item answers 'not found' and the attempt is audited", async () => {
    const item = await seedDraft(b);
    const r = await submitItem(b.people.otherLiaison, item.id, item.revisionId);
    expect(r).toMatchObject({ ok: false, error: "not_found", message: "未找到该信息，或您无权查看。" });
    const rows = await denied(b.people.otherLiaison.id, "item.submit", item.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].detail).toEqual({ reason: "not_found" });
  });

  test("a failure inside write() rolls back what the transaction wrote, and is audited as DENIED", async () => {
    const code = `K-${Math.random().toString(36).slice(2, 7)}`;
    const r = await write(b.people.office, { action: "department.create", entity: "Department" }, async (tx) => {
      await tx.department.create({ data: { code, name: `回滚-${code}` } });
      return invalid({ name: ["测试：拒绝"] });
    });
    expect(r).toMatchObject({ ok: false, error: "invalid" });
    expect(await db().department.count({ where: { code } })).toBe(0);
    const row = await db().auditEvent.findFirst({ where: { actorId: b.people.office.id, action: "department.create", result: "DENIED" }, orderBy: { id: "desc" } });
    expect(row?.detail).toEqual({ reason: "invalid" });
  });

  test("a lost race is audited as DENIED with the reason conflict", async () => {
    const item = await seedDraft(b);
    expect((await submitItem(b.people.liaison, item.id, item.revisionId)).ok).toBe(true);
    const again = await submitItem(b.people.liaison, item.id, item.revisionId);
    expect(again).toMatchObject({ ok: false, error: "conflict" });
    expect(await denied(b.people.liaison.id, "item.submit", item.id)).toHaveLength(1);
  });
});

describe("refusals leave a trace", () => {
  test("a reviewer who comes second (the item moved on) is told who acted, and the attempt is audited", async () => {
    const item = await seedPending(b, "PENDING_DEPT");
    expect((await reviewItem(b.people.head, item.id, { decision: "APPROVE", revisionId: item.revisionId })).ok).toBe(true);
    const late = await reviewItem(b.people.head2, item.id, { decision: "RETURN", revisionId: item.revisionId, comment: "晚了" });
    expect(late).toMatchObject({ ok: false, error: "conflict", message: expect.stringContaining("已由head处理") });
    expect(await denied(b.people.head2.id, "item.review.return", item.id)).toHaveLength(1);
  });

  test("an out-of-scope probe is audited under the action it tried (return, not approve)", async () => {
    const item = await seedPending(b, "PENDING_DEPT");
    await reviewItem(b.people.otherHead, item.id, { decision: "RETURN", revisionId: item.revisionId, comment: "x" });
    expect(await denied(b.people.otherHead.id, "item.review.return", item.id)).toHaveLength(1);
  });

  test("autosave into another department's draft is refused as not found, and audited", async () => {
    const item = await seedDraft(b);
    const r = await saveAutosave(b.people.otherLiaison, item.id, { values: {}, baseRevisionId: null, savedAt: 1 });
    expect(r.ok).toBe(false);
    const ok = await saveAutosave(b.people.otherLiaison, item.id, {
      values: { title: "", documentNumber: "", publisher: "", summary: "", columnId: "", topic: "", keywords: "", attribute: "", attributeReason: "", article20Item: "", documentType: "", signedOn: "", effectiveOn: "", repealedOn: "", validity: "", formedOn: "", body: "", channels: [], attachments: [] },
      baseRevisionId: null,
      savedAt: 1,
    });
    expect(ok).toMatchObject({ ok: false, error: "not_found" });
    expect(await denied(b.people.otherLiaison.id, "item.autosave", item.id)).toHaveLength(1);
  });

  test("a 分管领导 replaced while approving: the old leader's approval does not land", async () => {
    const own = await seedBureau();
    const item = await seedPending(own, "PENDING_LEADER");
    const successor = await own.user("successor", ["LEADER"], null);
    // Between the old leader's reads and the write, the office hands the department to someone else.
    setRaceSeam(async (target) => {
      if (target.action === "item.review.approve") await db().department.update({ where: { id: own.dept.id }, data: { leaderId: successor.id } });
    });
    try {
      const r = await reviewItem(own.people.leader, item.id, { decision: "APPROVE", revisionId: item.revisionId });
      expect(r).toMatchObject({ ok: false, error: "conflict" });
    } finally {
      setRaceSeam(null);
    }
    expect(await db().reviewRecord.count({ where: { itemId: item.id, stage: "LEADER" } })).toBe(0);
  });

  test("a colleague's new column does not make an open edit form of another column stale", async () => {
    const tag = Math.random().toString(36).slice(2, 7);
    const column = await db().column.create({ data: { code: `v-${tag}`, name: "版本测试" } });
    const version = column.updatedAt.toISOString();
    expect((await createColumn(b.people.office2, { code: `w-${tag}`, name: "他人新建" })).ok).toBe(true);
    const saved = await updateColumn(b.people.office, { id: column.id, version, code: column.code, name: "改名成功", requiresDeptHead: "on" });
    expect(saved.ok).toBe(true);
  });
});

describe("who acts on stage S of item I: one table for decide(), queues and notifications", () => {
  test("for every stage and every person, decide() allows exactly those whose queue lists the item and who are notified", async () => {
    const people = Object.values(b.people) as Actor[];
    const items: Record<Stage, string> = {
      DEPT_HEAD: (await seedPending(b, "PENDING_DEPT")).id,
      LEADER: (await seedPending(b, "PENDING_LEADER")).id,
      SECRECY: (await seedPending(b, "PENDING_SECRECY")).id,
    };
    for (const stage of STAGES) {
      const facts = (await findItemFacts(b.people.office, items[stage]))!;
      expect(facts.item.status).toBe(STATUS_OF_STAGE[stage]);
      const notified = new Set((await db().user.findMany({ where: handlersWhere(facts.item.status, facts.workflow)!, select: { id: true } })).map((u) => u.id));
      for (const person of people) {
        const mayApprove = decide(facts.workflow, "approve", person).ok;
        const where = stageQueueWhere(person, stage);
        const queued = where ? (await db().disclosureItem.count({ where: { AND: [where, { id: items[stage], status: STATUS_OF_STAGE[stage] }] } })) === 1 : false;
        expect({ stage, person: person.displayName, queued }).toEqual({ stage, person: person.displayName, queued: mayApprove });
        // The bureau has other users with these roles (other test files); within this bureau's people, notified ⇔ may act.
        expect({ stage, person: person.displayName, notified: notified.has(person.id) }).toEqual({ stage, person: person.displayName, notified: mayApprove });
      }
    }
  });

  test("the console queue is built from the same table", async () => {
    const item = await seedPending(b, "PENDING_LEADER");
    const keys = async (actor: Actor) => (await workQueue(actor)).filter((s) => s.items.some((i) => i.id === item.id)).map((s) => s.key);
    expect(await keys(b.people.leader)).toEqual(["leader"]);
    expect(await keys(b.people.otherLeader)).toEqual([]);
  });
});

describe("notifications about a step are resolved when anyone does the step", () => {
  test("both 处室负责人 are asked; one approves; the other's message is resolved, not left unread", async () => {
    const item = await seedDraft(b);
    const before = await unreadCount(b.people.head2);
    await submitItem(b.people.liaison, item.id, item.revisionId);
    expect(await unreadCount(b.people.head2)).toBe(before + 1);
    await reviewItem(b.people.head, item.id, { decision: "APPROVE", revisionId: item.revisionId });
    expect(await unreadCount(b.people.head2)).toBe(before);
    const message = (await listNotifications(b.people.head2)).find((n) => n.link === `/console/items/${item.id}`);
    expect(message).toMatchObject({ readAt: null, resolvedAt: expect.any(Date) });
  });

  test("…待发布 is resolved for every office clerk once one of them publishes", async () => {
    const item = await seedPending(b, "PENDING_SECRECY");
    await reviewItem(b.people.secrecy, item.id, { decision: "APPROVE", revisionId: item.revisionId, ...(await allClearApproval(item.revisionId)) });
    const waiting = () => db().notification.count({ where: { itemId: item.id, step: "APPROVED", resolvedAt: null } });
    expect(await waiting()).toBeGreaterThanOrEqual(2);
    await publishItem(b.people.office, item.id, item.revisionId);
    expect(await waiting()).toBe(0);
    // The liaison's news that it was published stays until read: it asks for nothing but is news.
    expect(await db().notification.count({ where: { itemId: item.id, userId: b.people.liaison.id, step: "PUBLISHED", readAt: null } })).toBe(1);
  });
});
