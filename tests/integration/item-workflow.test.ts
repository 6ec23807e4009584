import { beforeAll, describe, expect, test } from "vitest";
import { parseIndexNumber } from "@/lib/domain/index-number";
import { db } from "@/lib/server/platform/db";
import { createDraft, submitItem, updateDraft } from "@/lib/server/items/drafts";
import { publishItem } from "@/lib/server/items/publication";
import { getPublishedItem } from "@/lib/server/public/site";
import { listPublishedItems } from "@/lib/server/public/listing";
import { reviewItem } from "@/lib/server/items/reviews";
import { getItemForStaff, workQueue } from "@/lib/server/items/work-queue";
import { allClearSecrecyFields } from "@/lib/domain/review";
import { allClearApproval, auditActions, draftInput, itemState, seedBureau, seedDraft, seedPending, type Bureau } from "../support/bureau";

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});

function mustValue<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const isPublic = async (id: string) => (await getPublishedItem(id)) !== null;

describe("every transition of the slice", () => {
  test("draft → 处室负责人 → 分管领导 → 保密审查 → 发布, audited, public only at the end", async () => {
    const { liaison, head, leader, secrecy, office } = b.people;
    const created = await createDraft(liaison, draftInput(b, { title: "关于开展科技周活动的通知" }));
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.id : "";
    const rev = (await itemState(id)).revisionId!;
    expect(await itemState(id)).toMatchObject({ status: "DRAFT", indexNumber: null });

    expect(await submitItem(liaison, id, rev)).toMatchObject({ ok: true });
    expect((await itemState(id)).status).toBe("PENDING_DEPT");
    expect((await workQueue(head)).find((s) => s.key === "dept-head")!.items.map((i) => i.id)).toContain(id);

    expect(await reviewItem(head, id, { decision: "APPROVE", revisionId: rev })).toMatchObject({ ok: true, value: { status: "PENDING_LEADER" } });
    expect((await workQueue(leader)).find((s) => s.key === "leader")!.items.map((i) => i.id)).toContain(id);
    expect(await reviewItem(leader, id, { decision: "APPROVE", revisionId: rev })).toMatchObject({ ok: true, value: { status: "PENDING_SECRECY" } });
    expect(await isPublic(id)).toBe(false);
    expect(await reviewItem(secrecy, id, { decision: "APPROVE", revisionId: rev, ...(await allClearApproval(rev)) })).toMatchObject({ ok: true, value: { status: "APPROVED" } });
    expect(await isPublic(id)).toBe(false);
    expect((await itemState(id)).indexNumber).toBeNull();

    const published = await publishItem(office, id, rev);
    expect(published.ok).toBe(true);
    const state = await itemState(id);
    expect(state.status).toBe("PUBLISHED");
    expect(parseIndexNumber(state.indexNumber!)).toMatchObject({ year: new Date().getFullYear() });
    expect(await getPublishedItem(id)).toMatchObject({ title: "关于开展科技周活动的通知", indexNumber: state.indexNumber });
    expect((await listPublishedItems()).items.map((i) => i.id)).toContain(id);

    expect(await auditActions(id)).toEqual([
      "item.create:SUCCESS",
      "item.submit:SUCCESS",
      "item.review.approve:SUCCESS",
      "item.review.approve:SUCCESS",
      "item.review.approve:SUCCESS",
      "item.publish:SUCCESS",
    ]);
    const notified = await db().notification.findMany({ where: { itemId: id }, select: { userId: true } });
    expect(notified.map((n) => n.userId)).toEqual(expect.arrayContaining([head.id, leader.id, secrecy.id, office.id, liaison.id]));
  });

  test("a column without the leader stage goes from the department head to 保密审查", async () => {
    const item = await seedPending(b, "PENDING_DEPT", { columnId: b.newsColumn.id });
    const r = await reviewItem(b.people.head, item.id, { decision: "APPROVE", revisionId: item.revisionId });
    expect(r).toMatchObject({ ok: true, value: { status: "PENDING_SECRECY" } });
  });

  test("return needs a comment; the liaison edits and resubmits; old approvals do not carry over", async () => {
    const { liaison2, head, leader } = b.people;
    const item = await seedPending(b, "PENDING_LEADER");
    const noComment = await reviewItem(leader, item.id, { decision: "RETURN", revisionId: item.revisionId });
    expect(noComment).toMatchObject({ ok: false, error: "invalid" });
    expect(noComment.ok ? null : noComment.fieldErrors?.comment?.[0]).toContain("理由");
    expect((await itemState(item.id)).status).toBe("PENDING_LEADER");

    expect(await reviewItem(leader, item.id, { decision: "RETURN", revisionId: item.revisionId, comment: "请补充申报时间" })).toMatchObject({ ok: true });
    expect((await itemState(item.id)).status).toBe("RETURNED");

    // Any liaison of the department may fix it, not only the author.
    const edited = await updateDraft(liaison2, item.id, item.revisionId, draftInput(b, { title: "修改后的标题" }));
    expect(edited.ok).toBe(true);
    const after = await itemState(item.id);
    expect(after).toMatchObject({ status: "RETURNED", title: "修改后的标题" });
    expect(after.revisionId).not.toBe(item.revisionId);

    expect(await submitItem(liaison2, item.id, after.revisionId!)).toMatchObject({ ok: true });
    expect((await itemState(item.id)).status).toBe("PENDING_DEPT");
    // liaison2 authored the new revision: as a reviewer they would be refused (maker–checker).
    expect(await reviewItem(head, item.id, { decision: "APPROVE", revisionId: after.revisionId! })).toMatchObject({ ok: true });
    const staff = await getItemForStaff(head, item.id);
    expect(staff!.reviews.map((r) => r.decision)).toEqual(["APPROVE", "RETURN", "APPROVE"]);
  });

  test("reject ends the item as 不予公开 with a reason", async () => {
    const item = await seedPending(b, "PENDING_SECRECY");
    expect(await reviewItem(b.people.secrecy, item.id, { decision: "REJECT", revisionId: item.revisionId, comment: "涉及个人隐私", reasonCode: "ART15_PRIVACY" })).toMatchObject({ ok: true });
    expect((await itemState(item.id)).status).toBe("REJECTED");
    expect(await publishItem(b.people.office, item.id, item.revisionId)).toMatchObject({ ok: false });
  });

  test("index numbers are unique and sequential within the year", async () => {
    const a = await seedPending(b, "PUBLISHED");
    const c = await seedPending(b, "PUBLISHED");
    const [na, nc] = [parseIndexNumber((await itemState(a.id)).indexNumber!)!, parseIndexNumber((await itemState(c.id)).indexNumber!)!];
    expect(nc.serial).toBe(na.serial + 1);
  });
});

