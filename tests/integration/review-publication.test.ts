import { beforeAll, describe, expect, test } from "vitest";
import { chinaDateTimeLocal } from "@/lib/domain/dates";
import { allClearSecrecyFields } from "@/lib/domain/review";
import { db } from "@/lib/server/platform/db";
import { createDraft, submitItem, updateDraft } from "@/lib/server/items/drafts";
import { publicItemWhere, publishItem, withdrawItem } from "@/lib/server/items/publication";
import { getPublishedItem, getWithdrawnItem } from "@/lib/server/public/site";
import { reviewItem } from "@/lib/server/items/reviews";
import { storeUpload } from "@/lib/server/items/attachments";
import { extractStoredText } from "@/lib/server/jobs/extract-text";
import { secrecyFlags } from "@/lib/server/items/secrecy";
import { samplePng } from "../support/sample-files";
import { tinyPdf } from "../support/tiny-pdf";
import { allClearApproval, auditActions, draftInput, itemState, seedBureau, seedPending, type Bureau, must } from "../support/bureau";

/**
 * The review outcomes beyond approve/return (reject with a statutory reason, refer to the
 * 保密行政管理部门), the secrecy reviewer's checklist and scan acknowledgements, scheduled
 * publication, withdrawal, and editing a published item while the public keeps its revision.
 */

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});

const isPublicAt = async (id: string, now: Date) => (await db().disclosureItem.count({ where: { AND: [{ id }, publicItemWhere(now)] } })) === 1;


describe("不予公开 and 报送保密行政管理部门", () => {
  test("a rejection needs a statutory reason; it is recorded with the review", async () => {
    const item = await seedPending(b, "PENDING_DEPT");
    const noReason = await reviewItem(b.people.head, item.id, { decision: "REJECT", revisionId: item.revisionId, comment: "属于内部事务" });
    expect(noReason).toMatchObject({ ok: false, error: "invalid", fieldErrors: { reasonCode: ["请选择不予公开的法定理由"] } });
    const bogus = await reviewItem(b.people.head, item.id, { decision: "REJECT", revisionId: item.revisionId, comment: "属于内部事务", reasonCode: "ART99" });
    expect(bogus).toMatchObject({ ok: false, error: "invalid" });
    expect((await itemState(item.id)).status).toBe("PENDING_DEPT");

    const ok = await reviewItem(b.people.head, item.id, { decision: "REJECT", revisionId: item.revisionId, comment: "属于内部事务", reasonCode: "ART16_INTERNAL_AFFAIRS" });
    expect(ok).toMatchObject({ ok: true, value: { status: "REJECTED" } });
    const record = await db().reviewRecord.findFirstOrThrow({ where: { itemId: item.id, decision: "REJECT" } });
    expect(record.reasonCode).toBe("ART16_INTERNAL_AFFAIRS");
    expect(await auditActions(item.id)).toContain("item.review.reject:SUCCESS");
  });

  test("only 保密审查 refers; the item is held, then the reviewer records the outcome", async () => {
    const atLeader = await seedPending(b, "PENDING_LEADER");
    const refused = await reviewItem(b.people.leader, atLeader.id, { decision: "REFER", revisionId: atLeader.revisionId, comment: "请保密局确认" });
    expect(refused).toMatchObject({ ok: false });
    expect((await itemState(atLeader.id)).status).toBe("PENDING_LEADER");

    const item = await seedPending(b, "PENDING_SECRECY");
    const noComment = await reviewItem(b.people.secrecy, item.id, { decision: "REFER", revisionId: item.revisionId });
    expect(noComment).toMatchObject({ ok: false, error: "invalid", fieldErrors: { comment: [expect.stringContaining("报送")] } });
    const referred = await reviewItem(b.people.secrecy, item.id, { decision: "REFER", revisionId: item.revisionId, comment: "涉及项目经费细节，报市保密局确认" });
    expect(referred).toMatchObject({ ok: true, value: { status: "REFERRED" } });
    const row = await db().disclosureItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(row.referredAt).not.toBeNull();
    // Held: nobody can publish it; the second secrecy reviewer may record the answer.
    expect(await publishItem(b.people.office, item.id, item.revisionId)).toMatchObject({ ok: false });
    const approved = await reviewItem(b.people.secrecy2, item.id, { decision: "APPROVE", revisionId: item.revisionId, ...(await allClearApproval(item.revisionId)) });
    expect(approved).toMatchObject({ ok: true, value: { status: "APPROVED" } });
    expect(await auditActions(item.id)).toEqual(expect.arrayContaining(["item.review.refer:SUCCESS", "item.review.approve:SUCCESS"]));
  });
});

