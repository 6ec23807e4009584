import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { contentHash } from "@/lib/domain/item";
import { findDownload, storeUpload } from "@/lib/server/items/attachments";
import { extractStoredText } from "@/lib/server/jobs/extract-text";
import { discardAutosave, loadAutosave, saveAutosave } from "@/lib/server/items/autosave";
import { db } from "@/lib/server/platform/db";
import { importDocx } from "@/lib/server/items/docx-import";
import { getItemForEdit, getLatestRevision, getRevisionComparison } from "@/lib/server/items/views";
import { createDraft, submitItem, updateDraft } from "@/lib/server/items/drafts";
import { publishItem } from "@/lib/server/items/publication";
import { getPublishedItem } from "@/lib/server/public/site";
import { reviewItem } from "@/lib/server/items/reviews";
import { blobStore, sha256Hex } from "@/lib/server/files/storage";
import { allClearApproval, auditActions, currentRevisionId, draftInput, itemState, seedBureau, seedDraft, seedPending, type Bureau, must } from "../support/bureau";
import { sampleDocx, sampleExe, sampleNoticeDocx, samplePdf } from "../support/sample-files";
import { env } from "@/lib/env";

// Uploads of this file go to a folder of its own (lib/env.ts reads DATA_DIR on first use).
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "gongkai-uploads-"));

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});


const revisionOf = async (itemId: string) =>
  db().itemRevision.findUniqueOrThrow({
    where: { id: await currentRevisionId(itemId) },
    include: { attachments: { orderBy: { sortOrder: "asc" }, include: { file: true } } },
  });

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** The hash recomputed from what is stored: approvals must bind to exactly these fields. */
async function recomputedHash(itemId: string) {
  const r = await revisionOf(itemId);
  const item = await db().disclosureItem.findUniqueOrThrow({ where: { id: itemId } });
  return contentHash({
    ...r,
    columnId: item.columnId,
    signedOn: day(r.signedOn),
    effectiveOn: day(r.effectiveOn),
    repealedOn: day(r.repealedOn),
    formedOn: day(r.formedOn)!,
    attachments: r.attachments.map((a) => ({ sha256: a.file.sha256, fileName: a.file.fileName })),
  });
}

const fullInput = (over: Record<string, unknown> = {}) =>
  draftInput(b, {
    title: "吉林市科技计划项目管理办法",
    documentNumber: "吉市科发〔2026〕21号",
    summary: "规范市级科技计划项目的立项、实施和验收。",
    topic: "科技、教育",
    keywords: "科技计划、项目管理",
    article20Item: "1",
    documentType: "NORMATIVE",
    signedOn: "2026-10-20",
    effectiveOn: "2026-11-20",
    validity: "VALID",
    channels: ["website", "wechat"],
    body: '<h2>第一章 总则</h2><p style="text-align:center" onclick="x()">第一条 为规范……</p><script>alert(1)</script>',
    ...over,
  });

