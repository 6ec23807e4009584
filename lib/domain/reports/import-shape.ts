/*
 * The import of a past year's report (issue 9 §6), the part that needs no database: the JSON shape
 * (shape.ts), the year and its format, the sections' HTML — and every problem as the path a clerk
 * can find in the file, in Chinese ("table3.granted.commercial：应为数字"). The CLI's --dry-run and
 * the store share it.
 */
import type { z } from "zod";
import { chinaYear } from "../dates";
import { normalizeBody } from "../html";
import { cellPaths, parseCellValue } from "./cells";
import { FORMATS, formatOfYear, SECTION_KEYS } from "./formats";
import { reportDataSchema, type PublishingStatistics, type ReportData } from "./shape";

/** 条例 took effect in 2008; the report schema starts there too. */
export const FIRST_REPORT_YEAR = 2008;
/** Sanitised HTML of one section; the item body (tables included) must stay under 100,000. */
export const SECTION_MAX = 20_000;

/** Why a year cannot have a report (yet), or null. */
export function reportYearProblem(year: number, now: Date): string | null {
  if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > 2100) return "年份无效。";
  if (year > chinaYear(now)) return `${year} 年尚未到来，不能编制该年度的年度报告。`;
  return null;
}

/** A section as typed (rich text or plain): sanitised, live fields kept; too long → a message. */
export function sanitizeSection(raw: unknown): { ok: true; html: string } | { ok: false; message: string } {
  if (raw === undefined || raw === null) return { ok: true, html: "" };
  if (typeof raw !== "string") return { ok: false, message: "内容无效" };
  if (raw.length > SECTION_MAX * 5) return { ok: false, message: `不能超过 ${SECTION_MAX} 个字符` };
  const html = normalizeBody(raw);
  return html.length > SECTION_MAX ? { ok: false, message: `不能超过 ${SECTION_MAX} 个字符（含格式）` } : { ok: true, html };
}

const TYPE_NAMES: Record<string, string> = { number: "数字", string: "文字", object: "对象", array: "数组", boolean: "true 或 false", int: "整数" };

/** One problem as "table3.granted.commercial：应为数字" — the path a clerk can find in the file. */
function issueLines(error: z.ZodError, json: unknown): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    const at = (p: string) => (p ? `${p}：` : "");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) lines.push(`${at(path ? `${path}.${key}` : key)}未知的键（该格式没有此行、此列或此项）`);
      continue;
    }
    // zod does not report the input by default: whether the key is there is read from the file.
    const missing = issue.code === "invalid_type" && valueAt(json, issue.path) === undefined;
    lines.push(`${at(path)}${missing ? "缺少此项" : issueMessage(issue)}`);
  }
  return [...new Set(lines)];
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let v = json;
  for (const key of path) v = v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  // The schema's own messages are Chinese already (应为数字, 不能为负数 …); zod's defaults are not.
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "invalid_union":
      return issue.path.at(-1) === "format" || issue.path.length === 0 ? "应为 \"GB2019\" 或 \"GB2021\"" : "内容无效";
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

/** `hasStatistics`: the file gave section 一's counts; without them no check may compare against zeros. */
export type ParsedImport = { ok: true; data: ReportData; hasStatistics: boolean } | { ok: false; lines: string[] };

/** The shape, then what the shape cannot say: the year and its format, the sections' HTML. */
export function parseReportImport(json: unknown, now: Date, bureau: string): ParsedImport {
  if (!json || typeof json !== "object" || Array.isArray(json)) return { ok: false, lines: ["文件内容应为一个 JSON 对象（年度报告）"] };
  const parsed = reportDataSchema.safeParse(json);
  if (!parsed.success) return { ok: false, lines: issueLines(parsed.error, json) };
  const d = parsed.data;
  const lines: string[] = [];
  const problem = reportYearProblem(d.year, now);
  if (problem) lines.push(`year：${problem}`);
  else if (d.year === chinaYear(now)) lines.push(`year：${d.year} 年尚未结束，不能导入该年度的报告`);
  if (d.format !== formatOfYear(d.year)) lines.push(`format：${d.year} 年的年度报告应为 ${formatOfYear(d.year)} 格式`);
  const sections = { overview: "", problems: "", other: "" } as ReportData["sections"];
  for (const key of SECTION_KEYS) {
    const clean = sanitizeSection(d.sections[key]);
    if (clean.ok) sections[key] = clean.html;
    else lines.push(`sections.${key}：${clean.message}`);
  }
  // An override names a cell of the format and holds a value that cell can hold; anything else
  // ("table3.__proto__.x") is refused here, before any code indexes the tables with it.
  const cells = new Set(cellPaths(FORMATS[d.format]));
  (d.overrides ?? []).forEach((o, i) => {
    if (!cells.has(o.cell)) lines.push(`overrides.${i}.cell：没有这个单元格（${o.cell.slice(0, 40)}）`);
    else if (!parseCellValue(FORMATS[d.format], o.cell, String(o.value)).ok) lines.push(`overrides.${i}.value：该单元格不能填写 ${String(o.value).slice(0, 20)}`);
  });
  if (lines.length) return { ok: false, lines };
  return {
    ok: true,
    hasStatistics: d.statistics !== undefined,
    data: {
      year: d.year,
      format: d.format,
      status: "imported",
      bureau: d.bureau.trim() || bureau,
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
