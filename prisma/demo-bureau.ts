/**
 * The demo bureau: 吉林市科学技术局 as its 2019 annual report describes it (seed-annual-report-2019.html):
 * 局长 王德林 and 副局长 刘越、国鹏、宋家升 lead; each 科室 has a 联络员 and a 负责人; the
 * confidentiality group reviews; the disclosure office (in 办公室) publishes. Departments other
 * than 办公室 are not named in the report; these are the usual ones of a city science bureau.
 */
import { ROLE_LABELS } from "../lib/domain/roles";

export const DEMO_PASSWORD = "Gongkai@2026";

export const DEPARTMENTS = [
  { code: "BGS", name: "办公室", leader: "leader.wang" },
  { code: "JHCW", name: "计划财务科", leader: "leader.liu" },
  { code: "GXJS", name: "高新技术科", leader: "leader.guo" },
  { code: "NCSF", name: "农村与社会发展科", leader: "leader.song" },
  { code: "CGZH", name: "成果转化科", leader: "leader.liu" },
  { code: "JGDW", name: "机关党委", leader: "leader.guo" },
] as const;

export const USERS = [
  { username: "liaison.gx", displayName: "张敏", roles: ["LIAISON"], dept: "GXJS" },
  { username: "liaison.bgs", displayName: "李娜", roles: ["LIAISON"], dept: "BGS" },
  { username: "liaison.cg", displayName: "赵磊", roles: ["LIAISON"], dept: "CGZH" },
  { username: "head.gx", displayName: "陈静", roles: ["DEPT_HEAD"], dept: "GXJS" },
  { username: "head.bgs", displayName: "孙立", roles: ["DEPT_HEAD"], dept: "BGS" },
  { username: "head.cg", displayName: "周强", roles: ["DEPT_HEAD"], dept: "CGZH" },
  { username: "leader.wang", displayName: "王德林", roles: ["LEADER"], dept: "BGS" },
  { username: "leader.liu", displayName: "刘越", roles: ["LEADER"], dept: "BGS" },
  { username: "leader.guo", displayName: "国鹏", roles: ["LEADER"], dept: "BGS" },
  { username: "leader.song", displayName: "宋家升", roles: ["LEADER"], dept: "BGS" },
  { username: "secrecy", displayName: "吴红", roles: ["SECRECY"], dept: "BGS" },
  { username: "secrecy.2", displayName: "黄涛", roles: ["SECRECY"], dept: "JGDW" },
  { username: "office", displayName: "郑妍", roles: ["OFFICE"], dept: "BGS" },
  { username: "sysadmin", displayName: "马骏", roles: ["SYSADMIN"], dept: "BGS" },
  { username: "secadmin", displayName: "林峰", roles: ["SECADMIN"], dept: "BGS" },
  { username: "auditor", displayName: "何静", roles: ["AUDITOR"], dept: "BGS" },
] as const;

/**
 * The demo accounts as the launcher prints them: 用户名, 姓名, 处室, 角色 — and for a 分管领导 the
 * departments whose items wait for them, which nothing else on screen tells a first-time visitor.
 */
export function demoAccountRows(): string[] {
  const deptName = (code: string) => DEPARTMENTS.find((d) => d.code === code)!.name;
  return USERS.map((u) => {
    const roles = u.roles.map((r: (typeof USERS)[number]["roles"][number]) => {
      if (r !== "LEADER") return ROLE_LABELS[r];
      const covered = DEPARTMENTS.filter((d) => d.leader === u.username).map((d) => d.name);
      return `${ROLE_LABELS[r]}（分管：${covered.join("、")}）`;
    });
    return `  ${u.username.padEnd(12)} ${u.displayName.padEnd(4, "　")} ${deptName(u.dept).padEnd(8, "　")} ${roles.join("、")}`;
  });
}

/** The seed report's columns; 图片新闻 and 科技动态 are news and skip the leader's approval. */
export const COLUMNS = [
  { code: "tpxw", name: "图片新闻", requiresLeader: false },
  { code: "kjdt", name: "科技动态", requiresLeader: false },
  { code: "ndbg", name: "年度报告", requiresLeader: true },
  { code: "tzgg", name: "通知公告", requiresLeader: true },
  { code: "zcfg", name: "政策法规", requiresLeader: true },
  { code: "gzzd", name: "规章制度", requiresLeader: true, parent: "zcfg" },
  { code: "zcjd", name: "政策解读", requiresLeader: true, parent: "zcfg" },
  { code: "kjdj", name: "科技党建", requiresLeader: true },
] as const;

/** 发布渠道: the bureau's own site (the seed report's only channel) and the two it lacked. */
export const CHANNELS = [
  { code: "website", name: "本机关网站" },
  { code: "portal", name: "市政务公开专栏" },
  { code: "wechat", name: "微信公众号" },
] as const;

/**
 * Published demo items: [column, department's liaison, title, days ago, body, 第二十条 item]. 信息形成日期 is two
 * days before publication unless `formedDaysBefore` says otherwise: those items went out after
 * their 20 working days (条例第二十六条), so the timeliness dashboard shows late ones too.
 */
