/**
 * A deterministic corpus of plausible 科技局 disclosure items for the search benchmark: titles and
 * bodies built from the demo bureau's real texts (the 2019 annual report, the demo notices) and
 * from templates over word lists, with fields, places and companies drawn from skewed
 * distributions so that some words are everywhere (科技, 项目) and some are rare.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { htmlToText } from "../lib/domain/html";
import { PUBLISHED_ITEMS } from "../prisma/demo-bureau";

/** mulberry32: small, fast, seedable. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)];
  /** Zipf-like: index 0 is the most frequent. */
  const skewed = <T>(xs: readonly T[]) => xs[Math.min(xs.length - 1, Math.floor(xs.length * next() ** 2.5))];
  return { next, int, pick, skewed };
}
export type Rng = ReturnType<typeof rng>;

const FIELDS = [
  "人工智能", "新材料", "生物医药", "现代农业", "装备制造", "化工新材料", "碳纤维", "新能源汽车", "大数据", "智能制造",
  "节能环保", "食品加工", "中医药", "冰雪装备", "集成电路", "新一代信息技术", "精细化工", "现代种业", "氢能", "光电子",
  "人参产业", "黑土地保护", "松花江流域治理", "梅花鹿养殖", "林下经济", "区块链", "工业互联网", "北斗导航", "医疗器械", "航空航天",
] as const;
const PLACES = ["船营区", "昌邑区", "龙潭区", "丰满区", "高新区", "经开区", "中新食品区", "永吉县", "蛟河市", "桦甸市", "舒兰市", "磐石市"] as const;
const PROJECT_TYPES = [
  "科技发展计划项目", "科技成果转化项目", "重点研发项目", "科技创新平台", "科技型中小企业评价", "高新技术企业认定", "科技特派员",
  "技术合同登记", "专利转化专项", "众创空间", "科技企业孵化器", "重点实验室", "工程技术研究中心", "院士工作站", "新型研发机构",
] as const;
const COMPANY_PREFIX = ["吉化", "北华", "松江", "江城", "雾凇", "长白", "龙潭", "北山", "恒远", "华信", "鑫达", "博创", "金桥", "天成", "瑞丰", "东福", "永盛", "卓越", "宏达", "博远"] as const;
const COMPANY_SUFFIX = ["科技有限公司", "股份有限公司", "研究院", "技术开发有限公司", "生物科技有限公司"] as const;
const SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰文辉鹏飞宇浩然思远晓东海燕春梅雪松玉林振华立新卫东丽华";

const TITLE_TEMPLATES: ((r: Rng, year: number) => string)[] = [
  (r, y) => `关于组织申报${y}年度${r.skewed(FIELDS)}领域${r.pick(PROJECT_TYPES)}的通知`,
  (r, y) => `关于公布${y}年度${r.pick(PROJECT_TYPES)}名单的公告`,
  (r, y) => `关于${y}年度${r.pick(PLACES)}${r.skewed(FIELDS)}${r.pick(PROJECT_TYPES)}拟立项项目的公示`,
  (r) => `${company(r)}${r.skewed(FIELDS)}项目通过验收`,
  (r) => `市科技局召开${r.skewed(FIELDS)}产业科技创新工作推进会`,
  (r) => `《吉林市促进${r.skewed(FIELDS)}产业发展若干措施》政策解读`,
  (r) => `${r.pick(PLACES)}开展“科技下乡”${r.skewed(FIELDS)}技术培训活动`,
  (r, y) => `${y}年${r.pick(PLACES)}科技工作要点`,
  (r) => `我市${r.int(80) + 5}家企业入选${r.pick(PROJECT_TYPES)}`,
  (r) => `局机关党委开展“${r.pick(["科技强国", "创新驱动", "不忘初心", "学习贯彻"])}”主题党日活动`,
];

function company(r: Rng) {
  return `吉林市${r.skewed(COMPANY_PREFIX)}${r.skewed(FIELDS)}${r.pick(COMPANY_SUFFIX)}`;
}

function person(r: Rng) {
  return SURNAMES[r.int(SURNAMES.length)] + GIVEN[r.int(GIVEN.length)] + (r.next() < 0.6 ? GIVEN[r.int(GIVEN.length)] : "");
}

const SENTENCE_TEMPLATES: ((r: Rng, y: number) => string)[] = [
  (r) => `${company(r)}承担的${r.skewed(FIELDS)}${r.pick(PROJECT_TYPES)}取得阶段性成果，累计投入研发资金${r.int(900) + 50}万元。`,
  (r) => `项目负责人${person(r)}介绍，该项目已申请发明专利${r.int(12) + 1}项，形成${r.skewed(FIELDS)}关键技术${r.int(6) + 1}项。`,
  (r, y) => `申报材料请于${y}年${r.int(12) + 1}月${r.int(28) + 1}日前报送至市科技局${r.pick(["高新技术科", "成果转化科", "农村与社会发展科", "计划财务科"])}。`,
  (r) => `${r.pick(PLACES)}科技部门组织专家${r.int(15) + 3}人深入企业开展${r.skewed(FIELDS)}技术服务。`,
  (r) => `联系人：${person(r)}，联系电话：0432-${62000000 + r.int(999999)}。`,
  (r) => `经专家评审、网上公示等程序，确定${company(r)}等${r.int(40) + 2}家单位为${r.pick(PROJECT_TYPES)}支持对象。`,
  (r) => `全市${r.skewed(FIELDS)}产业规模以上企业实现产值${r.int(500) + 20}亿元，同比增长${r.int(30) + 1}.${r.int(10)}%。`,
];

function realSentences(): string[] {
  const report = htmlToText(readFileSync(path.join(import.meta.dirname, "..", "prisma", "seed-annual-report-2019.html"), "utf8"));
  return [report, ...PUBLISHED_ITEMS.map((i) => i.body)]
    .join("\n")
    .split(/(?<=[。；！])|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 8 && s.length <= 200);
}

export interface CorpusDoc {
  title: string;
  body: string;
}

/** Docs of about `meanChars` characters on average; the same seed gives the same corpus. */
export function makeCorpus(seed: number) {
  const r = rng(seed);
  const real = realSentences();
  return function nextDoc(year: number, meanChars = 1000): CorpusDoc {
    const title = r.pick(TITLE_TEMPLATES)(r, year);
    const target = Math.max(80, Math.round(meanChars * (0.3 + 1.4 * r.next())));
    const paragraphs: string[] = [];
    let length = 0;
    while (length < target) {
      const sentences: string[] = [];
      for (let i = 0, n = 1 + r.int(4); i < n; i++) sentences.push(r.next() < 0.55 ? r.pick(real) : r.pick(SENTENCE_TEMPLATES)(r, year));
      const p = sentences.join("");
      paragraphs.push(p);
      length += p.length;
    }
    return { title, body: paragraphs.join("\n\n") };
  };
}
