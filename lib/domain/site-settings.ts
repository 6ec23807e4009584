import { z } from "zod";

/**
 * The settings behind the 政府信息公开指南. 条例第十二条: the guide states how information is
 * classified and arranged, how to obtain it, and the disclosure office's 名称、办公地址、办公时间、
 * 联系电话、传真号码、互联网联系方式. Stored one SiteSetting row per key.
 */
export const SITE_SETTING_KEYS = {
  officeName: "guide.officeName",
  address: "guide.address",
  postalCode: "guide.postalCode",
  officeHours: "guide.officeHours",
  phone: "guide.phone",
  fax: "guide.fax",
  email: "guide.email",
  website: "guide.website",
  note: "guide.note",
  systemColumn: "site.systemColumn",
  annualReportColumn: "site.annualReportColumn",
  reviewAuthority: "letters.reviewAuthority",
  feePaymentMethod: "letters.feePaymentMethod",
  trackUrl: "letters.trackUrl",
  requestDayOne: "requests.dayOne",
  reportDeadline: "reports.deadline",
} as const;

export type SiteSettingField = keyof typeof SITE_SETTING_KEYS;

/** How the 20 working days of a reply are counted: from the next working day (default) or the day of receipt. */
export const REQUEST_DAY_ONE_VALUES = ["next_day", "same_day"] as const;
export type RequestDayOne = (typeof REQUEST_DAY_ONE_VALUES)[number];
export const REQUEST_DAY_ONE_LABELS: Record<RequestDayOne, string> = {
  next_day: "自收到申请之日的次日起算（民法典第二百零一条，默认）",
  same_day: "自收到申请之日当日起算（更严格）",
};

/**
 * 年度报告 的发布期限 (条例第四十九条: 每年1月31日前), as "MM-DD" of the following year. A province may
 * set an earlier day; a day that does not exist every year (02-29, 04-31) is refused.
 */
export const DEFAULT_REPORT_DEADLINE = "01-31";
export function isReportDeadline(value: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [month, day] = [Number(m[1]), Number(m[2])];
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

const PHONE = /^[0-9()（）\-－+＋ 、，,转]{5,40}$/;

/** A field that may be left blank: blank → undefined, otherwise trimmed and checked. */
const optional = (schema: z.ZodType<string>) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() || undefined : v), schema.optional());

export const siteSettingsSchema = z.object({
  officeName: z.string({ error: "请填写工作机构名称" }).trim().min(2, "请填写工作机构名称").max(100, "工作机构名称不能超过 100 个字"),
  address: z.string({ error: "请填写办公地址" }).trim().min(2, "请填写办公地址").max(200, "办公地址不能超过 200 个字"),
  postalCode: optional(z.string().regex(/^\d{6}$/, "邮政编码应为 6 位数字")),
  officeHours: z.string({ error: "请填写办公时间" }).trim().min(2, "请填写办公时间").max(200, "办公时间不能超过 200 个字"),
  phone: z.string({ error: "请填写联系电话" }).trim().regex(PHONE, "请填写有效的联系电话，如 0432-62000000"),
  fax: optional(z.string().regex(PHONE, "请填写有效的传真号码，如 0432-62000001")),
  email: optional(z.email("请填写有效的电子邮箱，如 zwgk@example.gov.cn").max(100, "电子邮箱不能超过 100 个字符")),
  website: optional(
    z
      .url({ protocol: /^https?$/, error: "请填写以 http:// 或 https:// 开头的网址" })
      .max(200, "网址不能超过 200 个字符"),
  ),
  note: optional(z.string().max(2000, "补充说明不能超过 2000 个字")),
  systemColumn: z.string({ error: "请选择栏目" }).trim().min(1, "请选择“政府信息公开制度”对应的栏目").max(64),
  annualReportColumn: z.string({ error: "请选择栏目" }).trim().min(1, "请选择“政府信息公开年报”对应的栏目").max(64),
  // What the 答复书 and 告知书 print (docs/request-letters.md); blank → a letter needing it is refused by name.
  reviewAuthority: optional(z.string().max(100, "行政复议机关不能超过 100 个字")),
  feePaymentMethod: optional(z.string().max(300, "缴费方式不能超过 300 个字")),
  trackUrl: optional(
    z.url({ protocol: /^https?$/, error: "请填写以 http:// 或 https:// 开头的网址" }).max(200, "网址不能超过 200 个字符"),
  ),
  // 依申请公开 答复期限: day 1 is the next working day (民法典第二百零一条), or — a bureau's choice — the day of receipt.
  requestDayOne: z.enum(REQUEST_DAY_ONE_VALUES, { error: "请选择答复期限的起算方式" }).default("next_day"),
  // Blank means the statutory 01-31 (reportDeadlineOf), so a form without the field changes nothing.
  reportDeadline: optional(z.string().refine(isReportDeadline, "请按“月-日”填写，如 01-31（不能是 02-29）")),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

/** What the guide shows before the office has saved anything: blanks it can see and fill. */
export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  officeName: "政务公开工作领导小组办公室",
  address: "",
  officeHours: "",
  phone: "",
  systemColumn: "gzzd",
  annualReportColumn: "ndbg",
  requestDayOne: "next_day",
  reportDeadline: DEFAULT_REPORT_DEADLINE,
};

/** The deadline in force: the setting, or 01-31 when it is blank or unreadable. */
export function reportDeadlineOf(settings: Pick<SiteSettings, "reportDeadline">): string {
  const v = settings.reportDeadline?.trim() ?? "";
  return isReportDeadline(v) ? v : DEFAULT_REPORT_DEADLINE;
}

export const SITE_SETTING_LABELS: Record<SiteSettingField, string> = {
  officeName: "工作机构名称",
  address: "办公地址",
  postalCode: "邮政编码",
  officeHours: "办公时间",
  phone: "联系电话",
  fax: "传真号码",
  email: "电子邮箱",
  website: "网站",
  note: "补充说明",
  systemColumn: "“政府信息公开制度”栏目",
  annualReportColumn: "“政府信息公开年报”栏目",
  reviewAuthority: "行政复议机关",
  feePaymentMethod: "信息处理费缴费方式",
  trackUrl: "申请查询网址",
  requestDayOne: "答复期限起算方式",
  reportDeadline: "年度报告发布期限（次年月-日）",
};
