import { attachmentDisposition } from "@/lib/export";
import { PUBLIC_CACHE } from "@/lib/server/platform/http";
import { isDownloadKind, parseReportYear, parseVersionNumber, publicReport, reportFile } from "@/lib/server/reports/public";

/**
 * GET /annual-reports/{year}/download/{docx|pdf|json|csv-table2|csv-table3|csv-table4}[?version=N]:
 * a published report's file under its Chinese name. Anything unknown is a plain 404, never a 500.
 */
export async function GET(request: Request, { params }: { params: Promise<{ year: string; kind: string }> }) {
  const { year: yearParam, kind } = await params;
  const year = parseReportYear(yearParam);
  const version = parseVersionNumber(new URL(request.url).searchParams.get("version"));
  const report = year !== null && isDownloadKind(kind) && version !== "invalid" ? await publicReport(year, version) : null;
  if (!report || !isDownloadKind(kind)) {
    return new Response("未找到该年度报告。", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const file = await reportFile(report, kind);
  const body = typeof file.body === "string" ? file.body : new Uint8Array(file.body);
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": attachmentDisposition(file.baseName, file.format),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": PUBLIC_CACHE,
    },
  });
}
