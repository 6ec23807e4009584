/**
 * The demo bureau's 依申请公开 year: 2026's requests plus three carried over from December 2025
 * (年报 table 三's 二、上年结转), across every outcome of table 三, every channel and every
 * applicant type, with a 补正, consultations, an extension, a 第三十五条 deadline, a fee paid and
 * one left unpaid, two appeals, open requests at every stage, and three applicants asking for the
 * same list (条例第四十四条). Fictitious people and companies; ID numbers and 统一社会信用代码 are
 * made up but carry valid check characters. Closed requests have fixed dates; open ones are dated
 * in working days before the day the demo is seeded, so "due soon" and "overdue" stay true.
 */
import { creditCodeCheckChar, residentIdCheckChar } from "../lib/domain/id-numbers";
import type { Outcome } from "../lib/domain/requests/outcomes";
import type { ApplicantType, Channel } from "../lib/domain/requests/vocabulary";

export interface DemoApplicant {
  type: ApplicantType;
  name: string;
  /** 法定代表人 and 联系人 of an organisation. */
  representative?: string;
  contact?: string;
}

const person = (name: string): DemoApplicant => ({ type: "natural_person", name });
const org = (type: Exclude<ApplicantType, "natural_person">, name: string, representative: string, contact: string): DemoApplicant => ({
  type,
  name,
  representative,
  contact,
});

export const DEMO_APPLICANTS: DemoApplicant[] = [
  person("王建国"), // 0
  person("李秀英"),
  person("张志强"),
  person("刘丽娟"),
  person("陈晓东"),
  person("杨帆"), // 5
  person("赵海燕"),
  person("黄磊"),
  person("周婷"),
  person("吴俊杰"),
  person("孙悦"), // 10
  person("马春生"),
  person("朱红梅"),
  person("胡亮"),
  person("郭佳怡"),
  org("commercial", "吉林市华科电子有限公司", "韩立平", "孟庆华"), // 15
  org("commercial", "吉林松江生物科技有限公司", "曲文博", "姜雪"),
  org("commercial", "吉林市北山智能装备有限公司", "邹国庆", "于洋"),
  org("research", "吉林市农业科学研究所", "谭振宇", "闫明"),
  org("research", "北华大学科技成果转化中心", "潘立新", "蔡欣"),
  org("public_welfare", "吉林市青少年科技教育促进会", "范春雨", "宋佳"), // 20
  org("legal_service", "吉林江城律师事务所", "董文", "白杨"),
  org("legal_service", "吉林正阳律师事务所", "夏永刚", "任静"),
  org("other", "吉林市船营区北京路街道社区居民委员会", "贺丽", "钱小平"),
  person("冯宇航"),
  person("邓秋实"), // 25
  person("许文静"),
  org("public_welfare", "吉林市科技志愿服务协会", "彭程", "葛欣然"),
  org("other", "吉林市昌邑区科学技术协会", "龚振华", "常蕾"),
];

/** A resident ID of 吉林市 (220202…) for applicant `i`, with its check digit. */
export function demoResidentId(i: number): string {
  const first17 = `220202${1960 + (i % 40)}${String((i % 12) + 1).padStart(2, "0")}${String((i % 27) + 1).padStart(2, "0")}${String(100 + i * 7).slice(-3)}`;
  return first17 + residentIdCheckChar(first17);
}

/** A 统一社会信用代码 for organisation `i`: 登记管理部门 and 机构类别 by type, 吉林市 220200. */
export function demoCreditCode(i: number, type: ApplicantType): string {
  const head = { commercial: "91", research: "12", public_welfare: "52", legal_service: "31", other: "55", natural_person: "91" }[type];
  const first17 = `${head}220200MA${String(1000000 + i * 7919).slice(-7)}`;
  return first17 + creditCodeCheckChar(first17);
}

