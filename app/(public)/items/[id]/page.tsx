import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatChineseDate } from "@/lib/domain/dates";
import { getPublishedItem, getWithdrawnItem } from "@/lib/server/public-site";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const item = (await getPublishedItem(id)) ?? (await getWithdrawnItem(id));
  return { title: item?.title ?? "未找到", robots: item && "withdrawnAt" in item ? { index: false } : undefined };
}

function WithdrawnNotice({ item }: { item: { title: string; indexNumber: string; withdrawnAt: Date; withdrawReason: string } }) {
  return (
    <article className="rounded-lg border border-gray-200 bg-white px-5 py-10 text-center shadow-sm sm:px-10">
      <h1 className="text-2xl leading-relaxed font-bold text-gray-900">{item.title}</h1>
      <p className="mt-2 text-sm text-gray-600">索引号：{item.indexNumber}</p>
      <div role="status" className="mx-auto mt-6 max-w-xl rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
        该信息已于 {formatChineseDate(item.withdrawnAt)} 撤回。
        {item.withdrawReason && <span className="block text-sm">撤回原因：{item.withdrawReason}</span>}
      </div>
      <Link href="/" className="mt-6 inline-block text-gov-red underline">返回首页</Link>
    </article>
  );
}

export default async function PublicItemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const item = await getPublishedItem(id);
  if (!item) {
    const withdrawn = await getWithdrawnItem(id);
    if (!withdrawn) notFound();
    return <WithdrawnNotice item={withdrawn} />;
  }
  const meta: [string, string][] = [
    ["索引号", item.indexNumber],
    ["发布机构", item.department],
    ["生成日期", formatChineseDate(item.formedOn)],
    ["发布日期", formatChineseDate(item.publishedAt)],
    ["文号", item.documentNumber ?? "无"],
    ["主题分类", item.category],
  ];
  return (
    <article className="rounded-lg border border-gray-200 bg-white shadow-sm">
      <nav aria-label="当前位置" className="border-b border-gray-100 px-5 py-3 text-sm text-gray-600">
        <Link href="/" className="hover:text-gov-red">首页</Link> ›{" "}
        <Link href={`/columns/${item.categoryCode}`} className="hover:text-gov-red">{item.category}</Link>
      </nav>
      <div className="px-5 py-6 sm:px-10">
        <dl className="grid grid-cols-1 border border-gray-200 bg-gray-50 text-sm sm:grid-cols-2" aria-label="信息元数据">
          {meta.map(([k, v]) => (
            <div key={k} className="flex border-b border-gray-200 sm:[&:nth-last-child(-n+2)]:border-b-0">
              <dt className="w-24 shrink-0 bg-gray-100 px-3 py-2 font-medium text-gray-700">{k}</dt>
              <dd className="px-3 py-2 break-all" data-meta={k}>{v}</dd>
            </div>
          ))}
        </dl>
        <h1 className="mt-8 text-center text-2xl leading-relaxed font-bold text-gray-900">{item.title}</h1>
        <div className="prose-gov mt-6" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
      </div>
    </article>
  );
}
