import type { Metadata } from "next";
import { Listing } from "@/components/public/listing";
import { parsePublicQuery } from "@/lib/domain/public-query";
import { currentYear } from "@/lib/server/public/site";
import { findPublicItems } from "@/lib/server/public/listing";
import { siteSettings } from "@/lib/server/admin/site-settings";

export const metadata: Metadata = { title: "政府信息公开年报" };

export default async function AnnualReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { settings } = await siteSettings();
  const { query, notices } = parsePublicQuery(await searchParams, currentYear());
  const result = await findPublicItems({ ...query, column: settings.annualReportColumn }, notices, new Date(), { columnRequired: true });
  return (
    <Listing
      result={result}
      basePath="/annual-reports"
      fixedColumn={settings.annualReportColumn}
      showFacets={false}
      heading="政府信息公开年报"
      intro="依照《中华人民共和国政府信息公开条例》第四十九条、第五十条，本机关每年 1 月 31 日前公布上一年度政府信息公开工作年度报告。"
      emptyText="暂无公开的年度报告。"
    />
  );
}
