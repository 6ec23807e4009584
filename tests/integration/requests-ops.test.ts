import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { REQUEST_STAGES } from "@/lib/domain/requests/stages";
import { recordClockEvent } from "@/lib/server/requests/events";
import { registerRequest, submitOnlineApplication } from "@/lib/server/requests/intake";
import { importRequests } from "@/lib/server/requests/import";
import { requestOverview } from "@/lib/server/requests/overview";
import { sendDueReminders } from "@/lib/server/requests/reminders";
import { approveReply, deliverReply, draftReply } from "@/lib/server/requests/reply";
import { draftItemFromRequest, similarClusters, similarRequests } from "@/lib/server/requests/similar";
import type { Actor } from "@/lib/server/platform/actor";
import { db } from "@/lib/server/platform/db";
import { setRaceSeam } from "@/lib/server/platform/use-case";
import { seedBureau, type Bureau } from "../support/bureau";
import { raceBarrier } from "../support/race";
import { applicationInput, at, must, walkIn } from "../support/requests";

/**
 * 依申请公开 in operation: 第四十四条 likenesses and the draft made from them, the daily 到期提醒,
 * and the office's figures by stage — through the real use cases on the real database.
 */

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});
afterEach(() => setRaceSeam(null));

/** A walk-in received on `on` with this 申请内容 (a fresh applicant each time), assigned to `departmentId`. */
async function register(description: string, on: string, departmentId: string | null = b.dept.id) {
  return must(await registerRequest(b.people.office, { ...walkIn(on, { description }), ...(departmentId ? { departmentId } : {}) }, at(on)));
}