describe("create and update save the whole catalogue entry per revision", () => {
  test("every field, the default 发布机构, the sanitised body and its plain text", async () => {
    const { id } = must(await createDraft(b.people.liaison, fullInput()));
    const r = await revisionOf(id);
    expect(r).toMatchObject({
      title: "吉林市科技计划项目管理办法",
      documentNumber: "吉市科发〔2026〕21号",
      publisher: b.dept.name,
      summary: "规范市级科技计划项目的立项、实施和验收。",
      topic: "科技、教育",
      keywords: ["科技计划", "项目管理"],
      attribute: "PROACTIVE",
      attributeReason: null,
      article20Item: 1,
      documentType: "NORMATIVE",
      validity: "VALID",
      channels: ["website", "wechat"],
      bodyHtml: '<h2>第一章 总则</h2><p style="text-align:center">第一条 为规范……</p>',
      bodyText: "第一章 总则\n第一条 为规范……",
    });
    expect([day(r.signedOn), day(r.effectiveOn), day(r.repealedOn)]).toEqual(["2026-10-20", "2026-11-20", null]);
    expect(r.contentHash).toBe(await recomputedHash(id));
  });

  test("a statutory reason is saved with 不予公开; bad input saves nothing and says why in Chinese", async () => {
    const { id } = must(await createDraft(b.people.liaison, draftInput(b, { attribute: "WITHHELD", attributeReason: "ART16_PROCESS" })));
    expect(await revisionOf(id)).toMatchObject({ attribute: "WITHHELD", attributeReason: "ART16_PROCESS" });
    const before = await db().itemRevision.count();
    const bad = await createDraft(b.people.liaison, draftInput(b, { attribute: "ON_REQUEST", signedOn: "2026-05-01", repealedOn: "2026-04-01", channels: ["nowhere"] }));
    expect(bad).toMatchObject({ ok: false, error: "invalid" });
    expect(bad.ok ? null : bad.fieldErrors).toMatchObject({
      attributeReason: ["依申请公开或不予公开时，必须选择条例第十四至十六条规定的理由"],
      repealedOn: ["废止日期不能早于成文日期"],
      channels: ["发布渠道无效，请从列表中选择"],
    });
    expect(await db().itemRevision.count()).toBe(before);
  });

  test("an inactive channel is refused", async () => {
    await db().channel.upsert({ where: { code: `old-${b.tag}` }, create: { code: `old-${b.tag}`, name: "停用渠道", active: false }, update: {} });
    const result = await createDraft(b.people.liaison, draftInput(b, { channels: [`old-${b.tag}`] }));
    expect(result.ok ? null : result.fieldErrors?.channels).toEqual(["发布渠道无效，请从列表中选择"]);
  });

  test("an update is a new revision with its own fields; the old revision is untouched", async () => {
    const { id } = must(await createDraft(b.people.liaison, fullInput()));
    const first = await revisionOf(id);
    must(await updateDraft(b.people.liaison2, id, first.id, fullInput({ publisher: "吉林市科学技术局", validity: "AMENDED", keywords: "" })));
    const second = await revisionOf(id);
    expect(second).toMatchObject({ number: 2, publisher: "吉林市科学技术局", validity: "AMENDED", keywords: [], authorId: b.people.liaison2.id });
    expect(second.contentHash).not.toBe(first.contentHash);
    expect(await db().itemRevision.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ validity: "VALID", publisher: b.dept.name });
    expect(await auditActions(id)).toEqual(["item.create:SUCCESS", "item.update:SUCCESS"]);
  });
});

