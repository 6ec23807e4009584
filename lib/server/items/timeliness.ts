import "server-only";
import { chinaDate } from "@/lib/domain/dates";
import { disclosureDueDate, type DueDate } from "@/lib/domain/deadlines";
import { timelinessOf, type Timeliness } from "@/lib/domain/timeliness";
import { loadWorkCalendar } from "@/lib/server/admin/calendar";

/**
 * Due dates of items (条例 第二十六条: 信息形成日期 + 20 working days) on the calendar in force, for
 * the item page and the work queues. Callers pass what they already loaded, so no query is added
 * per row; the calendar is read once per request.
 */

export interface TimelinessInput {
  /** 信息形成日期 of the current revision: a `YYYY-MM-DD` string or the Date Prisma returns for a DATE column. */
  formedOn: string | Date;
  /** First publication; null (or in the future, when scheduled) while the item is not public yet. */
  publishedAt: Date | null;
}

const isoDate = (value: string | Date) => (typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10));

/** The item's due date: disclosureDueDate(current revision's formedOn, the calendar in force). */
export async function itemDueDate(formedOn: string | Date): Promise<DueDate> {
  return disclosureDueDate(isoDate(formedOn), await loadWorkCalendar());
}

/** One item's standing against its due date, as plain data for <TimelinessBadge>. */
export async function itemTimeliness(item: TimelinessInput, now = new Date()): Promise<Timeliness> {
  return (await itemsTimeliness([item], now))[0];
}

/** The same for many rows (a work queue), in order, with one calendar read. */
export async function itemsTimeliness(items: readonly TimelinessInput[], now = new Date()): Promise<Timeliness[]> {
  const calendar = await loadWorkCalendar();
  const today = chinaDate(now);
  return items.map((item) =>
    timelinessOf(
      calendar,
      { formedOn: isoDate(item.formedOn), publishedOn: item.publishedAt && item.publishedAt <= now ? chinaDate(item.publishedAt) : null },
      today,
    ),
  );
}
