import type { Metadata } from "next";
import Link from "next/link";
import { Listing } from "@/components/public/listing";
import { YearChart } from "@/components/reports/year-chart";
import { formatChineseDate } from "@/lib/domain/dates";
import { searchOfSegment } from "@/lib/domain/public-path";
import { parsePublicQuery } from "@/lib/domain/public-query";
import { currentYear } from "@/lib/server/public/site";
import { findPublicItems } from "@/lib/server/public/listing";
import { siteSettings } from "@/lib/server/admin/site-settings";
import { publicYearFigures } from "@/lib/server/reports/public";

export const metadata: Metadata = { title: "政府信息公开年报" };

export default async function AnnualReportsPage({ params }: { params: Promise<{ query: string }> }) {
  const { settings } = await siteSettings();
  const { query, notices } = parsePublicQuery(searchOfSegment((await params).query), currentYear());
  const [result, years] = await Promise.all([
    findPublicItems({ ...query, column: settings.annualReportColumn }, notices, new Date(), { columnRequired: true }),
    publicYearFigures(),
  ]);
  const figures = years.flatMap((y) => (y.figures ? [y.figures] : []));
  const intro = "依照《中华人民共和国政府信息公开条例》第四十九条、第五十条，本机关每年 1 月 31 日前公布上一年度政府信息公开工作年度报告。";
  return (
    <Listing
      result={result}
      basePath="/annual-reports"
      fixedColumn={settings.annualReportColumn}
      showFacets={false}
      heading="政府信息公开年报"
      // The structured reports sit under the page heading and above the item listing (the listing keeps older, typed-in reports).
      intro={
        <>
          <p>{intro}</p>
          {years.length > 0 && (
            <section aria-labelledby="report-years-heading" className="mt-4 rounded-lg border border-gray-200 bg-white px-5 py-4 text-base shadow-sm" data-testid="report-years">
              <h2 id="report-years-heading" className="text-lg font-semibold text-gray-900">年度报告（含表格数据与下载）</h2>
              <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
                {years.map((y) => (
                  <li key={y.year}>
                    <Link href={`/annual-reports/${y.year}`} className="text-gov-red underline">
                      {y.year}年度报告
                    </Link>
                    <span className="ms-1 text-sm text-gray-700">
                      {y.status === "imported" ? "（往年数据）" : y.publishedAt ? `（${formatChineseDate(y.publishedAt)}公开）` : ""}
                    </span>
                  </li>
                ))}
              </ul>
              {figures.length > 1 && <YearChart rows={figures} />}
            </section>
          )}
        </>
      }
      emptyText="暂无公开的年度报告。"
    />
  );
}
