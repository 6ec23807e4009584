import ExcelJS from "exceljs";
import { APPEAL_COLUMNS, APPEAL_KIND_LABELS, APPEAL_RESULT_LABELS, CHANNEL_WORDS, REQUEST_COLUMNS, type LedgerColumn } from "@/lib/domain/requests/ledger-columns";
import { APPEAL_KINDS, APPEAL_RESULTS } from "@/lib/domain/requests/ledger-records";
import { OUTCOME_KEYS, outcomeLedgerLabel } from "@/lib/domain/requests/outcomes";
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES } from "@/lib/domain/requests/vocabulary";
import { toCsv } from "./csv";

/*
 * The downloadable 台账 templates (issue #8 §9): the contract's headers in row 1, one example row,
 * and in the XLSX a second sheet 填写说明 with every accepted value. The CSV goes through toCsv
 * (BOM, so Excel reads the hanzi; formula-like cells neutralised).
 */

export type TemplateFormat = "xlsx" | "csv";

interface Template {
  sheetName: string;
  columns: readonly LedgerColumn[];
  example: readonly string[];
  /** Accepted values: [heading, [value, code][]]. */
  values: readonly (readonly [string, readonly (readonly [string, string])[]])[];
}

const REQUESTS: Template = {
  sheetName: "依申请公开台账",
  columns: REQUEST_COLUMNS,
  example: ["2025-001", "2025-03-05", "信函", "自然人", "张三", "申请公开本局2024年度科技计划项目立项清单", "予以公开", "2025-03-20", "办公室"],
  values: [
    ["申请方式", CHANNEL_WORDS.map((w) => [w, ""] as const)],
    ["申请人类型", APPLICANT_TYPES.map((t) => [APPLICANT_TYPE_LABELS[t], t] as const)],
    ["办理结果", OUTCOME_KEYS.map((k) => [outcomeLedgerLabel(k), k] as const)],
  ],
};

const APPEALS: Template = {
  sheetName: "行政复议诉讼台账",
  columns: APPEAL_COLUMNS,
  example: ["行政复议", "2025-04-10", "维持", "2025-06-05", "2025-001"],
  values: [
    ["类型", APPEAL_KINDS.map((k) => [APPEAL_KIND_LABELS[k], k] as const)],
    ["结果", APPEAL_RESULTS.map((r) => [APPEAL_RESULT_LABELS[r], r] as const)],
  ],
};

export function requestLedgerTemplate(format: TemplateFormat): Promise<Buffer> {
  return render(REQUESTS, format);
}

export function appealLedgerTemplate(format: TemplateFormat): Promise<Buffer> {
  return render(APPEALS, format);
}

async function render(template: Template, format: TemplateFormat): Promise<Buffer> {
  const header = template.columns.map((c) => c.name);
  if (format === "csv") return Buffer.from(toCsv([header, template.example]), "utf8");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(template.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = template.columns.map((c) => ({
    header: c.name,
    width: c.name === "申请内容" ? 40 : 16,
    // Text format: 编号 0012 keeps its zeros, a typed date stays as typed (the import reads both).
    style: { numFmt: "@" },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow([...template.example]);
  instructions(workbook.addWorksheet("填写说明"), template);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function instructions(sheet: ExcelJS.Worksheet, template: Template): void {
  sheet.columns = [{ width: 48 }, { width: 28 }, { width: 80 }];
  const bold = (row: ExcelJS.Row) => (row.font = { bold: true });
  sheet.addRow([`请在“${template.sheetName}”工作表中填写，第 1 行表头不要修改；一行一件，从第 2 行开始。`]);
  sheet.addRow(["文件中任何一行有误时整个文件都不导入，并列出每一处错误的行号和列名；改正后重新导入即可。"]);
  sheet.addRow(["请填写数值，不要使用公式；文字以 = + - @ 开头的，按原文保存，不会被当作公式执行。"]);
  sheet.addRow([]);
  bold(sheet.addRow(["列名", "是否必须有此列", "填写要求"]));
  for (const c of template.columns) sheet.addRow([c.name, c.headerRequired ? "必须" : "可省略", c.help]);
  for (const [heading, values] of template.values) {
    sheet.addRow([]);
    bold(sheet.addRow([`${heading}可填写`, values.some(([, code]) => code) ? "或代码" : ""]));
    for (const [label, code] of values) sheet.addRow([label, code]);
  }
}
