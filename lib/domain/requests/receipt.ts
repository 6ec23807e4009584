import { isIsoDate } from "../dates";
import type { Channel } from "./vocabulary";

/*
 * 收到日 (条例 第三十一条; 国办公开办函〔2015〕207号 on the same rules): the day the 20 working
 * days run from. Decision: no channel rolls a weekend or holiday forward. The clock's day 1 is
 * already the first working day after the 收到日 (民法典 第二百零一条), so a letter signed for on a
 * Saturday counts from Monday like one signed for on Friday — rolling it to Monday would give the
 * bureau a day more than the text does. Where the rule itself waits for people — 双方确认 for
 * online, e-mail and fax, 与申请人确认 for 平信 — a Sunday submission simply has no 收到日 until
 * staff confirm it, which they do on a working day; that is the only "roll", and it is the rule's.
 */

export interface ReceiptDates {
  /** The day the applicant handed it in or the system received it. */
  submittedOn?: string | null;
  /** 挂号信: the day the bureau signed for it. */
  signedForOn?: string | null;
  /** The day the bureau and the applicant confirmed it (online, e-mail, fax, 平信, other). */
  confirmedOn?: string | null;
}

type DateField = keyof ReceiptDates;

interface ReceiptRule {
  field: DateField;
  /** The text the receipt page shows. */
  text: string;
}

export const RECEIPT_RULES: Record<Channel, ReceiptRule> = {
  in_person: { field: "submittedOn", text: "申请人当面提交政府信息公开申请的，以提交之日为收到申请之日（条例第三十一条第一项）。" },
  registered_mail: {
    field: "signedForOn",
    text: "申请人以邮寄方式提交政府信息公开申请的，以行政机关签收之日为收到申请之日（条例第三十一条第二项）。",
  },
  ordinary_mail: {
    field: "confirmedOn",
    text: "以平常信函等无需签收的邮寄方式提交政府信息公开申请的，政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日（条例第三十一条第二项）。",
  },
  online: {
    field: "confirmedOn",
    text: "申请人通过互联网渠道提交政府信息公开申请的，以双方确认之日为收到申请之日（条例第三十一条第三项）。",
  },
  email: {
    field: "confirmedOn",
    text: "申请人通过电子邮件提交政府信息公开申请的，以双方确认之日为收到申请之日（条例第三十一条第三项）。",
  },
  fax: {
    field: "confirmedOn",
    text: "申请人通过传真提交政府信息公开申请的，以双方确认之日为收到申请之日（条例第三十一条第三项）。",
  },
  other: {
    field: "confirmedOn",
    text: "经其他渠道转来的政府信息公开申请，以政府信息公开工作机构与申请人确认之日为收到申请之日（参照条例第三十一条第二项）。",
  },
};

export type ReceiptProblem = "awaiting_confirmation" | "missing_date" | "bad_date" | "future_date" | "before_submission";

export type ReceiptResult =
  | { ok: true; receivedOn: string; rule: string }
  | { ok: false; problem: ReceiptProblem; field: DateField; message: string; rule: string };

const FIELD_LABELS: Record<DateField, string> = { submittedOn: "提交日期", signedForOn: "签收日期", confirmedOn: "确认日期" };

/** The 收到日 of a request from its channel and the dates recorded, or why there is none yet. */
export function receiptDate(channel: Channel, dates: ReceiptDates, today: string): ReceiptResult {
  const { field, text: rule } = RECEIPT_RULES[channel];
  const fail = (problem: ReceiptProblem, message: string): ReceiptResult => ({ ok: false, problem, field, message, rule });
  const value = dates[field];
  if (!value) {
    return field === "confirmedOn"
      ? fail("awaiting_confirmation", "申请尚待双方确认，确认之日为收到申请之日。")
      : fail("missing_date", `请填写${FIELD_LABELS[field]}。`);
  }
  if (!isIsoDate(value)) return fail("bad_date", `${FIELD_LABELS[field]}不是有效日期。`);
  if (value > today) return fail("future_date", `${FIELD_LABELS[field]}不能晚于今天。`);
  const submitted = dates.submittedOn;
  if (field !== "submittedOn" && submitted && isIsoDate(submitted) && value < submitted) {
    return fail("before_submission", `${FIELD_LABELS[field]}不能早于提交日期。`);
  }
  return { ok: true, receivedOn: value, rule };
}
