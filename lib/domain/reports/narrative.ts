/*
 * The narrative (sections 一, 五, 六) and the figures: live fields bound to metrics, the seed-style
 * sentences of section 一, and the numbers free text states for a known quantity.
 * CONTRACT (issue 9, lead): signatures fixed; the report-domain helper implements them.
 */
import { cellLabel, cellPaths, readCell } from "./cells";
import { GB2019, GB2021, TABLE4, type ReportFormat } from "./formats";
import { replaceLiveFields } from "./live-fields";
import type { PublishingStatistics, ReportData } from "./shape";

export { liveFieldMetrics, sectionText } from "./live-fields";

/** A figure the narrative may show as a live field: <span data-metric="key">value</span>. */
export interface Metric {
  key: string;
  label: string;
}

type Figures = Pick<ReportData, "table2" | "table3" | "table4" | "statistics">;

/**
 * The metrics a report of these statistics offers (items per column and channel included).
 * `format` (an optional addition to the contract) limits the table metrics to that format's rows
 * and cells; without it the catalogue holds both formats' (a key the data lacks reads as "—").
 */
export function reportMetrics(statistics: PublishingStatistics, format?: ReportFormat): Metric[] {
  const formats = format ? [format] : [GB2021, GB2019];
  const metrics = new Map<string, string>();
  for (const f of formats) {
    for (const row of f.table3.rows) metrics.set(`table3.${row.key}.total`, cellLabel(f, `table3.${row.key}.total`));
  }
  for (const block of TABLE4.blocks) metrics.set(`table4.${block.key}.total`, cellLabel(GB2021, `table4.${block.key}.total`));
  for (const f of formats) {
    for (const path of cellPaths(f).filter((p) => p.startsWith("table2."))) metrics.set(path, cellLabel(f, path));
  }
  metrics.set("statistics.items_published", "本年公开政府信息总数（条）");
  for (const column of statistics.by_column) {
    metrics.set(`statistics.column.${column.code}`, `栏目“${column.name}”本年公开信息数（条）`);
    for (const child of column.children) metrics.set(`statistics.column.${child.code}`, `栏目“${column.name} › ${child.name}”本年公开信息数（条）`);
  }
  for (const channel of statistics.by_channel) metrics.set(`statistics.channel.${channel.code}`, `在“${channel.name}”发布信息数（条）`);
  metrics.set("statistics.fees_collected_yuan", "本年收取信息处理费（元）");
  return [...metrics].map(([key, label]) => ({ key, label }));
}

/** The metric's current value as printed ("165", "0.5"), null for an unknown key. */
export function metricValue(data: Figures, key: string): string | null {
  if (key.startsWith("statistics.")) return statisticValue(data.statistics, key.slice("statistics.".length));
  if (!/^table[234]\.[a-z0-9_]+\.[a-z0-9_]+$/.test(key)) return null;
  const value = readCell(data, key);
  return value === undefined ? null : String(value);
}

function statisticValue(statistics: PublishingStatistics | undefined, key: string): string | null {
  if (!statistics) return null;
  if (key === "items_published") return String(statistics.items_published);
  if (key === "fees_collected_yuan") return String(statistics.fees_collected_yuan);
  const [kind, code] = key.split(/\.(.*)/s);
  if (kind === "channel") {
    const channel = statistics.by_channel.find((c) => c.code === code);
    return channel ? String(channel.count) : null;
  }
  if (kind === "column") {
    const column = statistics.by_column.flatMap((c) => [c, ...c.children]).find((c) => c.code === code);
    return column ? String(column.count) : null;
  }
  return null;
}

/** The HTML with every live field's text set to its metric's value (unknown metrics: "—"). */
export function fillLiveFields(html: string, data: Figures): string {
  return replaceLiveFields(html, (key) => metricValue(data, key) ?? "—");
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
const field = (key: string, value: number) => `<span data-metric="${esc(key)}">${value}</span>`;

/**
 * The seed-style sentences of section 一 ("2019年，共公开信息165条，其中…"), as HTML paragraphs with
 * live fields: the year's total with its columns (as the seed lists them, children in brackets),
 * then one sentence per channel. Columns and channels that published nothing are left out, as a
 * clerk writing by hand would; the total is always stated.
 */
export function overviewSentences(year: number, statistics: PublishingStatistics): string[] {
  const columns = statistics.by_column
    .filter((c) => c.count > 0)
    .map((c) => {
      const children = c.children.filter((k) => k.count > 0).map((k) => `${esc(k.name)}${field(`statistics.column.${k.code}`, k.count)}条`);
      return `${esc(c.name)}${field(`statistics.column.${c.code}`, c.count)}条${children.length ? `（包括${children.join("，")}）` : ""}`;
    });
  const total = `${year}年，共公开政府信息${field("statistics.items_published", statistics.items_published)}条`;
  const first = `<p>${total}${columns.length ? `，其中，${columns.join("，")}` : ""}。</p>`;
  const channels = statistics.by_channel
    .filter((c) => c.count > 0)
    .map((c) => `<p>在${esc(c.name)}发布信息${field(`statistics.channel.${c.code}`, c.count)}条。</p>`);
  return [first, ...channels];
}
