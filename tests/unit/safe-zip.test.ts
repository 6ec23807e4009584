import { randomBytes } from "node:crypto";
import mammoth from "mammoth";
import { describe, expect, test } from "vitest";
import { DOCX_LIMITS, rezipStored, safeUnzip, type SafeUnzip, type ZipLimits } from "@/lib/server/files/safe-zip";
import { sampleDocx, sampleZip } from "@/tests/support/sample-files";
import { deflatedZeros, docxWith, rawZip, residentMb } from "@/tests/support/zip-bombs";

const MB = 1024 * 1024;
const text = (s: string) => new TextEncoder().encode(s);
const refusal = (r: SafeUnzip) => (r.ok ? { ok: true } : { reason: r.reason, message: r.message });

describe("安全解压: bombs are stopped by the bytes they produce", () => {
  test("an entry that declares 1 KB and inflates to 200 MB of zeros stops after 1 KB; memory stays flat", async () => {
    const bomb = docxWith({ name: "word/document.xml", deflated: await deflatedZeros(200 * MB), declaredSize: 1024 });
    expect(bomb.length).toBeLessThan(MB);
    const before = residentMb();
    const result = await safeUnzip(bomb, DOCX_LIMITS);
    expect(refusal(result)).toEqual({ reason: "declared", message: "压缩包内的“word/document.xml”解压后超过其声明的大小，可能是恶意压缩包" });
    // A sanity bound, not a measurement: inflating it all would add 200 MB.
    expect(residentMb() - before).toBeLessThan(100);
  });

  test("an honestly declared 40 MB of zeros (≈ 1000:1) is refused by its ratio after a few MB", async () => {
    const bomb = docxWith({ name: "word/document.xml", deflated: await deflatedZeros(40 * MB), declaredSize: 40 * MB });
    const before = residentMb();
    expect(refusal(await safeUnzip(bomb, DOCX_LIMITS))).toEqual({ reason: "ratio", message: "压缩包内的“word/document.xml”压缩比超过 200:1，可能是恶意压缩包" });
    expect(residentMb() - before).toBeLessThan(100);
  });

  test("many honest entries: refused once their total passes the cap", async () => {
    const limits: ZipLimits = { ...DOCX_LIMITS, maxTotalBytes: 2 * MB };
    const parts = [0, 1, 2].map((i) => ({ name: `word/media/image${i}.bin`, data: randomBytes(MB) }));
    const honest = rawZip(parts);
    expect(refusal(await safeUnzip(honest, limits))).toEqual({ reason: "total-size", message: "文件解压后超过 2 MB，可能是恶意压缩包" });
  });

  test("one entry over the per-entry cap, declared honestly", async () => {
    const limits: ZipLimits = { ...DOCX_LIMITS, maxEntryBytes: MB };
    const zip = rawZip([{ name: "word/document.xml", data: randomBytes(2 * MB) }]);
    expect(refusal(await safeUnzip(zip, limits))).toEqual({ reason: "entry-size", message: "压缩包内的“word/document.xml”解压后超过 1 MB，可能是恶意压缩包" });
  });

  test("100,000 entries are refused before any is read", async () => {
    const entries = Array.from({ length: 100_000 }, (_, i) => ({ name: `x/${i}`, stored: true }));
    expect(refusal(await safeUnzip(rawZip(entries), DOCX_LIMITS))).toEqual({ reason: "entries", message: "压缩包内的文件超过 2000 个，可能是恶意压缩包" });
  });

  test.each(["../../etc/passwd", "word/../../evil.xml", "/etc/passwd", "C:/Windows/evil.dll", "word\\..\\evil.xml", "a\u0000b"])("a name that leaves the archive: %j", async (name) => {
    const result = await safeUnzip(rawZip([{ name, data: text("x") }]), DOCX_LIMITS);
    expect(refusal(result)).toMatchObject({ reason: "name" });
    expect(result.ok ? "" : result.message).toMatch(/^压缩包内的文件名“.+”指向压缩包以外的位置，可能是恶意压缩包$/);
  });

  test("a zip inside the zip is refused, by content whatever its name; where Word keeps embedded objects it stays closed", async () => {
    const inner = await sampleZip({ "a.txt": "inner" });
    expect(refusal(await safeUnzip(rawZip([{ name: "word/media/chart.xml", data: inner }]), DOCX_LIMITS))).toEqual({
      reason: "nested",
      message: "压缩包内的“word/media/chart.xml”本身又是压缩包（嵌套压缩），不予解压",
    });
    const embedded = await safeUnzip(rawZip([{ name: "word/embeddings/Microsoft_Excel_Worksheet.xlsx", data: inner }]), DOCX_LIMITS);
    expect(embedded.ok && [...embedded.entries.keys()]).toEqual(["word/embeddings/Microsoft_Excel_Worksheet.xlsx"]);
  });

  test("two entries with one name (readers might pick different ones)", async () => {
    const zip = rawZip([{ name: "word/document.xml", data: text("<a/>") }, { name: "word/document.xml", data: text("<b/>") }]);
    expect(refusal(await safeUnzip(zip, DOCX_LIMITS))).toEqual({ reason: "duplicate", message: "压缩包内有两个同名文件“word/document.xml”，可能是恶意压缩包" });
  });

  test("the time limit", async () => {
    const docx = await sampleDocx([{ text: "正文" }]);
    expect(refusal(await safeUnzip(docx, { ...DOCX_LIMITS, timeoutMs: 0 }))).toEqual({ reason: "timeout", message: "解压超过 0 秒仍未完成，可能是恶意压缩包" });
  });

  test("not a zip, a truncated zip, an entry shorter than it declares", async () => {
    const docx = await sampleDocx([{ text: "正文" }]);
    expect(refusal(await safeUnzip(text("not a zip at all, just text"), DOCX_LIMITS))).toMatchObject({ reason: "corrupt", message: "压缩结构已损坏，无法读取" });
    expect(refusal(await safeUnzip(docx.subarray(0, docx.length - 30), DOCX_LIMITS))).toMatchObject({ reason: "corrupt" });
    expect(refusal(await safeUnzip(rawZip([{ name: "a.xml", data: text("<a/>"), declaredSize: 100 }]), DOCX_LIMITS))).toMatchObject({ reason: "corrupt" });
  });
});

describe("安全解压: an ordinary file passes, and the libraries read the re-zipped copy", () => {
  test("a .docx: every part, byte for byte; mammoth reads the stored copy", async () => {
    const docx = await sampleDocx([{ text: "关于开展2026年度统计调查的通知", heading: true }, { text: "请各处室按时报送。" }]);
    const result = await safeUnzip(docx, DOCX_LIMITS);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([...result.entries.keys()].sort()).toEqual(["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml", "word/styles.xml"]);
    const stored = await rezipStored(result.entries);
    const { value } = await mammoth.extractRawText({ buffer: stored });
    expect(value.trim().split(/\n+/)).toEqual(["关于开展2026年度统计调查的通知", "请各处室按时报送。"]);
  });
});
