import { forbidden, notFound } from "next/navigation";
import { DashboardFilter } from "@/components/dashboard/dashboard-filter";
import { TimelinessChart } from "@/components/dashboard/timeliness-chart";
import { DepartmentTable, MetricDefinitions, MonthlyTable } from "@/components/dashboard/timeliness-tables";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { formatChineseDate } from "@/lib/domain/dates";
import { formatRate, monthsBegun } from "@/lib/domain/timeliness";
import { requireActor } from "@/lib/server/platform/auth";
import { timelinessDashboard } from "@/lib/server/items/dashboard";

export const metadata = { title: "公开时效统计" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ year?: string; department?: string }> }) {
  const actor = await requireActor();
  const { year, department } = await searchParams;
  const result = await timelinessDashboard(actor, { year, department });
  if (!result.ok) {
    if (result.error === "not_found") notFound();
    forbidden();
  }
  const v = result.value;
  const scope = v.department?.name ?? "全局";
  const t = v.total;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">公开时效统计</h1>
          <p className="mt-1 text-sm text-gray-600" data-testid="dashboard-scope">
            {scope} · {v.year}年 · 统计截至 {formatChineseDate(v.today)}
          </p>
        </div>
        <DashboardFilter year={v.year} years={v.years} department={v.department?.code ?? null} departments={v.departments} mayOffice={v.mayOffice} />
      </div>
      {!v.covered && (
        <Alert tone="info">
          {v.year}年的部分公开期限落在尚未录入节假日安排的年份，这些期限只扣除了周末，可能不准确。请系统管理员在“工作日历”中补录。
        </Alert>
      )}
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="提交" value={t.submitted} note="全年首次提交审核" />
        <Stat label="发布" value={t.published} note={t.target === null ? "未设月度目标" : `目标 ${t.target}，完成率 ${formatRate(t.targetRate)}`} />
        <Stat label="按时率" value={formatRate(t.onTimeRate)} note={`按时 ${t.onTime}，逾期 ${t.overdue}（其中未发布 ${t.overdueOpen}）`} />
        <Stat label="退回率" value={formatRate(t.returnRate)} note={`退回修改 ${t.returned} 条`} />
      </dl>
      <Card title={`${scope} ${v.year}年各月提交、发布与目标`}>
        <TimelinessChart id="timeliness" title={`${scope} ${v.year}年各月提交、按时发布、逾期发布与月度目标`} months={v.months} throughMonth={monthsBegun(v.year, beijingMonthOf(v.today))} />
      </Card>
      <Card title="按月明细">
        <div className="space-y-3">
          <MonthlyTable caption={`${scope} ${v.year}年按月统计`} months={v.months} total={v.total} />
          <MetricDefinitions />
        </div>
      </Card>
      {v.department === null && v.byDepartment.length > 0 && (
        <Card title={`各处室 ${v.year}年合计`}>
          <DepartmentTable caption={`各处室 ${v.year}年合计`} year={v.year} rows={v.byDepartment} />
        </Card>
      )}
    </div>
  );
}

const beijingMonthOf = (today: string) => ({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) });

function Stat({ label, value, note }: { label: string; value: React.ReactNode; note: string }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-white px-4 py-3 shadow-sm">
      <dt className="text-sm text-gray-600">{label}</dt>
      <dd className="mt-1 text-2xl font-bold tabular-nums">{value}</dd>
      <dd className="mt-1 text-xs text-gray-600">{note}</dd>
    </div>
  );
}