describe("attachments: stored once by hash, copied as rows, covered by the content hash", () => {
  test("an upload round trip; the same bytes twice are one blob and two StoredFile rows", async () => {
    const bytes = samplePdf(`round trip ${b.tag}`);
    const a = must(await storeUpload(b.people.liaison, { fileName: "../../etc/会议纪要.pdf", bytes }));
    const again = must(await storeUpload(b.people.liaison2, { fileName: "纪要副本.pdf", bytes }));
    expect(a).toMatchObject({ fileName: "会议纪要.pdf", size: bytes.length, mimeType: "application/pdf" });
    const rows = await db().storedFile.findMany({ where: { id: { in: [a.id, again.id] } } });
    expect(new Set(rows.map((r) => r.sha256))).toEqual(new Set([sha256Hex(bytes)]));
    expect(rows.every((r) => r.text === null)).toBe(true);
    expect(Buffer.compare((await blobStore().get(sha256Hex(bytes)))!, Buffer.from(bytes))).toBe(0);
    const dir = path.join(env().DATA_DIR, "uploads", sha256Hex(bytes).slice(0, 2), sha256Hex(bytes).slice(2, 4));
    expect(readdirSync(dir).filter((f) => f.startsWith(sha256Hex(bytes)))).toEqual([sha256Hex(bytes)]);
    expect(await auditActions(a.id)).toEqual(["file.upload:SUCCESS"]);
  });

  test("an .exe renamed .pdf is refused and audited; a reviewer may not upload; nothing is stored", async () => {
    const before = await db().storedFile.count();
    const exe = await storeUpload(b.people.liaison, { fileName: "通知.pdf", bytes: sampleExe() });
    expect(exe).toMatchObject({ ok: false, error: "invalid" });
    expect(exe.ok ? "" : exe.message).toContain("实际内容是Windows 可执行程序");
    expect(await blobStore().exists(sha256Hex(sampleExe()))).toBe(false);
    expect(await storeUpload(b.people.head, { fileName: "a.pdf", bytes: samplePdf() })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await db().storedFile.count()).toBe(before);
    const audits = await db().auditEvent.findMany({ where: { action: "file.upload", actorId: { in: [b.people.liaison.id, b.people.head.id] }, result: { not: "SUCCESS" } } });
    expect(audits.map((a) => a.result).sort()).toEqual(["DENIED", "FAILURE"]);
  });

  test("an upload over UPLOAD_MAX_MB is refused before anything is read into storage", async () => {
    const result = await storeUpload(b.people.liaison, { fileName: "big.pdf", bytes: new Uint8Array(50 * 1024 * 1024 + 1) });
    expect(result.ok ? "" : result.message).toBe("文件超过 50 MB 的上限。");
  });

  test("saved in order, copied to the next revision as rows, reordering and removing change the hash", async () => {
    const one = must(await storeUpload(b.people.liaison, { fileName: "一.pdf", bytes: samplePdf(`one ${b.tag}`) }));
    const two = must(await storeUpload(b.people.liaison, { fileName: "二.pdf", bytes: samplePdf(`two ${b.tag}`) }));
    const { id } = must(await createDraft(b.people.liaison, draftInput(b, { attachmentIds: [one.id, two.id] })));
    const r1 = await revisionOf(id);
    expect(r1.attachments.map((a) => a.file.fileName)).toEqual(["一.pdf", "二.pdf"]);

    // Another liaison of the department keeps the files (they are on the item) and swaps them.
    must(await updateDraft(b.people.liaison2, id, r1.id, draftInput(b, { title: r1.title, attachmentIds: [two.id, one.id] })));
    const r2 = await revisionOf(id);
    expect(r2.attachments.map((a) => a.file.fileName)).toEqual(["二.pdf", "一.pdf"]);
    expect(r2.attachments.map((a) => a.fileId).sort()).toEqual(r1.attachments.map((a) => a.fileId).sort());
    expect(r2.attachments.map((a) => a.id)).not.toContain(r1.attachments[0].id);
    expect(r2.contentHash).not.toBe(r1.contentHash);
    expect(r2.contentHash).toBe(await recomputedHash(id));

    must(await updateDraft(b.people.liaison2, id, r2.id, draftInput(b, { title: r1.title, attachmentIds: [two.id] })));
    const r3 = await revisionOf(id);
    expect(r3.attachments.map((a) => a.file.fileName)).toEqual(["二.pdf"]);
    expect(new Set([r1.contentHash, r2.contentHash, r3.contentHash]).size).toBe(3);
    expect(await db().attachment.count({ where: { revisionId: r1.id } })).toBe(2);
  });

  test("a file uploaded by someone else and not on this item cannot be attached", async () => {
    const theirs = must(await storeUpload(b.people.otherLiaison, { fileName: "他科.pdf", bytes: samplePdf(`other ${b.tag}`) }));
    const result = await createDraft(b.people.liaison, draftInput(b, { attachmentIds: [theirs.id] }));
    expect(result.ok ? null : result.fieldErrors?.attachmentIds).toEqual(["附件无效或已失效，请重新上传。"]);
  });

  test("changing an attachment after approval voids the approval: the new revision needs every stage again", async () => {
    const file = must(await storeUpload(b.people.liaison, { fileName: "附件.pdf", bytes: samplePdf(`approved ${b.tag}`) }));
    const { id } = must(await createDraft(b.people.liaison, draftInput(b, { attachmentIds: [file.id] })));
    const rev = await currentRevisionId(id);
    must(await submitItem(b.people.liaison, id, rev));
    must(await reviewItem(b.people.head, id, { decision: "RETURN", revisionId: rev, comment: "请调整附件顺序" }));
    const other = must(await storeUpload(b.people.liaison, { fileName: "补充.pdf", bytes: samplePdf(`extra ${b.tag}`) }));
    const title = (await itemState(id)).title;
    must(await updateDraft(b.people.liaison, id, rev, draftInput(b, { title, attachmentIds: [file.id, other.id] })));
    const r2 = await revisionOf(id);
    const old = await db().itemRevision.findUniqueOrThrow({ where: { id: rev } });
    expect(r2.contentHash).not.toBe(old.contentHash);
  });
});