describe("保密审查 checklist and the automatic scan", () => {
  test("approval needs every checklist answer and the legal basis", async () => {
    const item = await seedPending(b, "PENDING_SECRECY");
    const bare = await reviewItem(b.people.secrecy, item.id, { decision: "APPROVE", revisionId: item.revisionId });
    expect(bare).toMatchObject({ ok: false, error: "invalid", fieldErrors: { checklist: [expect.stringContaining("国家秘密")], legalBasis: ["请填写审查依据"] } });
    const partial = { ...allClearSecrecyFields(), "check:privacy": "" };
    expect(await reviewItem(b.people.secrecy, item.id, { decision: "APPROVE", revisionId: item.revisionId, ...partial })).toMatchObject({
      ok: false,
      fieldErrors: { checklist: ["请逐项确认：个人隐私"] },
    });
    expect((await itemState(item.id)).status).toBe("PENDING_SECRECY");
    const ok = await reviewItem(b.people.secrecy, item.id, { decision: "APPROVE", revisionId: item.revisionId, ...allClearSecrecyFields() });
    expect(ok).toMatchObject({ ok: true });
    const record = await db().reviewRecord.findFirstOrThrow({ where: { itemId: item.id, stage: "SECRECY" } });
    expect(record.detail).toMatchObject({ checklist: { stateSecret: true, privacy: true }, legalBasis: expect.stringContaining("保守国家秘密法") });
  });

  test("each flag of the scan must be acknowledged before approval", async () => {
    const item = await seedPending(b, "PENDING_SECRECY", { title: "关于张三（手机13912345678）获奖的公示" });
    const flags = await secrecyFlags(item.revisionId);
    expect(flags.map((f) => f.kind)).toContain("MOBILE");
    const mobile = flags.find((f) => f.kind === "MOBILE")!;
    expect(mobile.masked).not.toContain("13912345678");
    const unacknowledged = await reviewItem(b.people.secrecy, item.id, { decision: "APPROVE", revisionId: item.revisionId, ...allClearSecrecyFields() });
    expect(unacknowledged).toMatchObject({ ok: false, fieldErrors: { flags: [expect.stringContaining("未确认")] } });
    const ok = await reviewItem(b.people.secrecy, item.id, { decision: "APPROVE", revisionId: item.revisionId, ...allClearSecrecyFields(flags.map((f) => f.id)) });
    expect(ok).toMatchObject({ ok: true });
    const record = await db().reviewRecord.findFirstOrThrow({ where: { itemId: item.id, stage: "SECRECY" } });
    expect(record.detail).toMatchObject({ acknowledgedFlags: flags.map((f) => f.id) });
  });

  test("attachments are scanned too; a file whose text cannot be read must be checked by hand", async () => {
    const pdf = must(await storeUpload(b.people.liaison, { fileName: "获奖名单.pdf", bytes: tinyPdf([["获奖人 李四 联系电话 13800138000"]], "ucs2") }));
    const png = must(await storeUpload(b.people.liaison, { fileName: "现场照片.png", bytes: samplePng() }));
    // What the extract-text job does off the upload request (tests/integration/jobs-extract-text.test.ts runs the job itself).
    for (const f of [pdf, png]) await extractStoredText(f.id);
    const item = await seedPending(b, "PENDING_SECRECY", { attachmentIds: [pdf.id, png.id] });
    const flags = await secrecyFlags(item.revisionId);
    expect(flags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "MOBILE", source: "附件「获奖名单.pdf」" }),
        expect.objectContaining({ kind: "UNSCANNED", source: "附件「现场照片.png」" }),
      ]),
    );
    expect(await reviewItem(b.people.secrecy, item.id, { decision: "APPROVE", revisionId: item.revisionId, ...allClearSecrecyFields() })).toMatchObject({ ok: false });
    expect(await reviewItem(b.people.secrecy, item.id, { decision: "APPROVE", revisionId: item.revisionId, ...(await allClearApproval(item.revisionId)) })).toMatchObject({ ok: true });
  });
});

