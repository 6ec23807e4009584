/*
 * The controlled words of 依申请公开: who asks, how the request arrived, how the answer is to be
 * given. Keys are stable (stored in the database, used in the machine-readable 年报); labels are
 * what staff and applicants read. The 21 outcomes of 年报 table 三 live in ./outcomes.ts.
 */

/**
 * 申请人类型: the six columns of 年报 table 三 (自然人, then 法人或其他组织 split in five). The
 * sub-type is asked on the form because the report needs it (条例 第二十九条 asks only for a name).
 */
export const APPLICANT_TYPES = ["natural_person", "commercial", "research", "public_welfare", "legal_service", "other"] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const APPLICANT_TYPE_LABELS: Record<ApplicantType, string> = {
  natural_person: "自然人",
  commercial: "商业企业",
  research: "科研机构",
  public_welfare: "社会公益组织",
  legal_service: "法律服务机构",
  other: "其他",
};

/** 法人或其他组织: every type but 自然人; such applicants also give 法定代表人 and 联系人. */
export function isOrganisation(type: ApplicantType): boolean {
  return type !== "natural_person";
}

/** The column group a type is reported under. */
export function applicantGroupLabel(type: ApplicantType): string {
  return isOrganisation(type) ? "法人或其他组织" : "自然人";
}

/**
 * 申请渠道. 信函 splits in two because 第三十一条 dates them differently: 挂号信 by its 签收日,
 * 平信 by the day the bureau confirms it with the applicant.
 */
export const CHANNELS = ["online", "registered_mail", "ordinary_mail", "in_person", "fax", "email", "other"] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  online: "在线申请",
  registered_mail: "信函（挂号信）",
  ordinary_mail: "信函（平信）",
  in_person: "当面申请",
  fax: "传真",
  email: "电子邮件",
  other: "其他",
};

/** 信函 as one group, for the 受理 statistics that do not split letters. */
export const CHANNEL_GROUP_LABELS: Record<Channel, string> = { ...CHANNEL_LABELS, registered_mail: "信函", ordinary_mail: "信函" };

/** 身份证明 (第二十九条第二款第一项). */
export const ID_DOCUMENT_TYPES = ["resident_id", "credit_code", "other"] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

export const ID_DOCUMENT_TYPE_LABELS: Record<IdDocumentType, string> = {
  resident_id: "居民身份证",
  credit_code: "统一社会信用代码",
  other: "其他有效证件",
};

/** 获取信息的形式 (第二十九条第二款第三项, 第四十条). */
export const DELIVERY_FORMS = ["paper", "electronic"] as const;
export type DeliveryForm = (typeof DELIVERY_FORMS)[number];

export const DELIVERY_FORM_LABELS: Record<DeliveryForm, string> = { paper: "纸质", electronic: "电子" };

/** 获取信息的方式. */
export const DELIVERY_METHODS = ["post", "pickup", "email", "online"] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = {
  post: "邮寄",
  pickup: "自取",
  email: "电子邮件",
  online: "网上获取",
};

/** Which methods make sense for a form: paper cannot travel by e-mail or download. */
export const METHODS_FOR_FORM: Record<DeliveryForm, readonly DeliveryMethod[]> = {
  paper: ["post", "pickup"],
  electronic: ["email", "online", "pickup", "post"],
};
