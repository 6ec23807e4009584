import { Card } from "@/components/ui/card";
import { formatChineseDate } from "@/lib/domain/dates";
import type { RequestClock } from "@/lib/domain/requests/clock";

/**
 * The clock of one request: the 答复期限 large, the working days left, and "为什么是这一天" — the
 * clock's own explanation (receipt, 补正 restart, pauses, extension, 第三十五条, holidays skipped,
 * 调休 worked, years whose holidays are computed) as a numbered list.
 */

const STATE_TEXT: Record<RequestClock["state"], { text: string; tone: string }> = {
  on_time: { text: "办理中", tone: "bg-green-50 text-green-800" },
  due_soon: { text: "即将到期", tone: "bg-amber-100 text-amber-900" },
  overdue: { text: "已逾期", tone: "bg-red-100 text-red-800" },
  awaiting_correction: { text: "等待申请人补正，期限暂不计算", tone: "bg-gray-100 text-gray-800" },
  replied_on_time: { text: "已按期答复", tone: "bg-green-50 text-green-800" },
  replied_late: { text: "逾期答复", tone: "bg-red-100 text-red-800" },
};

function daysLeftText(clock: RequestClock): string | null {
  if (clock.daysLeft === null || clock.repliedOn) return null;
  if (clock.state === "overdue") return `已逾期 ${Math.abs(clock.daysLeft)} 个工作日`;
  return `剩余 ${clock.daysLeft} 个工作日`;
}

export function ClockPanel({ clock }: { clock: RequestClock }) {
  const state = STATE_TEXT[clock.state];
  const left = daysLeftText(clock);
  const openConsultations = clock.consultations.filter((c) => c.endedOn === null);
  return (
    <Card title="答复期限">
      <div className="flex flex-wrap items-end gap-x-6 gap-y-2">
        <div>
          <p className="text-sm text-gray-600">答复期限</p>
          <p className="text-3xl font-bold text-gray-900" data-testid="due-date">
            {clock.due ? formatChineseDate(clock.due) : "待补正后重新计算"}
            {clock.due && clock.provisional && <span className="ms-2 align-middle text-base font-medium text-amber-800">（推算）</span>}
          </p>
        </div>
        {left && (
          <p className="pb-1 text-lg font-medium" data-testid="days-left">
            {left}
          </p>
        )}
        <span className={`mb-1 rounded px-2 py-0.5 text-sm font-medium ${state.tone}`} data-testid="clock-state">
          {state.text}
        </span>
      </div>
      {clock.provisional && (
        <p className="mt-2 text-sm text-amber-900">
          期限跨入 {clock.uncoveredYears.join("、")} 年，该年节假日安排尚未公布，已按法定节日推算；公布后期限可能变动。
        </p>
      )}
      <ul className="mt-3 space-y-1 text-sm text-gray-700">
        {clock.paused && <li>当前暂停计算：{openConsultations.length > 0 ? "征求意见期间不计入答复期限" : "缴费期间不计入答复期限"}。</li>}
        {!clock.correctionNotice.sentOn && !clock.repliedOn && (
          <li>
            如需补正，补正告知应于 {formatChineseDate(clock.correctionNotice.due)} 前一次性发出（条例第三十条）
            {clock.correctionNotice.lapsed && <strong className="text-red-700">，已超过该期限</strong>}。
          </li>
        )}
        {clock.correction && !clock.correction.receivedOn && (
          <li>
            补正期限：{formatChineseDate(clock.correction.deadline)}
            {clock.offersNoCorrection && <strong className="text-red-700">，已届满，可按“申请人无正当理由逾期不补正”答复</strong>}。
          </li>
        )}
        {clock.consultations.map((c) => (
          <li key={c.id}>
            {c.party === "third_party" ? "征求第三方意见" : "征求其他机关意见"}
            {c.name ? `（${c.name}）` : ""}：对方答复期限 {formatChineseDate(c.due)}
            {c.endedOn ? `，已于 ${formatChineseDate(c.endedOn)} 结束` : c.overdue ? "，对方逾期未答复" : ""}。
          </li>
        ))}
        {clock.statutoryDue && clock.due && clock.statutoryDue !== clock.due && <li>法定答复期限（未计延期或第三十五条期限）：{formatChineseDate(clock.statutoryDue)}。</li>}
      </ul>
      <section className="mt-4 border-t border-gray-100 pt-3" aria-labelledby="why-due">
        <h3 id="why-due" className="text-sm font-semibold text-gray-900">
          为什么是这一天
        </h3>
        <ol className="mt-2 list-decimal space-y-1 ps-6 text-sm text-gray-800" data-testid="clock-explanation">
          {clock.explanation.map((step, i) => (
            <li key={`${step.kind}-${step.date}-${i}`} className={step.kind === "computed_year" ? "text-amber-900" : step.kind === "due" ? "font-medium" : undefined}>
              {step.text}
            </li>
          ))}
        </ol>
      </section>
    </Card>
  );
}
