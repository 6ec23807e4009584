import { recentMonths, type MonthRow } from "@/lib/domain/timeliness";

/*
 * A server-rendered SVG bar chart: no script, no chart library, nothing the CSP has to allow, and
 * it prints. Per month: 提交 beside 发布 (按时 below 逾期, stacked) and the month's target as a
 * dashed line across the group. The table under it carries the same numbers for screen readers.
 */

const H = 260;
const M = { top: 12, right: 8, bottom: 26, left: 34 };
const PLOT_H = H - M.top - M.bottom;
/** One month's width: twelve of them made the 720-unit chart. */
const GROUP = (720 - M.left - M.right) / 12;
const BAR = Math.min(16, GROUP / 3.5);

/** The axis top and step: 1, 2 or 5 × 10ⁿ, about four steps, at least 4. */
function scale(max: number): { top: number; step: number } {
  if (max <= 4) return { top: 4, step: 1 };
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  return { top: Math.ceil(max / step) * step, step };
}

export const SERIES = [
  { key: "submitted", label: "提交", className: "fill-slate-400", swatch: "bg-slate-400" },
  { key: "onTime", label: "按时发布", className: "fill-green-700", swatch: "bg-green-700" },
  { key: "late", label: "逾期发布", className: "fill-red-600", swatch: "bg-red-600" },
] as const;

/**
 * The whole year from a small tablet up; on a phone, where twelve months would shrink past reading
 * or scroll with the data out of sight, the six months around the latest activity (recentMonths).
 * Both are rendered on the server and CSS shows one, so no script is needed.
 */
export function TimelinessChart({ id, title, months, throughMonth }: { id: string; title: string; months: MonthRow[]; throughMonth: number }) {
  const max = Math.max(0, ...months.flatMap(({ metrics: m }) => [m.submitted, m.published, m.target ?? 0]));
  const hasTarget = months.some((m) => m.metrics.target !== null);
  const recent = recentMonths(months, throughMonth);
  const span = `${recent[0].month}–${recent[recent.length - 1].month}月`;
  return (
    <figure className="space-y-2">
      <div className="hidden sm:block">
        <Bars id={`${id}-year`} testId="timeliness-chart" title={title} months={months} max={max} />
      </div>
      <div className="sm:hidden">
        <Bars id={`${id}-recent`} testId="timeliness-chart-recent" title={`${title}（${span}）`} months={recent} max={max} />
        <p className="text-xs text-gray-600">手机上显示 {span}；全年各月的数字见下方“按月明细”。</p>
      </div>
      <figcaption>
        <ul className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-gray-700" aria-label="图例">
          {SERIES.map((s) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ${s.swatch}`} />
              {s.label}
            </li>
          ))}
          {hasTarget && (
            <li className="flex items-center gap-1.5">
              <span aria-hidden="true" className="inline-block w-4 border-t-2 border-dashed border-gray-900" />
              月度目标
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}

function Bars({ id, testId, title, months, max }: { id: string; testId: string; title: string; months: MonthRow[]; max: number }) {
  const { top, step } = scale(max);
  const W = M.left + M.right + months.length * GROUP;
  const y = (v: number) => M.top + PLOT_H - (v / top) * PLOT_H;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby={`${id}-title ${id}-desc`} data-testid={testId}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>每月提交条数、按时发布与逾期发布条数（叠加为发布总数）及月度目标；具体数字见下方表格。</desc>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} className={v === 0 ? "stroke-gray-500" : "stroke-gray-200"} strokeWidth={1} />
          <text x={M.left - 6} y={y(v) + 4} textAnchor="end" className="fill-gray-600 text-[11px]">
            {v}
          </text>
        </g>
      ))}
      {months.map(({ month, metrics: m }, i) => {
        const x0 = M.left + i * GROUP;
        const left = x0 + GROUP / 2 - BAR - 1;
        const right = x0 + GROUP / 2 + 1;
        const bar = (key: string, x: number, from: number, value: number, className: string, label: string) =>
          value > 0 && (
            <rect key={key} x={x} y={y(from + value)} width={BAR} height={y(from) - y(from + value)} className={className}>
              <title>{`${month}月 ${label} ${value} 条`}</title>
            </rect>
          );
        return (
          <g key={month} data-month={month}>
            {bar("s", left, 0, m.submitted, SERIES[0].className, "提交")}
            {bar("o", right, 0, m.onTime, SERIES[1].className, "按时发布")}
            {bar("l", right, m.onTime, m.late, SERIES[2].className, "逾期发布")}
            {m.target !== null && (
              <line x1={x0 + 4} x2={x0 + GROUP - 4} y1={y(m.target)} y2={y(m.target)} className="stroke-gray-900" strokeWidth={2} strokeDasharray="4 3">
                <title>{`${month}月 目标 ${m.target} 条`}</title>
              </line>
            )}
            <text x={x0 + GROUP / 2} y={H - 8} textAnchor="middle" className="fill-gray-700 text-[11px]">
              {month}月
            </text>
          </g>
        );
      })}
    </svg>
  );
}
