import { forbidden } from "next/navigation";
import { ReportImportForm } from "@/components/reports/import-form";
import { ReportComparisonTable, ReportYearsTable } from "@/components/reports/years-overview";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/server/platform/auth";
import { listReportYears } from "@/lib/server/reports/store";
import { importReportAction } from "./actions";

export const metadata = { title: "政府信息公开工作年度报告" };

export default async function ReportsPage() {
  const actor = await requireActor();
  const result = await listReportYears(actor);
  if (!result.ok) forbidden();
  const years = result.value;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">政府信息公开工作年度报告</h1>
        <p className="mt-1 text-sm text-gray-600">
          《条例》第四十九条、第五十条：每年1月31日前向社会公布上一年度的年度报告。表二至表四的数据由系统按记录计算，公开办填写文字部分、录入业务数据并说明检查结果后送审。
        </p>
      </div>
      <Card title="各年度报告">
        <ReportYearsTable years={years} />
      </Card>
      <Card title="多年对比">
        <ReportComparisonTable years={years} />
      </Card>
      <Card title="导入往年报告">
        <ReportImportForm action={importReportAction} />
      </Card>
    </div>
  );
}
