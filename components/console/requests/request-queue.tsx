import Link from "next/link";
import type { ReactNode } from "react";
import { formatChineseDate } from "@/lib/domain/dates";
import { outcomeLedgerLabel, isOutcome } from "@/lib/domain/requests/outcomes";
import { CHANNEL_LABELS, type Channel } from "@/lib/domain/requests/vocabulary";
import type { ClosedRow, QueueRow } from "@/lib/server/requests/views";

/** The request work queue as a table: soonest due first, flags and the 推算 mark on the due date. */

const channelLabel = (c: string) => CHANNEL_LABELS[c as Channel] ?? c;

function Flag({ tone, children }: { tone: "red" | "amber" | "blue" | "gray"; children: ReactNode }) {
  const styles = { red: "bg-red-100 text-red-800", amber: "bg-amber-100 text-amber-900", blue: "bg-blue-50 text-blue-800", gray: "bg-gray-100 text-gray-700" }[tone];
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${styles}`}>{children}</span>;
}

export function DueDate({ due, provisional }: { due: string | null; provisional: boolean }) {
  if (!due) return <span className="text-gray-500">—</span>;
  return (
    <span className="whitespace-nowrap">
      <time dateTime={due}>{formatChineseDate(due)}</time>
      {provisional && (
        <span className="ms-1 text-xs text-amber-800" title="期限跨入尚未公布节假日安排的年份，按法定节日推算">
          （推算）
        </span>
      )}
    </span>
  );
}

const th = "px-3 py-2 text-start font-medium text-gray-700 whitespace-nowrap";
const td = "px-3 py-2 align-top";

export function OpenQueueTable({ rows, action }: { rows: QueueRow[]; action?: (row: QueueRow) => ReactNode }) {
  if (rows.length === 0) return <p className="py-4 text-sm text-gray-500">暂无申请。</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="request-queue">
        <thead className="bg-gray-50">
          <tr>
            <th className={th}>编号</th>
            <th className={th}>申请内容</th>
            <th className={th}>申请人</th>
            <th className={th}>渠道</th>
            <th className={th}>收到日</th>
            <th className={th}>答复期限</th>
            <th className={th}>剩余工作日</th>
            <th className={th}>提示</th>
            <th className={th}>承办处室</th>
            <th className={th}>状态</th>
            {action && <th className={th}>操作</th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((r) => (
            <tr key={r.id} data-testid="request-row">
              <td className={`${td} whitespace-nowrap`}>
                <Link href={`/console/requests/${r.id}`} className="font-medium text-gov-red hover:underline">
                  {r.number ?? "待确认"}
                </Link>
              </td>
              <td className={`${td} max-w-xs [overflow-wrap:anywhere]`}>
                <Link href={`/console/requests/${r.id}`} className="hover:underline">
                  {r.description || "（未填写）"}
                </Link>
              </td>
              <td className={td}>{r.applicantName}</td>
              <td className={`${td} whitespace-nowrap`}>{channelLabel(r.channel)}</td>
              <td className={`${td} whitespace-nowrap`}>{r.receivedOn ? formatChineseDate(r.receivedOn) : "待确认"}</td>
              <td className={td}>
                <DueDate due={r.due} provisional={r.provisional} />
              </td>
              <td className={`${td} text-end tabular-nums`}>{r.daysLeft === null ? "—" : r.daysLeft}</td>
              <td className={td}>
                <span className="flex flex-wrap gap-1">
                  {r.overdue && <Flag tone="red">已逾期</Flag>}
                  {r.dueSoon && <Flag tone="amber">即将到期</Flag>}
                  {r.consulting && <Flag tone="blue">征求意见中</Flag>}
                  {r.paused && !r.consulting && <Flag tone="gray">暂停计算</Flag>}
                </span>
              </td>
              <td className={td}>{r.department ?? "未分办"}</td>
              <td className={`${td} whitespace-nowrap`}>{r.statusLabel}</td>
              {action && <td className={td}>{action(r)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ClosedQueueTable({ rows }: { rows: ClosedRow[] }) {
  if (rows.length === 0) return <p className="py-4 text-sm text-gray-500">暂无已办结的申请。</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="request-queue">
        <thead className="bg-gray-50">
          <tr>
            <th className={th}>编号</th>
            <th className={th}>申请内容</th>
            <th className={th}>申请人</th>
            <th className={th}>渠道</th>
            <th className={th}>收到日</th>
            <th className={th}>办结日</th>
            <th className={th}>办理结果</th>
            <th className={th}>答复书文号</th>
            <th className={th}>承办处室</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((r) => (
            <tr key={r.id} data-testid="request-row">
              <td className={`${td} whitespace-nowrap`}>
                <Link href={`/console/requests/${r.id}`} className="font-medium text-gov-red hover:underline">
                  {r.number ?? "—"}
                </Link>
              </td>
              <td className={`${td} max-w-xs [overflow-wrap:anywhere]`}>{r.description || "（未填写）"}</td>
              <td className={td}>{r.applicantName}</td>
              <td className={`${td} whitespace-nowrap`}>{channelLabel(r.channel)}</td>
              <td className={`${td} whitespace-nowrap`}>{r.receivedOn ? formatChineseDate(r.receivedOn) : "—"}</td>
              <td className={`${td} whitespace-nowrap`}>{r.closedOn ? formatChineseDate(r.closedOn) : "—"}</td>
              <td className={td}>{r.outcome && isOutcome(r.outcome) ? outcomeLedgerLabel(r.outcome) : "—"}</td>
              <td className={`${td} whitespace-nowrap`}>{r.replyNumber ?? "—"}</td>
              <td className={td}>{r.department ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
