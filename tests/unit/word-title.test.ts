import { describe, expect, test } from "vitest";
import { splitDocumentTitle } from "@/lib/domain/word-title";

/** 从 Word 导入: the document's title goes to 标题, not into the body (mammoth maps 标题/Title to h1). */
describe("the title of an imported Word document", () => {
  test.each([
    ["the Title-styled paragraph", "<h1>关于申报项目的通知</h1><p>各有关单位：</p>", "关于申报项目的通知", "<p>各有关单位：</p>"],
    ["the Title paragraph after a 文号 line", "<p>吉市科发〔2026〕21号</p><h1>关于申报项目的通知</h1><h2>一、时间</h2>", "关于申报项目的通知", "<p>吉市科发〔2026〕21号</p><h2>一、时间</h2>"],
    ["a heading that opens the document", "<h2>2026年度科技创新工作方案</h2><h2>一、工作目标</h2><p>正文</p>", "2026年度科技创新工作方案", "<h2>一、工作目标</h2><p>正文</p>"],
    ["entities and marks inside the title", "<h1><strong>甲&amp;乙</strong>的通知</h1><p>正文</p>", "甲&乙的通知", "<p>正文</p>"],
  ])("%s", (_, html, title, body) => {
    expect(splitDocumentTitle(html)).toEqual({ title, body });
  });

  test.each([
    ["a numbered section heading first", "<h2>一、工作目标</h2><p>正文</p>"],
    ["（一） first", "<h3>（一）总体要求</h3><p>正文</p>"],
    ["第一条 first", "<h2>第一条 总则</h2><p>正文</p>"],
    ["a heading after a paragraph", "<p>各有关单位：</p><h2>申报要求</h2>"],
    ["no heading at all", "<p>正文</p>"],
    ["an empty Title paragraph", "<h1> </h1><p>正文</p>"],
    ["a Title longer than 标题 allows", `<h1>${"长".repeat(201)}</h1><p>正文</p>`],
  ])("none when %s: the body is untouched", (_, html) => {
    expect(splitDocumentTitle(html)).toEqual({ title: null, body: html });
  });
});
