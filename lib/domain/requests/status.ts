import type { Role } from "../roles";

/*
 * The life of a request (条例 第四十五条: 登记、审核、办理、答复、归档) as data plus one pure
 * function, like lib/domain/workflow.ts does for items. Consultation, extension and fee are not
 * statuses: they happen while IN_PROGRESS and live in the clock's events (./clock.ts).
 */
export const REQUEST_STATUSES = [
  "RECEIVED_ONLINE",
  "REGISTERED",
  "CORRECTION_REQUESTED",
  "IN_PROGRESS",
  "REPLY_DRAFTED",
  "REPLY_APPROVED",
  "CLOSED",
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  RECEIVED_ONLINE: "在线提交，待确认",
  REGISTERED: "已登记",
  CORRECTION_REQUESTED: "待申请人补正",
  IN_PROGRESS: "办理中",
  REPLY_DRAFTED: "答复待审核",
  REPLY_APPROVED: "答复已审核，待送达",
  CLOSED: "已办结",
};

export const REQUEST_EVENTS = [
  "confirm",
  "accept",
  "request_correction",
  "receive_correction",
  "clock_event",
  "draft_reply",
  "approve_reply",
  "return_reply",
  "deliver_reply",
  "withdraw",
] as const;
export type RequestEventName = (typeof REQUEST_EVENTS)[number];

const OPEN: readonly RequestStatus[] = ["RECEIVED_ONLINE", "REGISTERED", "CORRECTION_REQUESTED", "IN_PROGRESS", "REPLY_DRAFTED", "REPLY_APPROVED"];
const REPLY_REVIEWERS: readonly Role[] = ["DEPT_HEAD", "LEADER"];

/** Where each event may start, where it leads, who may fire it. */
export const REQUEST_TRANSITIONS: Record<RequestEventName, { from: readonly RequestStatus[]; to: RequestStatus | null; roles: readonly Role[] }> = {
  /** 双方确认 (第三十一条第三项): fixes the 收到日 of an online, e-mail or fax request. */
  confirm: { from: ["RECEIVED_ONLINE"], to: "REGISTERED", roles: ["OFFICE"] },
  accept: { from: ["REGISTERED"], to: "IN_PROGRESS", roles: ["OFFICE"] },
  /** 补正告知 is 一次性 (第三十条): a second one is refused. */
  request_correction: { from: ["REGISTERED", "IN_PROGRESS"], to: "CORRECTION_REQUESTED", roles: ["OFFICE"] },
  receive_correction: { from: ["CORRECTION_REQUESTED"], to: "IN_PROGRESS", roles: ["OFFICE"] },
  /** Consultation, extension, 第三十五条 deadline, fee notice or payment: recorded, status unchanged. */
  clock_event: { from: ["IN_PROGRESS"], to: null, roles: ["OFFICE"] },
  /** From CORRECTION_REQUESTED too: the 不再处理 notice of 其他处理-1 is itself a reply. */
  draft_reply: { from: ["REGISTERED", "CORRECTION_REQUESTED", "IN_PROGRESS"], to: "REPLY_DRAFTED", roles: ["OFFICE", "LIAISON"] },
  approve_reply: { from: ["REPLY_DRAFTED"], to: "REPLY_APPROVED", roles: REPLY_REVIEWERS },
  return_reply: { from: ["REPLY_DRAFTED"], to: "IN_PROGRESS", roles: REPLY_REVIEWERS },
  /** 送达 (国办公开办函〔2016〕235号): the day it is handed over or posted closes the clock. */
  deliver_reply: { from: ["REPLY_APPROVED"], to: "CLOSED", roles: ["OFFICE"] },
  /** The applicant withdraws (撤回申请); counted as 其他处理-3. */
  withdraw: { from: OPEN, to: "CLOSED", roles: ["OFFICE"] },
};

export interface RequestFacts {
  status: RequestStatus;
  /** The 处室 the request was assigned to, if any: its 联络员 may draft. */
  assignedDepartmentId: string | null;
  /** Who drafted the reply under review: nobody approves their own draft. */
  draftedById: string | null;
  /** A 补正告知 was already sent (一次性). */
  correctionRequested: boolean;
}

export interface RequestActor {
  id: string;
  roles: readonly Role[];
  departmentId: string | null;
}

export type RequestRefusal = "wrong_status" | "wrong_role" | "wrong_department" | "own_draft" | "correction_already_requested";

export type RequestDecision = { ok: true; from: RequestStatus; to: RequestStatus } | { ok: false; reason: RequestRefusal };

export function decideRequest(request: RequestFacts, event: RequestEventName, actor: RequestActor): RequestDecision {
  const rule = REQUEST_TRANSITIONS[event];
  if (!rule.from.includes(request.status)) return { ok: false, reason: "wrong_status" };
  if (!rule.roles.some((r) => actor.roles.includes(r))) return { ok: false, reason: "wrong_role" };
  const refusal = scopeRefusal(request, event, actor);
  if (refusal) return { ok: false, reason: refusal };
  return { ok: true, from: request.status, to: rule.to ?? request.status };
}

function scopeRefusal(request: RequestFacts, event: RequestEventName, actor: RequestActor): RequestRefusal | null {
  if (event === "request_correction" && request.correctionRequested) return "correction_already_requested";
  // A 联络员 drafts only for their own 处室; the office drafts for anyone.
  const liaisonOnly = !actor.roles.includes("OFFICE");
  if (event === "draft_reply" && liaisonOnly && actor.departmentId !== request.assignedDepartmentId) return "wrong_department";
  if ((event === "approve_reply" || event === "return_reply") && request.draftedById === actor.id) return "own_draft";
  return null;
}

export const REQUEST_REFUSAL_MESSAGES: Record<RequestRefusal, string> = {
  wrong_status: "该申请当前状态不允许此操作，可能已被他人处理，请刷新后查看。",
  wrong_role: "您没有执行此操作的权限。",
  wrong_department: "该申请未分派给您所在的处室。",
  own_draft: "不能审核本人起草的答复。",
  correction_already_requested: "补正告知应一次性发出（条例第三十条），本申请已发出过补正告知。",
};
