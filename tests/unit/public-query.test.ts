import { describe, expect, test } from "vitest";
import { apiItemsQuerySchema, cleanQuery, cutQuery, decodeCursor, encodeCursor, parsePublicQuery, queryString } from "@/lib/domain/public-query";
import { queuePageHref, queuePagesOf } from "@/lib/domain/queue-pages";

describe("parsePublicQuery: any query string gives a query and says what it ignored", () => {
  test.each([
    ["nothing", {}, { page: 1, sort: "date" }, []],
    ["a search", { q: "  科技   项目 " }, { q: "科技 项目", page: 1, sort: "relevance" }, []],
    ["sorted by date", { q: "科技", sort: "date" }, { q: "科技", sort: "date" }, []],
    ["sort without a search", { sort: "relevance" }, { sort: "date" }, []],
    ["every facet", { column: "tzgg", department: "GXJS", article20: "7", year: "2024", page: "3" }, { column: "tzgg", department: "GXJS", article20: 7, year: 2024, page: 3 }, []],
    ["repeated parameters: the first", { q: ["科技", "项目"], page: ["2", "9"] }, { q: "科技", page: 2 }, []],
    ["only punctuation", { q: "。，！？%_*" }, { q: undefined }, ["搜索词只含标点或符号"]],
    ["SQL in the query stays a query", { q: "'; DROP TABLE x; --" }, { q: "'; DROP TABLE x; --" }, []],
    ["control characters", { q: "科\u0000技\u0007" }, { q: "科 技" }, []],
    ["a column code with markup", { column: "<script>" }, { column: undefined }, ["栏目参数无效"]],
    ["第二十条 out of range", { article20: "16" }, { article20: undefined }, ["1–15"]],
    ["第二十条 not a number", { article20: "七" }, { article20: undefined }, ["1–15"]],
    ["a year in the future", { year: "2030" }, { year: undefined }, ["年份应在"]],
    ["a year before the site", { year: "1066" }, { year: undefined }, ["年份应在"]],
    ["page zero", { page: "0" }, { page: 1 }, ["页码无效"]],
    ["a negative page", { page: "-3" }, { page: 1 }, ["页码无效"]],
    ["page one million", { page: "1000000" }, { page: 1 }, ["页码无效"]],
    ["page 501", { page: "501" }, { page: 500 }, ["最多显示前 500 页"]],
    ["page 1.5", { page: "1.5" }, { page: 1 }, ["页码无效"]],
  ] as const)("%s", (_, params, expected, notices) => {
    const parsed = parsePublicQuery(params as Record<string, string | string[]>, 2026);
    for (const [key, value] of Object.entries(expected)) expect(parsed.query[key as keyof typeof parsed.query]).toEqual(value);
    expect(parsed.notices).toHaveLength(notices.length);
    notices.forEach((n, i) => expect(parsed.notices[i]).toContain(n));
  });

  test("a 10,000-character query is cut to 50 characters, with a notice", () => {
    const parsed = parsePublicQuery({ q: "科技".repeat(5000) }, 2026);
    expect(Array.from(parsed.query.q!)).toHaveLength(50);
    expect(parsed.notices[0]).toContain("搜索词过长");
  });

  test("cutting never splits a character outside the BMP", () => {
    expect(cutQuery("𠀀".repeat(60))).toBe("𠀀".repeat(50));
    expect(cleanQuery(" a\tb\n\nc ")).toBe("a b c");
  });
});

describe("queryString: one canonical URL per page", () => {
  test.each([
    [{ page: 1, sort: "date" }, {}, ""],
    [{ q: "科技", page: 1, sort: "relevance" }, {}, "?q=%E7%A7%91%E6%8A%80"],
    [{ q: "科技", page: 2, sort: "date" }, {}, "?q=%E7%A7%91%E6%8A%80&sort=date&page=2"],
    [{ column: "tzgg", year: 2024, page: 3, sort: "date" }, { page: undefined }, "?column=tzgg&year=2024"],
    [{ column: "tzgg", page: 1, sort: "date" }, { column: undefined, department: "GXJS" }, "?department=GXJS"],
  ] as const)("%j with %j", (query, overrides, expected) => {
    expect(queryString(query, overrides)).toBe(expected);
  });
});

