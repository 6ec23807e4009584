/**
 * Search text for Chinese: what a query means, and where it shows in a title or body. The
 * database indexes each public item by the runs of one to three characters of its words
 * (migration 20261126000000_public_search, docs/search.md); the same normalisation is spelt there
 * in SQL, and tests/integration/public-search.test.ts holds the two together.
 */

/** Letters, digits and CJK: everything else separates words. Same ranges as gongkai_search_normalize(). */
const WORD_CHAR =
  /[0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;
const NOT_WORD = new RegExp(`(?:(?!${WORD_CHAR.source}).)+`, "gsu");

/** Longest query we search for, in characters; longer input is cut (pages) or refused (API). */
export const QUERY_MAX = 50;
/** More words than this add little and cost a lot. */
export const TERMS_MAX = 8;

/** NFKC (full-width ＡＢＣ１２３ → abc123), lower case, every run of other characters → one space. */
export function normalizeSearchText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(NOT_WORD, " ").trim();
}

/** The distinct words of a query, in order, at most TERMS_MAX. */
export function searchTerms(query: string): string[] {
  const words = normalizeSearchText(query).split(" ").filter(Boolean);
  return [...new Set(words)].slice(0, TERMS_MAX);
}

export interface Segment {
  text: string;
  hit: boolean;
}

/**
 * The text folded character by character (NFKC, lower case) with, for each folded character,
 * the index of the original character it came from, so matches map back to the original.
 */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = "";
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = ch.normalize("NFKC").toLowerCase();
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += ch.length;
  }
  origin.push(text.length);
  return { folded, origin };
}

/** Ranges [start, end) of `text` where any term occurs, merged and sorted. */
export function findHits(text: string, terms: readonly string[]): [number, number][] {
  const { folded, origin } = fold(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + term.length)) {
      ranges.push([origin[at], origin[at + term.length] ?? text.length]);
      if (ranges.length > 200) break;
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** The text cut into plain and matching segments, for <mark>. */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const [start, end] of findHits(text, terms)) {
    if (start > at) segments.push({ text: text.slice(at, start), hit: false });
    segments.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length || !segments.length) segments.push({ text: text.slice(at), hit: false });
  return segments;
}

/** About `length` characters of the body around its first match (or its start), highlighted. */
export function snippet(text: string, terms: readonly string[], length = 120): Segment[] {
  const flat = text.replace(/\s+/g, " ").trim();
  const first = findHits(flat, terms)[0];
  const start = first ? Math.max(0, first[0] - Math.floor(length / 3)) : 0;
  const end = Math.min(flat.length, start + length);
  const cut = `${start > 0 ? "…" : ""}${flat.slice(start, end)}${end < flat.length ? "…" : ""}`;
  return highlight(cut, terms);
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&nbsp;": " " };

/**
 * The plain text of a body: ItemRevision.bodyText, or while a writer leaves it empty, the body
 * HTML without its tags (as gongkai_search_body() does for the index).
 */
export function plainBody(bodyText: string, bodyHtml: string): string {
  if (bodyText) return bodyText;
  return bodyHtml
    .replace(/<(br|\/p|\/div|\/li|\/h[1-6])\b[^>]*>/gi, "\n")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e])
    .replace(/[ \t]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
