import { describe, expect, test } from "vitest";
import { findHits, highlight, normalizeSearchText, plainBody, searchTerms, snippet } from "@/lib/domain/search-text";

describe("normalisation, as gongkai_search_normalize() does it in SQL", () => {
  test.each([
    ["科技项目", "科技项目"],
    ["关于组织申报２０２７年度「市级」科技 AI-Lab 项目！", "关于组织申报2027年度 市级 科技 ai lab 项目"],
    ["ＡＢＣ１２３", "abc123"],
    ["  科技，，项目。  ", "科技 项目"],
    ["%_'\"\\;:*&|!()<>", ""],
    ["𠀀𠀁", "𠀀𠀁"],
    ["Ünïcode Straße", "ünïcode straße"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeSearchText(input)).toBe(expected);
  });

  test("terms: distinct words in order, at most eight", () => {
    expect(searchTerms("科技 项目 科技")).toEqual(["科技", "项目"]);
    expect(searchTerms("一 二 三 四 五 六 七 八 九 十")).toHaveLength(8);
    expect(searchTerms("。。。")).toEqual([]);
  });
});

describe("highlighting", () => {
  test("marks every occurrence, case- and width-insensitive, on the original text", () => {
    expect(highlight("科技局发布科技项目", ["科技"])).toEqual([
      { text: "科技", hit: true },
      { text: "局发布", hit: false },
      { text: "科技", hit: true },
      { text: "项目", hit: false },
    ]);
    expect(highlight("ＧＫ２０２６号", ["gk2026"])).toEqual([
      { text: "ＧＫ２０２６", hit: true },
      { text: "号", hit: false },
    ]);
  });

  test("overlapping terms merge; text without a hit is one plain segment", () => {
    expect(findHits("高新技术企业", ["高新技术", "技术企业"])).toEqual([[0, 6]]);
    expect(highlight("无关内容", ["科技"])).toEqual([{ text: "无关内容", hit: false }]);
    expect(highlight("", ["科技"])).toEqual([{ text: "", hit: false }]);
  });

  test("markup in a title stays text: segments are rendered by React, never as HTML", () => {
    expect(highlight("<b>科技</b>", ["科技"]).map((s) => s.text).join("")).toBe("<b>科技</b>");
  });

  test("snippets centre on the first hit", () => {
    const body = `${"前文".repeat(100)}这里提到科技项目${"后文".repeat(100)}`;
    const segments = snippet(body, ["科技"], 40);
    const text = segments.map((s) => s.text).join("");
    expect(text.startsWith("…")).toBe(true);
    expect(text.endsWith("…")).toBe(true);
    expect(segments.some((s) => s.hit && s.text === "科技")).toBe(true);
    expect(snippet("短正文", ["无"], 40).map((s) => s.text).join("")).toBe("短正文");
  });
});

describe("plainBody", () => {
  test("bodyText when filled, else the HTML's text", () => {
    expect(plainBody("纯文本", "<p>HTML</p>")).toBe("纯文本");
    expect(plainBody("", "<p>第一段&amp;</p>\n<p>第二段<br>换行</p>")).toBe("第一段&\n\n第二段\n换行");
  });
});