describe("the API's query", () => {
  test("defaults and coercion", () => {
    expect(apiItemsQuerySchema.parse({})).toEqual({ limit: 20 });
    expect(apiItemsQuerySchema.parse({ q: " 科技 ", article20: "3", year: "2025", limit: "5" })).toEqual({ q: "科技", article20: 3, year: 2025, limit: 5 });
  });

  test.each([
    [{ q: "" }, "搜索词不能为空"],
    [{ q: "科".repeat(51) }, "最多 50 个字"],
    [{ q: "!!!" }, "只含标点"],
    [{ article20: "0" }, "1–15"],
    [{ article20: "x" }, "1–15"],
    [{ year: "20x4" }, "四位整数"],
    [{ limit: "0" }, "limit"],
    [{ limit: "101" }, "limit"],
    [{ column: "a b" }, "栏目代码"],
    [{ department: "x".repeat(65) }, "发布机构代码"],
  ])("%j is refused: %s", (input, message) => {
    const parsed = apiItemsQuerySchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].message).toContain(message);
  });
});

describe("cursors", () => {
  test("round trip", () => {
    const cursor = { rank: 1 as const, at: "2026-11-24T08:00:00.000Z", id: "cmabc123" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(encodeCursor({ at: cursor.at, id: cursor.id }))).toEqual({ rank: undefined, at: cursor.at, id: cursor.id });
  });

  test.each([
    ["not base64url", "!!!"],
    ["not JSON", Buffer.from("hello").toString("base64url")],
    ["JSON of the wrong shape", Buffer.from('{"a":1}').toString("base64url")],
    ["a bad date", Buffer.from('{"a":"yesterday","i":"x"}').toString("base64url")],
    ["an id with a quote", Buffer.from(`{"a":"2026-11-24T08:00:00.000Z","i":"x'"}`).toString("base64url")],
    ["a rank of 2", Buffer.from('{"r":2,"a":"2026-11-24T08:00:00.000Z","i":"x"}').toString("base64url")],
    ["year 0, which PostgreSQL cannot hold", Buffer.from('{"a":"0000-01-01T00:00:00.000Z","i":"x"}').toString("base64url")],
    ["too long", "a".repeat(301)],
    ["empty", ""],
  ])("%s is no cursor", (_, s) => {
    expect(decodeCursor(s)).toBeNull();
  });
});

describe("queuePagesOf (the 工作台's pages per section)", () => {
  test("a whole page number per section key; anything else is page 1", () => {
    expect(queuePagesOf({ "secrecy-page": "2", "office-published-page": ["3", "9"], "leader-page": "0", "dept-head-page": "2.5", "x-page": "-1", page: "4", "Bad-page": "2" })).toEqual({
      secrecy: 2,
      "office-published": 3,
    });
    // Past the last page the queues have (PAGE_MAX): the last, as a section past its own end.
    expect(queuePagesOf({ "secrecy-page": "500", "leader-page": "501", "office-page": "99999999" })).toEqual({ secrecy: 500, leader: 500, office: 500 });
    expect(queuePagesOf({})).toEqual({});
  });

  test("each section's page is a link of its own; page 1 is the 工作台 itself", () => {
    expect(queuePageHref("secrecy", 2)).toBe("/console?secrecy-page=2");
    expect(queuePageHref("secrecy", 1)).toBe("/console");
    expect(queuePagesOf(Object.fromEntries(new URL(queuePageHref("office-published", 7), "http://x").searchParams))).toEqual({ "office-published": 7 });
  });
});
