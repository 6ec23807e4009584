import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runIsolated } from "@/lib/server/files/isolated";
import { storeUpload } from "@/lib/server/items/attachments";
import { importDocx } from "@/lib/server/items/docx-import";
import { reviewItem } from "@/lib/server/items/reviews";
import { ACTIVE_CONTENT, secrecyFlags } from "@/lib/server/items/secrecy";
import { getRevisionComparison } from "@/lib/server/items/views";
import { rescanActiveContent } from "@/lib/server/jobs/extract-text";
import { JOB_HANDLERS } from "@/lib/server/jobs/handlers";
import { stopJobs } from "@/lib/server/jobs/queue";
import { db } from "@/lib/server/platform/db";
import { allClearApproval, seedBureau, seedPending, type Bureau, must } from "../support/bureau";
import { openActionJavaScript, pdfWith } from "../support/hostile-pdf";
import { startWorker, waitFor } from "../support/jobs";
import { sampleDocx } from "../support/sample-files";
import { deflatedZeros, docxWith, rawZip, residentMb } from "../support/zip-bombs";

// Uploads of this file go to a folder of its own (lib/env.ts reads DATA_DIR on first use).
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "gongkai-safe-unzip-"));

/**
 * Issue 10 §7: decompression bounded by the bytes actually produced, off the request thread, and
 * PDFs with JavaScript flagged to 保密审查 — through 从 Word 导入, an upload and the extract-text job.
 */
let b: Bureau;
let worker: PgBoss | undefined;
const MB = 1024 * 1024;

beforeAll(async () => {
  b = await seedBureau();
});

afterAll(async () => {
  await worker?.stop({ graceful: true, timeout: 5_000 });
  await stopJobs();
});


const fileRow = (id: string) => db().storedFile.findUniqueOrThrow({ where: { id } });

describe("从 Word 导入", () => {
  test("a .docx that declares 1 KB and inflates to 200 MB is refused in Chinese, without the 200 MB", async () => {
    const bomb = docxWith({ name: "word/document.xml", deflated: await deflatedZeros(200 * MB), declaredSize: 1024 });
    const before = residentMb();
    const result = await importDocx(b.people.liaison, "炸弹.docx", bomb);
    expect(residentMb() - before).toBeLessThan(100);
    expect(result).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: { file: ["不能导入：压缩包内的“word/document.xml”解压后超过其声明的大小，可能是恶意压缩包。请检查文件，或将内容复制粘贴到正文。"] },
    });
  });

  test("a zip inside and a name outside are refused; a normal .docx still imports (through the worker)", async () => {
    const nested = docxWith({ name: "word/document.xml", data: new TextEncoder().encode("<w:document/>") }, [{ name: "word/media/x.xml", data: rawZip([{ name: "a", data: new Uint8Array(1) }]) }]);
    expect(await importDocx(b.people.liaison, "嵌套.docx", nested)).toMatchObject({ ok: false, message: expect.stringContaining("本身又是压缩包（嵌套压缩）") });
    const escape = docxWith({ name: "word/document.xml", data: new TextEncoder().encode("<w:document/>") }, [{ name: "../../evil.xml", data: new Uint8Array(1) }]);
    expect(await importDocx(b.people.liaison, "穿越.docx", escape)).toMatchObject({ ok: false, message: expect.stringContaining("指向压缩包以外的位置") });
    const good = must(await importDocx(b.people.liaison, "方案.docx", await sampleDocx([{ text: "一、工作目标", heading: true }, { text: "加强科技创新。" }])));
    expect(good.html).toBe("<h2>一、工作目标</h2><p>加强科技创新。</p>");
  });
});

describe("the conversion worker", () => {
  test("a heap limit too small for the parser ends the worker, not the process", async () => {
    const bytes = await sampleDocx([{ text: "正文" }]);
    expect(await runIsolated("docx-text", { bytes }, { memoryMb: 1, timeoutMs: 60_000 })).toMatchObject({ ok: false, reason: "memory", message: "转换所需内存超过 1 MB，已中止" });
  });

  test("a conversion that does not finish in time is terminated", async () => {
    const bytes = await sampleDocx([{ text: "正文" }]);
    expect(await runIsolated("docx-text", { bytes }, { memoryMb: 256, timeoutMs: 1 })).toMatchObject({ ok: false, reason: "timeout" });
    expect(await runIsolated("docx-text", { bytes }, { memoryMb: 256, timeoutMs: 60_000 })).toEqual({ ok: true, value: { text: "正文\n\n" } });
  });
});