describe("download rule: /attachments/{id}", () => {
  test("a draft's attachment: staff in scope only; public once published; a later draft's copy stays staff-only", async () => {
    const file = must(await storeUpload(b.people.liaison, { fileName: "公开附件.pdf", bytes: samplePdf(`public ${b.tag}`) }));
    await extractStoredText(file.id); // the extract-text job's work: 保密审查 waits for it
    const item = await seedPending(b, "APPROVED", { attachmentIds: [file.id] });
    const [attachment] = (await revisionOf(item.id)).attachments;
    expect(await findDownload(attachment.id, null)).toBeNull();
    expect(await findDownload(attachment.id, b.people.otherLiaison)).toBeNull();
    expect(await findDownload(attachment.id, b.people.sysadmin)).toBeNull();
    expect(await findDownload(attachment.id, b.people.liaison2)).toMatchObject({ audience: "staff", fileName: "公开附件.pdf", sha256: attachment.file.sha256 });
    expect(await findDownload(attachment.id, b.people.secrecy)).toMatchObject({ audience: "staff" });

    must(await publishItem(b.people.office, item.id, item.revisionId));
    expect(await findDownload(attachment.id, null)).toMatchObject({ audience: "public", mimeType: "application/pdf" });
    // Not yet public: a publication scheduled in the future.
    expect(await findDownload(attachment.id, null, new Date(Date.now() - 86_400_000))).toBeNull();

    // Editing the published item: the public keeps the published revision and its attachment.
    const title = (await itemState(item.id)).title;
    must(await updateDraft(b.people.liaison, item.id, item.revisionId, draftInput(b, { title: `${title}（修订）`, attachmentIds: [file.id] })));
    expect(await itemState(item.id)).toMatchObject({ status: "DRAFT" });
    expect(await getPublishedItem(item.id)).toMatchObject({ title });
    const [copy] = (await revisionOf(item.id)).attachments;
    expect(copy.id).not.toBe(attachment.id);
    expect(await findDownload(attachment.id, null)).toMatchObject({ audience: "public" });
    expect(await findDownload(copy.id, null)).toBeNull();
    expect(await findDownload(copy.id, b.people.liaison)).toMatchObject({ audience: "staff" });
    // Drafts are the department's: the secrecy reviewer does not see the re-edited draft's copy.
    expect(await findDownload(copy.id, b.people.secrecy)).toBeNull();
  });

  test("an unknown or oversized id is not found", async () => {
    expect(await findDownload("no-such-attachment", b.people.liaison)).toBeNull();
    expect(await findDownload("x".repeat(500), b.people.liaison)).toBeNull();
  });
});

