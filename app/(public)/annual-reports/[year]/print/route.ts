import { reportPrintPage } from "@/lib/export/report-print";
import { PUBLIC_CACHE } from "@/lib/server/platform/http";
import { parseReportYear, parseVersionNumber, publicReport } from "@/lib/server/reports/public";

/** GET /annual-reports/{year}/print[?version=N]: the published report as one printable page. */
export async function GET(request: Request, { params }: { params: Promise<{ year: string }> }) {
  const year = parseReportYear((await params).year);
  const version = parseVersionNumber(new URL(request.url).searchParams.get("version"));
  const report = year !== null && version !== "invalid" ? await publicReport(year, version) : null;
  if (!report) return new Response("未找到该年度报告。", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  const { shown } = report;
  const html = reportPrintPage(shown.data, { publishedAt: shown.publishedAt, edition: report.versions.length > 1 ? `第${shown.number}版` : undefined });
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": PUBLIC_CACHE, "X-Content-Type-Options": "nosniff" } });
}
