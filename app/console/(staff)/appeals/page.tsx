import Link from "next/link";
import { forbidden } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { chinaYear, formatChineseDate } from "@/lib/domain/dates";
import { APPEAL_KINDS, APPEAL_RESULTS } from "@/lib/domain/requests/ledger-records";
import { requireActor } from "@/lib/server/platform/auth";
import { APPEAL_KIND_TITLES, APPEAL_RESULT_LABELS, listAppeals } from "@/lib/server/requests/appeals";

export const metadata = { title: "行政复议和行政诉讼" };

type Search = { year?: string; saved?: string };

export default async function AppealsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const thisYear = chinaYear(new Date());
  const asked = Number(sp.year);
  const year = Number.isInteger(asked) && asked >= 2008 && asked <= thisYear + 1 ? asked : thisYear;
  const list = await listAppeals(actor, year);
  if (!list) forbidden();
  const years = [...new Set([thisYear, year, ...list.years])].sort((a, b) => b - a);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">行政复议和行政诉讼</h1>
          <p className="mt-1 text-sm text-gray-600">因政府信息公开工作被申请行政复议、提起行政诉讼的案件（年度报告表四），按收到日期所在年度统计。</p>
        </div>
        <Link href="/console/appeals/new" className={buttonClass()}>
          登记案件
        </Link>
      </div>
      {sp.saved && <Alert tone="success">{sp.saved === "new" ? "已登记案件。" : "已保存修改。"}</Alert>}
      <nav aria-label="选择年度" className="flex flex-wrap gap-2 text-sm">
        {years.map((y) => (
          <Link
            key={y}
            href={`/console/appeals?year=${y}`}
            aria-current={y === year ? "page" : undefined}
            className={`rounded px-3 py-1 ring-1 ring-inset ${y === year ? "bg-gov-red text-white ring-gov-red" : "bg-white ring-gray-300 hover:bg-gray-50"}`}
          >
            {y}
          </Link>
        ))}
      </nav>

      <Card title={`${year} 年案件统计`}>
        <div className="overflow-x-auto">
          <table className="min-w-full text-center text-sm" data-testid="appeal-counts">
            <thead>
              <tr>
                {APPEAL_KINDS.map((k) => (
                  <th key={k} colSpan={APPEAL_RESULTS.length + 1} scope="colgroup" className="border border-gray-200 px-2 py-1">
                    {APPEAL_KIND_TITLES[k]}
                  </th>
                ))}
              </tr>
              <tr>
                {APPEAL_KINDS.flatMap((k) =>
                  [...APPEAL_RESULTS.map((r) => [r, APPEAL_RESULT_LABELS[r]] as const), ["total", "总计"] as const].map(([r, label]) => (
                    <th key={`${k}-${r}`} scope="col" className="border border-gray-200 px-2 py-1 font-normal text-gray-700">
                      {label}
                    </th>
                  )),
                )}
              </tr>
            </thead>
            <tbody>
              <tr>
                {APPEAL_KINDS.flatMap((k) =>
                  [...APPEAL_RESULTS, "total" as const].map((r) => (
                    <td key={`${k}-${r}`} data-cell={`${k}-${r}`} className="border border-gray-200 px-2 py-1 tabular-nums">
                      {list.counts[k][r]}
                    </td>
                  )),
                )}
              </tr>
            </tbody>
          </table>
        </div>
      </Card>

      <Card title={`${year} 年案件（${list.rows.length} 件）`}>
        {list.rows.length === 0 ? (
          <p className="text-sm text-gray-600">本年度没有登记案件。</p>
        ) : (
          <table className="min-w-full text-left text-sm" data-testid="appeal-list">
            <thead className="text-gray-600">
              <tr>
                <th className="py-1 pr-4 font-normal">收到日期</th>
                <th className="py-1 pr-4 font-normal">类型</th>
                <th className="py-1 pr-4 font-normal">关联申请</th>
                <th className="py-1 pr-4 font-normal">结果</th>
                <th className="py-1 pr-4 font-normal">审结日期</th>
                <th className="py-1 font-normal">
                  <span className="sr-only">操作</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((a) => (
                <tr key={a.id} className="border-t border-gray-100">
                  <td className="py-1 pr-4">{formatChineseDate(a.filedOn)}</td>
                  <td className="py-1 pr-4">{a.kindLabel}</td>
                  <td className="py-1 pr-4">
                    {a.request ? (
                      <Link className="text-gov-red underline" href={`/console/requests/${a.request.id}`}>
                        {a.request.number ?? "查看申请"}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="py-1 pr-4">{a.resultLabel}</td>
                  <td className="py-1 pr-4">{a.concludedOn ? formatChineseDate(a.concludedOn) : "—"}</td>
                  <td className="py-1">
                    <Link className="text-gov-red underline" href={`/console/appeals/${a.id}`}>
                      {a.result === "pending" ? "修改或审结" : "修改"}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