describe("editing a published item and comparing revisions", () => {
  test("the edit form says the item is live; reviewers compare with the published revision", async () => {
    const item = await seedPending(b, "PUBLISHED");
    const form = await getItemForEdit(b.people.liaison, item.id);
    expect(form).toMatchObject({ isLive: true, revisionId: item.revisionId, status: "PUBLISHED" });
    const title = (await itemState(item.id)).title;
    must(await updateDraft(b.people.liaison, item.id, item.revisionId, draftInput(b, { title: `${title}（更正）`, body: "第一段\n\n第二段已更正" })));
    const newRev = await currentRevisionId(item.id);
    must(await submitItem(b.people.liaison, item.id, newRev));
    const comparison = await getRevisionComparison(b.people.head, item.id);
    expect(comparison).toMatchObject({ baseIsPublished: true, base: { id: item.revisionId, number: 1 }, current: { id: newRev, number: 2 } });
    expect(comparison!.current.fields.bodyText).toBe("第一段\n第二段已更正");
  });

  test("once the edit is published too, it is compared with the revision before it, not called the first", async () => {
    const item = await seedPending(b, "PUBLISHED");
    must(await updateDraft(b.people.liaison, item.id, item.revisionId, draftInput(b, { title: "已更正的标题", body: "更正后的正文" })));
    const newRev = await currentRevisionId(item.id);
    must(await submitItem(b.people.liaison, item.id, newRev));
    for (const reviewer of [b.people.head, b.people.leader, b.people.secrecy]) {
      must(await reviewItem(reviewer, item.id, { decision: "APPROVE", revisionId: newRev, ...(await allClearApproval(newRev)) }));
    }
    must(await publishItem(b.people.office, item.id, newRev));
    expect(await getRevisionComparison(b.people.office, item.id)).toMatchObject({
      baseIsPublished: false,
      currentIsPublished: true,
      base: { id: item.revisionId, number: 1 },
      current: { id: newRev, number: 2 },
    });
  });

  test("a never-published item is compared with its previous revision; the first has none", async () => {
    const item = await seedDraft(b);
    expect(await getRevisionComparison(b.people.liaison, item.id)).toMatchObject({ base: null, baseIsPublished: false });
    must(await updateDraft(b.people.liaison, item.id, item.revisionId, draftInput(b, { title: "第二版标题" })));
    expect(await getRevisionComparison(b.people.liaison, item.id)).toMatchObject({ base: { id: item.revisionId }, baseIsPublished: false, current: { number: 2 } });
  });
});

describe("two liaisons editing one draft", () => {
  test("the second save is a conflict: nothing of it is saved, and the newer revision is there to compare", async () => {
    const item = await seedDraft(b);
    must(await updateDraft(b.people.liaison, item.id, item.revisionId, draftInput(b, { title: "张敏的修改" })));
    const second = await updateDraft(b.people.liaison2, item.id, item.revisionId, draftInput(b, { title: "李娜的修改" }));
    expect(second).toMatchObject({ ok: false, error: "conflict" });
    expect((await itemState(item.id)).title).toBe("张敏的修改");
    expect(await db().itemRevision.count({ where: { itemId: item.id } })).toBe(2);
    const latest = await getLatestRevision(b.people.liaison2, item.id);
    expect(latest).toMatchObject({ number: 2, author: "liaison", fields: { title: "张敏的修改" } });
    // Having compared, the second liaison saves on top of the newer revision.
    must(await updateDraft(b.people.liaison2, item.id, latest!.id, draftInput(b, { title: "李娜的修改" })));
    expect(await itemState(item.id)).toMatchObject({ title: "李娜的修改" });
  });

  // Caught a real fault: while the revision was created before the guard, the loser failed on the
  // unique revision number (an unexpected error, a 500) instead of being told of the conflict.
  test("at the same moment: exactly one save wins, the other is told", async () => {
    for (let round = 0; round < 3; round++) {
      const item = await seedDraft(b);
      const results = await Promise.all([
        updateDraft(b.people.liaison, item.id, item.revisionId, draftInput(b, { title: "甲" })),
        updateDraft(b.people.liaison2, item.id, item.revisionId, draftInput(b, { title: "乙" })),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ error: "conflict" });
      expect(await db().itemRevision.count({ where: { itemId: item.id } })).toBe(2);
    }
  });
});

