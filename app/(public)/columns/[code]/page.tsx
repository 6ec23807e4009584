import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { ItemList } from "@/components/public/item-list";
import { listPublicCategories, listPublishedItems } from "@/lib/server/public-site";

export default async function ColumnPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ page?: string }> }) {
  const { code } = await params;
  const page = Number((await searchParams).page ?? 1);
  const column = (await listPublicCategories()).find((c) => c.code === code);
  if (!column) notFound();
  const result = await listPublishedItems({ page, categoryCode: code });
  return (
    <Card title={column.name} action={<span className="text-sm text-gray-500">共 {result.total} 条</span>}>
      <ItemList items={result.items} emptyText="本栏目暂无公开信息。" />
      {result.pageCount > 1 && (
        <nav aria-label="分页" className="mt-4 flex items-center gap-3 text-sm">
          {result.page > 1 && <Link href={`?page=${result.page - 1}`}>上一页</Link>}
          <span>
            第 {result.page} / {result.pageCount} 页
          </span>
          {result.page < result.pageCount && <Link href={`?page=${result.page + 1}`}>下一页</Link>}
        </nav>
      )}
    </Card>
  );
}