export type DemoStep =
  /** 补正告知 `at` working days after receipt, deadline `deadlineDays` calendar days later; 补正 received `receivedAt` working days after receipt. */
  | { kind: "correction"; at: number; deadlineDays: number; receivedAt?: number }
  /** 第三方 (第三十二条) or other agency (第三十四条) consulted from `at` to `endedAt` working days after receipt. */
  | { kind: "consultation"; party: "third_party" | "agency"; name: string; at: number; endedAt?: number }
  /** 延期 decided `at` working days after receipt, by `days`, approved by `approver`. */
  | { kind: "extension"; at: number; days: number; approver: string }
  /** 第三十五条: told `at` working days after receipt; the new due date `dueAt` working days after receipt. */
  | { kind: "custom"; at: number; dueAt: number; reason: string }
  /** 收费通知 received `at` working days after receipt; paid `paidAt` (or never). */
  | { kind: "fee"; at: number; pages: number; paidAt?: number };

/** Where an open request is left. */
export type DemoOpenStage = "awaiting_confirmation" | "awaiting_assignment" | "in_progress" | "consulting" | "awaiting_correction" | "awaiting_approval" | "awaiting_delivery";

export interface DemoRequest {
  channel: Channel;
  applicant: number;
  /** 承办处室 code; null leaves it unassigned. */
  dept: "GXJS" | "BGS" | "CGZH" | null;
  description: string;
  /** A fixed 收到日, or this many working days before the seeding day. */
  received: string | { ago: number };
  /** Closed with this outcome, delivered `replyAt` working days after receipt. */
  outcome?: Outcome;
  replyAt?: number;
  open?: DemoOpenStage;
  steps?: DemoStep[];
  appeal?: { kind: "review" | "litigation_direct" | "litigation_after_review"; result: "upheld" | "pending"; filedDays: number; concludedDays?: number };
}

const closed = (channel: Channel, applicant: number, dept: DemoRequest["dept"], received: string, outcome: Outcome, replyAt: number, description: string, more: Partial<DemoRequest> = {}): DemoRequest => ({
  channel,
  applicant,
  dept,
  received,
  outcome,
  replyAt,
  description,
  ...more,
});

const open = (channel: Channel, applicant: number, dept: DemoRequest["dept"], ago: number, stage: DemoOpenStage, description: string, more: Partial<DemoRequest> = {}): DemoRequest => ({
  channel,
  applicant,
  dept,
  received: { ago },
  open: stage,
  description,
  ...more,
});

/** The 第四十四条 cluster: three applicants, one list. */
export const CLUSTER_DESCRIPTIONS = [
  "申请公开2026年度吉林市科技型中小企业评价入库名单",
  "请提供吉林市2026年科技型中小企业评价入库企业名单",
  "本人申请获取2026年度科技型中小企业评价入库名单（吉林市）",
];

