import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BodyHtml } from "@/components/items/body-html";
import { PrintButton } from "@/components/public/print-button";
import { ReportDownloads, ReportVersionNotes } from "@/components/reports/public-report";
import { searchOfSegment } from "@/lib/domain/public-path";
import { reportHtml, reportTitle } from "@/lib/export/report";
import { parseReportYear, parseVersionNumber, publicReport } from "@/lib/server/reports/public";

/** None at build time (no database then): each is rendered on its first request and kept (s/[site]/[query]/layout.tsx). */
export function generateStaticParams(): never[] {
  return [];
}

type Props = { params: Promise<{ year: string; query: string }> };

/** The year and ?version=N of the address; null for anything malformed (a 404, never a 500). */
async function load({ params }: Props) {
  const year = parseReportYear((await params).year);
  const version = parseVersionNumber(searchOfSegment((await params).query).version);
  if (year === null || version === "invalid") return null;
  return publicReport(year, version);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const report = await load(props);
  return report ? { title: reportTitle(report.shown.data) } : { title: "未找到", robots: { index: false } };
}

/** 政府信息公开工作年度报告 of one year: the newest published version, with the earlier ones a click away. */
export default async function AnnualReportPage(props: Props) {
  const report = await load(props);
  if (!report) notFound();
  const { shown, year } = report;
  return (
    <article className="rounded-lg border border-gray-200 bg-white shadow-sm print:border-0 print:shadow-none">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-200 px-5 py-3 print:hidden">
        <nav aria-label="当前位置" className="text-sm text-gray-700">
          <Link href="/" className="underline hover:text-gov-red">首页</Link>
          {" › "}
          <Link href="/annual-reports" className="underline hover:text-gov-red">政府信息公开年报</Link>
          {` › ${year}年`}
        </nav>
        <div className="flex gap-2">
          <a href={`/annual-reports/${year}/print${report.isLatest ? "" : `?version=${shown.number}`}`} className="rounded border border-gray-400 px-3 py-1.5 text-sm text-gray-800 hover:border-gov-red hover:text-gov-red">
            打印版
          </a>
          <PrintButton />
        </div>
      </div>
      <div className="px-5 py-6 sm:px-10">
        <h1 className="text-center text-2xl leading-relaxed font-bold text-gray-900" data-testid="report-title">
          {reportTitle(shown.data)}
        </h1>
        <ReportVersionNotes report={report} />
        <ReportDownloads report={report} />
        <BodyHtml html={reportHtml(shown.data)} className="annual-report mt-6" />
      </div>
    </article>
  );
}
