import { wordTable } from "./ledger-cells";
import { APPEAL_KINDS, APPEAL_RESULTS, type AppealKind, type AppealResult } from "./ledger-records";
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, CHANNEL_LABELS, CHANNELS, type ApplicantType, type Channel } from "./vocabulary";

/*
 * The 台账 columns, by their exact header names (issue #8 §9 — a contract: the template, the
 * parser and the docs all read them from here), and the spellings each controlled column accepts.
 */

export interface LedgerColumn {
  name: string;
  /** The header must be present; without it the file cannot be read as meant. */
  headerRequired: boolean;
  /** What the 填写说明 sheet and the docs say about the column. */
  help: string;
}

/**
 * Headers required: those whose absence would silently change what a row means (no 办理结果 column
 * would import every closed request as open). Optional headers may be left out altogether.
 */
export const REQUEST_COLUMNS = [
  { name: "编号", headerRequired: false, help: "选填。本机关的申请编号，原样保留；同一文件内不得重复。留空则由系统编号。" },
  { name: "收到日期", headerRequired: true, help: "必填。年-月-日，如 2026-03-05（也可写 2026/3/5 或 2026年3月5日）；不得晚于今天。" },
  { name: "申请方式", headerRequired: false, help: "选填，留空为“其他”。可填：在线、信函、当面、传真、电子邮件、其他（“信函”按挂号信计；平信请写“平信”）。" },
  { name: "申请人类型", headerRequired: true, help: "必填。可填：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他。" },
  { name: "申请人", headerRequired: false, help: "选填，不超过 100 字。" },
  { name: "申请内容", headerRequired: false, help: "选填，不超过 2000 字。" },
  { name: "办理结果", headerRequired: true, help: "尚未办结的留空；已办结的填写办理结果，如“予以公开”“不予公开-属于国家秘密”，见右侧列表。" },
  { name: "办结日期", headerRequired: true, help: "填写了办理结果的必填，未办结的留空；不得早于收到日期，不得晚于今天。" },
  { name: "承办处室", headerRequired: false, help: "选填。处室名称，与系统中的处室名称一致。" },
] as const satisfies readonly LedgerColumn[];

export const APPEAL_COLUMNS = [
  { name: "类型", headerRequired: true, help: "必填。可填：行政复议、未经复议直接起诉、复议后起诉。" },
  { name: "收到日期", headerRequired: true, help: "必填。收到复议申请书或起诉状的日期，年-月-日；不得晚于今天。" },
  { name: "结果", headerRequired: true, help: "必填。可填：维持、纠正、其他、尚未审结。" },
  { name: "审结日期", headerRequired: true, help: "结果为“尚未审结”的留空，其他结果必填；不得早于收到日期，不得晚于今天。" },
  { name: "关联申请编号", headerRequired: false, help: "选填。所涉政府信息公开申请的编号。" },
] as const satisfies readonly LedgerColumn[];

export type RequestColumnName = (typeof REQUEST_COLUMNS)[number]["name"];
export type AppealColumnName = (typeof APPEAL_COLUMNS)[number]["name"];

/** Longest text per free-text column; 申请内容 as on the online form (DESCRIPTION_MAX). */
export const TEXT_LIMITS = { 编号: 50, 申请人: 100, 申请内容: 2000, 承办处室: 100, 关联申请编号: 50 } as const;

/** The six spellings a 台账 uses for 申请方式, as the contract lists them. */
export const CHANNEL_WORDS = ["在线", "信函", "当面", "传真", "电子邮件", "其他"] as const;

/**
 * Decision: a bare 信函 is a 挂号信 (registered_mail). A ledger's 收到日期 for a letter is the day
 * the bureau took it in, which is what 第三十一条 makes the 收到日 of a letter that is signed for;
 * a 平信's 收到日 is a later confirmation that a history file does not record. Offices that kept
 * the distinction write 挂号信 or 平信 (or the console's labels, or the keys).
 */
export const channelOf = wordTable<Channel>([
  ["在线", "online"],
  ["信函", "registered_mail"],
  ["挂号信", "registered_mail"],
  ["平信", "ordinary_mail"],
  ["当面", "in_person"],
  ["传真", "fax"],
  ["电子邮件", "email"],
  ["其他", "other"],
  ...CHANNELS.flatMap((c) => [[c, c], [CHANNEL_LABELS[c], c]] as const),
]);

export const applicantTypeOf = wordTable<ApplicantType>(
  APPLICANT_TYPES.flatMap((t) => [[t, t], [APPLICANT_TYPE_LABELS[t], t]] as const),
);

/** 类型 as a 台账 writes it: the contract's words, the 年报 table 四 spellings, the keys. */
export const APPEAL_KIND_LABELS: Record<AppealKind, string> = {
  review: "行政复议",
  litigation_direct: "未经复议直接起诉",
  litigation_after_review: "复议后起诉",
};

export const appealKindOf = wordTable<AppealKind>(
  APPEAL_KINDS.flatMap((k) => [
    [k, k],
    [APPEAL_KIND_LABELS[k], k],
    ...(k === "review" ? [] : (["-", "·", "－", "—", "（", ""] as const).map((sep) => [`行政诉讼${sep}${APPEAL_KIND_LABELS[k]}${sep === "（" ? "）" : ""}`, k] as const)),
  ]),
);

export const APPEAL_RESULT_LABELS: Record<AppealResult, string> = {
  upheld: "维持",
  corrected: "纠正",
  other: "其他",
  pending: "尚未审结",
};

export const appealResultOf = wordTable<AppealResult>([
  ...APPEAL_RESULTS.flatMap((r) => [[r, r], [APPEAL_RESULT_LABELS[r], r]] as const),
  ["结果维持", "upheld"],
  ["结果纠正", "corrected"],
  ["其他结果", "other"],
]);
