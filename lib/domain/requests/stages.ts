import type { ClockEvent } from "./clock-events";
import type { RequestStatus } from "./status";

/*
 * 办理阶段: where an open request stands, as the office dashboard counts it and the queue filters
 * it (`/console/requests?stage=<key>`). A stage is the status, except that a request IN_PROGRESS
 * with a consultation still open (第三十二条, 第三十四条) is 征求意见中 — consultation is a clock
 * event, not a status (./status.ts).
 */
export const REQUEST_STAGES = [
  "awaiting_confirmation",
  "awaiting_assignment",
  "in_progress",
  "awaiting_correction",
  "consulting",
  "awaiting_approval",
  "awaiting_delivery",
] as const;
export type RequestStage = (typeof REQUEST_STAGES)[number];

export const REQUEST_STAGE_LABELS: Record<RequestStage, string> = {
  awaiting_confirmation: "待确认",
  awaiting_assignment: "待分办",
  in_progress: "办理中",
  awaiting_correction: "补正中",
  consulting: "征求意见中",
  awaiting_approval: "待审核",
  awaiting_delivery: "待送达",
};

export const STAGE_OF_STATUS: Record<Exclude<RequestStatus, "CLOSED">, RequestStage> = {
  RECEIVED_ONLINE: "awaiting_confirmation",
  REGISTERED: "awaiting_assignment",
  CORRECTION_REQUESTED: "awaiting_correction",
  IN_PROGRESS: "in_progress",
  REPLY_DRAFTED: "awaiting_approval",
  REPLY_APPROVED: "awaiting_delivery",
};

/** A consultation was started and has not been recorded as ended. */
export function hasOpenConsultation(events: readonly ClockEvent[]): boolean {
  const open = new Set<string>();
  for (const e of events) {
    if (e.type === "CONSULTATION_STARTED") open.add(e.id);
    else if (e.type === "CONSULTATION_ENDED") open.delete(e.id);
  }
  return open.size > 0;
}

/** The stage of a request; null once it is closed. */
export function requestStage(status: RequestStatus, events: readonly ClockEvent[]): RequestStage | null {
  if (status === "CLOSED") return null;
  if (status === "IN_PROGRESS" && hasOpenConsultation(events)) return "consulting";
  return STAGE_OF_STATUS[status];
}

export function isRequestStage(value: unknown): value is RequestStage {
  return typeof value === "string" && (REQUEST_STAGES as readonly string[]).includes(value);
}

/** The queue's flags (`/console/requests?flag=<key>`): ≤ DUE_SOON_DAYS working days left, or past due. */
export const REQUEST_FLAGS = ["due_soon", "overdue"] as const;
export type RequestFlag = (typeof REQUEST_FLAGS)[number];
export const REQUEST_FLAG_LABELS: Record<RequestFlag, string> = { due_soon: "即将到期", overdue: "已逾期" };
