import { describe, expect, test } from "vitest";
import { checkAttachment, extensionOf } from "@/lib/domain/file-kind";
import { sampleDocx, sampleExe, sampleOle2, samplePdf, samplePng, sampleZip } from "../support/sample-files";

/** Attachments are judged by their bytes (lib/domain/file-kind.ts), never by their names. */
describe("accepted when the bytes match the name", () => {
  test.each([
    ["通知.pdf", () => samplePdf(), "application/pdf"],
    ["照片.PNG", () => samplePng(), "image/png"],
    ["申报书.docx", () => sampleDocx([{ text: "正文" }]), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["汇总表.xlsx", () => sampleZip({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>" }), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["公文.ofd", () => sampleZip({ "OFD.xml": "<ofd:OFD/>", "Doc_0/Document.xml": "<x/>" }), "application/ofd"],
    ["材料.zip", () => sampleZip({ "a.txt": "a", "b/c.txt": "c" }), "application/zip"],
    ["旧版.doc", () => sampleOle2("WordDocument"), "application/msword"],
    ["旧表.xls", () => sampleOle2("Workbook"), "application/vnd.ms-excel"],
    ["WPS文字.wps", () => sampleOle2("WordDocument"), "application/msword"],
    ["WPS表格.et", () => sampleOle2("Workbook"), "application/vnd.ms-excel"],
  ])("%s", async (name, make, mime) => {
    expect(await checkAttachment(name, await make())).toMatchObject({ ok: true, mimeType: mime });
  });
});

describe("refused with a clear Chinese message", () => {
  test("an .exe renamed .pdf", async () => {
    const result = await checkAttachment("会议纪要.pdf", sampleExe());
    expect(result).toEqual({ ok: false, message: "文件“会议纪要.pdf”的实际内容是Windows 可执行程序，与扩展名 .pdf 不符，不能上传。请确认文件没有被改名。" });
  });
  test.each([
    ["an .exe renamed .docx", "a.docx", () => sampleExe(), "Windows 可执行程序"],
    ["a PDF renamed .docx", "a.docx", () => samplePdf(), "PDF"],
    ["a zip renamed .docx", "a.docx", () => sampleZip({ "a.txt": "x" }), "ZIP 压缩包"],
    ["a Word file renamed .xls", "a.xls", () => sampleOle2("WordDocument"), "Word 97-2003"],
    ["an Excel file renamed .doc", "a.doc", () => sampleOle2("Workbook"), "Excel 97-2003"],
    ["a docx renamed .zip", "a.zip", () => sampleDocx([{ text: "x" }]), "Word"],
    ["a PowerPoint file renamed .doc", "a.doc", () => sampleOle2("PowerPoint Document"), "PowerPoint 演示文稿"],
  ])("%s", async (_, name, make, actual) => {
    const result = await checkAttachment(name, await make());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(`实际内容是${actual}`);
  });
  test.each([
    ["a program by its own name", "setup.exe", sampleExe(), "不支持上传 .exe 文件。"],
    ["an HTML page", "page.html", new TextEncoder().encode("<html><script>alert(1)</script></html>"), "不支持上传 .html 文件。"],
    ["an SVG image", "logo.svg", new TextEncoder().encode("<svg onload=alert(1)/>"), "不支持上传 .svg 文件。"],
    ["no extension", "README", samplePdf(), "不支持上传无扩展名的文件。"],
  ])("%s", async (_, name, bytes, start) => {
    const result = await checkAttachment(name, bytes);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message.startsWith(start)).toBe(true);
  });
  test("text that claims to be a PDF", async () => {
    expect(await checkAttachment("a.pdf", new TextEncoder().encode("just text"))).toEqual({
      ok: false,
      message: "无法识别文件“a.pdf”的内容，它不是有效的 PDF 文件，不能上传。",
    });
  });
  test("an empty file", async () => {
    expect(await checkAttachment("a.pdf", new Uint8Array())).toEqual({ ok: false, message: "文件“a.pdf”是空文件。" });
  });
});

test.each([
  ["a.PDF", "pdf"],
  ["archive.tar.gz", "gz"],
  ["无扩展名", ""],
  ["trailing.", ""],
])("extension of %s", (name, ext) => expect(extensionOf(name)).toBe(ext));
