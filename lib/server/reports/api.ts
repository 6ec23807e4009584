import "server-only";
import type { ApiError } from "@/lib/domain/public-api";
import type { ReportData } from "@/lib/domain/reports/shape";
import type { ApiReportYearList } from "@/lib/domain/reports/public-api";
import { parseReportYear, parseVersionNumber, publicReport } from "./public";
import { publicReportYears } from "./store";

/** GET /api/v1/reports: the years with a published or imported report, newest first. */
export async function apiReportYears(origin: string): Promise<ApiReportYearList> {
  const years = await publicReportYears();
  return {
    reports: years.map((y) => ({ ...y, url: `${origin}/api/v1/reports/${y.year}`, page: `${origin}/annual-reports/${y.year}` })),
  };
}

type ApiReportResult = { status: 200; body: ReportData } | { status: 400 | 404; body: ApiError };

/** GET /api/v1/reports/{year}[?version=N]: the newest published version's data, or version N's. */
export async function apiReport(yearParam: string, versionParam: string | null): Promise<ApiReportResult> {
  const year = parseReportYear(yearParam);
  const version = parseVersionNumber(versionParam);
  if (year === null) return { status: 400, body: { error: { code: "invalid_query", message: "年份应为四位数字，如 2019", issues: [{ param: "year", message: "年份应为四位数字，如 2019" }] } } };
  if (version === "invalid") return { status: 400, body: { error: { code: "invalid_query", message: "version 应为正整数", issues: [{ param: "version", message: "version 应为正整数" }] } } };
  const report = await publicReport(year, version);
  if (!report) return { status: 404, body: { error: { code: "not_found", message: version === null ? `${year}年度报告尚未公开` : `${year}年度报告没有第${version}版` } } };
  return { status: 200, body: report.shown.data };
}
