import "server-only";
/*
 * A past year's published report (issue 9 §6) as that year's frozen report, status imported: so
 * the first year's 上年结转 check and the multi-year comparison work for a bureau that starts now.
 * The JSON is the report's own shape; a wrong key or a string where a count belongs is refused
 * with the path of the problem, and nothing is saved.
 */
import { applyCheckNotes, runChecks } from "@/lib/domain/reports/checks";
import type { ReportData } from "@/lib/domain/reports/shape";
import { formatFor } from "@/lib/domain/reports/formats";
import { parseReportImport } from "@/lib/domain/reports/import-shape";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { conflict, forbidden, invalid, ok, type Result } from "@/lib/server/platform/result";
import { expectOne, refuse, Refusal, write, type Target } from "@/lib/server/platform/use-case";
import { bureauName, EMPTY_SECTIONS, NOT_OFFICE, previousYear } from "./working-copy";

const TAKEN = "该年度报告已被他人导入或修改，请刷新后查看。";
/**
 * Imports a past year: refused for this year or a future one, and for a year that already has a
 * published or imported report or has been sent to review; a draft nobody sent is superseded (its
 * text stays in the row, frozen). The checks are run again on the imported figures, so a report
 * that was published with inconsistent tables shows each check it breaks.
 */
export async function importReport(actor: Actor, json: unknown, now = new Date()): Promise<Result<{ year: number }>> {
  const year = typeof (json as { year?: unknown })?.year === "number" ? (json as { year: number }).year : undefined;
  const target: Target = { action: "report.import", entity: "AnnualReport", entityId: year !== undefined ? String(year) : undefined };
  if (!can(actor, "report.manage")) return refuse(actor, target, "wrong_role", forbidden(NOT_OFFICE));
  const parsed = parseReportImport(json, now, bureauName());
  if (!parsed.ok) {
    const fieldErrors: Record<string, string[]> = {};
    for (const line of parsed.lines) {
      const [path, ...rest] = line.split("：");
      (fieldErrors[rest.length ? path : ""] ??= []).push(rest.length ? rest.join("：") : line);
    }
    const message = `导入的年度报告有 ${parsed.lines.length} 处错误，未保存：${parsed.lines.slice(0, 10).join("；")}${parsed.lines.length > 10 ? "……" : ""}`;
    return refuse(actor, target, "invalid", invalid(fieldErrors, message));
  }
  const data = parsed.data;
  const taken = await yearTaken(data.year);
  if (taken) return refuse(actor, target, "year_taken", conflict(taken));
  // Without the file's section-一 counts there is nothing to hold its narrative against: zeros would flag every count it states.
  const checked = parsed.hasStatistics ? data : { ...data, statistics: undefined as unknown as ReportData["statistics"] };
  const findings = runChecks({ format: formatFor(data.year), data: checked, previous: await previousYear(data.year) });
  data.checks = applyCheckNotes(findings, {});

  return write(actor, target, async (tx) => {
    await tx.annualReport.createMany({ data: { year: data.year, format: data.format, sections: EMPTY_SECTIONS }, skipDuplicates: true });
    const { count } = await tx.annualReport.updateMany({
      where: { year: data.year, state: "draft" },
      data: { state: "imported", format: data.format, correction: "", revision: { increment: 1 }, updatedById: actor.id },
    });
    expectOne(count, TAKEN);
    if ((await tx.annualReportVersion.count({ where: { year: data.year } })) > 0) throw new Refusal("year_taken", conflict(TAKEN));
    const version = await tx.annualReportVersion.create({
      data: { year: data.year, number: 1, data: data as unknown as Prisma.InputJsonValue, status: "imported", createdById: actor.id },
    });
    await audit(tx, {
      actor,
      ...target,
      entityId: String(data.year),
      detail: {
        version: version.id,
        format: data.format,
        bureau: data.bureau,
        errors: data.checks.filter((c) => c.severity === "error").map((c) => c.id),
        warnings: data.checks.filter((c) => c.severity === "warning").length,
      },
    });
    return ok({ year: data.year });
  }, { onConstraint: (kind) => (kind === "unique" ? new Refusal("year_taken", conflict(TAKEN)) : null) });
}

/** Why the year cannot take an import, or null. */
export async function yearTaken(year: number): Promise<string | null> {
  const [row, versions] = await Promise.all([
    db().annualReport.findUnique({ where: { year }, select: { state: true } }),
    db().annualReportVersion.findMany({ where: { year }, select: { status: true } }),
  ]);
  if (versions.some((v) => v.status === "published" || v.status === "imported") || row?.state === "published" || row?.state === "imported") {
    return `${year} 年已有已公布或已导入的年度报告，不能再导入。`;
  }
  if (versions.length || (row && row.state !== "draft")) return `${year} 年的年度报告已送审或正在更正，不能导入；请在年度报告页面继续办理。`;
  return null;
}
