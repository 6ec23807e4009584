/*
 * The annual report's renderers (issue 9 §8): an ExportDocument for DOCX and PDF, CSV per table,
 * and the HTML of the report (sections and real tables) that the item body, the public page and
 * the print view all use. They walk the format (lib/domain/reports/formats.ts); none names a row.
 * CONTRACT (issue 9, lead): signatures fixed; the report-export helper implements them.
 */
import { sanitizeBodyHtml } from "@/lib/domain/html";
import { cellLabel } from "@/lib/domain/reports/cells";
import { FORMATS, TABLE3_COLUMNS, TABLE3_HEADER, TABLE2_LABEL_HEAD, type ReportFormat, type ReportSection } from "@/lib/domain/reports/formats";
import { fillLiveFields } from "@/lib/domain/reports/narrative";
import type { ReportData } from "@/lib/domain/reports/shape";
import { toCsv } from "./csv";
import { DRAFT_MARK, heading, layoutTable, paragraph, type Block, type ExportDocument, type Table } from "./document";
import { narrativeBlocks } from "./report-narrative";
import { MISSING, table2Layout, table3Layout, table4Layout } from "./report-tables";

export type ReportTableKey = "table2" | "table3" | "table4";

/** 表二/表三/表四: how the page, the CSV and the download links name the tables. */
export const REPORT_TABLE_NAMES: Record<ReportTableKey, string> = { table2: "表二", table3: "表三", table4: "表四" };
export const REPORT_TABLE_KEYS = Object.keys(REPORT_TABLE_NAMES) as ReportTableKey[];

export const reportTitle = (data: Pick<ReportData, "bureau" | "year">) => `${data.bureau}${data.year}年政府信息公开工作年度报告`;

const formatOf = (data: Pick<ReportData, "format">): ReportFormat => FORMATS[data.format];

function tableOf(format: ReportFormat, data: ReportData, key: ReportTableKey): Table {
  return key === "table2" ? table2Layout(format, data) : key === "table3" ? table3Layout(format, data) : table4Layout(format, data);
}

/**
 * The section's narrative through the allowlist again (an imported JSON's HTML is not trusted).
 * Live fields are filled for a draft only: a frozen report (published, imported) prints the values
 * it was frozen with — an import may lack the statistics a refill would read as zeros.
 */
function sectionHtml(data: ReportData, section: ReportSection & { content: { kind: "text" } }): string {
  const html = data.sections?.[section.content.key] ?? "";
  return sanitizeBodyHtml(data.status === "draft" ? fillLiveFields(html, data) : html);
}

/** The notes (说明) every format prints at the end: overrides with their reasons, accepted checks. */
export function reportNotes(data: ReportData): string[] {
  const format = formatOf(data);
  const overrides = (data.overrides ?? []).map(
    (o) => `${cellLabel(format, o.cell)}：填报数为 ${o.value}${o.computed === null || o.computed === undefined ? "" : `（据记录计算为 ${o.computed}）`}。理由：${o.reason}`,
  );
  const accepted = (data.checks ?? []).filter((c) => c.overridden).map((c) => `${c.message}（已说明：${c.reason ?? ""}）`);
  return [...overrides, ...accepted];
}

const DRAFT_NOTE = "本报告尚未审核发布，内容以正式公开的版本为准。";

/** Title, six sections, bordered tables with merged header cells, notes (overrides, accepted checks); 草稿 when not frozen. */
export function reportDocument(data: ReportData, options: { draft: boolean }): ExportDocument {
  const format = formatOf(data);
  const blocks: Block[] = [];
  for (const section of format.sections) {
    blocks.push(heading(1, section.title));
    if (section.content.kind === "text") {
      const body = narrativeBlocks(sectionHtml(data, section as ReportSection & { content: { kind: "text" } }));
      blocks.push(...(body.length ? body : [paragraph("无。")]));
    } else {
      blocks.push({ kind: "table", table: tableOf(format, data, section.content.kind) });
    }
  }
  const notes = reportNotes(data);
  if (notes.length) blocks.push({ kind: "notes", title: "说明：", items: notes });
  return { title: reportTitle(data), draft: options.draft, blocks };
}

// ---- CSV ----

const TABLE3_COLUMN_LABELS = TABLE3_COLUMNS.map((c) =>
  c === "natural_person" ? TABLE3_HEADER.naturalPerson : c === "total" ? TABLE3_HEADER.total : `${TABLE3_HEADER.organisations}／${TABLE3_HEADER.organisationTypes.find((t) => t.key === c)?.label ?? c}`,
);

const text = (value: unknown) => (value === undefined || value === null ? MISSING : String(value));

/**
 * Table rows for a spreadsheet: every line stands on its own (the label path in its own columns,
 * repeated, not merged away), so a clerk can filter and sum in Excel or WPS; numbers unquoted.
 */
