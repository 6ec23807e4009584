import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { storeUpload } from "@/lib/server/items/attachments";
import { reviewItem } from "@/lib/server/items/reviews";
import { secrecyFlags } from "@/lib/server/items/secrecy";
import { extractTextJob } from "@/lib/server/jobs/extract-text";
import { JOB_HANDLERS } from "@/lib/server/jobs/handlers";
import { jobQueue, stopJobs } from "@/lib/server/jobs/queue";
import { deadLetterQueue } from "@/lib/server/jobs/definitions";
import { retryDeadJob } from "@/lib/server/jobs/dead-letters";
import { db } from "@/lib/server/platform/db";
import { allClearApproval, itemState, seedBureau, seedPending, type Bureau, must } from "../support/bureau";
import { startWorker, waitFor } from "../support/jobs";
import { samplePng } from "../support/sample-files";
import { tinyPdf } from "../support/tiny-pdf";

// Uploads of this file go to a folder of its own (lib/env.ts reads DATA_DIR on first use).
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "gongkai-jobs-extract-"));

/**
 * An upload's text is extracted by the extract-text job, not on the upload request; until then
 * 保密审查 sees 文本提取中 and cannot approve (lib/domain/review.ts: blockingFlagIds).
 */
let b: Bureau;
let worker: PgBoss | undefined;

beforeAll(async () => {
  b = await seedBureau();
});

afterAll(async () => {
  await worker?.stop({ graceful: true, timeout: 5_000 });
  await stopJobs();
});


describe("text extraction on the job queue", () => {
  test("pending: 保密审查 sees 文本提取中 and 同意公开 is refused; after the job the scan reads the file and approval goes through", async () => {
    const pdf = must(await storeUpload(b.people.liaison, { fileName: "名单.pdf", bytes: tinyPdf([["联系人 王五 电话 13900139000"]], "ucs2") }));
    expect(await db().storedFile.findUniqueOrThrow({ where: { id: pdf.id } })).toMatchObject({ textStatus: "PENDING", text: null });
    const item = await seedPending(b, "PENDING_SECRECY", { attachmentIds: [pdf.id] });

    const pending = await secrecyFlags(item.revisionId);
    expect(pending).toEqual([expect.objectContaining({ kind: "PENDING_EXTRACTION", label: "文本提取中", source: "附件「名单.pdf」", blocking: true })]);
    // Every question confirmed and every flag ticked, the pending one included: still refused.
    const refused = await reviewItem(b.people.secrecy, item.id, { decision: "APPROVE", revisionId: item.revisionId, ...(await allClearApproval(item.revisionId)) });
    expect(refused).toMatchObject({ ok: false, error: "invalid", fieldErrors: { flags: [expect.stringContaining("文本提取中")] } });
    expect((await itemState(item.id)).status).toBe("PENDING_SECRECY");

    worker = await startWorker(JOB_HANDLERS);
    await waitFor(async () => (await db().storedFile.findUniqueOrThrow({ where: { id: pdf.id } })).textStatus === "DONE", 30_000, "the extract-text job");
    const flags = await secrecyFlags(item.revisionId);
    expect(flags).toEqual([expect.objectContaining({ kind: "MOBILE", source: "附件「名单.pdf」" })]);
    const approved = await reviewItem(b.people.secrecy, item.id, { decision: "APPROVE", revisionId: item.revisionId, ...(await allClearApproval(item.revisionId)) });
    expect(approved).toMatchObject({ ok: true, value: { status: "APPROVED" } });
  });

  test("a file without text is UNREADABLE; one that fails on its last attempt is FAILED; both are checked by hand", async () => {
    const png = must(await storeUpload(b.people.liaison, { fileName: "照片.png", bytes: samplePng() }));
    await waitFor(async () => (await db().storedFile.findUniqueOrThrow({ where: { id: png.id } })).textStatus === "UNREADABLE", 30_000, "the extract-text job");

    // A row whose bytes are missing: every attempt throws; the last one marks the file FAILED.
    const lost = await db().storedFile.create({ data: { sha256: "0".repeat(64), size: 1, mimeType: "application/pdf", fileName: "丢失.pdf", uploadedById: b.people.liaison.id } });
    const job = { id: "x", name: "extract-text" as const, payload: { fileId: lost.id }, attempt: 1, lastAttempt: false };
    await expect(extractTextJob(job)).rejects.toThrow("附件内容不存在");
    expect((await db().storedFile.findUniqueOrThrow({ where: { id: lost.id } })).textStatus).toBe("PENDING");
    await expect(extractTextJob({ ...job, attempt: 3, lastAttempt: true })).rejects.toThrow();
    expect((await db().storedFile.findUniqueOrThrow({ where: { id: lost.id } })).textStatus).toBe("FAILED");

    const item = await seedPending(b, "PENDING_SECRECY", { attachmentIds: [png.id, lost.id] });
    expect(await secrecyFlags(item.revisionId)).toEqual([
      expect.objectContaining({ kind: "UNSCANNED", source: "附件「照片.png」", context: "无法提取文字，请打开附件人工核对" }),
      expect.objectContaining({ kind: "UNSCANNED", source: "附件「丢失.pdf」", context: expect.stringContaining("无法读取，需人工核对") }),
    ]);
  });

  test("重新执行 of a dead extraction puts its FAILED file back to PENDING, so the job reads it again", async () => {
    const pdf = must(await storeUpload(b.people.liaison, { fileName: "重试.pdf", bytes: tinyPdf([["重新执行后可以读取"]], "ucs2") }));
    await waitFor(async () => (await db().storedFile.findUniqueOrThrow({ where: { id: pdf.id } })).textStatus === "DONE", 30_000, "the first extraction");
    // As if every attempt had failed (storage briefly unreachable): FAILED, and a dead letter.
    await db().storedFile.update({ where: { id: pdf.id }, data: { textStatus: "FAILED", text: null } });
    const deadId = await (await jobQueue()).send(deadLetterQueue("extract-text"), { fileId: pdf.id });
    expect(await retryDeadJob(b.people.sysadmin, { jobId: deadId })).toMatchObject({ ok: true });
    await waitFor(async () => (await db().storedFile.findUniqueOrThrow({ where: { id: pdf.id } })).textStatus === "DONE", 30_000, "the retried extraction");
    expect((await db().storedFile.findUniqueOrThrow({ where: { id: pdf.id } })).text).toContain("重新执行后可以读取");
  });
});
