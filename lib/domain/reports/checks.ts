/*
 * The cross-checks of the annual report (issue 9 §4, reference/domain.md §2.6), a pure function
 * of the final figures: T3-a … T4, T2, the narrative against the tables, the empty 五, fees and 六.
 * CONTRACT (issue 9, lead): signatures fixed; the report-domain helper implements them.
 */
import { FORMATS, TABLE3_COLUMNS, TABLE4, type ReportFormat, type Table3Column, type Table3Row } from "./formats";
import { narrativeChecks, sectionChecks } from "./narrative-checks";
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
  // Last year's figures only speak for this year when they are last year's: a gap year compares nothing.
  const previous = input.previous && input.previous.year === input.data.year - 1 ? input.previous : null;
  return [
    ...columnBalance(input),
    ...rowTotals(input),
    ...leafTotals(input),
    ...carriedOver(input, previous),
    ...table4Totals(input),
    ...table2Inventory(input, previous),
    ...narrativeChecks(input),
    ...sectionChecks(input),
  ];
}

const APPLICANTS = TABLE3_COLUMNS.filter((c) => c !== "total");
const COLUMN_NAMES: Record<Table3Column, string> = {
  natural_person: "自然人",
  commercial: "商业企业",
  research: "科研机构",
  public_welfare: "社会公益组织",
  legal_service: "法律服务机构",
  other: "其他",
  total: "总计",
};

type Input = CheckInput;
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const t3 = (input: Input, row: string, column: string) => num(input.data.table3[row]?.[column as Table3Column]);
const path3 = (row: string, column: string) => `table3.${row}.${column}`;

function roleRow(format: ReportFormat, role: Table3Row["role"]): Table3Row {
  const row = format.table3.rows.find((r) => r.role === role);
  if (!row) throw new Error(`format ${format.key} has no ${role} row`);
  return row;
}

/** T3-a, the format's own rule per column: 一 + 二 = （七）总计 + 四. */
function columnBalance(input: Input): CheckFinding[] {
  const [received, over, total, forward] = (["received", "carried_over", "total", "carried_forward"] as const).map((r) => roleRow(input.format, r).key);
  return TABLE3_COLUMNS.flatMap((c) => {
    const [a, b, d, e] = [received, over, total, forward].map((r) => t3(input, r, c));
    if (a + b === d + e) return [];
    return [{
      id: `T3-a:${c}`,
      severity: "error" as const,
      cells: [path3(received, c), path3(over, c), path3(total, c), path3(forward, c)],
      message: `表三“${COLUMN_NAMES[c]}”列：一（本年新收 ${a}）加二（上年结转 ${b}）为 ${a + b}，应等于（七）总计 ${d} 加四（结转下年度 ${e}），即 ${d + e}`,
    }];
  });
}

/** "（三）不予公开 1.属于国家秘密": enough of the label path to tell the row from its namesakes. */
const rowName = (row: Table3Row) => (row.labels.length > 2 ? row.labels.slice(-2).join(" ") : row.labels.at(-1));

/** T3-b per row: the six applicant columns add up to 总计. */
function rowTotals(input: Input): CheckFinding[] {
  return input.format.table3.rows.flatMap((row) => {
    const sum = APPLICANTS.reduce((s, c) => s + t3(input, row.key, c), 0);
    const total = t3(input, row.key, "total");
    if (sum === total) return [];
    return [{
      id: `T3-b:${row.key}`,
      severity: "error" as const,
      cells: TABLE3_COLUMNS.map((c) => path3(row.key, c)),
      message: `表三“${rowName(row)}”行：六类申请人合计 ${sum}，而总计为 ${total}`,
    }];
  });
}

/** T3-c per column: （七）总计 = the sum of the outcome rows. */
function leafTotals(input: Input): CheckFinding[] {
  const total = roleRow(input.format, "total").key;
  const leaves = input.format.table3.rows.filter((r) => r.role === "leaf").map((r) => r.key);
  return TABLE3_COLUMNS.flatMap((c) => {
    const sum = leaves.reduce((s, r) => s + t3(input, r, c), 0);
    const stated = t3(input, total, c);
    if (sum === stated) return [];
    return [{
      id: `T3-c:${c}`,
      severity: "error" as const,
      cells: [path3(total, c), ...leaves.map((r) => path3(r, c))],
      message: `表三“${COLUMN_NAMES[c]}”列：各项办理结果合计 ${sum}，而（七）总计为 ${stated}`,
    }];
  });
}

