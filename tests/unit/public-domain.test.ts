import { describe, expect, test } from "vitest";
import { ARTICLE_20_ITEMS, article20Item, article20Label, isArticle20Item } from "@/lib/domain/article20";
import { renderAtom, renderSitemapIndex, renderUrlset, xmlEscape } from "@/lib/domain/feeds";
import { openApiDocument } from "@/lib/domain/openapi";
import { fileTypeLabel, formatFileSize, showsValidity } from "@/lib/domain/public-labels";
import { siteSettingsSchema } from "@/lib/domain/site-settings";

describe("条例第二十条", () => {
  test("fifteen items, （一）…（十五）, with their text", () => {
    expect(ARTICLE_20_ITEMS).toHaveLength(15);
    expect(article20Item(1)?.label).toBe("（一）");
    expect(article20Item(10)?.label).toBe("（十）");
    expect(article20Item(15)?.label).toBe("（十五）");
    expect(article20Item(7)?.text).toBe("财政预算、决算信息");
    expect(article20Label(1)).toBe("第二十条（一） 行政法规、规章和规范性文件");
    expect(article20Label(null)).toBe("不属于第二十条所列");
  });
  test.each([0, 16, 1.5, NaN, -1])("%d is not an item", (n) => {
    expect(isArticle20Item(n)).toBe(false);
    expect(article20Item(n)).toBeNull();
  });
});

describe("labels", () => {
  test.each([
    ["application/pdf", "a.pdf", "PDF 文档"],
    ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a.docx", "Word 文档"],
    ["application/vnd.ms-excel", "a.xls", "Excel 表格"],
    ["image/png", "a.png", "图片"],
    ["application/octet-stream", "a.ofd2", "OFD2 文件"],
    ["application/octet-stream", "noext", "文件"],
  ])("%s %s → %s", (mime, name, label) => {
    expect(fileTypeLabel(mime, name)).toBe(label);
  });
  test.each([
    [0, "0 B"],
    [1023, "1023 B"],
    [1536, "1.5 KB"],
    [200 * 1024, "200 KB"],
    [5 * 1024 * 1024 + 1, "5.0 MB"],
    [-1, "—"],
  ])("%d bytes → %s", (bytes, text) => {
    expect(formatFileSize(bytes)).toBe(text);
  });
  test("有效性 belongs to 规章 and 规范性文件", () => {
    expect(showsValidity("REGULATION", null)).toBe(true);
    expect(showsValidity("NORMATIVE", null)).toBe(true);
    expect(showsValidity("OTHER", null)).toBe(false);
    expect(showsValidity("OTHER", "REPEALED")).toBe(true);
  });
});

describe("XML", () => {
  test("escapes markup and drops characters XML cannot hold", () => {
    expect(xmlEscape(`<a href="x">&'\u0000\u0008`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
  });
  test("an Atom feed has its required elements, and an empty one is still valid", () => {
    const entry = { id: "https://x/items/1", url: "https://x/items/1", title: "关于<科技>的通知", updated: new Date("2026-11-24T00:00:00Z"), summary: "索引号", author: "办公室" };
    const xml = renderAtom({ id: "https://x/feed.xml", title: "局", selfUrl: "https://x/feed.xml", siteUrl: "https://x/", author: "局", entries: [entry] });
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">');
    expect(xml).toContain("<title>关于&lt;科技&gt;的通知</title>");
    expect(xml).toContain("<updated>2026-11-24T00:00:00.000Z</updated>");
    const empty = renderAtom({ id: "https://x/feed.xml", title: "局", selfUrl: "https://x/feed.xml", siteUrl: "https://x/", author: "局", entries: [] });
    expect(empty).toContain("<updated>1970-01-01T00:00:00.000Z</updated>");
  });
  test("sitemaps", () => {
    expect(renderUrlset([{ loc: "https://x/?a=1&b=2" }])).toContain("<loc>https://x/?a=1&amp;b=2</loc>");
    expect(renderSitemapIndex(["https://x/sitemaps/0.xml"])).toContain("<sitemap><loc>https://x/sitemaps/0.xml</loc></sitemap>");
  });
});

describe("site settings", () => {
  const valid = { officeName: "办公室", address: "某路 1 号", officeHours: "工作日", phone: "0432-62000000", systemColumn: "gzzd", annualReportColumn: "ndbg" };
  test("blank optional fields are absent; values are trimmed", () => {
    expect(siteSettingsSchema.parse({ ...valid, fax: "  ", email: " a@b.cn ", website: "" })).toEqual({ ...valid, email: "a@b.cn", requestDayOne: "next_day" });
  });
  test("答复期限起算方式: next_day unless the bureau chooses same_day; nothing else", () => {
    expect(siteSettingsSchema.parse({ ...valid, requestDayOne: "same_day" }).requestDayOne).toBe("same_day");
    expect(siteSettingsSchema.safeParse({ ...valid, requestDayOne: "tomorrow" }).error!.issues[0].message).toBe("请选择答复期限的起算方式");
  });
  test.each([
    ["phone", "abc", "联系电话"],
    ["fax", "传真", "传真号码"],
    ["postalCode", "1320000", "邮政编码"],
    ["email", "x@", "电子邮箱"],
    ["website", "ftp://x.cn", "http"],
    ["officeName", "", "工作机构名称"],
  ])("%s = %j: %s", (field, value, message) => {
    const parsed = siteSettingsSchema.safeParse({ ...valid, [field]: value });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].message).toContain(message);
  });
});

describe("OpenAPI", () => {
  test("documents the item and report paths, the query parameters and the response shapes", () => {
    const doc = openApiDocument({ origin: "https://x", bureau: "局" }) as { openapi: string; paths: Record<string, { get: { parameters?: { name: string }[] } }>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/v1/columns",
      "/api/v1/departments",
      "/api/v1/items",
      "/api/v1/items/{id}",
      "/api/v1/reports",
      "/api/v1/reports/schema.json",
      "/api/v1/reports/{year}",
    ]);
    expect(doc.paths["/api/v1/items"].get.parameters!.map((p) => p.name).sort()).toEqual(["article20", "column", "cursor", "department", "limit", "q", "year"]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Item", "ItemSummary", "ItemList", "Column", "Department", "Error"]));
  });
});
