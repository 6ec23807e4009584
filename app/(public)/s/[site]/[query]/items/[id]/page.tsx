import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BodyHtml } from "@/components/items/body-html";
import { ItemMetadata } from "@/components/public/item-metadata";
import { PrintButton } from "@/components/public/print-button";
import { formatChineseDate } from "@/lib/domain/dates";
import { fileTypeLabel, formatFileSize } from "@/lib/domain/public-labels";
import { columnNeighbours, columnPath, getPublishedItem, getWithdrawnItem, listPublicColumns } from "@/lib/server/public/site";

/** None at build time (no database then): each is rendered on its first request and kept (s/[site]/[query]/layout.tsx). */
export function generateStaticParams(): never[] {
  return [];
}

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = (await params).id;
  const item = await getPublishedItem(id);
  if (item) return { title: item.title, description: item.summary ?? undefined };
  // A withdrawn item keeps its address but leaves search engines' indexes.
  return { title: (await getWithdrawnItem(id)) ? "信息已撤回" : "未找到", robots: { index: false } };
}

export default async function PublicItemPage({ params }: Props) {
  const id = (await params).id;
  const item = await getPublishedItem(id);
  if (!item) {
    const withdrawn = await getWithdrawnItem(id);
    if (!withdrawn) notFound();
    return (
      <article className="rounded-lg border border-gray-200 bg-white px-5 py-10 text-center shadow-sm sm:px-10">
        <h1 className="text-2xl leading-relaxed font-bold text-gray-900">{withdrawn.title}</h1>
        <p className="mt-2 text-sm text-gray-700">索引号：{withdrawn.indexNumber}</p>
        <div role="status" data-testid="withdrawn-notice" className="mx-auto mt-6 max-w-xl rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
          该信息已于{formatChineseDate(withdrawn.withdrawnAt)}撤回。
          {withdrawn.withdrawReason && <span className="block text-sm">撤回原因：{withdrawn.withdrawReason}</span>}
        </div>
        <p className="mt-6">
          <Link href="/browse" className="text-gov-red underline">查看其他公开信息</Link>
        </p>
      </article>
    );
  }
  const [columns, neighbours] = await Promise.all([listPublicColumns(), columnNeighbours(item)]);
  const path = columnPath(columns, item.columnId);
  return (
    <article className="rounded-lg border border-gray-200 bg-white shadow-sm print:border-0 print:shadow-none">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-200 px-5 py-3 print:hidden">
        <nav aria-label="当前位置" className="text-sm text-gray-700">
          <Link href="/" className="underline hover:text-gov-red">首页</Link>
          {path.map((c) => (
            <span key={c.id}>
              {" › "}
              <Link href={`/columns/${encodeURIComponent(c.code)}`} className="underline hover:text-gov-red">{c.name}</Link>
            </span>
          ))}
        </nav>
        <PrintButton />
      </div>
      <div className="px-5 py-6 sm:px-10">
        <ItemMetadata item={item} />
        <h1 className="mt-8 text-center text-2xl leading-relaxed font-bold text-gray-900" data-testid="public-item-title">
          {item.title}
        </h1>
        {item.documentNumber && <p className="mt-2 text-center text-gray-700">{item.documentNumber}</p>}
        <BodyHtml html={item.bodyHtml} className="mt-6" />
        {item.attachments.length > 0 && (
          <section aria-labelledby="attachments-heading" className="mt-8 border-t border-gray-200 pt-4">
            <h2 id="attachments-heading" className="font-semibold text-gray-900">附件</h2>
            <ol className="mt-2 list-decimal space-y-1 ps-6">
              {item.attachments.map((a) => (
                <li key={a.id}>
                  <a href={`/attachments/${a.id}`} className="print-url text-gov-red underline" data-url={`/attachments/${a.id}`}>
                    {a.fileName}
                  </a>
                  <span className="ms-2 text-sm text-gray-700">
                    （{fileTypeLabel(a.mimeType, a.fileName)}，{formatFileSize(a.size)}）
                  </span>
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
      <nav aria-label="同栏目其他信息" className="grid gap-2 border-t border-gray-200 px-5 py-4 text-sm sm:grid-cols-2 print:hidden">
        <p>
          上一篇：
          {neighbours.newer ? <Link href={`/items/${neighbours.newer.id}`} className="text-gov-red underline">{neighbours.newer.title}</Link> : "没有了"}
        </p>
        <p className="sm:text-end">
          下一篇：
          {neighbours.older ? <Link href={`/items/${neighbours.older.id}`} className="text-gov-red underline">{neighbours.older.title}</Link> : "没有了"}
        </p>
      </nav>
    </article>
  );
}
