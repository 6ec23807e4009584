import Link from "next/link";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatChineseDateTime } from "@/lib/domain/dates";
import type { Timeliness } from "@/lib/domain/timeliness";
import type { ItemStatus } from "@/lib/domain/workflow";
import { TimelinessBadge } from "@/components/timeliness/timeliness-badge";
import { Pagination } from "@/components/public/pagination";
import { queuePageHref } from "@/lib/domain/queue-pages";

export function QueueSection({
  sectionKey,
  title,
  items,
  total,
  page = 1,
  pageCount = 1,
}: {
  sectionKey: string;
  title: string;
  total: number;
  /** The page shown and how many the queue has (20 rows each, lib/server/items/work-queue.ts). */
  page?: number;
  pageCount?: number;
  items: { id: string; title: string; status: ItemStatus; department: string; column: string; updatedAt: Date; timeliness: Timeliness | null }[];
}) {
  return (
    <Card
      title={
        <>
          {title}
          <span className="ms-2 rounded-full bg-gray-100 px-2 py-0.5 text-sm font-normal text-gray-700" data-testid={`count-${sectionKey}`}>
            {total}
          </span>
        </>
      }
    >
      {items.length === 0 ? (
        <p className="py-2 text-sm text-gray-500">暂无待办事项。</p>
      ) : (
        <ul className="divide-y divide-gray-100" data-testid={`queue-${sectionKey}`}>
          {items.map((item) => (
            <li key={item.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between">
              <Link href={`/console/items/${item.id}`} className="font-medium text-gray-900 hover:text-gov-red hover:underline">
                {item.title}
              </Link>
              <span className="flex shrink-0 flex-wrap items-center gap-3 text-sm text-gray-500">
                <span>{item.department}</span>
                <span>{item.column}</span>
                <time dateTime={item.updatedAt.toISOString()}>{formatChineseDateTime(item.updatedAt)}</time>
                {item.timeliness && <TimelinessBadge timeliness={item.timeliness} />}
                <StatusBadge status={item.status} />
              </span>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} href={(p) => queuePageHref(sectionKey, p)} label={`${title}：分页`} />
    </Card>
  );
}