export const DEMO_REQUESTS: DemoRequest[] = [
  // Carried over from December 2025, answered in January 2026.
  closed("registered_mail", 0, "GXJS", "2025-12-15", "granted", 14, "2025年度吉林市科技计划项目立项名单及资助经费"),
  closed("in_person", 18, "CGZH", "2025-12-22", "partial", 12, "2025年市级科技计划项目验收结论及验收专家名单"),
  closed("email", 21, "BGS", "2025-12-26", "deny_5_internal", 10, "市科技局2025年干部年度考核测评结果"),

  // 2026, closed: every outcome of table 三.
  closed("online", 1, "BGS", "2026-01-12", "granted", 8, "吉林市科学技术局2026年部门预算及预算说明"),
  closed("in_person", 2, "GXJS", "2026-01-20", "granted", 9, "2026年吉林市科技企业孵化器认定结果"),
  closed("fax", 15, "GXJS", "2026-02-02", "granted", 12, "2025年吉林市高新技术企业认定奖励资金兑现名单"),
  closed("ordinary_mail", 3, "BGS", "2026-02-25", "granted", 6, "市科技局2025年政府信息公开工作年度报告纸质版"),
  closed("online", 19, "CGZH", "2026-03-04", "granted", 10, "吉林市技术合同认定登记工作流程及2025年登记数量"),
  closed("registered_mail", 4, "CGZH", "2026-03-16", "granted", 11, "吉林市科技创新券申领和兑付管理办法"),
  closed("other", 23, "BGS", "2026-03-23", "granted", 9, "市科技局关于科技特派员工作站建设的通知"),
  closed("email", 5, "GXJS", "2026-04-08", "granted", 16, "2025年吉林市科学技术奖励获奖项目名单"),
  closed("online", 20, "CGZH", "2026-04-20", "granted", 7, "吉林市众创空间备案名单（截至2026年3月）"),
  closed("in_person", 6, "GXJS", "2026-05-11", "granted", 13, "2026年度省级重点研发项目推荐名单"),
  closed("online", 7, "GXJS", "2026-05-18", "partial", 15, "2025年吉林市高新技术企业研发补助资金拨付明细（含企业名称和金额）"),
  closed("registered_mail", 16, "CGZH", "2026-05-25", "partial", 14, "吉林科技园区二期建设项目可行性研究报告及专家评审意见"),
  closed("fax", 8, "BGS", "2026-06-01", "deny_1_state_secret", 12, "吉林市国防科技工业相关科研项目清单"),
  closed("email", 18, "GXJS", "2026-06-08", "deny_2_law_forbidden", 10, "2025年度科技统计调查中各科技企业研发投入的原始调查表"),
  closed("in_person", 9, "BGS", "2026-06-15", "deny_3_three_safety", 11, "全市重点实验室危险化学品存放位置及安全保卫方案"),
  // A consultation of the third party (第三十二条), its objection upheld; the applicant sues.
  closed("online", 17, "GXJS", "2026-06-22", "deny_4_third_party", 24, "吉林松江生物科技有限公司申报高新技术企业时提交的财务审计报告", {
    steps: [{ kind: "consultation", party: "third_party", name: "吉林松江生物科技有限公司", at: 3, endedAt: 13 }],
    appeal: { kind: "litigation_direct", result: "pending", filedDays: 40 },
  }),
  // 过程性信息, the applicant asks for 行政复议: 维持.
  closed("registered_mail", 10, "GXJS", "2026-07-06", "deny_6_process", 12, "2026年市级科技计划项目评审会议讨论记录及评审专家打分表", {
    appeal: { kind: "review", result: "upheld", filedDays: 30, concludedDays: 85 },
  }),
  closed("in_person", 21, "BGS", "2026-07-13", "deny_7_enforcement_file", 10, "市科技局对某企业违规使用科研经费的行政执法案卷"),
  closed("online", 11, "BGS", "2026-07-20", "deny_8_query", 6, "本人2018年以来在科技部门申报项目的全部记录"),
  closed("ordinary_mail", 12, "CGZH", "2026-07-27", "unable_1_not_held", 9, "吉林市2008年以前的科技成果鉴定证书存档"),
  closed("email", 22, "GXJS", "2026-08-03", "unable_2_needs_creation", 10, "请按区县统计近五年各类科技项目资金并制作对比分析表"),
  // A 补正 asked and received, still unclear.
  closed("fax", 13, "BGS", "2026-08-10", "unable_3_unclear", 14, "有关科技项目的文件", {
    steps: [{ kind: "correction", at: 2, deadlineDays: 15, receivedAt: 6 }],
  }),
  closed("in_person", 24, "BGS", "2026-08-17", "noproc_1_petition", 5, "举报某企业骗取科技补助资金，要求查处并公开处理结果"),
  closed("registered_mail", 0, "GXJS", "2026-08-24", "noproc_2_repeat", 4, "2025年度吉林市科技计划项目立项名单及资助经费"),
  closed("online", 25, "BGS", "2026-08-31", "noproc_3_publication", 5, "《吉林市科技统计年鉴（2025）》全本"),
  closed("email", 26, "BGS", "2026-09-07", "noproc_4_mass_repeat", 12, "贵局2019年至2026年全部收文和发文的文件原件"),
  closed("other", 28, "CGZH", "2026-09-14", "noproc_5_confirm", 6, "对已获取的2024年项目立项通知出具加盖公章的确认件"),
  // 补正 asked, never given: 其他处理-1.
  closed("ordinary_mail", 14, "BGS", "2026-09-21", "other_1_no_correction", 18, "科技项目资金情况", {
    steps: [{ kind: "correction", at: 3, deadlineDays: 15 }],
  }),
  // A fee notice left unpaid: 其他处理-2.
  closed("online", 15, "CGZH", "2026-10-12", "other_2_fee_unpaid", 30, "2015年至2025年全部科技计划项目申报书复印件", {
    steps: [{ kind: "fee", at: 4, pages: 860 }],
  }),
  // Withdrawn by the applicant: 其他处理-3.
  closed("in_person", 27, "BGS", "2026-10-19", "other_3_other", 3, "2026年全国科技活动周吉林市活动方案"),

  // The clock's other events, each in a request answered 予以公开 or 部分公开.
  closed("in_person", 3, "GXJS", "2026-03-09", "granted", 12, "关于创新平台的资料", {
    steps: [{ kind: "correction", at: 2, deadlineDays: 10, receivedAt: 5 }],
  }),
  closed("online", 19, "CGZH", "2026-04-13", "partial", 33, "北华大学与本局共建技术转移中心的合作协议及年度考核结果", {
    steps: [
      { kind: "consultation", party: "agency", name: "吉林省科学技术厅", at: 2, endedAt: 9 },
      { kind: "extension", at: 19, days: 15, approver: "王德林" },
    ],
  }),
  closed("registered_mail", 21, "GXJS", "2026-05-06", "granted", 35, "2020年至2025年市级科技计划项目全部验收材料", {
    steps: [{ kind: "custom", at: 5, dueAt: 36, reason: "申请公开的验收材料涉及六个年度、二百余个项目，数量明显超出合理范围，确需延长答复期限" }],
  }),
  closed("email", 16, "CGZH", "2026-09-28", "granted", 22, "2025年吉林市科技成果转化项目资助协议文本", {
    steps: [{ kind: "fee", at: 3, pages: 120, paidAt: 8 }],
  }),

  // 第四十四条: three applicants, one list (two answered, one open below).
  closed("online", 2, "GXJS", "2026-11-02", "granted", 10, CLUSTER_DESCRIPTIONS[0]),
  closed("email", 17, "GXJS", "2026-11-05", "granted", 9, CLUSTER_DESCRIPTIONS[1]),
  open("in_person", 4, "GXJS", 3, "in_progress", CLUSTER_DESCRIPTIONS[2]),

  // Open, at every stage.
  open("online", 5, null, 0, "awaiting_confirmation", "吉林市2026年科技特派员选派名单及服务对象"),
  open("registered_mail", 6, null, 1, "awaiting_assignment", "2026年吉林市科普示范基地认定名单"),
  open("in_person", 7, "GXJS", 17, "in_progress", "吉林市高新技术产业开发区2025年度科技型企业统计数据"),
  open("fax", 22, "CGZH", 25, "in_progress", "市科技局2026年技术转移示范机构绩效评价结果"),
  open("online", 16, "GXJS", 10, "consulting", "吉林市北山智能装备有限公司承担的2025年重大科技专项中期检查报告", {
    steps: [{ kind: "consultation", party: "third_party", name: "吉林市北山智能装备有限公司", at: 3 }],
  }),
  open("ordinary_mail", 8, "BGS", 4, "awaiting_correction", "局里的那个补助文件", {
    steps: [{ kind: "correction", at: 2, deadlineDays: 15 }],
  }),
  open("email", 20, "CGZH", 8, "awaiting_approval", "2026年度吉林市科技成果转化中试基地名单"),
  open("other", 9, "BGS", 6, "awaiting_delivery", "市科技局2026年上半年政府信息公开工作情况"),
];