function csvRows(format: ReportFormat, data: ReportData, key: ReportTableKey): string[][] {
  if (key === "table2") {
    return format.table2.blocks.flatMap((block) => [
      [block.title],
      [TABLE2_LABEL_HEAD, ...block.columns.map((c) => c.label)],
      ...block.rows.map((row) => [row.label, ...block.columns.map((c) => text(data.table2?.[row.key]?.[c.key]))]),
    ]);
  }
  if (key === "table3") {
    const depth = format.table3.labelDepth;
    const levels = Array.from({ length: depth }, (_, i) => `项目（第${"一二三四五"[i] ?? i + 1}级）`);
    return [
      [format.table3.note],
      [...levels, ...TABLE3_COLUMN_LABELS],
      ...format.table3.rows.map((row) => [
        ...Array.from({ length: depth }, (_, i) => row.labels[i] ?? ""),
        ...TABLE3_COLUMNS.map((c) => text(data.table3?.[row.key]?.[c])),
      ]),
    ];
  }
  const { blocks, columns } = format.table4;
  const label = (b: (typeof blocks)[number]) => (b.label === b.group ? b.group : `${b.group}／${b.label}`);
  return [blocks.flatMap((b) => columns.map((c) => `${label(b)}／${c.label}`)), blocks.flatMap((b) => columns.map((c) => text(data.table4?.[b.key]?.[c.key])))];
}

/** One table as CSV (UTF-8 BOM, the format's labels), or all three one after another. */
export function reportCsv(data: ReportData, table: ReportTableKey | "all"): string {
  const format = formatOf(data);
  const title = (key: ReportTableKey) => [tableCaption(format, key)];
  const mark = data.status === "draft" ? [[`${reportTitle(data)}（${DRAFT_MARK}）`]] : [];
  if (table !== "all") return toCsv([...mark, ...csvRows(format, data, table)]);
  return toCsv([...mark, ...REPORT_TABLE_KEYS.flatMap((key, i) => [...(i > 0 ? [[]] : []), title(key), ...csvRows(format, data, key)])]);
}

/** "表三 收到和处理政府信息公开申请情况": the table's name and its section's title without the numeral. */
export function tableCaption(format: ReportFormat, key: ReportTableKey): string {
  const title = format.sections.find((s) => s.content.kind === key)?.title ?? "";
  return `${REPORT_TABLE_NAMES[key]} ${title.replace(/^[一二三四五六七八九十]+、/, "")}`.trim();
}

// ---- HTML ----

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ESCAPES[c]);

/**
 * A Table as HTML the item-body allowlist keeps as it is (lib/domain/html.ts): thead of th,
 * row labels as th, figures as td; merges as colspan/rowspan; alignment as text-align only.
 */
export function tableHtml(table: Table, caption?: string): string {
  const grid = layoutTable(table);
  const headerRows = table.headerRows ?? 0;
  const row = (r: number) =>
    "<tr>" +
    grid.placed[r]
      .map(({ cell, colSpan, rowSpan }) => {
        const tag = r < headerRows || !cell.numeric ? "th" : "td";
        const spans = `${colSpan > 1 ? ` colspan="${colSpan}"` : ""}${rowSpan > 1 ? ` rowspan="${rowSpan}"` : ""}`;
        const align = cell.align ?? (cell.numeric ? "center" : "left");
        return `<${tag}${spans} style="text-align:${align}">${esc(cell.text)}</${tag}>`;
      })
      .join("") +
    "</tr>";
  const rows = table.rows.map((_, r) => row(r));
  const thead = headerRows ? `<thead>${rows.slice(0, headerRows).join("")}</thead>` : "";
  return `<table>${caption ? `<caption>${esc(caption)}</caption>` : ""}${thead}<tbody>${rows.slice(headerRows).join("")}</tbody></table>`;
}

/** The report as HTML (sections with live fields filled, tables with merged header cells). */
export function reportHtml(data: ReportData): string {
  const format = formatOf(data);
  const parts: string[] = [];
  if (data.status === "draft") parts.push(`<p><strong>${DRAFT_MARK}</strong>：${DRAFT_NOTE}</p>`);
  for (const section of format.sections) {
    parts.push(`<h2>${esc(section.title)}</h2>`);
    if (section.content.kind === "text") {
      parts.push(sectionHtml(data, section as ReportSection & { content: { kind: "text" } }) || "<p>无。</p>");
    } else {
      const key = section.content.kind;
      parts.push(tableHtml(tableOf(format, data, key), tableCaption(format, key)));
    }
  }
  const notes = reportNotes(data);
  if (notes.length) parts.push(`<h3>说明</h3><ol>${notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ol>`);
  return parts.join("\n");
}
