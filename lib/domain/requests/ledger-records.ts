import type { Outcome } from "./outcomes";
import type { ApplicantType, Channel } from "./vocabulary";

/**
 * A bureau's existing 台账 (register of requests and of 行政复议/诉讼 cases), row by row, once a
 * file has been read and every cell checked: what the import writes. `row` is the row number as a
 * spreadsheet shows it (the header is row 1), so every message can point at its row.
 */
export interface LedgerRequestRecord {
  row: number;
  /** 编号, kept as the bureau numbered it (null: the system numbers it). */
  number: string | null;
  /** 收到日期 (YYYY-MM-DD). */
  receivedOn: string;
  /** 申请方式 (default other). */
  channel: Channel;
  applicantType: ApplicantType;
  applicantName: string | null;
  content: string | null;
  /** 办理结果: null while the request is still open. */
  outcome: Outcome | null;
  /** 办结日期: set exactly when outcome is. */
  closedOn: string | null;
  /** 承办处室, by name (resolved against the departments when written). */
  departmentName: string | null;
}

export const APPEAL_KINDS = ["review", "litigation_direct", "litigation_after_review"] as const;
/** 行政复议 / 行政诉讼·未经复议直接起诉 / 行政诉讼·复议后起诉: the three blocks of 年报 table 四. */
export type AppealKind = (typeof APPEAL_KINDS)[number];

export const APPEAL_RESULTS = ["upheld", "corrected", "other", "pending"] as const;
/** 结果维持 / 结果纠正 / 其他结果 / 尚未审结. */
export type AppealResult = (typeof APPEAL_RESULTS)[number];

export interface LedgerAppealRecord {
  row: number;
  kind: AppealKind;
  /** 收到日期: the day the case was filed. */
  filedOn: string;
  result: AppealResult;
  /** 审结日期: required unless pending. */
  concludedOn: string | null;
  /** 关联申请编号 (optional). */
  requestNumber: string | null;
}