describe("第四十四条: similar requests", () => {
  const texts = {
    a1: "申请公开2026年度吉林市科技型中小企业评价入库名单",
    a2: "请提供吉林市2026年科技型中小企业评价入库企业名单",
    a3: "本人申请获取2026年度科技型中小企业入库名单（吉林市）",
    unrelated: "申请公开吉林市科学技术局2025年部门决算",
    nearMiss: "吉林市2026年科技型中小企业研发费用补助资金分配结果",
  };
  let r: Record<keyof typeof texts | "other", { id: string; number: string }>;

  beforeAll(async () => {
    r = {
      a1: await register(texts.a1, "2026-06-01"),
      a2: await register(texts.a2, "2026-06-03"),
      a3: await register(texts.a3, "2026-06-08"),
      unrelated: await register(texts.unrelated, "2026-06-09"),
      nearMiss: await register(texts.nearMiss, "2026-06-10"),
      other: await register(texts.a1, "2026-06-11", b.other.id),
    };
  });

  test("near-identical Chinese texts match, unrelated and merely related ones do not", async () => {
    const view = must(await similarRequests(b.people.office, r.a1.id));
    const ids = view.matches.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining([r.a2.id, r.a3.id, r.other.id]));
    expect(ids).not.toContain(r.unrelated.id);
    expect(ids).not.toContain(r.nearMiss.id);
    expect(view.matches.find((m) => m.id === r.other.id)!.score).toBe(1);
    for (const m of view.matches) expect(m.score).toBeGreaterThanOrEqual(0.6);
    const a2 = view.matches.find((m) => m.id === r.a2.id)!;
    expect(a2).toMatchObject({ number: r.a2.number, receivedOn: "2026-06-03", outcome: null, counts: true });
    expect(view.suggest).toBe(true);
    expect(view.applicants).toBeGreaterThanOrEqual(4);
    // The office may not draft: items belong to a 处室 and are drafted by its 联络员.
    expect(view.mayDraft).toBe(false);
    expect(must(await similarRequests(b.people.office, r.unrelated.id)).matches.map((m) => m.id)).not.toContain(r.a1.id);
  });

  test("the scope holds: a 处室 sees only its own requests' likenesses, another's request is not found", async () => {
    const own = must(await similarRequests(b.people.liaison, r.a1.id));
    expect(own.matches.map((m) => m.id).sort()).toEqual([r.a2.id, r.a3.id].sort());
    expect(own.mayDraft).toBe(true);
    const other = must(await similarRequests(b.people.otherLiaison, r.other.id));
    expect(other.matches).toEqual([]);
    expect(other.suggest).toBe(false);
    const probe = await similarRequests(b.people.otherLiaison, r.a1.id);
    expect(probe).toMatchObject({ ok: false, error: "not_found" });
  });

  test("clusters: three applicants asking for the same information, in the actor's scope", async () => {
    const clusters = must(await similarClusters(b.people.liaison, { since: "2026-01-01" }));
    expect(clusters).toHaveLength(1);
    expect(clusters[0].requests.map((q) => q.id)).toEqual([r.a1.id, r.a2.id, r.a3.id]);
    expect(clusters[0]).toMatchObject({ applicants: 3, title: "2026年度吉林市科技型中小企业评价入库名单" });
    expect(must(await similarClusters(b.people.liaison, { since: "2026-01-01", minApplicants: 4 }))).toEqual([]);
    expect(must(await similarClusters(b.people.otherLiaison, { since: "2026-01-01" }))).toEqual([]);
    expect(await similarClusters(b.people.secrecy)).toMatchObject({ ok: false, error: "forbidden" });
  });

  test("据此起草主动公开信息: one draft in the 承办处室, linked and audited; a second call returns it", async () => {
    const refusals = await Promise.all([
      draftItemFromRequest(b.people.office, r.a1.id),
      draftItemFromRequest(b.people.head, r.a1.id),
      draftItemFromRequest(b.people.otherLiaison, r.a1.id),
    ]);
    expect(refusals.map((x) => (x.ok ? "ok" : x.error))).toEqual(["forbidden", "forbidden", "not_found"]);

    const first = must(await draftItemFromRequest(b.people.liaison, r.a1.id, at("2026-06-15")));
    expect(first.created).toBe(true);
    const item = await db().disclosureItem.findUniqueOrThrow({ where: { id: first.itemId }, include: { currentRevision: true } });
    expect(item).toMatchObject({ status: "DRAFT", departmentId: b.dept.id, authorId: b.people.liaison.id });
    expect(item.currentRevision!.title).toBe("2026年度吉林市科技型中小企业评价入库名单");
    expect(item.currentRevision!.bodyText).toContain(`${r.a1.number}、`);
    for (const n of [r.a2.number, r.a3.number]) expect(item.currentRevision!.bodyText).toContain(n);
    expect(item.currentRevision!.bodyText).not.toContain(r.other.number);
    expect((await db().disclosureRequest.findUniqueOrThrow({ where: { id: r.a1.id } })).proactiveItemId).toBe(first.itemId);
    const audits = await db().auditEvent.findMany({ where: { OR: [{ entityId: r.a1.id, action: "request.draftItem" }, { entityId: first.itemId }] } });
    expect(audits.map((a) => `${a.action}:${a.result}`).sort()).toEqual(["item.create:SUCCESS", "request.draftItem:DENIED", "request.draftItem:DENIED", "request.draftItem:DENIED", "request.draftItem:SUCCESS"]);
    expect(audits.find((a) => a.result === "SUCCESS" && a.action === "request.draftItem")!.detail).toMatchObject({ itemId: first.itemId });

    expect(must(await draftItemFromRequest(b.people.liaison2, r.a1.id))).toEqual({ itemId: first.itemId, created: false });
  });

  test("two clicks at once make one draft, and both land on it", async () => {
    const authored = () => db().disclosureItem.count({ where: { authorId: { in: [b.people.liaison.id, b.people.liaison2.id] } } });
    const before = await authored();
    raceBarrier("item.create", 2);
    const [x, y] = await Promise.all([draftItemFromRequest(b.people.liaison, r.a2.id), draftItemFromRequest(b.people.liaison2, r.a2.id)]);
    expect(must(x).itemId).toBe(must(y).itemId);
    expect([must(x).created, must(y).created].sort()).toEqual([false, true]);
    expect(await authored()).toBe(before + 1);
  });
});

describe("第四十四条 is checked on the server", () => {
  test("a request nobody else asked alike: no draft, a Chinese refusal, audited", async () => {
    const lone = await register("申请公开2026年吉林市青少年科技创新大赛获奖名单及评审意见", "2026-06-12");
    const before = await db().disclosureItem.count({ where: { authorId: b.people.liaison.id } });
    const result = await draftItemFromRequest(b.people.liaison, lone.id, at("2026-06-15"));
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("第四十四条") });
    expect(await db().disclosureItem.count({ where: { authorId: b.people.liaison.id } })).toBe(before);
    expect((await db().disclosureRequest.findUniqueOrThrow({ where: { id: lone.id } })).proactiveItemId).toBeNull();
    expect(await db().auditEvent.count({ where: { entityId: lone.id, action: "request.draftItem", result: "DENIED" } })).toBe(1);
  });
});

