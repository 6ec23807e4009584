import { z } from "zod";
import { ARTICLE20_MAX, ARTICLE20_MIN } from "./article20";
import { QUERY_MAX, searchTerms } from "./search-text";

/**
 * What a visitor (or the city portal) asks the public site for: a search and the four facets
 * of DESIGN §6 (栏目, 发布机构, 第二十条 item, year), a page or a cursor. Pages forgive bad input
 * and say what they ignored; the JSON API refuses it with 400 (apiItemsQuerySchema). The same
 * parameter names serve both, so a page URL and an API URL read alike.
 */

export const PAGE_SIZE = 20;
export const PAGE_MAX = 500;
export const YEAR_MIN = 1990;
export const API_LIMIT_MAX = 100;

export const SORTS = ["relevance", "date"] as const;
export type Sort = (typeof SORTS)[number];

export interface PublicFilters {
  column?: string;
  department?: string;
  article20?: number;
  year?: number;
}

export interface PublicQuery extends PublicFilters {
  /** The query as searched (trimmed, cut to QUERY_MAX); absent = browse. */
  q?: string;
  page: number;
  sort: Sort;
}

export const FACETS = ["column", "department", "article20", "year"] as const;
export type Facet = (typeof FACETS)[number];

type Params = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

const CODE = /^[A-Za-z0-9_-]{1,64}$/;
const INT = /^\d{1,6}$/;

/** Control characters (NUL above all, which PostgreSQL refuses in text) become spaces; runs of space one. */
export function cleanQuery(q: string): string {
  return q.replace(/[\u0000-\u001f\u007f]/g, " ").replace(/\s+/g, " ").trim();
}

/** Cuts to at most `max` characters (code points, so no half surrogate pair is left). */
export function cutQuery(q: string, max = QUERY_MAX): string {
  const chars = Array.from(q);
  return chars.length > max ? chars.slice(0, max).join("") : q;
}

/**
 * A page's query string → the query to run and notices for what was ignored or changed.
 * Never throws: any input gives a normal page.
 */
export function parsePublicQuery(params: Params, currentYear: number): { query: PublicQuery; notices: string[] } {
  const notices: string[] = [];
  const query: PublicQuery = { page: 1, sort: "date" };

  const rawQ = cleanQuery(first(params.q) ?? "");
  if (rawQ) {
    const q = cutQuery(rawQ);
    if (q !== rawQ) notices.push(`搜索词过长，已按前 ${QUERY_MAX} 个字搜索。`);
    if (searchTerms(q).length) query.q = q;
    else notices.push("搜索词只含标点或符号，请输入文字或数字后再搜索。");
  }

  for (const [key, label] of [["column", "栏目"], ["department", "发布机构"]] as const) {
    const v = first(params[key]);
    if (v === undefined) continue;
    if (CODE.test(v)) query[key] = v;
    else notices.push(`${label}参数无效，已忽略该条件。`);
  }

  const a20 = first(params.article20);
  if (a20 !== undefined) {
    const n = INT.test(a20) ? Number(a20) : NaN;
    if (n >= ARTICLE20_MIN && n <= ARTICLE20_MAX) query.article20 = n;
    else notices.push(`“第二十条”分类应为 ${ARTICLE20_MIN}–${ARTICLE20_MAX}，已忽略该条件。`);
  }

  const year = first(params.year);
  if (year !== undefined) {
    const n = INT.test(year) ? Number(year) : NaN;
    if (n >= YEAR_MIN && n <= currentYear) query.year = n;
    else notices.push(`年份应在 ${YEAR_MIN}–${currentYear} 之间，已忽略该条件。`);
  }

  const page = first(params.page);
  if (page !== undefined) {
    const n = INT.test(page) ? Number(page) : NaN;
    if (n >= 1 && n <= PAGE_MAX) query.page = n;
    else if (n > PAGE_MAX) {
      query.page = PAGE_MAX;
      notices.push(`最多显示前 ${PAGE_MAX} 页，请增加筛选条件缩小范围。`);
    } else notices.push("页码无效，已显示第 1 页。");
  }

  const sort = first(params.sort);
  query.sort = sort === "date" || sort === "relevance" ? sort : query.q ? "relevance" : "date";
  if (!query.q) query.sort = "date";
  return { query, notices };
}

