import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { storeUpload } from "@/lib/server/items/attachments";
import { saveAutosave } from "@/lib/server/items/autosave";
import { createDraft, NEW_ITEM_KEY } from "@/lib/server/items/drafts";
import { cleanupOrphans } from "@/lib/server/jobs/cleanup-orphans";
import { stopJobs } from "@/lib/server/jobs/queue";
import { blobStore } from "@/lib/server/files/storage";
import { db } from "@/lib/server/platform/db";
import { assignRequest, registerRequest } from "@/lib/server/requests/intake";
import { draftReply } from "@/lib/server/requests/reply";
import { draftInput, seedBureau, type Bureau, must } from "../support/bureau";
import { at, walkIn } from "../support/requests";
import { samplePdf } from "../support/sample-files";

// Uploads of this file go to a folder of its own (lib/env.ts reads DATA_DIR on first use).
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "gongkai-jobs-cleanup-"));

/**
 * 清理未使用的上传文件: old orphans and their bytes go; young orphans, files on a revision (however
 * old), files an autosaved draft holds and blobs another StoredFile still names stay.
 */
let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});
afterAll(() => stopJobs());


const HOUR = 3_600_000;
const upload = async (name: string, text: string) => {
  const f = must(await storeUpload(b.people.liaison, { fileName: name, bytes: samplePdf(`${text} ${b.tag}`) }));
  return { ...f, sha256: (await db().storedFile.findUniqueOrThrow({ where: { id: f.id } })).sha256 };
};
const age = (id: string, hours: number, now: Date) => db().storedFile.update({ where: { id }, data: { createdAt: new Date(now.getTime() - hours * HOUR) } });
const exists = async (id: string) => (await db().storedFile.count({ where: { id } })) === 1;

describe("orphan uploads and unreferenced blobs", () => {
  test("removes an old orphan and its blob; keeps young orphans, attached and autosaved files, and shared blobs", async () => {
    // The run is "two days from now": every blob written by this test is past the grace period.
    const now = new Date(Date.now() + 48 * HOUR);
    const oldOrphan = await upload("旧孤儿.pdf", "old orphan");
    const youngOrphan = await upload("新上传.pdf", "young orphan");
    const attached = await upload("附件.pdf", "attached");
    const autosaved = await upload("草稿附件.pdf", "autosaved");
    const sharedOld = await upload("共享-旧.pdf", "shared");
    const sharedYoung = await upload("共享-新.pdf", "shared");
    expect(sharedOld.sha256).toBe(sharedYoung.sha256);

    must(await createDraft(b.people.liaison, draftInput(b, { attachmentIds: [attached.id] })));
    const values = { ...Object.fromEntries(["title", "documentNumber", "publisher", "summary", "columnId", "topic", "keywords", "attribute", "attributeReason", "article20Item", "documentType", "signedOn", "effectiveOn", "repealedOn", "validity", "formedOn"].map((k) => [k, ""])), body: "", channels: [] };
    const attachments = [{ fileId: autosaved.id, fileName: "草稿附件.pdf", size: autosaved.size, mimeType: "application/pdf", attachmentId: null }];
    must(await saveAutosave(b.people.liaison, NEW_ITEM_KEY, { values: { ...values, attachments }, baseRevisionId: null, savedAt: Date.now() }));

    for (const f of [oldOrphan, attached, autosaved, sharedOld]) await age(f.id, 25, now);
    await age(youngOrphan.id, 23, now);
    await age(sharedYoung.id, 1, now);

    const counts = await cleanupOrphans(now, 24);

    expect(await exists(oldOrphan.id)).toBe(false);
    expect(await blobStore().exists(oldOrphan.sha256)).toBe(false);
    expect(await exists(youngOrphan.id)).toBe(true);
    expect(await blobStore().exists(youngOrphan.sha256)).toBe(true);
    expect(await exists(attached.id)).toBe(true);
    expect(await blobStore().exists(attached.sha256)).toBe(true);
    expect(await exists(autosaved.id)).toBe(true);
    expect(await exists(sharedOld.id)).toBe(false);
    expect(await blobStore().exists(sharedOld.sha256)).toBe(true); // 共享-新.pdf still names it
    expect(counts).toMatchObject({ blobs: 1, graceHours: 24 });
    expect(counts.files).toBeGreaterThanOrEqual(2); // other files' old orphans in the shared database go too

    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "files.cleanup" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorName: "系统任务", actorId: null, result: "SUCCESS", detail: { kind: "summary", files: counts.files, blobs: 1 } });
    // Each deletion was recorded with the delete itself: the old orphan by id, its blob by hash.
    const batches = await db().auditEvent.findMany({ where: { action: "files.cleanup", id: { lt: event.id } }, orderBy: { id: "desc" }, take: 20 });
    const deletedIds = batches.flatMap((e) => ((e.detail as { files?: { id: string }[] }).files ?? []).map((f) => f.id));
    expect(deletedIds).toContain(oldOrphan.id);
    expect(batches.some((e) => (e.detail as { sha256?: string }).sha256 === oldOrphan.sha256)).toBe(true);

    // An upload of bytes whose blob the cleanup removed stores them again.
    const again = await upload("旧孤儿-重传.pdf", "old orphan");
    expect(again.sha256).toBe(oldOrphan.sha256);
    expect(await blobStore().exists(oldOrphan.sha256)).toBe(true);
  });
});