describe("到期提醒 from the job", () => {
  let soon: { id: string; number: string };
  let late: { id: string; number: string };
  let fresh: { id: string; number: string };
  let imported: { id: string };
  let importedLive: { id: string };
  const reminders = (requestId: string) => db().notification.findMany({ where: { requestId }, orderBy: { createdAt: "asc" } });

  beforeAll(async () => {
    soon = await register("2026年科技成果转化奖励资金拨付明细", "2026-11-05"); // due 2026-12-03
    late = await register("2026年度市级重点实验室绩效评估报告", "2026-10-20", b.other.id); // due 2026-11-17
    fresh = await register("2026年科技特派员选派名单", "2026-11-25");
    // Open history from a 台账, long overdue on its own clock when it came in: no reminders. A case
    // still running when the 台账 was imported (due 2026-12-01, imported 11-27) is a live one: reminded.
    must(
      await importRequests(b.people.office, [
        { row: 2, number: `${b.tag}-hist`, receivedOn: "2026-09-01", channel: "in_person", applicantType: "natural_person", applicantName: "李四", content: "历史台账中的未办结申请", outcome: null, closedOn: null, departmentName: b.dept.name },
        { row: 3, number: `${b.tag}-live`, receivedOn: "2026-11-03", channel: "in_person", applicantType: "natural_person", applicantName: "王五", content: "导入时仍在办理的申请", outcome: null, closedOn: null, departmentName: b.dept.name },
      ], at("2026-11-27")),
    );
    imported = await db().disclosureRequest.findUniqueOrThrow({ where: { number: `${b.tag}-hist` }, select: { id: true } });
    importedLive = await db().disclosureRequest.findUniqueOrThrow({ where: { number: `${b.tag}-live` }, select: { id: true } });
  });

  test("notifies the 处室's 联络员 and the office once per request, kind and day, however often it runs", async () => {
    const offices = await db().user.count({ where: { status: "ACTIVE", roles: { has: "OFFICE" } } });
    const monday = at("2026-11-30", 8);
    const first = await sendDueReminders(monday);
    expect(first.skipped).toBe(false);
    expect(first.created).toBeGreaterThanOrEqual(offices * 2 + 3);
    const second = await sendDueReminders(monday);
    expect(second.created).toBe(0);

    const s = await reminders(soon.id);
    expect(s).toHaveLength(offices + 2);
    expect(new Set(s.map((n) => n.userId))).toEqual(
      new Set([...(await db().user.findMany({ where: { status: "ACTIVE", roles: { has: "OFFICE" } } })).map((u) => u.id), b.people.liaison.id, b.people.liaison2.id]),
    );
    expect(s.every((n) => n.reminder === "due_soon" && n.link === `/console/requests/${soon.id}` && n.title.includes(soon.number))).toBe(true);
    expect(s[0].title).toContain("还剩 3 个工作日");
    const l = await reminders(late.id);
    expect(l).toHaveLength(offices + 1);
    expect(l.some((n) => n.userId === b.people.otherLiaison.id)).toBe(true);
    expect(l.some((n) => n.userId === b.people.liaison.id)).toBe(false);
    expect(l[0].reminder).toBe("overdue");
    expect(await reminders(fresh.id)).toHaveLength(0);
    expect(await reminders(imported.id)).toHaveLength(0);
    expect((await reminders(importedLive.id)).map((n) => n.reminder)).toContain("due_soon");
    // Nobody outside the handlers: not the 处室负责人, not the 分管领导.
    expect(await db().notification.count({ where: { requestId: { in: [soon.id, late.id] }, userId: { in: [b.people.head.id, b.people.leader.id] } } })).toBe(0);
  }, 120_000);

  test("skips days off; the next working day's reminder resolves yesterday's; closing resolves them all", async () => {
    expect(await sendDueReminders(at("2026-12-05", 8))).toMatchObject({ skipped: true, created: 0 });
    await sendDueReminders(at("2026-12-01", 8));
    const s = await reminders(soon.id);
    expect(s.filter((n) => n.resolvedAt === null).every((n) => n.remindedOn!.toISOString().startsWith("2026-12-01"))).toBe(true);
    expect(s.filter((n) => n.remindedOn!.toISOString().startsWith("2026-11-30")).every((n) => n.resolvedAt !== null)).toBe(true);

    must(await draftReply(b.people.liaison, soon.id, { outcome: "granted", body: "予以公开。" }, at("2026-12-01", 9)));
    must(await approveReply(b.people.head, soon.id, at("2026-12-01", 9)));
    must(await deliverReply(b.people.office, soon.id, "2026-12-01", at("2026-12-01", 9)));
    expect((await reminders(soon.id)).every((n) => n.resolvedAt !== null)).toBe(true);
    expect((await reminders(late.id)).some((n) => n.resolvedAt === null)).toBe(true);
  });
});

