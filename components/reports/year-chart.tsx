import { useId } from "react";
import type { YearFigures } from "@/lib/domain/reports/public-api";

export type { YearFigures };

/**
 * The year-over-year comparison of annual reports (issue 9 §10): one small bar chart per figure,
 * each on its own scale (165 items published and 7 requests received on one axis would leave the
 * requests invisible), every bar labelled with its number so colour carries nothing alone, and the
 * same figures as a table for screen readers and for copying. Pure React, no data access: the
 * public listing and the console pass the rows.
 */


const METRICS = [
  { key: "received", label: "收到申请", unit: "件", color: "#b91c1c" },
  { key: "processed", label: "办结申请", unit: "件", color: "#1d4ed8" },
  { key: "appeals", label: "行政复议和诉讼", unit: "件", color: "#a16207" },
  { key: "itemsPublished", label: "主动公开信息", unit: "条", color: "#15803d" },
] as const;

const PANEL = { width: 260, height: 150, top: 22, bottom: 24, left: 8, right: 8 };

export function YearChart({ rows, title = "历年年度报告主要数据对比" }: { rows: YearFigures[]; title?: string }) {
  const id = useId();
  const years = [...rows].sort((a, b) => a.year - b.year);
  if (years.length === 0) return null;
  return (
    <figure className="my-6" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="mb-3 font-semibold text-gray-900">
        {title}
      </figcaption>
      <div className="grid gap-4 sm:grid-cols-2">
        {METRICS.map((m) => (
          <Panel key={m.key} metric={m} rows={years} />
        ))}
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-gov-red underline">以表格查看数据</summary>
        <div className="table-scroll mt-2 overflow-x-auto" role="region" tabIndex={0} aria-label="历年数据表（可左右滚动）">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col" className="border border-gray-400 bg-gray-100 px-2 py-1">年度</th>
                {METRICS.map((m) => (
                  <th key={m.key} scope="col" className="border border-gray-400 bg-gray-100 px-2 py-1">
                    {m.label}（{m.unit}）
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {years.map((r) => (
                <tr key={r.year}>
                  <th scope="row" className="border border-gray-400 px-2 py-1 font-normal">{r.year}年</th>
                  {METRICS.map((m) => (
                    <td key={m.key} className="border border-gray-400 px-2 py-1 text-center">
                      {r[m.key] ?? "—"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function Panel({ metric, rows }: { metric: (typeof METRICS)[number]; rows: YearFigures[] }) {
  const values = rows.map((r) => r[metric.key]);
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const plotH = PANEL.height - PANEL.top - PANEL.bottom;
  const slot = (PANEL.width - PANEL.left - PANEL.right) / rows.length;
  const barW = Math.min(36, slot * 0.6);
  const summary = rows.map((r, i) => `${r.year}年${values[i] ?? "未填报"}${values[i] === null ? "" : metric.unit}`).join("，");
  return (
    <svg viewBox={`0 0 ${PANEL.width} ${PANEL.height}`} role="img" aria-label={`${metric.label}：${summary}`} className="w-full rounded border border-gray-200 bg-white">
      <text x={PANEL.left} y={14} fontSize="12" fill="#111827">
        {metric.label}（{metric.unit}）
      </text>
      <line x1={PANEL.left} x2={PANEL.width - PANEL.right} y1={PANEL.top + plotH} y2={PANEL.top + plotH} stroke="#6b7280" strokeWidth="1" />
      {rows.map((r, i) => {
        const v = values[i];
        const h = v === null ? 0 : (v / max) * (plotH - 14);
        const x = PANEL.left + slot * i + (slot - barW) / 2;
        const y = PANEL.top + plotH - h;
        return (
          <g key={r.year}>
            {v !== null && <rect x={x} y={y} width={barW} height={h} fill={metric.color} />}
            <text x={x + barW / 2} y={y - 3} fontSize="11" textAnchor="middle" fill="#111827">
              {v ?? "—"}
            </text>
            <text x={x + barW / 2} y={PANEL.height - 8} fontSize="11" textAnchor="middle" fill="#374151">
              {r.year}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
