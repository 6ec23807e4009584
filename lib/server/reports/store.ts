import "server-only";
/*
 * The annual report's use cases (issue 9 §4–§7): the office's working copy per year, its figures,
 * overrides and check notes, sending it to review as an item under 年度报告, the publication hook
 * that freezes it, corrections, and the import of a past year. Every write goes through the
 * kernel (lib/server/platform/use-case.ts): authorised in authz.ts, audited in its transaction.
 * CONTRACT (issue 9, lead): signatures fixed; the report-store helper implements them.
 *
 * This file holds the edits of the working copy; the send, correction and publication hooks are in
 * ./workflow.ts, the import in ./import.ts, the reads in ./views.ts (re-exported here).
 */
import type { AuditAction } from "@/lib/domain/audit";
import { cellLabel, parseCellValue } from "@/lib/domain/reports/cells";
import { enteredRows, parseFigures } from "@/lib/domain/reports/figures";
import { SECTION_KEYS, type ReportFormat, type ReportFormatKey } from "@/lib/domain/reports/formats";
import type { ReportData } from "@/lib/domain/reports/shape";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { conflict, invalid, ok, type Result } from "@/lib/server/platform/result";
import { expectOne, Refusal, write, type Target } from "@/lib/server/platform/use-case";
import {
  buildDraft,
  cellValue,
  EMPTY_SECTIONS,
  finalTables,
  isFailure,
  openForWrite,
  type Opened,
  reasonOf,
  sanitizeSection,
  STALE,
  storedFigures,
  storedNotes,
  storedOverrides,
  storedSections,
  type StoredOverride,
} from "./working-copy";

export { importReport } from "./import";
export { sendForReview, startCorrection } from "./workflow";
export { draftReportData, listReportYears, publicReportVersions, publicReportYears, reportCountdown, reportView } from "./views";

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

/** What an edit changes in the row and tells the auditor. */
interface Change {
  data: Prisma.AnnualReportUpdateManyMutationInput;
  detail: Record<string, unknown>;
}

/**
 * One edit of the working copy in the kernel: the row is created on the first write, the update
 * is conditional on the revision (and state) the page read, so of two people saving at once one
 * is told to refresh and nothing of either is half-written.
 */
async function editReport(actor: Actor, year: number, rawRevision: unknown, action: AuditAction, prepare: (o: Opened) => Promise<Result<Change>> | Result<Change>): Write {
  const target: Target = { action, entity: "AnnualReport", entityId: String(year) };
  const opened = await openForWrite(actor, year, rawRevision, target);
  if (isFailure(opened)) return opened;
  const change = await prepare(opened);
  if (!change.ok) return change;
  const { row, latest, format, returned, revision } = opened;
  return write(actor, target, async (tx) => {
    if (!row) await tx.annualReport.createMany({ data: { year, format: format.key, sections: EMPTY_SECTIONS }, skipDuplicates: true });
    const { count } = await tx.annualReport.updateMany({
      where: { year, revision, state: row?.state ?? "draft" },
      // A version sent back by a reviewer: the row leaves "review" with this first edit.
      data: { ...change.value.data, ...(returned ? { state: row!.correction ? "correcting" : "draft" } : {}), revision: { increment: 1 }, updatedById: actor.id },
    });
    expectOne(count, STALE);
    if (returned && latest) await tx.annualReportVersion.updateMany({ where: { id: latest.id, status: "review" }, data: { status: "returned" } });
    await audit(tx, { actor, ...target, detail: { ...change.value.detail, revision: revision + 1 } });
    return ok({ revision: revision + 1 });
  }, { onConstraint: (kind) => (kind === "unique" ? new Refusal("stale", conflict(STALE)) : null) });
}

/** 一、五、六: rich text, sanitised, live fields kept; sections not sent are left as they are. */
export async function saveSections(actor: Actor, year: number, input: { revision: number; sections: Record<string, unknown> }): Write {
  return editReport(actor, year, input?.revision, "report.sections.save", ({ row }) => {
    const before = storedSections(row?.sections);
    const after = { ...before };
    const fieldErrors: Record<string, string[]> = {};
    for (const key of SECTION_KEYS) {
      if (!input.sections || !(key in input.sections)) continue;
      const clean = sanitizeSection(input.sections[key]);
      if (clean.ok) after[key] = clean.html;
      else fieldErrors[key] = [clean.message];
    }
    if (Object.keys(fieldErrors).length) return invalid(fieldErrors);
    const changed = SECTION_KEYS.filter((k) => before[k] !== after[k]);
    return ok({ data: { sections: after }, detail: { sections: changed, length: Object.fromEntries(changed.map((k) => [k, after[k].length])) } });
  });
}

