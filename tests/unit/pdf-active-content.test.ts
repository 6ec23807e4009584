import { createDeflate } from "node:zlib";
import { describe, expect, test } from "vitest";
import { activeContentWarning } from "@/lib/domain/active-content";
import { PDF_SCAN_LIMITS, scanPdfActiveContent } from "@/lib/server/files/pdf-active-content";
import { flateStream, openActionJavaScript, pdfWith } from "@/tests/support/hostile-pdf";
import { samplePdf } from "@/tests/support/sample-files";
import { tinyPdf } from "@/tests/support/tiny-pdf";
import { residentMb } from "@/tests/support/zip-bombs";

/** 附件含有脚本: what in a PDF can act when opened, found in the bytes and inside object streams. */
describe("scanPdfActiveContent", () => {
  test("plain PDFs: nothing", async () => {
    expect(await scanPdfActiveContent(pdfWith())).toEqual([]);
    expect(await scanPdfActiveContent(tinyPdf([["联系人 王五"]], "identity"))).toEqual([]);
    expect(await scanPdfActiveContent(samplePdf())).toEqual([]);
    // An /OpenAction that only opens page 1 is what many PDFs carry: no script, no flag.
    expect(await scanPdfActiveContent(pdfWith({ catalog: "/OpenAction [3 0 R /Fit]" }))).toEqual([]);
  });

  test("an /OpenAction JavaScript, written plainly", async () => {
    expect(await scanPdfActiveContent(openActionJavaScript())).toEqual(["javascript", "open-action-javascript"]);
  });

  test("a name spelled with #-escapes is the same name", async () => {
    const pdf = pdfWith({ catalog: "/OpenAction 6 0 R", objects: ["<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"] });
    expect(await scanPdfActiveContent(pdf)).toEqual(["javascript", "open-action-javascript"]);
  });

  test("a JavaScript action hidden in a compressed object stream", async () => {
    const pdf = pdfWith({ objects: [flateStream("7 0 << /S /JavaScript /JS (app.launchURL\\('http://x'\\)) >>")] });
    // The catalog here names nothing suspicious in the clear: only the inflated stream does.
    expect(pdf.toString("latin1")).not.toContain("JavaScript");
    expect(await scanPdfActiveContent(pdf)).toEqual(["javascript"]);
  });

  test.each([
    ["/Launch", "<< /S /Launch /F (cmd.exe) >>", ["launch"]],
    ["a GoTo action alone", "<< /S /GoTo /D [3 0 R /Fit] >>", []],
    ["/EmbeddedFile", "<< /Type /EmbeddedFile /Length 0 >>", ["embedded-file"]],
    ["/Encrypt", "<< /Filter /Standard /V 2 /R 3 /Encrypt 1 >>", ["encrypted"]],
  ])("%s", async (_, object, expected) => {
    expect(await scanPdfActiveContent(pdfWith({ objects: [object] }))).toEqual(expected);
  });

  test("/AA (additional actions) is reported", async () => {
    expect(await scanPdfActiveContent(pdfWith({ catalog: "/AA << /WC 6 0 R >>", objects: ["<< /S /GoTo /D [3 0 R /Fit] >>"] }))).toEqual(["additional-actions"]);
  });

  test("a stream that inflates past a cap is reported, counted while inflating and not kept", async () => {
    const zeros = await deflatedZlibZeros(40 * 1024 * 1024);
    const pdf = pdfWith({ objects: [Buffer.concat([Buffer.from(`<< /Filter /FlateDecode /Length ${zeros.length} >>\nstream\n`), zeros, Buffer.from("\nendstream")])] });
    const before = residentMb();
    expect(await scanPdfActiveContent(pdf, { ...PDF_SCAN_LIMITS, maxStreamBytes: 8 * 1024 * 1024 })).toEqual(["oversized"]);
    expect(await scanPdfActiveContent(pdf, { ...PDF_SCAN_LIMITS, maxTotalBytes: 8 * 1024 * 1024 })).toEqual(["oversized"]);
    expect(residentMb() - before).toBeLessThan(100);
  });

  // Hostile layouts that made the stream scan quadratic (each `stream` searched back to the start
  // of the file for its dictionary): 2 MB of either took many seconds. The test's timeout is the bound.
  test.each([
    ["streams with no object around them", " stream\nendstream"],
    ["many small unfiltered stream objects", "1 0 obj\n<< /Length 5 >>\nstream\nxxxxx\nendstream\nendobj\n"],
  ])("%s: scanned in linear time", async (_, unit) => {
    const pdf = Buffer.from(`%PDF-1.7\n${unit.repeat(Math.ceil((2 * 1024 * 1024) / unit.length))}`, "latin1");
    expect(await scanPdfActiveContent(pdf)).toEqual([]);
  });

  test("a file over the input cap: the start is scanned, streams in it opened, the rest reported as unchecked", async () => {
    const pdf = Buffer.concat([pdfWith({ objects: [flateStream("7 0 << /S /JavaScript /JS (1) >>")] }), Buffer.alloc(2048, 0x20), Buffer.from("/Launch")]);
    const limits = { ...PDF_SCAN_LIMITS, maxInputBytes: pdf.length - 1024 };
    expect(await scanPdfActiveContent(pdf, limits)).toEqual(["javascript", "oversized"]);
    expect(await scanPdfActiveContent(pdf, { ...limits, maxInputBytes: pdf.length })).toEqual(["javascript", "launch"]);
  });

  test("the deadline is kept while reading names and between streams, not only while inflating", async () => {
    const late = { ...PDF_SCAN_LIMITS, timeoutMs: -1 };
    expect(await scanPdfActiveContent(Buffer.from(`%PDF-1.7\n${"/a ".repeat(100_000)}`, "latin1"), late)).toEqual(["oversized"]);
    expect(await scanPdfActiveContent(Buffer.from(`%PDF-1.7\n${" stream\nendstream".repeat(10_000)}`, "latin1"), late)).toEqual(["oversized"]);
  });

  test("not a PDF: nothing", async () => {
    expect(await scanPdfActiveContent(new TextEncoder().encode("/JavaScript /Launch"))).toEqual([]);
  });
});

describe("activeContentWarning", () => {
  test.each([
    [[], ""],
    [["javascript", "open-action-javascript"], "附件含有脚本（JavaScript），请审慎核查；另含打开文件时自动运行的脚本（/OpenAction）"],
    [["javascript"], "附件含有脚本（JavaScript），请审慎核查"],
    [["launch", "embedded-file"], "附件含有启动外部程序的动作（/Launch）、嵌入的文件（/EmbeddedFile），请审慎核查"],
    [["something-unknown"], ""],
  ])("%j", (found, warning) => expect(activeContentWarning(found)).toBe(warning));
});

function deflatedZlibZeros(bytes: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const deflate = createDeflate({ level: 9 });
    const out: Buffer[] = [];
    deflate.on("data", (c: Buffer) => out.push(c));
    deflate.on("end", () => resolve(Buffer.concat(out)));
    const chunk = Buffer.alloc(1024 * 1024);
    let left = bytes / chunk.length;
    const pump = () => {
      while (left-- > 0) if (!deflate.write(chunk)) return void deflate.once("drain", pump);
      deflate.end();
    };
    pump();
  });
}
