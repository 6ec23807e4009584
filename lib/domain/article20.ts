/**
 * 《政府信息公开条例》第二十条: the fifteen kinds of information an agency must publish
 * proactively. An item names the one it fulfils (or none); the annual report's table 二 reads
 * (一)(五)(六)(八), and the public site lets visitors browse by item.
 */
export const ARTICLE_20_ITEMS: readonly { item: number; label: string; text: string }[] = [
  { item: 1, label: "（一）", text: "行政法规、规章和规范性文件" },
  { item: 2, label: "（二）", text: "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名" },
  { item: 3, label: "（三）", text: "国民经济和社会发展规划、专项规划、区域规划及相关政策" },
  { item: 4, label: "（四）", text: "国民经济和社会发展统计信息" },
  { item: 5, label: "（五）", text: "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果" },
  { item: 6, label: "（六）", text: "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定" },
  { item: 7, label: "（七）", text: "财政预算、决算信息" },
  { item: 8, label: "（八）", text: "行政事业性收费项目及其依据、标准" },
  { item: 9, label: "（九）", text: "政府集中采购项目的目录、标准及实施情况" },
  { item: 10, label: "（十）", text: "重大建设项目的批准和实施情况" },
  { item: 11, label: "（十一）", text: "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况" },
  { item: 12, label: "（十二）", text: "突发公共事件的应急预案、预警信息及应对情况" },
  { item: 13, label: "（十三）", text: "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况" },
  { item: 14, label: "（十四）", text: "公务员招考的职位、名额、报考条件等事项以及录用结果" },
  { item: 15, label: "（十五）", text: "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息" },
];

export function article20Label(item: number | null | undefined): string {
  const found = ARTICLE_20_ITEMS.find((a) => a.item === item);
  return found ? `第二十条${found.label} ${found.text}` : "不属于第二十条所列";
}

export const ARTICLE20_MIN = 1;
export const ARTICLE20_MAX = ARTICLE_20_ITEMS.length;

export function isArticle20Item(n: unknown): n is number {
  return typeof n === "number" && ARTICLE_20_ITEMS.some((a) => a.item === n);
}

/** The entry of item n — its number, （一）…（十五） and statutory text — or null. */
export function article20Item(n: number | null | undefined): { item: number; label: string; text: string } | null {
  return ARTICLE_20_ITEMS.find((a) => a.item === n) ?? null;
}