describe("forbidden transitions leave the item exactly as it was", () => {
  async function expectRefused(itemId: string, attempt: () => Promise<{ ok: boolean; error?: string }>, error: string) {
    const before = await itemState(itemId);
    const result = await attempt();
    expect(result).toMatchObject({ ok: false, error });
    expect(await itemState(itemId)).toEqual(before);
  }

  test.each([
    ["a liaison approving", "liaison2", "forbidden"],
    ["another department's head", "otherHead", "not_found"],
    ["the leader before the department head", "leader", "forbidden"],
    ["保密审查 before its turn", "secrecy", "forbidden"],
    ["the office", "office", "forbidden"],
    ["the system administrator", "sysadmin", "not_found"],
    ["the auditor", "auditor", "not_found"],
  ] as const)("at 处室负责人审核: %s", async (_, who, error) => {
    const item = await seedPending(b, "PENDING_DEPT");
    await expectRefused(item.id, () => reviewItem(b.people[who], item.id, { decision: "APPROVE", revisionId: item.revisionId }), error);
  });

  test("a leader who does not oversee the department", async () => {
    const item = await seedPending(b, "PENDING_LEADER");
    await expectRefused(item.id, () => reviewItem(b.people.otherLeader, item.id, { decision: "APPROVE", revisionId: item.revisionId }), "not_found");
  });

  test("the author holding the reviewer's role cannot approve their own item", async () => {
    const authorHead = await b.user("authorHead", ["LIAISON", "DEPT_HEAD"]);
    const { id } = mustValue(await createDraft(authorHead, draftInput(b)));
    const rev = (await itemState(id)).revisionId!;
    expect(await submitItem(authorHead, id, rev)).toMatchObject({ ok: true });
    await expectRefused(id, () => reviewItem(authorHead, id, { decision: "APPROVE", revisionId: rev }), "forbidden");
    const denied = await db().auditEvent.findFirst({ where: { entityId: id, result: "DENIED" } });
    expect(denied?.detail).toEqual({ reason: "own_item" });
  });

  test("one person cannot approve two stages of the same revision", async () => {
    const both = await b.user("leaderSecrecy", ["LEADER", "SECRECY"], null);
    const dept = await db().department.create({ data: { code: `X-${b.tag}`, name: `测试科-${b.tag}`, leaderId: both.id } });
    const liaison = await b.user("xLiaison", ["LIAISON"], dept.id);
    const head = await b.user("xHead", ["DEPT_HEAD"], dept.id);
    const { id } = mustValue(await createDraft(liaison, draftInput(b)));
    const rev = (await itemState(id)).revisionId!;
    await submitItem(liaison, id, rev);
    await reviewItem(head, id, { decision: "APPROVE", revisionId: rev });
    expect(await reviewItem(both, id, { decision: "APPROVE", revisionId: rev })).toMatchObject({ ok: true });
    await expectRefused(id, () => reviewItem(both, id, { decision: "APPROVE", revisionId: rev, ...allClearSecrecyFields() }), "forbidden");
  });

  test("another department's liaison cannot see, edit or submit a draft; a forged id is not found", async () => {
    const item = await seedDraft(b);
    await expectRefused(item.id, () => submitItem(b.people.otherLiaison, item.id, item.revisionId), "not_found");
    await expectRefused(item.id, () => updateDraft(b.people.otherLiaison, item.id, item.revisionId, draftInput(b)), "not_found");
    expect(await getItemForStaff(b.people.otherLiaison, item.id)).toBeNull();
    expect(await getItemForStaff(b.people.liaison2, item.id)).not.toBeNull();
    expect(await submitItem(b.people.liaison, "cl-forged-id-0000", item.revisionId)).toMatchObject({ ok: false, error: "not_found" });
    expect(await reviewItem(b.people.head, "x".repeat(500), { decision: "APPROVE", revisionId: "r" })).toMatchObject({ ok: false });
  });

  test("a draft is visible to no reviewer and to nobody outside the department", async () => {
    const item = await seedDraft(b);
    for (const who of ["secrecy", "office", "leader", "otherHead"] as const) {
      expect(await getItemForStaff(b.people[who], item.id)).toBeNull();
    }
  });

  test("publishing is refused until 保密审查 approved, and only the office may publish", async () => {
    const pending = await seedPending(b, "PENDING_SECRECY");
    await expectRefused(pending.id, () => publishItem(b.people.office, pending.id, pending.revisionId), "conflict");
    const approved = await seedPending(b, "APPROVED");
    await expectRefused(approved.id, () => publishItem(b.people.secrecy, approved.id, approved.revisionId), "forbidden");
    expect(await isPublic(approved.id)).toBe(false);
  });

  test("a stale form cannot overwrite a newer save", async () => {
    const item = await seedDraft(b);
    expect((await updateDraft(b.people.liaison, item.id, item.revisionId, draftInput(b, { title: "第一次修改" }))).ok).toBe(true);
    const stale = await updateDraft(b.people.liaison2, item.id, item.revisionId, draftInput(b, { title: "过期表单的修改" }));
    expect(stale).toMatchObject({ ok: false, error: "conflict" });
    expect((await itemState(item.id)).title).toBe("第一次修改");
  });
});

