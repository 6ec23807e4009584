/*
 * The annual report as JSON (issue 9 §3): one stable shape that the API, the CLI, the exports and
 * the import all use. Keys are English and fixed; labels come from the format (formats.ts). The zod
 * schema below is the import's validator and the source of /api/v1/reports/schema.json.
 */
import { z } from "zod";
import { FORMATS, GB2019, GB2021, REPORT_FORMATS, SECTION_KEYS, TABLE3_COLUMNS, TABLE4, type ReportFormat, type ReportFormatKey } from "./formats";

export const REPORT_STATUSES = ["draft", "published", "imported"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A table-二 value: a whole number, or for `decimal` cells an exact decimal string. */
export type Table2Value = number | string;
export type Table2Data = Record<string, Record<string, Table2Value>>;
export type Table3Data = Record<string, Record<(typeof TABLE3_COLUMNS)[number], number>>;
export type Table4Data = Record<(typeof TABLE4.blocks)[number]["key"], Record<(typeof TABLE4.columns)[number]["key"], number>>;

export type CheckSeverity = "error" | "warning";

/**
 * One finding of the cross-checks. `id` names the rule and its instance ("T3-a:natural_person");
 * `cells` are the paths it concerns ("table3.new_received.natural_person"), for marking them.
 */
export interface ReportCheck {
  id: string;
  severity: CheckSeverity;
  cells: string[];
  message: string;
  overridden: boolean;
  reason: string | null;
}

/** A cell set by hand (issue 9 §5): `cell` is its path, `computed` what the records gave. */
export interface ReportOverride {
  cell: string;
  value: Table2Value;
  computed: Table2Value | null;
  reason: string;
  by: string;
  at: string;
}

/** The seed-style counts of section 一: items published in the year, per column and per channel. */
export interface PublishingStatistics {
  items_published: number;
  by_column: { code: string; name: string; count: number; children: { code: string; name: string; count: number }[] }[];
  by_channel: { code: string; name: string; count: number }[];
  /** 信息处理费 collected in the year (FeeCharge.paidOn), in 元. */
  fees_collected_yuan: number;
}

export interface ReportData {
  year: number;
  format: ReportFormatKey;
  status: ReportStatus;
  bureau: string;
  /** Sanitised HTML; live fields are <span data-metric="…">value</span>. */
  sections: Record<(typeof SECTION_KEYS)[number], string>;
  table2: Table2Data;
  table3: Table3Data;
  table4: Table4Data;
  statistics: PublishingStatistics;
  checks: ReportCheck[];
  overrides: ReportOverride[];
}

/** "12", "0.5", "1234.5678": 万元 and 元 amounts are exact decimals, never floats. */
export const DECIMAL_PATTERN = /^(0|[1-9]\d{0,11})(\.\d{1,4})?$/;

const count = z.number({ error: "应为数字" }).int("应为整数").min(0, "不能为负数").max(1e9, "数值过大");
const change = z.number({ error: "应为数字" }).int("应为整数").min(-1e9, "数值过大").max(1e9, "数值过大");
const decimal = z.string({ error: "应为数字字符串，如 \"12.5\"" }).regex(DECIMAL_PATTERN, "应为不带单位的非负数，最多四位小数");

function table2Schema(format: ReportFormat) {
  const rows: Record<string, z.ZodType> = {};
  for (const block of format.table2.blocks) {
    for (const row of block.rows) {
      const cells: Record<string, z.ZodType> = {};
      for (const c of block.columns) cells[c.key] = c.kind === "decimal" ? decimal : c.kind === "change" ? change : count;
      rows[row.key] = z.strictObject(cells);
    }
  }
  return z.strictObject(rows);
}

function table3Schema(format: ReportFormat) {
  const cells = z.strictObject(Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, count])));
  return z.strictObject(Object.fromEntries(format.table3.rows.map((r) => [r.key, cells])));
}

const table4Schema = z.strictObject(
  Object.fromEntries(TABLE4.blocks.map((b) => [b.key, z.strictObject(Object.fromEntries(TABLE4.columns.map((c) => [c.key, count])))])),
);

const checkSchema = z.object({
  id: z.string(),
  severity: z.enum(["error", "warning"]),
  cells: z.array(z.string()),
  message: z.string(),
  overridden: z.boolean(),
  reason: z.string().nullable(),
});

const overrideSchema = z.object({
  cell: z.string().max(100),
  value: z.union([z.number(), z.string()]),
  computed: z.union([z.number(), z.string()]).nullable(),
  reason: z.string().min(1).max(500),
  by: z.string().max(100),
  at: z.string().max(40),
});

const statisticsSchema = z.object({
  items_published: count,
  by_column: z.array(
    z.object({ code: z.string(), name: z.string(), count, children: z.array(z.object({ code: z.string(), name: z.string(), count })) }),
  ),
  by_channel: z.array(z.object({ code: z.string(), name: z.string(), count })),
  fees_collected_yuan: count,
});

function reportSchemaOf(format: ReportFormat) {
  return z.object({
    year: z.number().int().min(2008, "年份应在 2008 年以后").max(2100),
    format: z.literal(format.key),
    status: z.enum(REPORT_STATUSES),
    bureau: z.string().max(200),
    sections: z.strictObject(Object.fromEntries(SECTION_KEYS.map((k) => [k, z.string().max(200_000)]))),
    table2: table2Schema(format),
    table3: table3Schema(format),
    table4: table4Schema,
    statistics: statisticsSchema.optional(),
    checks: z.array(checkSchema).optional(),
    overrides: z.array(overrideSchema).optional(),
  });
}

/** The report JSON, either format; `format` decides which table keys are allowed. */
export const reportDataSchema = z.discriminatedUnion("format", [reportSchemaOf(GB2019), reportSchemaOf(GB2021)]);

export function isFormatKey(value: unknown): value is ReportFormatKey {
  return typeof value === "string" && (REPORT_FORMATS as readonly string[]).includes(value);
}

/** The JSON Schema served at /api/v1/reports/schema.json (draft 2020-12). */
export function reportJsonSchema() {
  return z.toJSONSchema(reportDataSchema, { target: "draft-2020-12", io: "output" });
}

/** An all-zero report of a year's format: a year with no data is a valid report of zeros. */
export function emptyTables(format: ReportFormat): Pick<ReportData, "table2" | "table3" | "table4"> {
  const table2: Table2Data = {};
  for (const block of format.table2.blocks) {
    for (const row of block.rows) table2[row.key] = Object.fromEntries(block.columns.map((c) => [c.key, c.kind === "decimal" ? "0" : 0]));
  }
  const zeros = () => Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, 0])) as Table3Data[string];
  const table3: Table3Data = Object.fromEntries(format.table3.rows.map((r) => [r.key, zeros()]));
  const table4 = Object.fromEntries(TABLE4.blocks.map((b) => [b.key, Object.fromEntries(TABLE4.columns.map((c) => [c.key, 0]))])) as Table4Data;
  return { table2, table3, table4 };
}

export { FORMATS };
