import "server-only";
/*
 * The annual report's use cases (issue 9 §4–§7): the office's working copy per year, its figures,
 * overrides and check notes, sending it to review as an item under 年度报告, the publication hook
 * that freezes it, corrections, and the import of a past year. Every write goes through the
 * kernel (lib/server/platform/use-case.ts): authorised in authz.ts, audited in its transaction.
 * CONTRACT (issue 9, lead): signatures fixed; the report-store helper implements them.
 */
import type { ReportFormatKey } from "@/lib/domain/reports/formats";
import type { ReportData } from "@/lib/domain/reports/shape";
import type { Actor } from "@/lib/server/platform/actor";
import { forbidden, type Result } from "@/lib/server/platform/result";

/** draft → review → published → correcting → review → published …; imported is frozen. */
export type ReportState = "draft" | "review" | "published" | "correcting" | "imported";

export interface ReportVersionSummary {
  id: string;
  number: number;
  status: "review" | "returned" | "published" | "withdrawn" | "imported";
  note: string;
  itemId: string | null;
  /** The item's workflow status (待处室负责人审核 …) while in review */
  itemStatus: string | null;
  createdAt: string;
  publishedAt: string | null;
}

export interface ReportView {
  year: number;
  format: ReportFormatKey;
  state: ReportState;
  /** Optimistic token: every write names the revision it read. */
  revision: number;
  /** Draft: computed now with figures, overrides and checks; published/imported: the frozen copy. */
  data: ReportData;
  /** Computed before overrides, for showing "计算值" next to an overridden cell. */
  computed: Pick<ReportData, "table2" | "table3" | "table4">;
  versions: ReportVersionSummary[];
  correction: string;
  canEdit: boolean;
  /** Why not, in Chinese, when canEdit is false. */
  lockedReason: string | null;
}

export interface ReportYearSummary {
  year: number;
  format: ReportFormatKey;
  state: ReportState | "none";
  publishedAt: string | null;
  /** For the multi-year comparison (issue 9 §10). */
  figures: { received: number; processed: number; granted: number; appeals: number; itemsPublished: number } | null;
}

type Write<T = { revision: number }> = Promise<Result<T>>;

/** The report of a year as the office sees it; creates nothing (a year without a row is an empty draft). */
export async function reportView(actor: Actor, year: number): Promise<Result<ReportView>> {
  void actor;
  void year;
  return forbidden();
}

/** The years the office can open (first year … this year) and those with reports, newest first. */
export async function listReportYears(actor: Actor): Promise<Result<ReportYearSummary[]>> {
  void actor;
  return forbidden();
}

/** The draft ReportData of a year, computed now (CLI, exports, checks). No actor: read-only. */
export async function draftReportData(year: number): Promise<ReportData> {
  void year;
  throw new Error("not implemented");
}

export async function saveSections(actor: Actor, year: number, input: { revision: number; sections: Record<string, unknown> }): Write {
  void actor, void year, void input;
  return forbidden();
}
export async function saveFigures(actor: Actor, year: number, input: { revision: number; figures: Record<string, unknown> }): Write {
  void actor, void year, void input;
  return forbidden();
}
export async function setOverride(actor: Actor, year: number, input: { revision: number; cell: string; value: string; reason: string }): Write {
  void actor, void year, void input;
  return forbidden();
}
export async function clearOverride(actor: Actor, year: number, input: { revision: number; cell: string }): Write {
  void actor, void year, void input;
  return forbidden();
}
export async function noteCheck(actor: Actor, year: number, input: { revision: number; checkId: string; reason: string }): Write {
  void actor, void year, void input;
  return forbidden();
}
export async function clearCheckNote(actor: Actor, year: number, input: { revision: number; checkId: string }): Write {
  void actor, void year, void input;
  return forbidden();
}
/** Freezes a version and submits it as an item under 年度报告; refused while checks block. */
export async function sendForReview(actor: Actor, year: number, input: { revision: number }): Write<{ revision: number; itemId: string }> {
  void actor, void year, void input;
  return forbidden();
}
/** After publication: opens a corrected version (更正版), with its note. */
export async function startCorrection(actor: Actor, year: number, input: { revision: number; note: string }): Write {
  void actor, void year, void input;
  return forbidden();
}
/** A past year's published figures (the JSON shape) as its frozen report, status imported. */
export async function importReport(actor: Actor, json: unknown): Promise<Result<{ year: number }>> {
  void actor, void json;
  return forbidden();
}

/** Public: the published (or imported) versions of a year, newest first; [] when none. */
export async function publicReportVersions(year: number): Promise<{ id: string; number: number; note: string; publishedAt: string | null; itemId: string | null; data: ReportData }[]> {
  void year;
  return [];
}
/** Public: the years with a published or imported report, newest first. */
export async function publicReportYears(): Promise<{ year: number; format: ReportFormatKey; status: "published" | "imported"; publishedAt: string | null }[]> {
  return [];
}
