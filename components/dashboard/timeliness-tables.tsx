import Link from "next/link";
import { formatRate, type MonthMetrics, type MonthRow } from "@/lib/domain/timeliness";

const th = "px-2 py-2 text-right font-medium whitespace-nowrap";
const td = "px-2 py-1.5 text-right tabular-nums";

/** The month columns both tables share, in one place so their headings and cells stay aligned. */
const COLUMNS: { label: string; title?: string; cell: (m: MonthMetrics) => React.ReactNode }[] = [
  { label: "提交", title: "当月首次提交审核的条数", cell: (m) => m.submitted },
  { label: "发布", title: "当月首次发布的条数", cell: (m) => m.published },
  { label: "目标", cell: (m) => m.target ?? "—" },
  { label: "完成率", title: "发布 ÷ 目标", cell: (m) => <Met metrics={m} /> },
  { label: "按时发布", cell: (m) => m.onTime },
  { label: "逾期发布", cell: (m) => m.late },
  { label: "逾期未发布", title: "公开期限在当月且已过、仍未发布", cell: (m) => m.overdueOpen },
  { label: "按时率", title: "按时发布 ÷（按时发布 + 逾期发布 + 逾期未发布）", cell: (m) => formatRate(m.onTimeRate) },
  { label: "退回", title: "当月提交的信息中被退回修改过的条数", cell: (m) => m.returned },
  { label: "退回率", title: "退回 ÷ 提交", cell: (m) => formatRate(m.returnRate) },
];

function Met({ metrics }: { metrics: MonthMetrics }) {
  if (metrics.targetRate === null) return <>—</>;
  const met = metrics.published >= (metrics.target ?? 0);
  return <span className={met ? "text-green-800" : "text-red-700"}>{formatRate(metrics.targetRate)}</span>;
}

function Head({ first }: { first: string }) {
  return (
    <thead className="border-b border-gray-200 bg-gray-50 text-gray-700">
      <tr>
        <th scope="col" className="px-2 py-2 text-left font-medium">{first}</th>
        {COLUMNS.map((c) => (
          <th key={c.label} scope="col" className={th} title={c.title}>
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The chart's numbers, month by month, with the year's total. */
export function MonthlyTable({ caption, months, total }: { caption: string; months: MonthRow[]; total: MonthMetrics }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="monthly-table">
        <caption className="sr-only">{caption}</caption>
        <Head first="月份" />
        <tbody className="divide-y divide-gray-100">
          {months.map(({ month, metrics }) => (
            <tr key={month}>
              <th scope="row" className="px-2 py-1.5 text-left font-normal whitespace-nowrap">{month}月</th>
              {COLUMNS.map((c) => (
                <td key={c.label} className={td}>{c.cell(metrics)}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-gray-300 font-semibold">
          <tr>
            <th scope="row" className="px-2 py-2 text-left">全年</th>
            {COLUMNS.map((c) => (
              <td key={c.label} className={td}>{c.cell(total)}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The bureau view: one line per department, each opening that department's dashboard. */
export function DepartmentTable({ caption, year, rows }: { caption: string; year: number; rows: { code: string; name: string; total: MonthMetrics }[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="department-table">
        <caption className="sr-only">{caption}</caption>
        <Head first="处室" />
        <tbody className="divide-y divide-gray-100">
          {rows.map((r) => (
            <tr key={r.code}>
              <th scope="row" className="px-2 py-1.5 text-left font-normal whitespace-nowrap">
                <Link href={`/console/dashboard?year=${year}&department=${encodeURIComponent(r.code)}`} className="text-gov-red hover:underline">
                  {r.name}
                </Link>
              </th>
              {COLUMNS.map((c) => (
                <td key={c.label} className={td}>{c.cell(r.total)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 统计口径: what each number means, in the words the office uses. */
export function MetricDefinitions() {
  return (
    <details className="text-sm text-gray-700">
      <summary className="cursor-pointer text-gray-900">统计口径</summary>
      <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[7rem_1fr]">
        <dt className="font-medium">公开期限</dt>
        <dd>信息形成日期后第 20 个工作日（《政府信息公开条例》第二十六条；形成当日不计，扣除法定节假日，计入调休上班日）。</dd>
        <dt className="font-medium">提交</dt>
        <dd>当月首次提交审核的条数；退回后再次提交不重复计算。</dd>
        <dt className="font-medium">发布</dt>
        <dd>当月首次在公开网站发布的条数（北京时间）；定时发布以实际发布时间计；此后撤回不影响统计。</dd>
        <dt className="font-medium">按时 / 逾期发布</dt>
        <dd>发布日期不晚于公开期限为按时，否则为逾期；期限按所发布版本的信息形成日期计算。</dd>
        <dt className="font-medium">逾期未发布</dt>
        <dd>已提交、主动公开、未被决定不予公开，公开期限落在当月且已过仍未发布的条数；发布后改计入发布当月的“逾期发布”。</dd>
        <dt className="font-medium">按时率</dt>
        <dd>按时发布 ÷（按时发布 + 逾期发布 + 逾期未发布）。</dd>
        <dt className="font-medium">退回率</dt>
        <dd>当月提交的信息中至今被退回修改过的条数 ÷ 当月提交条数。</dd>
        <dt className="font-medium">完成率</dt>
        <dd>当月发布条数 ÷ 月度目标；全局视图的目标为各处室目标之和。</dd>
      </dl>
    </details>
  );
}
