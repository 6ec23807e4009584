import type { ReportFormatKey } from "@/lib/domain/reports/formats";
import type { ReportState, ReportVersionSummary } from "@/lib/server/reports/store";

/** What the office reads for a year's state and format, and how each state looks. */

export const REPORT_STATE_LABELS: Record<ReportState | "none", string> = {
  none: "未开始",
  draft: "草稿",
  review: "审核中",
  published: "已公布",
  correcting: "更正中",
  imported: "已导入",
};

export const REPORT_STATE_TONES: Record<ReportState | "none", string> = {
  none: "bg-gray-100 text-gray-700",
  draft: "bg-gray-100 text-gray-800",
  review: "bg-amber-50 text-amber-800",
  published: "bg-green-50 text-green-800",
  correcting: "bg-orange-50 text-orange-800",
  imported: "bg-blue-50 text-blue-800",
};

export const REPORT_FORMAT_LABELS: Record<ReportFormatKey, string> = {
  GB2019: "GB2019 2019试行格式",
  GB2021: "GB2021",
};

export const VERSION_STATUS_LABELS: Record<ReportVersionSummary["status"], string> = {
  review: "审核中",
  returned: "已退回",
  published: "已公布",
  withdrawn: "已撤回",
  imported: "已导入",
};

export function StateBadge({ state }: { state: ReportState | "none" }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${REPORT_STATE_TONES[state]}`}>{REPORT_STATE_LABELS[state]}</span>;
}