/** T3-d per column: this year's 上年结转 = last year's 结转下年度 (either format has both rows). */
function carriedOver(input: Input, previous: Input["previous"]): CheckFinding[] {
  if (!previous) return [];
  const over = roleRow(input.format, "carried_over").key;
  const forward = roleRow(FORMATS[previous.format], "carried_forward").key;
  return TABLE3_COLUMNS.flatMap((c) => {
    const now = t3(input, over, c);
    const then = num(previous.table3[forward]?.[c]);
    if (now === then) return [];
    return [{
      id: `T3-d:${c}`,
      severity: "error" as const,
      cells: [path3(over, c)],
      message: `表三“${COLUMN_NAMES[c]}”列：本年上年结转 ${now}，而 ${previous.year} 年报告的结转下年度继续办理为 ${then}`,
    }];
  });
}

/** T4 per block: 总计 = 维持 + 纠正 + 其他 + 尚未审结. */
function table4Totals(input: Input): CheckFinding[] {
  const parts = TABLE4.columns.filter((c) => c.key !== "total").map((c) => c.key);
  return TABLE4.blocks.flatMap((block) => {
    const cells = input.data.table4[block.key] as Record<string, unknown> | undefined;
    const sum = parts.reduce((s, k) => s + num(cells?.[k]), 0);
    const total = num(cells?.total);
    if (sum === total) return [];
    const name = block.group === block.label ? block.label : `${block.group}（${block.label}）`;
    return [{
      id: `T4:${block.key}`,
      severity: "error" as const,
      cells: TABLE4.columns.map((c) => `table4.${block.key}.${c.key}`),
      message: `表四“${name}”：维持、纠正、其他结果与尚未审结合计 ${sum}，而总计为 ${total}`,
    }];
  });
}

/**
 * T2 (warning) on the 第二十条（一）rows counted from items. GB2021 after GB2021: 现行有效件数(Y) =
 * 现行有效件数(Y−1) + 本年制发 − 本年废止. GB2019 has no 废止 column and its 对外公开总数量 is not
 * 现行有效件数, so no year-over-year rule holds across it; what must hold within a GB2019 year is
 * that the total published includes what was newly published.
 */
function table2Inventory(input: Input, previous: Input["previous"]): CheckFinding[] {
  const rows = input.format.table2.blocks.flatMap((b) => b.rows.filter((r) => r.source.kind === "items"));
  const cell = (t: Input["data"]["table2"], row: string, column: string) => num(t[row]?.[column]);
  return rows.flatMap((row) => {
    const t = input.data.table2;
    if (input.format.key === "GB2019") {
      const [fresh, total] = [cell(t, row.key, "new_published"), cell(t, row.key, "total_published")];
      if (total >= fresh) return [];
      return [{
        id: `T2:${row.key}`,
        severity: "warning" as const,
        cells: [`table2.${row.key}.new_published`, `table2.${row.key}.total_published`],
        message: `表二“${row.label}”：对外公开总数量 ${total} 少于本年新公开数量 ${fresh}`,
      }];
    }
    if (!previous || previous.format !== "GB2021") return [];
    const before = cell(previous.table2, row.key, "in_force");
    const [issued, repealed, now] = ["issued", "repealed", "in_force"].map((c) => cell(t, row.key, c));
    const expected = before + issued - repealed;
    if (now === expected) return [];
    return [{
      id: `T2:${row.key}`,
      severity: "warning" as const,
      cells: ["issued", "repealed", "in_force"].map((c) => `table2.${row.key}.${c}`),
      message: `表二“${row.label}”：上年现行有效 ${before} 件，加本年制发 ${issued} 件、减本年废止 ${repealed} 件应为 ${expected} 件，而现行有效件数为 ${now}`,
    }];
  });
}

/** Notes of accepted checks: { checkId: { reason } }. */
export type CheckNotes = Record<string, { reason: string; by?: string; at?: string; message?: string }>;

/**
 * The findings with their notes: a noted finding is `overridden` with the note's reason. A note
 * answers the finding as it read when the note was written (`message` carries its figures): once
 * the figures change, the same rule's new discrepancy is open again — a reason given for "off by 1"
 * must not clear "off by 40". Notes without a message (imported, older) match by id alone.
 */
export function applyCheckNotes(findings: readonly CheckFinding[], notes: CheckNotes): ReportCheck[] {
  return findings.map((f) => {
    const note = Object.hasOwn(notes, f.id) ? notes[f.id] : undefined;
    const holds = Boolean(note) && (note!.message === undefined || note!.message === f.message);
    return { ...f, overridden: holds, reason: holds ? note!.reason : null };
  });
}

/** What stops publication: errors neither fixed nor overridden. Warnings never block. */
export function blockingChecks(checks: readonly ReportCheck[]): ReportCheck[] {
  return checks.filter((c) => c.severity === "error" && !c.overridden);
}
