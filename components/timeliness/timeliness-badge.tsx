import { timelinessLabel, type Timeliness } from "@/lib/domain/timeliness";

const TONES = {
  open: "bg-blue-50 text-blue-900",
  soon: "bg-amber-50 text-amber-900",
  overdue: "bg-red-50 text-red-800",
  on_time: "bg-green-50 text-green-800",
  late: "bg-orange-50 text-orange-900",
} as const;

/**
 * 公开期限 of one item (条例 第二十六条: 信息形成之日起 20 个工作日内), from lib/server/items/timeliness.ts.
 * Where the period runs into a year without holiday data, the date only skips weekends: say so.
 */
export function TimelinessBadge({ timeliness }: { timeliness: Timeliness }) {
  const { tone, label } = timelinessLabel(timeliness);
  return (
    <span data-testid="timeliness" data-state={timeliness.state} className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>
      {label}
      {!timeliness.covered && <span className="ms-1 font-normal">（该年节假日未录入，期限仅按周末推算）</span>}
    </span>
  );
}