describe("定时发布", () => {
  test("a scheduled item gets its 索引号 now and is public from its time on, with no job running", async () => {
    const item = await seedPending(b, "APPROVED");
    const now = new Date("2026-11-24T02:00:00Z");
    const past = await publishItem(b.people.office, item.id, item.revisionId, { publishAt: "2026-11-24T09:00" }, now);
    expect(past).toMatchObject({ ok: false, fieldErrors: { publishAt: ["发布时间不能早于当前时间"] } });
    const garbage = await publishItem(b.people.office, item.id, item.revisionId, { publishAt: "明天" }, now);
    expect(garbage).toMatchObject({ ok: false, fieldErrors: { publishAt: ["发布时间格式不正确"] } });
    expect((await itemState(item.id)).status).toBe("APPROVED");

    const scheduled = must(await publishItem(b.people.office, item.id, item.revisionId, { publishAt: "2026-11-25T09:00" }, now));
    expect(scheduled.publishAt.toISOString()).toBe("2026-11-25T01:00:00.000Z");
    expect((await itemState(item.id)).indexNumber).toBe(scheduled.indexNumber);
    expect(await isPublicAt(item.id, new Date("2026-11-25T00:59:59Z"))).toBe(false);
    expect(await isPublicAt(item.id, new Date("2026-11-25T01:00:00Z"))).toBe(true);
  });
});

