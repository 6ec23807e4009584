/**
 * 《中华人民共和国政府信息公开条例》（2019年修订）第二十条: the fifteen kinds of government
 * information an administrative organ must publish proactively. ItemRevision.article20Item holds
 * the number (1…15) of the kind an item belongs to, or null.
 */
export const ARTICLE20_ITEMS = [
  "行政法规、规章和规范性文件",
  "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
  "国民经济和社会发展规划、专项规划、区域规划及相关政策",
  "国民经济和社会发展统计信息",
  "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
  "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
  "财政预算、决算信息",
  "行政事业性收费项目及其依据、标准",
  "政府集中采购项目的目录、标准及实施情况",
  "重大建设项目的批准和实施情况",
  "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
  "突发公共事件的应急预案、预警信息及应对情况",
  "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
  "公务员招考的职位、名额、报考条件等事项以及录用结果",
  "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
] as const;

export const ARTICLE20_MIN = 1;
export const ARTICLE20_MAX = ARTICLE20_ITEMS.length;

const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"] as const;

export function isArticle20Item(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= ARTICLE20_MIN && n <= ARTICLE20_MAX;
}

/** （一）…（十五） */
export function article20Label(n: number): string {
  if (!isArticle20Item(n)) throw new RangeError(`not an item of 第二十条: ${n}`);
  return `（${NUMERALS[n - 1]}）`;
}

/** The statutory text of item n. */
export function article20Text(n: number): string {
  if (!isArticle20Item(n)) throw new RangeError(`not an item of 第二十条: ${n}`);
  return ARTICLE20_ITEMS[n - 1];
}

/** 第二十条（七）财政预算、决算信息 */
export function article20Title(n: number): string {
  return `第二十条${article20Label(n)}${article20Text(n)}`;
}

export const ARTICLE20_LIST = ARTICLE20_ITEMS.map((text, i) => ({ item: i + 1, label: article20Label(i + 1), text }));
