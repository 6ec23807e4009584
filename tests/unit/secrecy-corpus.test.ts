import { readFileSync, statSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { CORPUS_PATH, generateCorpus, toJsonl } from "@/tests/fixtures/secrecy-corpus/generate";
import {
  docFalsePositiveRate, falsePositiveRate, KINDS, measure, readCorpus, recall,
} from "@/tests/fixtures/secrecy-corpus/measure";

/**
 * The scan measured over the committed corpus (docs/secrecy-scan.md). The corpus is synthetic and
 * written with the scan's rules in mind, so these floors guard against regressions; they are not a
 * claim about real documents.
 */
const docs = readCorpus();
const m = measure(docs);

describe("the corpus", () => {
  test("is exactly what the seeded generator makes", () => {
    const expected = toJsonl(generateCorpus()).split("\n");
    const actual = readFileSync(CORPUS_PATH, "utf8").split("\n");
    expect(actual.findIndex((line, i) => line !== expected[i]), "first line that differs (regenerate?)").toBe(-1);
    expect(actual).toHaveLength(expected.length);
  });

  test("is big and varied enough to measure, and small enough to commit", () => {
    expect(docs.length).toBeGreaterThanOrEqual(500);
    expect(new Set(docs.map((d) => d.genre)).size).toBeGreaterThanOrEqual(12);
    for (const k of KINDS) expect(m.byKind[k].planted, k).toBeGreaterThanOrEqual(40);
    expect(docs.filter((d) => d.spans.length === 0).length).toBeGreaterThanOrEqual(100);
    expect(statSync(CORPUS_PATH).size).toBeLessThan(2 * 1024 * 1024);
  });

  test("every planted span is where it says", () => {
    for (const d of docs) for (const s of d.spans) expect(d.text.slice(s.start, s.end), d.id).toBe(s.value);
  });
});

describe("the scan over the corpus", () => {
  test.each(["ID_CARD", "MOBILE", "BANK_CARD", "EMAIL"] as const)("finds ≥ 99%% of planted %s", (kind) => {
    expect(recall(m.byKind[kind])).toBeGreaterThanOrEqual(0.99);
  });
  test("finds ≥ 95% of planted 密级 markings", () => expect(recall(m.byKind.CLASSIFICATION)).toBeGreaterThanOrEqual(0.95));

  test.each(KINDS)("no more than 2%% of %s flags are false", (kind) => {
    expect(falsePositiveRate(m.byKind[kind])).toBeLessThanOrEqual(0.02);
  });
  test("no more than 1% of all flags, and false flags in no more than 2% of documents", () => {
    expect(falsePositiveRate(m.byKind.ALL)).toBeLessThanOrEqual(0.01);
    expect(docFalsePositiveRate(m.byKind.ALL, m.docs)).toBeLessThanOrEqual(0.02);
  });
  test("a false flag is at most a `review`: the traps never raise a `high` flag", () => {
    expect(m.falseFlags.filter((f) => f.flag.severity === "high").map((f) => `${f.doc}: ${f.flag.context}`)).toEqual([]);
  });
});
