/**
 * 公开属性 and the statutory reasons for not publishing proactively (条例第十四–十六条), as a
 * controlled vocabulary: the codes map one to one onto the annual report's 不予公开 sub-rows, so a
 * reason typed freely could never be counted.
 */
export const DISCLOSURE_ATTRIBUTES = ["PROACTIVE", "ON_REQUEST", "WITHHELD", "NOT_GOV_INFO"] as const;
export type DisclosureAttribute = (typeof DISCLOSURE_ATTRIBUTES)[number];

export const ATTRIBUTE_LABELS: Record<DisclosureAttribute, string> = {
  PROACTIVE: "主动公开",
  ON_REQUEST: "依申请公开",
  WITHHELD: "不予公开",
  NOT_GOV_INFO: "非政府信息",
};

/** 不予主动公开的法定理由. */
export const WITHHOLDING_REASONS = [
  { code: "ART14_STATE_SECRET", article: "第十四条", label: "国家秘密" },
  { code: "ART14_LAW_PROHIBITED", article: "第十四条", label: "法律行政法规禁止公开" },
  { code: "ART14_SECURITY_STABILITY", article: "第十四条", label: "危及“三安全一稳定”" },
  { code: "ART15_COMMERCIAL_SECRET", article: "第十五条", label: "商业秘密" },
  { code: "ART15_PRIVACY", article: "第十五条", label: "个人隐私" },
  { code: "ART16_INTERNAL_AFFAIRS", article: "第十六条第一款", label: "内部事务信息" },
  { code: "ART16_PROCESS", article: "第十六条第二款", label: "过程性信息" },
  { code: "ART16_ENFORCEMENT_FILE", article: "第十六条第二款", label: "行政执法案卷信息" },
] as const;
export type WithholdingReason = (typeof WITHHOLDING_REASONS)[number]["code"];

export function isWithholdingReason(code: string): code is WithholdingReason {
  return WITHHOLDING_REASONS.some((r) => r.code === code);
}

export function withholdingReasonLabel(code: string | null | undefined): string {
  const r = WITHHOLDING_REASONS.find((x) => x.code === code);
  return r ? `${r.article} ${r.label}` : "";
}

/**
 * Which attributes need a statutory reason: 依申请公开 and 不予公开 withhold the item from the
 * public site and must say why (第五条: 不公开为例外); 非政府信息 is outside the 条例 and needs none.
 */
export function attributeNeedsReason(attribute: DisclosureAttribute): boolean {
  return attribute === "ON_REQUEST" || attribute === "WITHHELD";
}

/** 文件类型 */
export const DOCUMENT_TYPES = ["REGULATION", "NORMATIVE", "OTHER"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  REGULATION: "规章",
  NORMATIVE: "行政规范性文件",
  OTHER: "其他",
};

/** 有效性 */
export const VALIDITIES = ["VALID", "AMENDED", "REPEALED", "EXPIRED"] as const;
export type Validity = (typeof VALIDITIES)[number];
export const VALIDITY_LABELS: Record<Validity, string> = {
  VALID: "有效",
  AMENDED: "已修改",
  REPEALED: "已废止",
  EXPIRED: "已失效",
};
