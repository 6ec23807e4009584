/*
 * The cross-checks of the annual report (issue 9 §4, reference/domain.md §2.6), a pure function
 * of the final figures: T3-a … T4, T2, the narrative against the tables, the empty 五, fees and 六.
 * CONTRACT (issue 9, lead): signatures fixed; the report-domain helper implements them.
 */
import type { ReportFormat } from "./formats";
import type { ReportCheck, ReportData } from "./shape";

export interface CheckInput {
  format: ReportFormat;
  /** The year's final figures (overrides applied) and its narrative. */
  data: Pick<ReportData, "year" | "table2" | "table3" | "table4" | "sections" | "statistics">;
  /** Last year's report (computed, published or imported), null when there is none. */
  previous: Pick<ReportData, "year" | "format" | "table2" | "table3"> | null;
}

export type CheckFinding = Omit<ReportCheck, "overridden" | "reason">;

/** Every finding, errors and warnings, in a stable order; ids are unique ("T3-a:commercial"). */
export function runChecks(input: CheckInput): CheckFinding[] {
  void input;
  return [];
}

/** Notes of accepted checks: { checkId: { reason } }. */
export type CheckNotes = Record<string, { reason: string; by?: string; at?: string }>;

/** The findings with their notes: a noted finding is `overridden` with the note's reason. */
export function applyCheckNotes(findings: readonly CheckFinding[], notes: CheckNotes): ReportCheck[] {
  return findings.map((f) => ({ ...f, overridden: Boolean(notes[f.id]), reason: notes[f.id]?.reason ?? null }));
}

/** What stops publication: errors neither fixed nor overridden. Warnings never block. */
export function blockingChecks(checks: readonly ReportCheck[]): ReportCheck[] {
  return checks.filter((c) => c.severity === "error" && !c.overridden);
}