describe("bad input gets a Chinese message and saves nothing", () => {
  test.each([
    ["an empty title", { title: "  " }, "title", "请填写标题"],
    ["an oversized title", { title: "长".repeat(201) }, "title", "标题不能超过 200 个字"],
    ["an unknown column", { columnId: "no-such-column" }, "columnId", "所选栏目不存在，请重新选择"],
    ["a future 信息形成日期", { formedOn: "2999-01-01" }, "formedOn", "信息形成日期不能晚于今天"],
  ])("%s", async (_, patch, field, message) => {
    const before = await db().disclosureItem.count();
    const result = await createDraft(b.people.liaison, draftInput(b, patch));
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.fieldErrors?.[field]?.[0]).toBe(message);
    expect(await db().disclosureItem.count()).toBe(before);
  });

  test("a bad edit leaves the saved revision untouched", async () => {
    const item = await seedDraft(b, { title: "原标题" });
    const result = await updateDraft(b.people.liaison, item.id, item.revisionId, draftInput(b, { title: "" }));
    expect(result).toMatchObject({ ok: false, error: "invalid" });
    expect(await itemState(item.id)).toMatchObject({ title: "原标题", revisionId: item.revisionId });
  });

  test("only a liaison may draft", async () => {
    expect(await createDraft(b.people.head, draftInput(b))).toMatchObject({ ok: false, error: "forbidden" });
  });

  test("markup in the body is sanitised: no script or handler is ever stored", async () => {
    const item = await seedDraft(b, { body: '<p onclick="x()">通知</p><script>alert("x")</script>' });
    const rev = await db().itemRevision.findUniqueOrThrow({ where: { id: item.revisionId } });
    expect(rev.bodyHtml).toBe("<p>通知</p>");
  });
});

describe("immutability in the database", () => {
  test("review records cannot be changed or deleted", async () => {
    const item = await seedPending(b, "PENDING_LEADER");
    await expect(db().reviewRecord.updateMany({ where: { itemId: item.id }, data: { comment: "篡改" } })).rejects.toThrow(/append-only/);
    await expect(db().reviewRecord.deleteMany({ where: { itemId: item.id } })).rejects.toThrow(/append-only/);
  });
});
