import Link from "next/link";
import { formatChineseDate } from "@/lib/domain/dates";

export interface PublicListItem {
  id: string;
  title: string;
  publishedAt: Date;
  department: string;
  category: string;
}

export function ItemList({ items, emptyText = "暂无公开信息。" }: { items: PublicListItem[]; emptyText?: string }) {
  if (!items.length) return <p className="py-6 text-gray-600">{emptyText}</p>;
  return (
    <ul className="divide-y divide-gray-100">
      {items.map((item) => (
        <li key={item.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:justify-between sm:gap-6">
          <Link href={`/items/${item.id}`} className="text-[1.0625rem] text-gray-900 hover:text-gov-red hover:underline">
            {item.title}
          </Link>
          <span className="shrink-0 text-sm text-gray-500">
            <span className="me-3">{item.category}</span>
            <time dateTime={item.publishedAt.toISOString()}>{formatChineseDate(item.publishedAt)}</time>
          </span>
        </li>
      ))}
    </ul>
  );
}
