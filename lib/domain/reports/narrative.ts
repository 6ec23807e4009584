/*
 * The narrative (sections 一, 五, 六) and the figures: live fields bound to metrics, the seed-style
 * sentences of section 一, and the numbers free text states for a known quantity.
 * CONTRACT (issue 9, lead): signatures fixed; the report-domain helper implements them.
 */
import type { PublishingStatistics, ReportData } from "./shape";

/** A figure the narrative may show as a live field: <span data-metric="key">value</span>. */
export interface Metric {
  key: string;
  label: string;
}

/** The metrics a report of these statistics offers (items per column and channel included). */
export function reportMetrics(statistics: PublishingStatistics): Metric[] {
  void statistics;
  return [];
}

/** The metric's current value as printed ("165", "0.5"), null for an unknown key. */
export function metricValue(data: Pick<ReportData, "table2" | "table3" | "table4" | "statistics">, key: string): string | null {
  void data;
  void key;
  return null;
}

/** The HTML with every live field's text set to its metric's value (unknown metrics: "—"). */
export function fillLiveFields(html: string, data: Pick<ReportData, "table2" | "table3" | "table4" | "statistics">): string {
  void data;
  return html;
}

/** The seed-style sentences of section 一 ("2019年，共公开信息165条，其中…"), as HTML paragraphs with live fields. */
export function overviewSentences(year: number, statistics: PublishingStatistics): string[] {
  void year;
  void statistics;
  return [];
}
