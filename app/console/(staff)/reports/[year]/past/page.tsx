import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { REPORT_FORMAT_LABELS } from "@/components/reports/labels";
import { PastYearForm } from "@/components/reports/past-year-form";
import { Alert } from "@/components/ui/alert";
import { chinaYear } from "@/lib/domain/dates";
import { reportYearProblem } from "@/lib/domain/reports/import-shape";
import { formatFor } from "@/lib/domain/reports/formats";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { yearTaken } from "@/lib/server/reports/import";
import { importTypedReportAction } from "../../past-actions";

export const metadata = { title: "按表录入往年年度报告" };

/**
 * 按表录入往年报告: a past year's published figures typed into the format's tables (issue 9 §6).
 * The page says up front why a year cannot take them (this year, a future one, a year already
 * published or imported); the import says it again on submit, in case someone was quicker.
 */
export default async function PastYearPage({ params }: { params: Promise<{ year: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "report.manage")) forbidden();
  const { year: raw } = await params;
  if (!/^\d{4}$/.test(raw)) notFound();
  const year = Number(raw);
  const now = new Date();
  const refusal =
    reportYearProblem(year, now) ?? (year === chinaYear(now) ? `${year} 年尚未结束，不能按往年报告录入；请在该年度的报告页面编制。` : null) ?? (await yearTaken(year));
  const format = formatFor(year);
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/console/reports" className="text-gov-red hover:underline">年度报告</Link>
        </p>
        <h1 className="text-2xl font-bold">录入{year}年政府信息公开工作年度报告</h1>
        <p className="mt-1 text-sm text-gray-600">
          {REPORT_FORMAT_LABELS[format.key]}（{format.source}）。照已公布的报告逐格填写，提交后作为该年度已导入的报告保存，不能再修改，用于上年结转检查和多年对比。
        </p>
      </div>
      {refusal ? (
        <Alert tone="error">
          <span data-testid="past-year-refusal">{refusal}</span>{" "}
          {year <= chinaYear(now) && year >= 2008 && (
            <Link href={`/console/reports/${year}`} className="font-medium underline">查看 {year} 年报告</Link>
          )}
        </Alert>
      ) : (
        <PastYearForm year={year} formatKey={format.key} action={importTypedReportAction} />
      )}
    </div>
  );
}
