/**
 * Prints recall and false positives of the secrecy scan over the committed corpus:
 *   node --import tsx scripts/secrecy-scan-report.ts
 * Definitions in docs/secrecy-scan.md. Reads the corpus only; writes nothing.
 */
import { FLAG_LABELS, maskMatch } from "@/lib/domain/secrecy-scan";
import { formatTable, measure, readCorpus } from "@/tests/fixtures/secrecy-corpus/measure";

const docs = readCorpus();
const m = measure(docs);

console.log(`secrecy scan over ${docs.length} documents (${docs.filter((d) => d.spans.length === 0).length} with nothing planted)\n`);
console.log(formatTable(m));
const bySeverity = (s: string) => m.falseFlags.filter((f) => f.flag.severity === s).length;
console.log(`\nfalse flags by severity: high ${bySeverity("high")}, review ${bySeverity("review")}`);
for (const { doc, span } of m.misses) console.log(`missed ${FLAG_LABELS[span.kind]} in ${doc}: ${maskMatch(span.kind, span.value)}`);
for (const { doc, flag } of m.falseFlags) console.log(`false ${FLAG_LABELS[flag.kind]} (${flag.severity}) in ${doc}: …${flag.context}…`);