/** The query string of a page URL; defaults left out so every page has one canonical URL. */
export function queryString(query: Partial<PublicQuery>, overrides: Partial<Record<keyof PublicQuery, string | number | undefined>> = {}): string {
  const merged: Record<string, string | number | undefined> = { ...query, ...overrides };
  const search = new URLSearchParams();
  for (const key of ["q", "column", "department", "article20", "year", "sort", "page"]) {
    const v = merged[key];
    if (v === undefined || v === "") continue;
    if (key === "page" && Number(v) === 1) continue;
    if (key === "sort" && v === (merged.q ? "relevance" : "date")) continue;
    search.set(key, String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : "";
}

// ——— The JSON API ———

const code = (label: string) =>
  z
    .string()
    .regex(CODE, `${label}代码只能包含字母、数字、“-”和“_”，最长 64 个字符`)
    .meta({ description: `${label}代码` });

export const apiItemsQuerySchema = z.object({
  q: z
    .preprocess(
      (v) => (typeof v === "string" ? cleanQuery(v) : v),
      z
        .string()
        .min(1, "搜索词不能为空")
        .refine((q) => Array.from(q).length <= QUERY_MAX, `搜索词最多 ${QUERY_MAX} 个字`)
        .refine((q) => searchTerms(q).length > 0, "搜索词只含标点或符号，请输入文字或数字"),
    )
    .optional()
    .meta({ description: "全文检索词（中文按字和相邻两字索引，两个字的词即可检出）；有检索词时按相关度排序：标题命中在前，其后按发布时间倒序" }),
  column: code("栏目").optional(),
  department: code("发布机构").optional(),
  article20: z.coerce
    .number({ error: "第二十条分类应为 1–15 的整数" })
    .int("第二十条分类应为 1–15 的整数")
    .min(ARTICLE20_MIN, "第二十条分类应为 1–15 的整数")
    .max(ARTICLE20_MAX, "第二十条分类应为 1–15 的整数")
    .optional()
    .meta({ description: "《政府信息公开条例》第二十条第几项（1–15）" }),
  year: z.coerce
    .number({ error: "年份应为四位整数" })
    .int("年份应为四位整数")
    .min(YEAR_MIN, `年份不能早于 ${YEAR_MIN}`)
    .max(9999, "年份应为四位整数")
    .optional()
    .meta({ description: "发布年份（北京时间）" }),
  limit: z.coerce
    .number({ error: `limit 应为 1–${API_LIMIT_MAX} 的整数` })
    .int(`limit 应为 1–${API_LIMIT_MAX} 的整数`)
    .min(1, `limit 应为 1–${API_LIMIT_MAX} 的整数`)
    .max(API_LIMIT_MAX, `limit 应为 1–${API_LIMIT_MAX} 的整数`)
    .default(20)
    .meta({ description: `每页条数，默认 20，最多 ${API_LIMIT_MAX}` }),
  cursor: z.string().max(300, "cursor 无效").optional().meta({ description: "上一页响应中的 nextCursor" }),
});
export type ApiItemsQuery = z.infer<typeof apiItemsQuerySchema>;

// ——— Cursors: opaque to clients, a position in the result order to us ———

export interface Cursor {
  /** 0 = title match, 1 = body match; absent when sorted by date. */
  rank?: 0 | 1;
  at: string;
  id: string;
}

const cursorSchema = z.object({
  r: z.union([z.literal(0), z.literal(1)]).optional(),
  // Only instants the database can hold (PostgreSQL has no year 0): anything else is not ours.
  a: z.iso.datetime().refine((v) => Number(v.slice(0, 4)) >= 1970 && Number(v.slice(0, 4)) <= 9999),
  i: z.string().regex(CODE),
});

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify({ r: c.rank, a: c.at, i: c.id })).toString("base64url");
}

/** null for anything that is not a cursor this API issued. */
export function decodeCursor(s: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,300}$/.test(s)) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(s, "base64url").toString("utf8")));
    return parsed.success ? { rank: parsed.data.r, at: parsed.data.a, id: parsed.data.i } : null;
  } catch {
    return null;
  }
}
