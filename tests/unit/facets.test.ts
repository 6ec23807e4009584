import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { Listing } from "@/components/public/listing";
import type { ListingResult } from "@/lib/server/public/listing";
import type { FacetCounts } from "@/lib/server/public/search";

/**
 * The filters of a search whose facet counts were read over a sample (FacetCounts.sampled, session
 * 9): no number that is not the count, every column and department still a way in, and the page
 * says why; a total past TOTAL_CAP reads "以上".
 */
const catalog = {
  columns: [
    { id: "c1", code: "tzgg", name: "通知公告", parentId: null, description: null },
    { id: "c2", code: "gzdt", name: "工作动态", parentId: null, description: null },
  ],
  departments: [
    { id: "d1", code: "GX", name: "高新技术科" },
    { id: "d2", code: "CG", name: "成果转化科" },
  ],
};

function result(facets: Omit<FacetCounts, "total">, total: number, totalCapped: boolean): ListingResult {
  return {
    query: { q: "科技", page: 1, sort: "relevance" },
    notices: [],
    items: [],
    total,
    totalCapped,
    pageable: Math.min(total, 5000),
    page: 1,
    pageCount: Math.max(1, Math.ceil(Math.min(total, 5000) / 10)),
    pageSize: 10,
    facets: { total, ...facets },
    catalog,
  };
}

const render = (r: ListingResult) => renderToStaticMarkup(createElement(Listing, { result: r, basePath: "/search", heading: "搜索" }));
/** The text of each filter option, number included. */
const options = (html: string) => [...html.matchAll(/<span class="min-w-0">([^<]*)<\/span>(?:<span class="shrink-0[^"]*">(\d+)<\/span>)?/g)].map((m) => m[1] + (m[2] ?? ""));

describe("facet counts", () => {
  test("exact: each option with its number; a column or department without matches is not a link", () => {
    const html = render(
      result({ sampled: false, column: new Map([["c1", 7]]), department: new Map([["d1", 7]]), article20: new Map(), year: new Map([[2026, 7]]) }, 7, false),
    );
    expect(html).not.toContain("条数从略");
    expect(options(html)).toEqual(expect.arrayContaining(["通知公告7", "工作动态0", "高新技术科7", "2026年7"]));
    expect(html).not.toContain("成果转化科"); // no match in it: not offered
    expect(html).toContain("共 7 条");
  });

  test("sampled: no numbers, every column and department a link, and the page says why", () => {
    const html = render(
      result({ sampled: true, column: new Map([["c1", 9000]]), department: new Map([["d1", 9000]]), article20: new Map(), year: new Map([[2026, 9000]]) }, 5000, true),
    );
    expect(html).toContain("该关键词的结果较多，各筛选项的条数从略。");
    const texts = options(html);
    expect(texts).toEqual(expect.arrayContaining(["通知公告", "工作动态", "高新技术科", "成果转化科", "2026年"]));
    expect(texts.filter((t) => /\d$/.test(t))).toEqual([]);
    expect(html).toMatch(/<a [^>]*href="\/search\?q=[^"]*column=gzdt[^"]*"/);
    expect(html).toContain("共 5000 条以上");
    expect(html).toContain("仅可翻阅前 5000 条");
    expect(html).not.toMatch(/undefined|NaN|null/);
  });
});