describe("the office's figures by stage", () => {
  test("each stage, due-soon and overdue, received and closed this year count what was registered", async () => {
    const now = at("2026-11-30", 18);
    const before = must(await requestOverview(b.people.office, now));
    const dept = await db().department.create({ data: { code: `DASH-${b.tag}`, name: `统计科-${b.tag}` } });
    const liaison: Actor = await b.user("dashLiaison", ["LIAISON"], dept.id);
    const head: Actor = await b.user("dashHead", ["DEPT_HEAD"], dept.id);
    must(await submitOnlineApplication(applicationInput({ description: "待确认的在线申请" }), { ip: null, userAgent: null }, at("2026-11-27")));
    await register("待分办的申请", "2026-11-27", null);
    await register("办理中的申请", "2026-11-02", dept.id); // due soon
    const correcting = await register("需要补正的申请", "2026-11-23", dept.id);
    must(await recordClockEvent(b.people.office, correcting.id, { type: "CORRECTION_REQUESTED", on: "2026-11-24", deadline: "2026-12-10" }, at("2026-11-24")));
    const consulting = await register("涉及第三方的申请", "2026-10-12", dept.id); // overdue
    must(await recordClockEvent(b.people.office, consulting.id, { type: "CONSULTATION_STARTED", on: "2026-10-13", party: "third_party", name: "某科技公司" }, at("2026-10-13")));
    const drafted = await register("答复待审核的申请", "2026-11-16", dept.id);
    must(await draftReply(liaison, drafted.id, { outcome: "granted" }, at("2026-11-26")));
    const approved = await register("答复待送达的申请", "2026-11-16", dept.id);
    must(await draftReply(liaison, approved.id, { outcome: "granted" }, at("2026-11-26")));
    must(await approveReply(head, approved.id, at("2026-11-27")));
    const closed = await register("已办结的申请", "2026-11-16", dept.id);
    must(await draftReply(liaison, closed.id, { outcome: "partial" }, at("2026-11-26")));
    must(await approveReply(head, closed.id, at("2026-11-27")));
    must(await deliverReply(b.people.office, closed.id, "2026-11-27", at("2026-11-27")));

    const after = must(await requestOverview(b.people.office, now));
    const delta = Object.fromEntries(after.stages.map((s, i) => [s.key, s.count - before.stages[i].count]));
    expect(delta).toEqual(Object.fromEntries(REQUEST_STAGES.map((k) => [k, 1])));
    expect(after.open - before.open).toBe(7);
    expect(after.received - before.received).toBe(7);
    expect(after.closed - before.closed).toBe(1);

    const own = must(await requestOverview(liaison, now));
    expect(Object.fromEntries(own.stages.map((s) => [s.key, s.count]))).toEqual({
      awaiting_confirmation: 0,
      awaiting_assignment: 0,
      in_progress: 1,
      awaiting_correction: 1,
      consulting: 1,
      awaiting_approval: 1,
      awaiting_delivery: 1,
    });
    expect(own).toMatchObject({ year: 2026, open: 5, dueSoon: 1, received: 6, closed: 1 });
    expect(await requestOverview(b.people.secrecy, now)).toMatchObject({ ok: false, error: "forbidden" });
  }, 120_000);
});
