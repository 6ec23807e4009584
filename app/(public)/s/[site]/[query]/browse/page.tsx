import type { Metadata } from "next";
import { Listing } from "@/components/public/listing";
import { searchOfSegment } from "@/lib/domain/public-path";
import { parsePublicQuery } from "@/lib/domain/public-query";
import { currentYear } from "@/lib/server/public/site";
import { findPublicItems } from "@/lib/server/public/listing";

export const metadata: Metadata = { title: "法定主动公开内容" };

export default async function BrowsePage({ params }: { params: Promise<{ query: string }> }) {
  const { query, notices } = parsePublicQuery(searchOfSegment((await params).query), currentYear());
  const result = await findPublicItems(query, notices);
  return (
    <Listing
      result={result}
      basePath="/browse"
      heading="法定主动公开内容"
      intro="本机关依照《中华人民共和国政府信息公开条例》第十九条、第二十条主动公开的政府信息。可按栏目、发布机构、第二十条所列类别和发布年份查看。"
      headerExtra={
        <a href="/feed.xml" className="text-sm text-gov-red underline">
          订阅（Atom）
        </a>
      }
    />
  );
}
