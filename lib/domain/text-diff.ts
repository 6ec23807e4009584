import { diffChars, diffLines, diffWords, type ChangeObject } from "diff";
import { revisionLines, type RevisionFields } from "./revision-view";

/**
 * What changed between two revisions, word by word. Chinese has no spaces, so words come from
 * Intl.Segmenter (ICU's dictionary segmentation, in Node and every current browser); a very
 * different pair of long texts falls back to whole lines, so a diff never hangs a page.
 */
export type DiffPart = { kind: "same" | "added" | "removed"; text: string } | { kind: "skipped"; chars: number };

const MAX_EDIT = 2000;
/** Per attempt; a page renders several diffs, so each gives up quickly. */
const TIMEOUT_MS = 200;
let segmenter: Intl.Segmenter | null | undefined;

function wordSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
  return segmenter;
}

export function diffText(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  if (before.length + after.length <= WORD_DIFF_MAX) return wordDiff(before, after);
  // Long bodies: lines first (cheap), then words within each replaced stretch that is short enough.
  const lines = toParts(diffLines(before, after, { maxEditLength: MAX_EDIT, timeout: TIMEOUT_MS }) ?? replaced(before, after));
  return lines.flatMap((p, i): DiffPart[] => {
    const next = lines[i + 1];
    if (p.kind === "removed" && next?.kind === "added" && p.text.length + next.text.length <= WORD_DIFF_MAX) return wordDiff(p.text, next.text);
    if (p.kind === "added" && lines[i - 1]?.kind === "removed" && lines[i - 1].text.length + p.text.length <= WORD_DIFF_MAX) return [];
    return [p];
  });
}

/** Segmenting Chinese costs real time (~50 ms per 1,000 characters here), so word diffs stay small. */
const WORD_DIFF_MAX = 1200;

function wordDiff(before: string, after: string): DiffPart[] {
  const seg = wordSegmenter();
  const changes =
    (seg
      ? diffWords(before, after, { intlSegmenter: seg, maxEditLength: MAX_EDIT, timeout: TIMEOUT_MS })
      : diffChars(before, after, { maxEditLength: MAX_EDIT, timeout: TIMEOUT_MS })) ?? replaced(before, after);
  return toParts(changes);
}

function replaced(before: string, after: string): ChangeObject<string>[] {
  return [
    { value: before, added: false, removed: true, count: 1 },
    { value: after, added: true, removed: false, count: 1 },
  ];
}

function toParts(changes: ChangeObject<string>[]): (DiffPart & { text: string })[] {
  return changes.filter((c) => c.value !== "").map((c) => ({ kind: c.added ? "added" : c.removed ? "removed" : "same", text: c.value }));
}

/** Long unchanged stretches shortened to `context` characters on each side of a change. */
export function collapseUnchanged(parts: DiffPart[], context = 40): DiffPart[] {
  return parts.flatMap((p, i): DiffPart[] => {
    if (p.kind !== "same" || p.text.length <= context * 2 + 10) return [p];
    const head = i > 0 ? p.text.slice(0, context) : "";
    const tail = i < parts.length - 1 ? p.text.slice(-context) : "";
    const skipped = p.text.length - head.length - tail.length;
    return [
      ...(head ? [{ kind: "same" as const, text: head }] : []),
      { kind: "skipped" as const, chars: skipped },
      ...(tail ? [{ kind: "same" as const, text: tail }] : []),
    ];
  });
}

export interface FieldDiff {
  key: string;
  label: string;
  parts: DiffPart[];
}

/** The fields and the body that differ, each with its word diff; unchanged fields are left out. */
export function diffRevisions(before: RevisionFields, after: RevisionFields): FieldDiff[] {
  const a = revisionLines(before);
  const b = revisionLines(after);
  const fields = b.flatMap((line, i) => (line.value === a[i].value ? [] : [{ key: line.key, label: line.label, parts: diffText(a[i].value, line.value) }]));
  if (before.bodyText !== after.bodyText) {
    fields.push({ key: "body", label: "正文", parts: collapseUnchanged(diffText(before.bodyText, after.bodyText)) });
  }
  return fields;
}
