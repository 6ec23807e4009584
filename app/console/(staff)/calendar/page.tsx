import Link from "next/link";
import { forbidden } from "next/navigation";
import { CalendarButton, CalendarEntryForm } from "@/components/calendar/calendar-forms";
import { CalendarDays } from "@/components/calendar/calendar-days";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { chinaYear, formatChineseDate, isIsoDate } from "@/lib/domain/dates";
import { requireActor } from "@/lib/server/platform/auth";
import { calendarYear } from "@/lib/server/admin/calendar";
import { removeCalendarDayAction, saveCalendarDayAction, setYearCoveredAction } from "./actions";

export const metadata = { title: "工作日历" };

const KIND = { HOLIDAY: "法定节假日", WORKDAY: "调休上班日" } as const;

type Search = { year?: string; edit?: string; saved?: string; removed?: string; coverage?: string };

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const view = await calendarYear(actor, sp.year);
  if (!view) forbidden();
  const editing = view.entries.find((e) => e.date === sp.edit);
  const saved = view.entries.find((e) => e.date === sp.saved);
  const thisYear = chinaYear(new Date());
  const years = [...new Set([...view.bundledYears, thisYear, thisYear + 1, view.year])].sort((a, b) => a - b);
  const span = `${view.bundledYears[0]}–${view.bundledYears.at(-1)}`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">工作日历</h1>
        <p className="mt-1 text-sm text-gray-600">
          法定节假日与调休上班日决定所有工作日期限（主动公开 20 个工作日、依申请公开答复期限等）。修改即时生效，并记入审计日志。
        </p>
      </div>
      {saved && <Alert tone="success">已保存：{formatChineseDate(saved.date)} {KIND[saved.kind]}（{saved.name}）。</Alert>}
      {sp.removed && isIsoDate(sp.removed) && <Alert tone="success">已删除 {formatChineseDate(sp.removed)} 的修改，恢复内置安排。</Alert>}
      {sp.coverage && <Alert tone="success">{sp.coverage === "on" ? `已确认 ${view.year} 年节假日安排录入完整。` : `已撤销对 ${view.year} 年的确认。`}</Alert>}
      {view.uncoveredAhead.map((y) => (
        <Alert key={y} tone="info">
          <strong>{y} 年的节假日安排尚未录入。</strong>该年的期限只扣除周末，可能不准确。国务院办公厅发布通知后，请逐日录入该年的法定节假日和调休上班日，再确认该年已完整录入。
        </Alert>
      ))}

      <nav aria-label="选择年份" className="flex flex-wrap gap-2 text-sm">
        {years.map((y) => (
          <Link
            key={y}
            href={`/console/calendar?year=${y}`}
            aria-current={y === view.year ? "page" : undefined}
            className={`rounded px-3 py-1 ring-1 ring-inset ${y === view.year ? "bg-gov-red text-white ring-gov-red" : "bg-white ring-gray-300 hover:bg-gray-50"}`}
          >
            {y}
          </Link>
        ))}
      </nav>

      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Card title={`${view.year} 年（${view.covered ? "已覆盖" : "未覆盖"}）`}>
          {!view.covered && (
            <p className="mb-3 text-sm text-red-800">本年不在覆盖范围内：除下列修改外只按周末计算工作日。</p>
          )}
          <CalendarDays entries={view.entries} year={view.year} removeAction={removeCalendarDayAction} />
        </Card>
        <div className="space-y-6">
          <Card title={editing ? `修改 ${formatChineseDate(editing.date)}` : "新增或修改日期"}>
            <div id="calendar-form">
              <CalendarEntryForm
                action={saveCalendarDayAction}
                initial={editing ? { date: editing.date, kind: editing.kind, name: editing.name } : { date: "", kind: "HOLIDAY", name: "" }}
              />
            </div>
            <p className="mt-3 text-xs text-gray-600">
              要取消内置的放假安排，在该日录入“调休上班日”；要取消内置的调休上班，在该日录入“法定节假日”。
            </p>
          </Card>
          <Card title="覆盖年份">
            <div className="space-y-3 text-sm">
              <p>
                内置数据：{view.source.package} {view.source.version}，覆盖 {span} 年。
              </p>
              {view.confirmedYears.length > 0 && (
                <ul className="space-y-2">
                  {view.confirmedYears.map((y) => (
                    <li key={y} className="flex items-center justify-between gap-2">
                      <span>{y} 年（已确认录入完整）</span>
                      <CalendarButton action={setYearCoveredAction} fields={{ year: String(y), covered: "false" }} label="撤销确认" />
                    </li>
                  ))}
                </ul>
              )}
              {!view.covered && (
                <div className="flex flex-wrap items-center gap-2">
                  <span>{view.year} 年录入完毕后：</span>
                  <CalendarButton action={setYearCoveredAction} fields={{ year: String(view.year), covered: "true" }} label={`确认 ${view.year} 年已完整录入`} />
                </div>
              )}
            </div>
          </Card>
        </div>
      </div>
    </div>
  );
}
