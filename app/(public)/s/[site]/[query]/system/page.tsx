import type { Metadata } from "next";
import { Listing } from "@/components/public/listing";
import { searchOfSegment } from "@/lib/domain/public-path";
import { parsePublicQuery } from "@/lib/domain/public-query";
import { currentYear } from "@/lib/server/public/site";
import { findPublicItems } from "@/lib/server/public/listing";
import { siteSettings } from "@/lib/server/admin/site-settings";

export const metadata: Metadata = { title: "政府信息公开制度" };

export default async function SystemPage({ params }: { params: Promise<{ query: string }> }) {
  const { settings } = await siteSettings();
  const { query, notices } = parsePublicQuery(searchOfSegment((await params).query), currentYear());
  const result = await findPublicItems({ ...query, column: settings.systemColumn }, notices, new Date(), { columnRequired: true });
  return (
    <Listing
      result={result}
      basePath="/system"
      fixedColumn={settings.systemColumn}
      showFacets={false}
      heading="政府信息公开制度"
      intro="本机关政府信息公开工作的规章制度：工作制度、保密审查、依申请公开办理等。"
      emptyText="暂无公开的制度文件。"
    />
  );
}
