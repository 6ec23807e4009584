import "server-only";
/*
 * A past year's published report (issue 9 §6) as that year's frozen report, status imported: so
 * the first year's 上年结转 check and the multi-year comparison work for a bureau that starts now.
 * The JSON is the report's own shape; a wrong key or a string where a count belongs is refused
 * with the path of the problem, and nothing is saved.
 */
import type { z } from "zod";
import { chinaYear } from "@/lib/domain/dates";
import { applyCheckNotes, runChecks } from "@/lib/domain/reports/checks";
import { formatFor, formatOfYear, SECTION_KEYS } from "@/lib/domain/reports/formats";
import { reportDataSchema, type PublishingStatistics, type ReportData } from "@/lib/domain/reports/shape";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { conflict, forbidden, invalid, ok, type Result } from "@/lib/server/platform/result";
import { expectOne, refuse, Refusal, write, type Target } from "@/lib/server/platform/use-case";
import { bureauName, EMPTY_SECTIONS, NOT_OFFICE, previousYear, sanitizeSection, yearProblem, type Sections } from "./working-copy";

const TAKEN = "该年度报告已被他人导入或修改，请刷新后查看。";
const TYPE_NAMES: Record<string, string> = { number: "数字", string: "文字", object: "对象", array: "数组", boolean: "true 或 false", int: "整数" };

/** One problem as "table3.granted.commercial：应为数字" — the path a clerk can find in the file. */
function issueLines(error: z.ZodError): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    const at = (p: string) => (p ? `${p}：` : "");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) lines.push(`${at(path ? `${path}.${key}` : key)}未知的键（该格式没有此行、此列或此项）`);
      continue;
    }
    lines.push(`${at(path)}${issueMessage(issue)}`);
  }
  return [...new Set(lines)];
}

function issueMessage(issue: z.core.$ZodIssue): string {
  // The schema's own messages are Chinese already (应为数字, 不能为负数 …); zod's defaults are not.
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "缺少此项" : `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "invalid_union":
      return issue.path.at(-1) === "format" || issue.path.length === 0 ? "format 应为 \"GB2019\" 或 \"GB2021\"" : "内容无效";
    case "invalid_value":
      return `应为 ${issue.values.map((v) => JSON.stringify(v)).join(" 或 ")}`;
    case "too_small":
      return issue.origin === "string" ? "不能为空或过短" : "数值过小";
    case "too_big":
      return issue.origin === "string" ? "过长" : "数值过大";
    default:
      return "内容无效";
  }
}

const EMPTY_STATISTICS: PublishingStatistics = { items_published: 0, by_column: [], by_channel: [], fees_collected_yuan: 0 };

type Parsed = { ok: true; data: ReportData } | { ok: false; lines: string[] };

/** The shape, then what the shape cannot say: the year and its format, the sections' HTML. */
function parseImport(json: unknown, now: Date): Parsed {
  if (!json || typeof json !== "object" || Array.isArray(json)) return { ok: false, lines: ["文件内容应为一个 JSON 对象（年度报告）"] };
  const parsed = reportDataSchema.safeParse(json);
  if (!parsed.success) return { ok: false, lines: issueLines(parsed.error) };
  const d = parsed.data;
  const lines: string[] = [];
  const problem = yearProblem(d.year, now);
  if (problem) lines.push(`year：${problem}`);
  else if (d.year === chinaYear(now)) lines.push(`year：${d.year} 年尚未结束，不能导入该年度的报告`);
  if (d.format !== formatOfYear(d.year)) lines.push(`format：${d.year} 年的年度报告应为 ${formatOfYear(d.year)} 格式`);
  const sections = { ...EMPTY_SECTIONS } as Sections;
  for (const key of SECTION_KEYS) {
    const clean = sanitizeSection(d.sections[key]);
    if (clean.ok) sections[key] = clean.html;
    else lines.push(`sections.${key}：${clean.message}`);
  }
  if (lines.length) return { ok: false, lines };
  return {
    ok: true,
    data: {
      year: d.year,
      format: d.format,
      status: "imported",
      bureau: d.bureau.trim() || bureauName(),
      sections,
      table2: d.table2 as ReportData["table2"],
      table3: d.table3 as ReportData["table3"],
      table4: d.table4 as ReportData["table4"],
      statistics: d.statistics ?? EMPTY_STATISTICS,
      checks: [],
      overrides: d.overrides ?? [],
    },
  };
}

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
  const parsed = parseImport(json, now);
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
  const findings = runChecks({ format: formatFor(data.year), data, previous: await previousYear(data.year) });
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
async function yearTaken(year: number): Promise<string | null> {
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
