import Link from "next/link";
import { formatChineseDate } from "@/lib/domain/dates";
import { highlight, snippet } from "@/lib/domain/search-text";
import { Highlighted } from "./highlight";

export interface ListedItem {
  id: string;
  title: string;
  publishedAt: Date;
  publisher?: string;
  column: string;
  indexNumber?: string;
  /** The body's plain text when the list answers a search. */
  body?: string;
}

/** Items newest first, or search results with the query's words marked in title and snippet. */
export function ItemList({ items, terms = [], emptyText = "暂无公开信息。" }: { items: ListedItem[]; terms?: string[]; emptyText?: string }) {
  if (!items.length) return <p className="py-6 text-gray-700">{emptyText}</p>;
  return (
    <ul className="divide-y divide-gray-200">
      {items.map((item) => (
        <li key={item.id} className="py-3">
          <div className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between sm:gap-6">
            <Link href={`/items/${item.id}`} className="text-[1.0625rem] leading-relaxed text-gray-900 underline-offset-4 hover:text-gov-red hover:underline">
              {terms.length ? <Highlighted segments={highlight(item.title, terms)} /> : item.title}
            </Link>
            <span className="shrink-0 text-sm text-gray-700">
              <span className="me-3">{item.column}</span>
              <time dateTime={item.publishedAt.toISOString()}>{formatChineseDate(item.publishedAt)}</time>
            </span>
          </div>
          {item.body !== undefined && (
            <p className="mt-1 text-sm leading-relaxed text-gray-700">
              <Highlighted segments={snippet(item.body, terms)} />
            </p>
          )}
          {item.body !== undefined && (item.publisher || item.indexNumber) && (
            <p className="mt-1 text-xs text-gray-700">
              {item.publisher && <span className="me-4">发布机构：{item.publisher}</span>}
              {item.indexNumber && <span className="break-all">索引号：{item.indexNumber}</span>}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