/** The yearly figures of table 二 (行政许可 …, 收费 in 万元): all entered rows at once; blank is 0. */
export async function saveFigures(actor: Actor, year: number, input: { revision: number; figures: Record<string, unknown> }): Write {
  return editReport(actor, year, input?.revision, "report.figures.save", ({ row, format }) => {
    const parsed = parseFigures(format, input.figures ?? {});
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const before = storedFigures(row?.figures);
    const changes: { cell: string; from: unknown; to: unknown }[] = [];
    for (const { block, row: r } of enteredRows(format)) {
      for (const c of block.columns) {
        const from = before[r.key]?.[c.key] ?? null;
        const to = parsed.figures[r.key]?.[c.key] ?? null;
        if (String(from) !== String(to)) changes.push({ cell: `table2.${r.key}.${c.key}`, from, to });
      }
    }
    return ok({ data: { figures: parsed.figures as Prisma.InputJsonValue }, detail: { changes } });
  });
}

/** Table 二's entered rows are typed in the figures form; only computed cells are overridden. */
function isEnteredCell(format: ReportFormat, cell: string): boolean {
  return enteredRows(format).some(({ row }) => cell.startsWith(`table2.${row.key}.`));
}

/** 手工修改: a cell the records cannot know, with a reason; the computed value is kept beside it. */
export async function setOverride(actor: Actor, year: number, input: { revision: number; cell: string; value: string; reason: string }): Write {
  return editReport(actor, year, input?.revision, "report.override.set", async ({ row, format }) => {
    const reason = reasonOf(input.reason, "修改理由");
    const cell = typeof input.cell === "string" ? input.cell : "";
    if (isEnteredCell(format, cell)) return invalid({ cell: ["该项为填报数据，请在“年度数据”中直接填写，无需手工修改"] });
    const value = parseCellValue(format, cell, typeof input.value === "string" ? input.value : String(input.value ?? ""));
    const fieldErrors = { ...(value.ok ? {} : { value: [value.message] }), ...(reason.ok ? {} : { reason: [reason.message] }) };
    if (!value.ok || !reason.ok) return invalid(fieldErrors);
    const { computed, final } = await finalTables(year, row);
    const overrides = storedOverrides(row?.overrides).filter((o) => o.cell !== cell);
    const entry: StoredOverride = {
      cell,
      value: value.value,
      computed: cellValue(computed, cell),
      reason: reason.reason,
      by: actor.displayName,
      byId: actor.id,
      at: new Date().toISOString(),
    };
    return ok({
      data: { overrides: [...overrides, entry] as unknown as Prisma.InputJsonValue },
      detail: { cell, label: cellLabel(format, cell), from: cellValue(final, cell), to: value.value, computed: entry.computed, reason: reason.reason },
    });
  });
}

export async function clearOverride(actor: Actor, year: number, input: { revision: number; cell: string }): Write {
  return editReport(actor, year, input?.revision, "report.override.clear", async ({ row, format }) => {
    const overrides = storedOverrides(row?.overrides);
    const old = overrides.find((o) => o.cell === input.cell);
    if (!old) return invalid({ cell: ["该单元格没有手工修改，可能已被他人撤销，请刷新"] });
    const { computed } = await finalTables(year, row);
    return ok({
      data: { overrides: overrides.filter((o) => o !== old) as unknown as Prisma.InputJsonValue },
      detail: { cell: old.cell, label: cellLabel(format, old.cell), from: old.value, to: cellValue(computed, old.cell), reason: old.reason },
    });
  });
}

/** 说明: accepts a finding of the checks with a written reason (printed in the report's notes). */
export async function noteCheck(actor: Actor, year: number, input: { revision: number; checkId: string; reason: string }): Write {
  return editReport(actor, year, input?.revision, "report.check.note", async ({ row }) => {
    const reason = reasonOf(input.reason, "说明理由");
    if (!reason.ok) return invalid({ reason: [reason.message] });
    const { data } = await buildDraft(year, row);
    const finding = data.checks.find((c) => c.id === input.checkId);
    if (!finding) return invalid({ checkId: ["该校验问题已不存在（可能已修正），请刷新后查看"] });
    const notes = { ...storedNotes(row?.checkNotes), [finding.id]: { reason: reason.reason, by: actor.displayName, byId: actor.id, at: new Date().toISOString(), message: finding.message } };
    return ok({ data: { checkNotes: notes }, detail: { checkId: finding.id, severity: finding.severity, message: finding.message, cells: finding.cells, reason: reason.reason } });
  });
}

export async function clearCheckNote(actor: Actor, year: number, input: { revision: number; checkId: string }): Write {
  return editReport(actor, year, input?.revision, "report.check.clear", ({ row }) => {
    const notes = storedNotes(row?.checkNotes);
    const old = typeof input.checkId === "string" ? notes[input.checkId] : undefined;
    if (!old) return invalid({ checkId: ["该校验问题没有说明，可能已被他人撤销，请刷新"] });
    const rest = Object.fromEntries(Object.entries(notes).filter(([id]) => id !== input.checkId));
    return ok({ data: { checkNotes: rest }, detail: { checkId: input.checkId, reason: old.reason } });
  });
}
