import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { formatChineseDate, formatChineseDateTime } from "@/lib/domain/dates";
import type { ClockEvent } from "@/lib/domain/requests/clock-events";
import { isOutcome, outcomeLedgerLabel } from "@/lib/domain/requests/outcomes";
import { DELIVERY_WAY_LABELS, EVENT_LABELS, noticeOf } from "./labels";

/**
 * 办理记录: every clock event and every step of the reply, who recorded it and when, with the
 * notice an event caused (补正告知书, 延期答复告知书, 第三方意见征询函, 收费通知书) to download.
 */

export interface TimelineEvent {
  seq: number;
  event: ClockEvent & { 补正事项?: string; 延期理由?: string; method?: string };
  actorId: string | null;
  createdAt: Date;
}

export interface TimelineReply {
  id: string;
  outcome: string | null;
  draftedById: string;
  createdAt?: Date;
  approvedById: string | null;
  approvedAt: Date | null;
  returnedAt: Date | null;
  returnComment: string | null;
  number: string | null;
}

type Entry = { at: Date; key: string; title: string; who: string | null; detail?: ReactNode; links?: ReactNode };

function details(e: TimelineEvent["event"]): ReactNode {
  switch (e.type) {
    case "CORRECTION_REQUESTED":
      return (
        <>
          补正期限至 {formatChineseDate(e.deadline)}。{e.补正事项 && <span className="block whitespace-pre-line">补正事项：{e.补正事项}</span>}
        </>
      );
    case "CONSULTATION_STARTED":
      return (
        <>
          {e.party === "third_party" ? "第三方（条例第三十二条）" : "其他机关（条例第三十四条）"}
          {e.name ? `：${e.name}` : ""}
          {e.noticeReceivedOn ? `，对方 ${formatChineseDate(e.noticeReceivedOn)} 收到` : ""}。
        </>
      );
    case "EXTENDED":
      return (
        <>
          延长 {e.days} 个工作日，经 {e.approver} 同意。{e.延期理由 && <>理由：{e.延期理由}</>}
        </>
      );
    case "CUSTOM_DEADLINE":
      return (
        <>
          答复期限定为 {formatChineseDate(e.due)}。理由：{e.reason}
        </>
      );
    case "REPLIED":
      return e.method && e.method in DELIVERY_WAY_LABELS ? <>送达方式：{DELIVERY_WAY_LABELS[e.method as keyof typeof DELIVERY_WAY_LABELS]}</> : null;
    default:
      return null;
  }
}

export function DownloadLinks({ base, label }: { base: string; label: string }) {
  return (
    <span className="flex flex-wrap gap-3 text-sm">
      <a href={`${base}?format=pdf`} className="text-gov-red hover:underline">
        {label}（PDF）
      </a>
      <a href={`${base}?format=docx`} className="text-gov-red hover:underline">
        {label}（Word）
      </a>
    </span>
  );
}

export function RequestTimeline({ requestId, events, replies, names }: { requestId: string; events: TimelineEvent[]; replies: TimelineReply[]; names: Record<string, string> }) {
  const who = (id: string | null) => (id ? (names[id] ?? "工作人员") : null);
  const entries: Entry[] = events.map((e) => {
    const notice = noticeOf(e.event);
    return {
      at: e.createdAt,
      key: `e${e.seq}`,
      title: `${formatChineseDate(e.event.on)} ${EVENT_LABELS[e.event.type]}`,
      who: who(e.actorId),
      detail: details(e.event),
      links: notice ? <DownloadLinks base={`/console/requests/${requestId}/notices/${e.seq}`} label={notice} /> : undefined,
    };
  });
  for (const r of replies) {
    const outcome = r.outcome && isOutcome(r.outcome) ? outcomeLedgerLabel(r.outcome) : "答复";
    if (r.createdAt) entries.push({ at: r.createdAt, key: `d${r.id}`, title: `起草答复：${outcome}`, who: who(r.draftedById) });
    if (r.approvedAt) entries.push({ at: r.approvedAt, key: `a${r.id}`, title: `审核同意答复${r.number ? `，文号 ${r.number}` : ""}`, who: who(r.approvedById) });
    if (r.returnedAt) entries.push({ at: r.returnedAt, key: `r${r.id}`, title: "退回答复", who: null, detail: r.returnComment ? <>退回意见：{r.returnComment}</> : null });
  }
  entries.sort((a, b) => a.at.getTime() - b.at.getTime());
  return (
    <Card title="办理记录">
      <ol className="space-y-3 text-sm" data-testid="request-timeline">
        {entries.map((e) => (
          <li key={e.key} className="border-s-2 border-gray-200 ps-3">
            <div className="font-medium text-gray-900">{e.title}</div>
            {e.detail && <div className="text-gray-700">{e.detail}</div>}
            {e.links}
            <div className="text-xs text-gray-500">
              {e.who ? `${e.who} · ` : ""}
              {formatChineseDateTime(e.at)}
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
