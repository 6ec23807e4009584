import Link from "next/link";
import type { FormState } from "@/lib/form-state";
import type { CalendarDayView } from "@/lib/server/admin/calendar";
import { CalendarButton } from "./calendar-forms";

const KIND = { HOLIDAY: "法定节假日", WORKDAY: "调休上班日" } as const;
const KIND_TONE = { HOLIDAY: "bg-red-50 text-red-800", WORKDAY: "bg-blue-50 text-blue-900" } as const;
const SOURCE = { BUNDLED: "内置", EDITED: "已修改", ADDED: "新增" } as const;
const WEEKDAYS = ["日", "一", "二", "三", "四", "五", "六"];

/** One year's 法定节假日 and 调休上班日 by month, each marked as bundled or edited by the sysadmin. */
export function CalendarDays({
  entries,
  year,
  removeAction,
}: {
  entries: CalendarDayView[];
  year: number;
  removeAction: (state: FormState, formData: FormData) => Promise<FormState>;
}) {
  if (entries.length === 0) return <p className="text-sm text-gray-600">本年没有任何节假日或调休上班日记录。</p>;
  const months = new Map<number, CalendarDayView[]>();
  for (const e of entries) {
    const m = Number(e.date.slice(5, 7));
    months.set(m, [...(months.get(m) ?? []), e]);
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="calendar-days">
        <caption className="sr-only">{year} 年法定节假日与调休上班日</caption>
        <thead className="border-b border-gray-200 text-gray-600">
          <tr>
            <th scope="col" className="py-2 pe-3">日期</th>
            <th scope="col" className="py-2 pe-3">星期</th>
            <th scope="col" className="py-2 pe-3">类型</th>
            <th scope="col" className="py-2 pe-3">名称</th>
            <th scope="col" className="py-2 pe-3">来源</th>
            <th scope="col" className="py-2">操作</th>
          </tr>
        </thead>
        {[...months].map(([month, days]) => (
          <tbody key={month} className="divide-y divide-gray-100">
            <tr className="bg-gray-50">
              <th scope="rowgroup" colSpan={6} className="py-1 ps-1 text-xs font-semibold text-gray-700">
                {month}月
              </th>
            </tr>
            {days.map((d) => (
              <tr key={d.date} data-date={d.date} className={d.source === "BUNDLED" ? "" : "bg-amber-50/60"}>
                <td className="py-1.5 pe-3 font-mono whitespace-nowrap">{d.date}</td>
                <td className="py-1.5 pe-3">周{WEEKDAYS[d.weekday]}</td>
                <td className="py-1.5 pe-3">
                  <span className={`rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${KIND_TONE[d.kind]}`}>{KIND[d.kind]}</span>
                </td>
                <td className="py-1.5 pe-3">{d.name}</td>
                <td className="py-1.5 pe-3 whitespace-nowrap">
                  {SOURCE[d.source]}
                  {d.source === "EDITED" && d.bundled && (
                    <span className="block text-xs text-gray-600">
                      原为{KIND[d.bundled.kind]}（{d.bundled.name}）
                    </span>
                  )}
                </td>
                <td className="py-1.5">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link href={`/console/calendar?year=${year}&edit=${d.date}#calendar-form`} className="text-xs text-gov-red hover:underline" aria-label={`修改 ${d.date}`}>
                      修改
                    </Link>
                    {d.source !== "BUNDLED" && (
                      <CalendarButton action={removeAction} fields={{ date: d.date }} label={d.source === "EDITED" ? "恢复内置" : "删除"} />
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
