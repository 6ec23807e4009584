import Link from "next/link";
import { Card } from "@/components/ui/card";
import { formatChineseDate } from "@/lib/domain/dates";
import type { ReportCountdown } from "@/lib/server/reports/views";
import { StateBadge } from "./labels";

/** 工作台: days left to publish last year's report (条例第五十条, the deadline a site setting). */
export function ReportCountdownCard({ year, deadline, daysLeft, published, state }: ReportCountdown) {
  const tone = daysLeft < 0 ? "text-red-700" : daysLeft <= 14 ? "text-amber-700" : "text-gray-900";
  return (
    <Card title="年度报告">
      <p className="text-sm" data-testid="report-countdown">
        {year}年政府信息公开工作年度报告应于 {formatChineseDate(deadline)} 前公布，
        {published ? (
          <span className="font-semibold text-green-800">已公布</span>
        ) : (
          <span className={`font-semibold ${tone}`}>{daysLeft >= 0 ? `还剩 ${daysLeft} 天` : `已逾期 ${-daysLeft} 天`}</span>
        )}
        。
      </p>
      <p className="mt-1 text-sm">
        当前状态：<StateBadge state={state} />
      </p>
      <p className="mt-2 text-sm">
        <Link href={`/console/reports/${year}`} className="text-gov-red hover:underline">
          编辑 {year} 年度报告
        </Link>
      </p>
    </Card>
  );
}