export const PUBLISHED_ITEMS: {
  column: string;
  liaison: string;
  title: string;
  daysAgo: number;
  documentNumber?: string;
  body: string;
  formedDaysBefore?: number;
  /** 条例第二十条 item */
  article20Item?: number;
}[] = [
  {
    column: "tzgg",
    liaison: "liaison.gx",
    title: "关于组织申报2027年度市级科技发展计划项目的通知",
    daysAgo: 3,
    documentNumber: "吉市科发〔2026〕18号",
    article20Item: 5,
    body: "各有关单位：\n\n为深入实施创新驱动发展战略，现组织申报2027年度市级科技发展计划项目。申报单位应为在本市注册的企事业单位、高等院校和科研院所。\n\n申报材料请于2026年12月31日前通过市本级科技计划项目网上申报系统提交。\n\n联系电话：0432-62000000",
  },
  {
    column: "kjdt",
    liaison: "liaison.gx",
    title: "我市新认定高新技术企业42家",
    daysAgo: 9,
    formedDaysBefore: 40,
    body: "经专家评审、公示等程序，我市今年新认定高新技术企业42家，全市高新技术企业总数达到386家。\n\n市科技局将继续做好高新技术企业培育工作，推动科技型中小企业梯次成长。",
  },
  {
    column: "tpxw",
    liaison: "liaison.bgs",
    title: "市科技局开展科技活动周集中示范活动",
    daysAgo: 15,
    body: "5月20日，市科技局在世纪广场开展科技活动周集中示范活动，30余家单位参展，吸引市民3000余人次参观。",
  },
  {
    column: "zcjd",
    liaison: "liaison.cg",
    title: "《吉林市促进科技成果转化若干措施》政策解读",
    daysAgo: 21,
    article20Item: 3,
    body: "一、出台背景\n\n为加快科技成果向现实生产力转化，市科技局会同有关部门制定了《吉林市促进科技成果转化若干措施》。\n\n二、主要内容\n\n措施共十二条，包括支持技术转移机构建设、奖励技术合同登记、支持中试基地建设等。",
  },
  {
    column: "gzzd",
    liaison: "liaison.bgs",
    title: "吉林市科学技术局政府信息公开工作制度",
    daysAgo: 40,
    documentNumber: "吉市科办〔2026〕3号",
    article20Item: 1,
    body: "第一条 为规范本局政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本制度。\n\n第二条 本局政府信息公开工作由局政务公开工作领导小组统一领导，领导小组办公室设在局办公室。\n\n第三条 各科室指定一名联络员，负责提出、整理本科室需公开的政府信息，经科室负责人及分管局长同意并经局保密工作领导小组审核后报送。",
  },
  {
    column: "kjdj",
    liaison: "liaison.bgs",
    title: "局机关党委开展“科技强国”主题党日活动",
    daysAgo: 55,
    formedDaysBefore: 35,
    body: "局机关党委组织各党支部开展“科技强国”主题党日活动，全体党员参观了市科技成果展示中心。",
  },
];

/** 月度公开目标 per department code (the seed's monthly quota), from the demo's first month to December. */
export const MONTHLY_TARGETS: Record<string, number> = { BGS: 2, JHCW: 1, GXJS: 2, NCSF: 1, CGZH: 1, JGDW: 1 };

/** A draft the 处室负责人 sent back, still unfixed and past its 20 working days. */
export const RETURNED_ITEM = {
  column: "tzgg",
  liaison: "liaison.cg",
  head: "head.cg",
  title: "关于征集2027年度科技成果转化项目的通知",
  formedDaysAgo: 45,
  body: "各有关单位：\n\n为推动科技成果在我市转化落地，现征集2027年度科技成果转化项目。",
  comment: "请补充征集范围和截止时间后重新提交。",
} as const;

/**
 * The 政府信息公开指南's settings (条例第十二条), as the office would enter them at
 * /console/settings. Demo values: the address and numbers are placeholders, not the bureau's.
 */
export const SITE_SETTINGS: Record<string, string> = {
  "guide.officeName": "政务公开工作领导小组办公室（设在局办公室）",
  "guide.address": "吉林省吉林市船营区（演示地址）",
  "guide.postalCode": "132000",
  "guide.officeHours": "工作日 上午 8:30—11:30，下午 13:30—17:00（法定节假日除外）",
  "guide.phone": "0432-62000000",
  "guide.fax": "0432-62000001",
  "guide.email": "zwgk@kjj.example.cn",
  "site.systemColumn": "gzzd",
  "site.annualReportColumn": "ndbg",
  // What the 答复书 print (docs/request-letters.md): without a 复议机关 no reply letter can be made.
  "letters.reviewAuthority": "吉林市人民政府",
  "letters.feePaymentMethod": "到本机关办公室现场缴纳，或者按收费通知书所列账户转账（演示）",
};
