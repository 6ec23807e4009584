import Link from "next/link";
import { chinaYear, formatChineseDate } from "@/lib/domain/dates";
import type { ReportYearSummary } from "@/lib/server/reports/store";
import { REPORT_FORMAT_LABELS, StateBadge } from "./labels";
import { YearChart } from "./year-chart";

/** The years the office can open, newest first: each year's format, state and publication date. */
export function ReportYearsTable({ years }: { years: ReportYearSummary[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm" data-testid="report-years">
        <caption className="sr-only">各年度政府信息公开工作年度报告</caption>
        <thead className="border-b border-gray-200 text-gray-600">
          <tr>
            <th scope="col" className="px-2 py-2 font-medium">年度</th>
            <th scope="col" className="px-2 py-2 font-medium">格式</th>
            <th scope="col" className="px-2 py-2 font-medium">状态</th>
            <th scope="col" className="px-2 py-2 font-medium">公布日期</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.year} className="border-b border-gray-100" data-year={y.year}>
              <th scope="row" className="px-2 py-2 font-medium">
                <Link href={`/console/reports/${y.year}`} className="text-gov-red hover:underline">
                  {y.year}年度报告
                </Link>
              </th>
              <td className="px-2 py-2">{REPORT_FORMAT_LABELS[y.format]}</td>
              <td className="px-2 py-2">
                <StateBadge state={y.state} />
                {(y.state === "none" || y.state === "draft") && y.year < chinaYear(new Date()) && (
                  <Link href={`/console/reports/${y.year}/past`} className="ms-2 text-gov-red hover:underline">按表录入往年报告<span className="sr-only">（{y.year}年）</span></Link>
                )}
              </td>
              <td className="px-2 py-2">{y.publishedAt ? formatChineseDate(new Date(y.publishedAt)) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const COMPARISON_FIGURES = [
  { key: "received", label: "本年新收申请（件）" },
  { key: "processed", label: "办理结果总计（件）" },
  { key: "granted", label: "予以公开（件）" },
  { key: "appeals", label: "行政复议、行政诉讼（件）" },
  { key: "itemsPublished", label: "主动公开信息（条）" },
] as const;

/**
 * 多年对比 (issue 9 §10): the chart (year-chart.tsx, one panel per figure with its own table) and
 * the years side by side with 予以公开 too, which the chart leaves out.
 */
export function ReportComparisonTable({ years }: { years: ReportYearSummary[] }) {
  const shown = years.filter((y) => y.figures).sort((a, b) => a.year - b.year);
  if (shown.length === 0) return <p className="text-sm text-gray-600">尚无可对比的年度数据。</p>;
  return (
    <>
    <YearChart rows={shown.map((y) => ({ year: y.year, ...y.figures! }))} title="各年度主要数据对比" />
    <div className="overflow-x-auto" role="region" aria-label="多年对比表（可左右滚动）" tabIndex={0}>
      <table className="min-w-full text-right text-sm tabular-nums" data-testid="report-comparison">
        <caption className="sr-only">各年度主要数据对比</caption>
        <thead className="border-b border-gray-200 text-gray-600">
          <tr>
            <th scope="col" className="px-2 py-2 text-left font-medium">项目</th>
            {shown.map((y) => (
              <th key={y.year} scope="col" className="px-2 py-2 font-medium">
                {y.year}年
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {COMPARISON_FIGURES.map((f) => (
            <tr key={f.key} className="border-b border-gray-100">
              <th scope="row" className="px-2 py-2 text-left font-normal">{f.label}</th>
              {shown.map((y) => (
                <td key={y.year} className="px-2 py-2">{y.figures?.[f.key] ?? "—"}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    </>
  );
}