describe("uploads: the extract-text job", () => {
  test("a PDF with an /OpenAction JavaScript is flagged to 保密审查 and on the attachment list; a plain PDF is not; a .docx bomb is unreadable", async () => {
    const js = must(await storeUpload(b.people.liaison, { fileName: "表单.pdf", bytes: openActionJavaScript() }));
    const plain = must(await storeUpload(b.people.liaison, { fileName: "通知.pdf", bytes: pdfWith() }));
    const bomb = must(await storeUpload(b.people.liaison, { fileName: "炸弹.docx", bytes: docxWith({ name: "word/document.xml", deflated: await deflatedZeros(200 * MB), declaredSize: 1024 }) }));
    worker = await startWorker(JOB_HANDLERS);
    for (const id of [js.id, plain.id, bomb.id]) await waitFor(async () => (await fileRow(id)).textStatus !== "PENDING", 60_000, "the extract-text job");

    expect(await fileRow(js.id)).toMatchObject({ activeContent: ["javascript", "open-action-javascript"] });
    expect(await fileRow(plain.id)).toMatchObject({ activeContent: [] });
    expect(await fileRow(bomb.id)).toMatchObject({ textStatus: "UNREADABLE", text: null, activeContent: [] });

    const item = await seedPending(b, "PENDING_SECRECY", { attachmentIds: [js.id, plain.id] });
    const flags = await secrecyFlags(item.revisionId);
    const active = flags.filter((f) => f.kind === ACTIVE_CONTENT);
    expect(active).toEqual([
      expect.objectContaining({ label: "附件含有脚本", source: "附件「表单.pdf」", context: "附件含有脚本（JavaScript），请审慎核查；另含打开文件时自动运行的脚本（/OpenAction）" }),
    ]);

    const comparison = await getRevisionComparison(b.people.secrecy, item.id);
    expect(comparison?.current.attachments.map((a) => [a.fileName, a.warning])).toEqual([
      ["表单.pdf", "附件含有脚本（JavaScript），请审慎核查；另含打开文件时自动运行的脚本（/OpenAction）"],
      ["通知.pdf", ""],
    ]);

    // The flag must be acknowledged like any other: 同意公开 without ticking it is refused.
    const all = await allClearApproval(item.revisionId);
    const without = Object.fromEntries(Object.entries(all).filter(([k]) => k !== `ack:${active[0].id}`));
    expect(await reviewItem(b.people.secrecy, item.id, { decision: "APPROVE", revisionId: item.revisionId, ...without })).toMatchObject({ ok: false, error: "invalid" });
    expect(await reviewItem(b.people.secrecy, item.id, { decision: "APPROVE", revisionId: item.revisionId, ...all })).toMatchObject({ ok: true });
  });
});

describe("PDFs stored before the scan existed", () => {
  test("are scanned once by the daily job: a script found then is flagged like a new upload's; nothing is scanned twice", async () => {
    const js = must(await storeUpload(b.people.liaison, { fileName: "旧表单.pdf", bytes: openActionJavaScript() }));
    const plain = must(await storeUpload(b.people.liaison, { fileName: "旧通知.pdf", bytes: pdfWith() }));
    // As the upgrade leaves them: text long extracted, never scanned ('{}' meant "never looked").
    for (const id of [js.id, plain.id]) {
      await db().storedFile.update({ where: { id }, data: { textStatus: "DONE", text: "旧文件", activeContent: [], activeContentScannedAt: null } });
    }
    const scanned = await rescanActiveContent();
    expect(scanned).toBeGreaterThanOrEqual(2);
    expect(await fileRow(js.id)).toMatchObject({ activeContent: ["javascript", "open-action-javascript"], activeContentScannedAt: expect.any(Date) });
    expect(await fileRow(plain.id)).toMatchObject({ activeContent: [], activeContentScannedAt: expect.any(Date) });
    expect(await rescanActiveContent()).toBe(0);

    const item = await seedPending(b, "PENDING_SECRECY", { attachmentIds: [js.id] });
    expect((await secrecyFlags(item.revisionId)).filter((f) => f.kind === ACTIVE_CONTENT)).toHaveLength(1);
  });
});
