import type { ClockEvent } from "@/lib/domain/requests/clock-events";
import type { RequestStatus } from "@/lib/domain/requests/status";
import type { DeliveryWay } from "@/lib/server/requests/reply";

/** What the request screens print for the stored keys. */

/** The queue's tabs (issue 8 §5): by where a request waits, not by its raw status. */
export const QUEUE_STAGES = ["all", "confirm", "assign", "in_progress", "correction", "consultation", "review", "delivery", "closed"] as const;
export type QueueStage = (typeof QUEUE_STAGES)[number];

export const QUEUE_STAGE_LABELS: Record<QueueStage, string> = {
  all: "全部未办结",
  confirm: "待确认",
  assign: "待分办",
  in_progress: "办理中",
  correction: "补正中",
  consultation: "征求意见中",
  review: "待审核",
  delivery: "待送达",
  closed: "已办结",
};

/** The tab an open request sits in. */
export function stageOf(row: { status: RequestStatus; consulting: boolean }): Exclude<QueueStage, "all" | "closed"> | "closed" {
  switch (row.status) {
    case "RECEIVED_ONLINE":
      return "confirm";
    case "REGISTERED":
      return "assign";
    case "CORRECTION_REQUESTED":
      return "correction";
    case "IN_PROGRESS":
      return row.consulting ? "consultation" : "in_progress";
    case "REPLY_DRAFTED":
      return "review";
    case "REPLY_APPROVED":
      return "delivery";
    case "CLOSED":
      return "closed";
  }
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
