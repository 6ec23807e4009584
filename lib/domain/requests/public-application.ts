/**
 * What the public pages (/apply, /track) exchange with their server actions: plain data, no
 * personal data beyond what the applicant just typed, and never the ID number in clear.
 */

/** 回执: shown once, as the action's answer — the 查询码 never travels in a URL. */
export interface ApplicationReceipt {
  trackingCode: string;
  /** 2026/12/02 10:15, Beijing time */
  submittedAt: string;
  /** The 收到日 rule of 第三十一条 for online applications. */
  receiptRule: string;
  summary: {
    applicantType: string;
    name: string;
    idType: string;
    /** 2202**********1234 */
    idNumber: string;
    description: string;
    purpose: string;
    deliveryForm: string;
    deliveryMethod: string;
    idCopy: boolean;
  };
}

export type ApplyState =
  | {
      status: "editing";
      message?: string;
      fieldErrors?: Record<string, string[] | undefined>;
      values?: Record<string, string>;
      /** Ask for the proof-of-work challenge (人机验证) with the next submission. */
      challenge?: boolean;
    }
  | { status: "received"; receipt: ApplicationReceipt; challenge: boolean };

export const initialApplyState: ApplyState = { status: "editing" };

/** What /track shows: status and dates only. */
export interface TrackAnswer {
  statusLabel: string;
  receivedOn: string;
  dueOn: string | null;
  provisional: boolean;
  closedOn: string | null;
  /** The reply letter can be downloaded (the request is closed with a delivered reply). */
  replyReady: boolean;
}

export type TrackState =
  | { status: "idle" }
  | { status: "refused"; message: string; code: string }
  | { status: "found"; answer: TrackAnswer; code: string };

/** Applications one address may file in 24 hours before the challenge is asked (the 3rd needs it). */
export const FREE_APPLICATIONS_PER_DAY = 2;
