import { describe, expect, test } from "vitest";
import { chinaDate, chinaYear, formatChineseDate } from "@/lib/domain/dates";
import { formatIndexNumber, parseIndexNumber } from "@/lib/domain/index-number";
import { contentHash, htmlToPlainText, itemDraftSchema, plainTextToHtml } from "@/lib/domain/item";
import { checkRoleSet } from "@/lib/domain/roles";

describe("索引号", () => {
  test.each([
    ["11220200013544447F", 2026, 1, "11220200013544447F/2026-00001"],
    ["KJJ", 2019, 162, null],
    ["ABCD", 2020, 99999, "ABCD/2020-99999"],
  ])("%s %i %i", (org, year, serial, expected) => {
    if (expected === null) {
      expect(parseIndexNumber(`${org}/${year}-${serial}`)).toBeNull();
    } else {
      expect(formatIndexNumber(org, year, serial)).toBe(expected);
      expect(parseIndexNumber(expected)).toEqual({ orgCode: org, year, serial });
    }
  });
  test.each([0, 100_000, 1.5])("serial %d is out of range", (serial) => {
    expect(() => formatIndexNumber("ABCD", 2026, serial)).toThrow(RangeError);
  });
});

describe("Beijing dates", () => {
  test("16:30 UTC on 31 Dec is already the next year in Beijing", () => {
    const instant = new Date("2025-12-31T16:30:00Z");
    expect(chinaDate(instant)).toBe("2026-01-01");
    expect(chinaYear(instant)).toBe(2026);
  });
  test("formats as 年月日", () => expect(formatChineseDate("2026-03-05")).toBe("2026年3月5日"));
});

describe("the draft form schema", () => {
  const schema = itemDraftSchema("2026-11-24");
  const good = { title: "关于申报项目的通知", categoryId: "c1", formedOn: "2026-11-20", body: "正文" };

  test("accepts a good draft and trims the title", () => {
    expect(schema.parse({ ...good, title: "  标题  " })).toMatchObject({ title: "标题", documentNumber: null });
  });
  test.each([
    ["empty title", { title: "   " }, "title", "请填写标题"],
    ["oversized title", { title: "长".repeat(201) }, "title", "标题不能超过 200 个字"],
    ["no column", { categoryId: "" }, "categoryId", "请选择栏目"],
    ["a future 信息形成日期", { formedOn: "2026-11-25" }, "formedOn", "信息形成日期不能晚于今天"],
    ["an impossible date", { formedOn: "2026-02-30" }, "formedOn", "信息形成日期无效"],
    ["a malformed date", { formedOn: "20261120" }, "formedOn", "请填写信息形成日期（格式：年-月-日）"],
  ])("%s", (_, patch, field, message) => {
    const result = schema.safeParse({ ...good, ...patch });
    expect(result.success).toBe(false);
    expect(result.error!.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });
});

describe("plain-text bodies", () => {
  test("markup typed into the form is escaped, never interpreted", () => {
    expect(plainTextToHtml('<script>alert(1)</script>\n\n<img src=x onerror="y">')).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>&lt;img src=x onerror=&quot;y&quot;&gt;</p>",
    );
  });
  test("round-trips for editing", () => {
    const text = "第一段\n第二行 & <b>\n\n第二段";
    expect(htmlToPlainText(plainTextToHtml(text))).toBe(text);
  });
});

describe("content hash", () => {
  const base = { title: "t", documentNumber: null, summary: null, bodyHtml: "<p>b</p>", formedOn: "2026-01-01", attribute: "PROACTIVE", categoryId: "c" };
  test("is stable", () => expect(contentHash(base)).toBe(contentHash({ ...base })));
  test.each(["title", "bodyHtml", "formedOn", "categoryId", "attribute"] as const)("changes with %s", (field) => {
    expect(contentHash({ ...base, [field]: "other" })).not.toBe(contentHash(base));
  });
});

describe("三员分立", () => {
  test.each([
    [["LIAISON", "DEPT_HEAD"], null],
    [["SYSADMIN"], null],
    [[], "empty"],
    [["SYSADMIN", "AUDITOR"], "admin_roles_combined"],
    [["SECADMIN", "SECRECY"], "admin_with_business_role"],
  ] as const)("%o → %s", (roles, problem) => {
    expect(checkRoleSet([...roles])).toBe(problem);
  });
});
