import type { DepartmentRef } from "@/lib/server/items/dashboard";

/** 处室 and 年份 as a plain GET form: works without script, and the URL can be bookmarked. */
export function DashboardFilter({
  year,
  years,
  department,
  departments,
  mayOffice,
}: {
  year: number;
  years: number[];
  department: string | null;
  departments: DepartmentRef[];
  mayOffice: boolean;
}) {
  const select = "rounded-md border border-gray-300 px-3 py-1.5 text-sm";
  return (
    <form method="get" action="/console/dashboard" className="flex flex-wrap items-end gap-3" aria-label="选择统计范围">
      {(mayOffice || departments.length > 1) && (
        <label className="space-y-1 text-sm">
          <span className="block text-gray-700">范围</span>
          <select name="department" defaultValue={department ?? "all"} className={select}>
            {mayOffice && <option value="all">全局（全部处室）</option>}
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="space-y-1 text-sm">
        <span className="block text-gray-700">年份</span>
        <select name="year" defaultValue={String(year)} className={select}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}年
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-gov-red px-4 py-1.5 text-sm font-medium text-white hover:bg-gov-red-dark">
        查看
      </button>
    </form>
  );
}
