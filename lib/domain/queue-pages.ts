import { PAGE_MAX } from "./public-query";

/**
 * The page of each 工作台 queue section asked for in the URL: `?{key}-page=N` (e.g.
 * `/console?secrecy-page=2`), so every page of every queue is a link a colleague can be sent.
 * Anything that is not a whole number from 1 is page 1, and a number past PAGE_MAX is PAGE_MAX (a
 * wrong link shows the queue, never an error; the section then shows its last page if it has fewer);
 * sections read only their own key.
 */
export function queuePagesOf(params: Record<string, string | string[] | undefined>): Record<string, number> {
  const pages: Record<string, number> = {};
  for (const [name, raw] of Object.entries(params)) {
    const key = /^([a-z][a-z-]{0,40})-page$/.exec(name)?.[1];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (!key || value === undefined || !/^\d{1,12}$/.test(value)) continue;
    const page = Number(value);
    if (page >= 1) pages[key] = Math.min(page, PAGE_MAX);
  }
  return pages;
}

/** The URL of one section's page (other sections back on their first page). */
export function queuePageHref(key: string, page: number): string {
  return page <= 1 ? "/console" : `/console?${key}-page=${page}`;
}