describe("files the request tables point at", () => {
  test("a staff-attached 身份证明 (idCopyFileId) and a reply's attachments (attachmentFileIds) are references: they survive", async () => {
    const now = new Date(Date.now() + 48 * HOUR);
    const idCopy = await upload("身份证明.pdf", "id copy");
    const replyAttachment = await upload("答复附件.pdf", "reply attachment");
    const orphan = await upload("无人引用.pdf", "orphan beside requests");

    const r = must(await registerRequest(b.people.office, walkIn("2026-03-02", { idCopyFileId: idCopy.id }), at("2026-03-02")));
    must(await assignRequest(b.people.office, r.id, b.dept.id));
    must(await draftReply(b.people.liaison, r.id, { outcome: "granted", body: "予以公开。", attachmentFileIds: [replyAttachment.id] }, at("2026-03-05")));

    for (const f of [idCopy, replyAttachment, orphan]) await age(f.id, 25, now);
    await cleanupOrphans(now, 24);

    expect(await exists(idCopy.id)).toBe(true);
    expect(await blobStore().exists(idCopy.sha256)).toBe(true);
    expect((await db().disclosureRequest.findUniqueOrThrow({ where: { id: r.id } })).idCopyFileId).toBe(idCopy.id);
    expect(await exists(replyAttachment.id)).toBe(true);
    expect(await blobStore().exists(replyAttachment.sha256)).toBe(true);
    // The same run still removes a file nothing points at.
    expect(await exists(orphan.id)).toBe(false);
  });
});

describe("台账 previews never confirmed", () => {
  test("go after an hour, audited with their file names; a younger preview and an imported upload stay", async () => {
    const now = new Date();
    const base = { kind: "requests", digest: "0".repeat(64), content: Buffer.from("编号,收到日期\n"), rows: 1, uploadedById: "someone" };
    const stale = await db().ledgerUpload.create({ data: { ...base, fileName: "旧台账.csv", status: "PREVIEWED", createdAt: new Date(now.getTime() - 2 * HOUR) } });
    const fresh = await db().ledgerUpload.create({ data: { ...base, fileName: "新台账.csv", status: "PREVIEWED", createdAt: new Date(now.getTime() - HOUR / 2) } });
    const done = await db().ledgerUpload.create({ data: { ...base, fileName: "已导入.csv", status: "DONE", content: null, createdAt: new Date(now.getTime() - 3 * HOUR) } });

    const counts = await cleanupOrphans(now, 24);

    expect(counts.ledgerPreviews).toBeGreaterThanOrEqual(1);
    expect(await db().ledgerUpload.findUnique({ where: { id: stale.id } })).toBeNull();
    expect(await db().ledgerUpload.findUnique({ where: { id: fresh.id } })).not.toBeNull();
    expect(await db().ledgerUpload.findUnique({ where: { id: done.id } })).not.toBeNull();
    const audited = await db().auditEvent.findMany({ where: { action: "files.cleanup" }, orderBy: { id: "desc" }, take: 5 });
    expect(audited.some((e) => JSON.stringify(e.detail).includes("旧台账.csv"))).toBe(true);
  });
});
