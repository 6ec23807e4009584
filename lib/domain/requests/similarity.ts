import type { Outcome } from "./outcomes";

/*
 * 第四十四条: 多个申请人就相同政府信息向同一行政机关提出公开申请，且该政府信息属于可以公开的，
 * 行政机关可以纳入主动公开的范围. Requests are compared in PostgreSQL by the character pairs of
 * their 申请内容 (gongkai_request_grams, migration 20261202000400_request_ops); the numbers that
 * decide what counts as "the same information" and "several applicants" live here
 * (docs/decisions.md "Requests in operation").
 */

/** Dice similarity at or above which two requests ask for the same information. */
export const SIMILARITY_THRESHOLD = 0.6;

/** A request page suggests 第四十四条 once this many different applicants asked (the statute's "多个"). */
export const SUGGEST_MIN_APPLICANTS = 2;

/** The office's dashboard lists groups of at least this many different applicants. */
export const CLUSTER_MIN_APPLICANTS = 3;

/**
 * Outcomes that say the information may not be published (不予公开) or is not there to publish
 * (无法提供, 不予处理): such requests do not count towards a suggestion. Open requests and those
 * answered 予以公开, 部分公开 or 其他处理 do.
 */
export function countsTowardsSuggestion(outcome: string | null): boolean {
  if (outcome === null) return true;
  const key = outcome as Outcome;
  return key === "granted" || key === "partial" || key.startsWith("other_");
}

/** The words an application opens with, which make no title. */
const OPENING = /^(?:本人|我单位|我公司|我们)?(?:现|特此|依法)?(?:申请|请求|要求|恳请|请)?(?:公开|提供|获取|查阅|告知)?(?:贵局|贵单位|你局|市科技局)?(?:关于)?[：:，,\s]*/u;

/** A draft item's title from the 申请内容: its first line, without the opening words, at most `max` characters. */
export function itemTitleFromDescription(description: string, max = 60): string {
  const firstLine = description.trim().split(/\r?\n/)[0]?.trim() ?? "";
  const stripped = firstLine.replace(OPENING, "").replace(/[。；;，,\s]+$/u, "").trim() || firstLine;
  const chars = [...stripped];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : stripped || "依申请公开转主动公开信息";
}
