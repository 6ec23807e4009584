/*
 * What happens to a request, as the clock sees it. The server stores these rows (RequestEvent);
 * the due date is always derived from them (./clock.ts), never stored. Every `on` is a Beijing
 * calendar date `YYYY-MM-DD`.
 */

/** 第三方 (第三十二条) or another agency that co-made the information (第三十四条). */
export type ConsultationParty = "third_party" | "agency";

export type ClockEvent =
  /** 收到日, from ./receipt.ts (第三十一条). */
  | { type: "RECEIVED"; on: string }
  /** 补正告知 sent on `on`, giving the applicant until `deadline` (补正期限, 第三十条). */
  | { type: "CORRECTION_REQUESTED"; on: string; deadline: string }
  /** 补正 received: the 20 working days start again from this day (第三十条). */
  | { type: "CORRECTION_RECEIVED"; on: string }
  /** 征求意见 sent on `on`; the party's 15 days run from `noticeReceivedOn` when known. */
  | { type: "CONSULTATION_STARTED"; on: string; id: string; party: ConsultationParty; name?: string; noticeReceivedOn?: string }
  | { type: "CONSULTATION_ENDED"; on: string; id: string }
  /** 延长答复期限 (第三十三条第二款), approved by the 工作机构负责人 `approver`. */
  | { type: "EXTENDED"; on: string; days: number; approver: string }
  /** 第三十五条: a reasonable later deadline, told to the applicant on `on`. */
  | { type: "CUSTOM_DEADLINE"; on: string; due: string; reason: string }
  /** 收费通知 received by the applicant on `on` (国办函〔2020〕109号). */
  | { type: "FEE_NOTICE"; on: string }
  | { type: "FEE_PAID"; on: string }
  /** 答复 handed over or posted (国办公开办函〔2016〕235号), not the day it was drafted. */
  | { type: "REPLIED"; on: string };

export type ClockEventType = ClockEvent["type"];

export type ClockRefusalCode =
  | "first_not_received"
  | "second_receipt"
  | "bad_date"
  | "receipt_in_future"
  | "event_in_future"
  | "out_of_order"
  | "after_reply"
  | "awaiting_correction"
  | "second_correction_request"
  | "correction_deadline_too_early"
  | "correction_without_request"
  | "unknown_consultation"
  | "duplicate_consultation"
  | "consultation_open_at_reply"
  | "extension_out_of_range"
  | "extension_without_approver"
  | "second_extension"
  | "extension_after_due"
  | "custom_deadline_second"
  | "custom_deadline_not_later"
  | "custom_deadline_after_due"
  | "custom_deadline_not_working_day"
  | "second_fee_notice"
  | "fee_notice_after_due"
  | "fee_paid_without_notice"
  | "fee_paid_late";

export const CLOCK_REFUSAL_MESSAGES: Record<ClockRefusalCode, string> = {
  first_not_received: "第一条记录必须是收到申请。",
  second_receipt: "一件申请只有一个收到日。",
  bad_date: "日期无效。",
  receipt_in_future: "收到日不能晚于今天。",
  event_in_future: "不能记录今天以后才发生的事项。",
  out_of_order: "记录的日期早于前一条记录，请按发生顺序登记。",
  after_reply: "申请已答复，不能再记录办理事项。",
  awaiting_correction: "正在等待申请人补正，补正前答复期限不计算，不能记录此事项。",
  second_correction_request: "补正告知应一次性发出（条例第三十条），不能再次要求补正。",
  correction_deadline_too_early: "补正期限应晚于补正告知发出之日。",
  correction_without_request: "尚未发出补正告知，不能登记收到补正。",
  unknown_consultation: "没有找到对应的征求意见记录。",
  duplicate_consultation: "该征求意见已登记。",
  consultation_open_at_reply: "仍有征求意见未结束，请先登记其结果。",
  extension_out_of_range: "延长答复期限最长不得超过20个工作日（条例第三十三条第二款）。",
  extension_without_approver: "延长答复期限须经政府信息公开工作机构负责人同意（条例第三十三条第二款），请填写批准人。",
  second_extension: "答复期限只能延长一次。",
  extension_after_due: "延长答复期限应在原答复期限届满前决定并告知申请人。",
  custom_deadline_second: "已依第三十五条确定过答复期限。",
  custom_deadline_not_later: "依第三十五条确定的期限应晚于法定答复期限。",
  custom_deadline_after_due: "应在答复期限届满前确定合理期限并告知申请人（条例第三十五条）。",
  custom_deadline_not_working_day: "答复期限应为工作日。",
  second_fee_notice: "已发出收费通知。",
  fee_notice_after_due: "收费通知应在答复期限内发出。",
  fee_paid_without_notice: "尚未发出收费通知，不能登记缴费。",
  fee_paid_late: "缴费期限已过，申请视为放弃（国办函〔2020〕109号），不能登记缴费。",
};

export interface ClockRefusal {
  code: ClockRefusalCode;
  /** Index of the offending event in the list given. */
  index: number;
  message: string;
}