describe("撤回 and editing a published item", () => {
  test("withdrawal needs a reason and drops the item from the public rule at once", async () => {
    const item = await seedPending(b, "PUBLISHED");
    expect(await getPublishedItem(item.id)).not.toBeNull();
    expect(await withdrawItem(b.people.office, item.id, "")).toMatchObject({ ok: false, fieldErrors: { reason: [expect.any(String)] } });
    expect(await withdrawItem(b.people.liaison, item.id, "内容有误")).toMatchObject({ ok: false });
    expect(await withdrawItem(b.people.office, item.id, "内容有误，更正后重新发布")).toMatchObject({ ok: true });
    expect(await getPublishedItem(item.id)).toBeNull();
    const row = await db().disclosureItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(row).toMatchObject({ status: "WITHDRAWN", withdrawReason: "内容有误，更正后重新发布", indexNumber: expect.any(String) });
    expect(await getWithdrawnItem(item.id)).toMatchObject({ withdrawReason: "内容有误，更正后重新发布", indexNumber: row.indexNumber });
    const draft = await seedPending(b, "PENDING_DEPT");
    expect(await getWithdrawnItem(draft.id)).toBeNull();
    expect(await withdrawItem(b.people.office, item.id, "再次撤回")).toMatchObject({ ok: false });
    expect(await auditActions(item.id)).toContain("item.withdraw:SUCCESS");
  });

  test("a published item edited again: the public keeps the old revision until the new one is published", async () => {
    const item = await seedPending(b, "PUBLISHED", { title: "原标题" });
    const { indexNumber } = await itemState(item.id);
    expect(await updateDraft(b.people.liaison, item.id, item.revisionId, draftInput(b, { title: "修改后的标题" }))).toMatchObject({ ok: true });
    const edited = await itemState(item.id);
    expect(edited.status).toBe("DRAFT");
    expect((await getPublishedItem(item.id))?.title).toBe("原标题");

    must(await submitItem(b.people.liaison, item.id, edited.revisionId!));
    for (const who of ["head", "leader", "secrecy"] as const) {
      must(await reviewItem(b.people[who], item.id, { decision: "APPROVE", revisionId: edited.revisionId!, ...(await allClearApproval(edited.revisionId!)) }));
    }
    const inTwoDays = chinaDateTimeLocal(new Date(Date.now() + 2 * 86_400_000));
    const republishLater = await publishItem(b.people.office, item.id, edited.revisionId!, { publishAt: inTwoDays });
    expect(republishLater).toMatchObject({ ok: false, fieldErrors: { publishAt: [expect.stringContaining("重新发布")] } });
    must(await publishItem(b.people.office, item.id, edited.revisionId!));
    const after = await getPublishedItem(item.id);
    expect(after).toMatchObject({ title: "修改后的标题", indexNumber });
    expect(await auditActions(item.id)).toContain("item.republish:SUCCESS");
  });

  test("the office can withdraw a live item while a liaison's edit of it is still a draft", async () => {
    const item = await seedPending(b, "PUBLISHED", { title: "编辑中仍可撤回" });
    must(await updateDraft(b.people.liaison, item.id, item.revisionId, draftInput(b, { title: "编辑中的新版本" })));
    expect((await itemState(item.id)).status).toBe("DRAFT");
    expect(await withdrawItem(b.people.office, item.id, "发现个人信息，立即撤回")).toMatchObject({ ok: true });
    expect(await getPublishedItem(item.id)).toBeNull();
  });

  test("rejecting an edit of a live item discards the edit; the published revision stays public and withdrawable", async () => {
    const item = await seedPending(b, "PUBLISHED", { title: "已公开版本" });
    must(await updateDraft(b.people.liaison, item.id, item.revisionId, draftInput(b, { title: "被否决的修改" })));
    const edited = await itemState(item.id);
    must(await submitItem(b.people.liaison, item.id, edited.revisionId!));
    const rejected = await reviewItem(b.people.head, item.id, { decision: "REJECT", revisionId: edited.revisionId!, comment: "修改内容涉及内部事务", reasonCode: "ART16_INTERNAL_AFFAIRS" });
    expect(rejected).toMatchObject({ ok: true, value: { status: "PUBLISHED" } });
    expect(await itemState(item.id)).toMatchObject({ status: "PUBLISHED", revisionId: item.revisionId, title: "已公开版本" });
    expect((await getPublishedItem(item.id))?.title).toBe("已公开版本");
    expect(await withdrawItem(b.people.office, item.id, "内容过时")).toMatchObject({ ok: true });
  });

  test("an edit may not move a published item to another column", async () => {
    const item = await seedPending(b, "PUBLISHED");
    const moved = await updateDraft(b.people.liaison, item.id, item.revisionId, draftInput(b, { columnId: b.newsColumn.id }));
    expect(moved).toMatchObject({ ok: false, fieldErrors: { columnId: [expect.stringContaining("不能更换栏目")] } });
    expect((await itemState(item.id)).status).toBe("PUBLISHED");
  });
});

describe("only 主动公开 is published", () => {
  test("an approved 依申请公开 item is not put on the website and uses no 索引号", async () => {
    const item = await seedPending(b, "APPROVED", { attribute: "ON_REQUEST", attributeReason: "ART16_PROCESS" });
    const result = await publishItem(b.people.office, item.id, item.revisionId);
    expect(result).toMatchObject({ ok: false, error: "conflict", message: expect.stringContaining("依申请公开") });
    expect(await itemState(item.id)).toMatchObject({ status: "APPROVED", indexNumber: null });
  });
});

describe("送审 needs someone to review", () => {
  test("a column with the 分管领导 stage cannot be submitted from a department without one", async () => {
    const dept = await db().department.create({ data: { code: `NL-${b.tag}`, name: `无分管领导科-${b.tag}` } });
    const liaison = await b.user("noLeaderLiaison", ["LIAISON"], dept.id);
    const { id } = must(await createDraft(liaison, draftInput(b)));
    const rev = (await itemState(id)).revisionId!;
    expect(await submitItem(liaison, id, rev)).toMatchObject({ ok: false, message: expect.stringContaining("尚未设置分管领导") });
    expect((await itemState(id)).status).toBe("DRAFT");
    const news = must(await createDraft(liaison, draftInput(b, { columnId: b.newsColumn.id })));
    expect(await submitItem(liaison, news.id, (await itemState(news.id)).revisionId!)).toMatchObject({ ok: true });
  });
});
