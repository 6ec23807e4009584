import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Listing } from "@/components/public/listing";
import { searchOfSegment } from "@/lib/domain/public-path";
import { parsePublicQuery } from "@/lib/domain/public-query";
import { columnPath, currentYear, listPublicColumns } from "@/lib/server/public/site";
import { findPublicItems } from "@/lib/server/public/listing";

/** None at build time (no database then): each is rendered on its first request and kept (s/[site]/[query]/layout.tsx). */
export function generateStaticParams(): never[] {
  return [];
}

type Props = { params: Promise<{ code: string; query: string }> };

async function findColumn(code: string) {
  const columns = await listPublicColumns();
  const column = columns.find((c) => c.code === code);
  return column ? { column, columns } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await findColumn((await params).code);
  return { title: found?.column.name ?? "未找到" };
}

export default async function ColumnPage({ params }: Props) {
  const found = await findColumn((await params).code);
  if (!found) notFound();
  const { column, columns } = found;
  const { query, notices } = parsePublicQuery(searchOfSegment((await params).query), currentYear());
  const result = await findPublicItems({ ...query, column: column.code }, notices);
  const path = columnPath(columns, column.id);
  const children = columns.filter((c) => c.parentId === column.id);
  const feed = `/columns/${encodeURIComponent(column.code)}/feed.xml`;
  return (
    <>
      <nav aria-label="当前位置" className="mb-3 text-sm text-gray-700">
        <Link href="/" className="underline hover:text-gov-red">首页</Link> ›{" "}
        <Link href="/browse" className="underline hover:text-gov-red">法定主动公开内容</Link>
        {path.map((c) => (
          <span key={c.id}>
            {" › "}
            {c.id === column.id ? <span aria-current="page">{c.name}</span> : <Link href={`/columns/${encodeURIComponent(c.code)}`} className="underline hover:text-gov-red">{c.name}</Link>}
          </span>
        ))}
      </nav>
      <Listing
        result={result}
        basePath={`/columns/${encodeURIComponent(column.code)}`}
        fixedColumn={column.code}
        heading={column.name}
        intro={
          <>
            {column.description && <p>{column.description}</p>}
            {children.length > 0 && (
              <p>
                下设：
                {children.map((c, i) => (
                  <span key={c.id}>
                    {i > 0 && "、"}
                    <Link href={`/columns/${encodeURIComponent(c.code)}`} className="text-gov-red underline">{c.name}</Link>
                  </span>
                ))}
              </p>
            )}
          </>
        }
        emptyText="本栏目暂无公开信息。"
        headerExtra={
          <a href={feed} className="text-sm text-gov-red underline">
            订阅本栏目（Atom）
          </a>
        }
      />
    </>
  );
}
