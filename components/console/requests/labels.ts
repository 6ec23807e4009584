import type { ClockEvent } from "@/lib/domain/requests/clock-events";
import { REQUEST_STAGE_LABELS, REQUEST_STAGES, STAGE_OF_STATUS, type RequestStage } from "@/lib/domain/requests/stages";
import type { RequestStatus } from "@/lib/domain/requests/status";
import type { DeliveryWay } from "@/lib/server/requests/reply";

/** What the request screens print for the stored keys. */

/** The queue's tabs (issue 8 §5): the 办理阶段 of lib/domain/requests/stages.ts, plus all open and closed. */
export const QUEUE_STAGES = ["all", ...REQUEST_STAGES, "closed"] as const;
export type QueueStage = (typeof QUEUE_STAGES)[number];

export const QUEUE_STAGE_LABELS: Record<QueueStage, string> = { all: "全部未办结", ...REQUEST_STAGE_LABELS, closed: "已办结" };

/** The tab a request sits in: its stage, or 已办结. */
export function stageOf(row: { status: RequestStatus; consulting: boolean }): RequestStage | "closed" {
  if (row.status === "CLOSED") return "closed";
  if (row.status === "IN_PROGRESS" && row.consulting) return "consulting";
  return STAGE_OF_STATUS[row.status];
}

export const EVENT_LABELS: Record<ClockEvent["type"], string> = {
  RECEIVED: "收到申请",
  CORRECTION_REQUESTED: "补正告知",
  CORRECTION_RECEIVED: "收到补正",
  CONSULTATION_STARTED: "征求意见",
  CONSULTATION_ENDED: "征求意见结束",
  EXTENDED: "延长答复期限",
  CUSTOM_DEADLINE: "确定合理答复期限（第三十五条）",
  FEE_NOTICE: "收费通知",
  FEE_PAID: "缴纳信息处理费",
  REPLIED: "答复送达",
};

export const DELIVERY_WAY_LABELS: Record<DeliveryWay, string> = {
  in_person: "当面送达（申请人签收）",
  post: "邮寄（EMS 或邮政企业）",
  email: "电子邮件",
  online: "网上获取",
};

/** The notice an event caused, by the download route's name for it (…/notices/{seq}). */
export function noticeOf(event: ClockEvent): string | null {
  switch (event.type) {
    case "CORRECTION_REQUESTED":
      return "补正告知书";
    case "EXTENDED":
      return "延期答复告知书";
    case "CONSULTATION_STARTED":
      return event.party === "third_party" ? "第三方意见征询函" : null;
    case "FEE_NOTICE":
      return "收费通知书";
    default:
      return null;
  }
}