describe("autosave", () => {
  const entry = (title: string, body = "<p>草稿</p>") => ({
    values: {
      title, documentNumber: "", publisher: "", summary: "", columnId: "", topic: "", keywords: "", attribute: "PROACTIVE", attributeReason: "",
      article20Item: "", documentType: "OTHER", signedOn: "", effectiveOn: "", repealedOn: "", validity: "", formedOn: "2026-11-20",
      body, channels: ["website"], attachments: [],
    },
    baseRevisionId: null,
    savedAt: Date.now(),
  });

  test("kept per user, sanitised, and cleared by the save that creates the item", async () => {
    must(await saveAutosave(b.people.liaison, "new", entry("未保存的标题", '<p onclick="x()">草稿</p><script>alert(1)</script>')));
    expect(await loadAutosave(b.people.liaison, "new")).toMatchObject({ values: { title: "未保存的标题", body: "<p>草稿</p>" } });
    expect(await loadAutosave(b.people.liaison2, "new")).toBeNull();
    must(await createDraft(b.people.liaison, draftInput(b)));
    expect(await loadAutosave(b.people.liaison, "new")).toBeNull();
  });

  test("for an item: only within scope and while editable; cleared by its save; discard works", async () => {
    const item = await seedDraft(b);
    must(await saveAutosave(b.people.liaison2, item.id, { ...entry("改了一半"), baseRevisionId: item.revisionId }));
    expect(await saveAutosave(b.people.otherLiaison, item.id, entry("x"))).toMatchObject({ ok: false, error: "not_found" });
    expect(await saveAutosave(b.people.head, "new", entry("x"))).toMatchObject({ ok: false, error: "forbidden" });
    expect(await saveAutosave(b.people.liaison, item.id, { values: { title: 1 } })).toMatchObject({ ok: false, error: "invalid" });
    must(await updateDraft(b.people.liaison2, item.id, item.revisionId, draftInput(b)));
    expect(await loadAutosave(b.people.liaison2, item.id)).toBeNull();
    must(await saveAutosave(b.people.liaison, item.id, entry("再改")));
    await discardAutosave(b.people.liaison, item.id);
    expect(await loadAutosave(b.people.liaison, item.id)).toBeNull();
    const pending = await seedPending(b, "PENDING_DEPT");
    expect(await saveAutosave(b.people.liaison, pending.id, entry("x"))).toMatchObject({ ok: false, error: "forbidden" });
  });
});

describe("Word import", () => {
  test("a .docx becomes sanitised body HTML with its heading and bold text", async () => {
    const docx = await sampleDocx([{ text: "一、工作目标", heading: true }, { text: "加强科技创新。", bold: true }, { text: "<script>alert(1)</script>" }]);
    const result = must(await importDocx(b.people.liaison, "方案.docx", docx));
    expect(result.html).toBe("<h2>一、工作目标</h2><p><strong>加强科技创新。</strong></p><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    // A numbered section heading opens the body; it is not the document's title.
    expect(result).toMatchObject({ title: null, htmlWithoutTitle: result.html });
  });
  test("the Title-styled paragraph is offered as 标题, with the body without it", async () => {
    const result = must(await importDocx(b.people.liaison, "通知.docx", await sampleNoticeDocx({ title: "关于申报2026年度科技计划项目的通知" })));
    expect(result.title).toBe("关于申报2026年度科技计划项目的通知");
    expect(result.html).toMatch(/^<h2>关于申报2026年度科技计划项目的通知<\/h2><h2>一、申报时间<\/h2><table>/);
    expect(result.htmlWithoutTitle).toMatch(/^<h2>一、申报时间<\/h2><table>/);
    expect(result.htmlWithoutTitle).not.toContain("关于申报");
  });
  test("a Word table stays a table: cells side by side, merged cells kept (colspan, rowspan)", async () => {
    const result = must(await importDocx(b.people.liaison, "通知.docx", await sampleNoticeDocx()));
    expect(result.html).toContain(
      '<table><tr><td colspan="2"><p>申报时间安排</p></td></tr><tr><td><p>企业填报</p></td><td><p>12月15日前</p></td></tr>' +
        '<tr><td rowspan="2"><p>处室审核</p></td><td><p>12月20日前</p></td></tr><tr><td><p>12月25日前</p></td></tr></table>',
    );
  });
  test("a renamed program or a .doc is refused", async () => {
    expect(await importDocx(b.people.liaison, "方案.docx", sampleExe())).toMatchObject({ ok: false, error: "invalid" });
    const doc = await importDocx(b.people.liaison, "方案.pdf", samplePdf());
    expect(doc.ok ? "" : doc.message).toContain("只能导入 .docx 文件");
  });
});
