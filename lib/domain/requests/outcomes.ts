/*
 * 办理结果: the 21 leaf rows of 年报 table 三 "本年度办理结果" (国办公开办函〔2021〕30号). Every
 * closed request picks exactly one, so the report is a count and the 勾稽 "七 = sum of the 21
 * leaves" holds by construction. Keys are stable; labels are the rows as the format prints them.
 */

export const OUTCOME_GROUPS = ["granted", "partial", "denied", "unable", "not_processed", "other"] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number];

/** The group rows （一）…（六） of table 三. */
export const OUTCOME_GROUP_LABELS: Record<OutcomeGroup, string> = {
  granted: "（一）予以公开",
  partial: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
  denied: "（三）不予公开",
  unable: "（四）无法提供",
  not_processed: "（五）不予处理",
  other: "（六）其他处理",
};

/** The group's name without numbering or note, as a 台账 writes it. */
export const OUTCOME_GROUP_NAMES: Record<OutcomeGroup, string> = {
  granted: "予以公开",
  partial: "部分公开",
  denied: "不予公开",
  unable: "无法提供",
  not_processed: "不予处理",
  other: "其他处理",
};

export interface OutcomeDef {
  group: OutcomeGroup;
  /** The row as table 三 prints it. */
  label: string;
  /** 条例 article(s) the reply rests on. */
  basis: string;
  /** True where the article is our reading, not named by the format (reference/domain.md §2.3). */
  basisDerived: boolean;
}

const leaf = (group: OutcomeGroup, label: string, basis: string, basisDerived = false): OutcomeDef => ({
  group,
  label,
  basis,
  basisDerived,
});

export const OUTCOMES = {
  granted: leaf("granted", "（一）予以公开", "第三十六条第（一）项、第（二）项"),
  partial: leaf("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "第三十七条"),
  deny_1_state_secret: leaf("denied", "1.属于国家秘密", "第十四条"),
  deny_2_law_forbidden: leaf("denied", "2.其他法律行政法规禁止公开", "第十四条"),
  deny_3_three_safety: leaf("denied", "3.危及“三安全一稳定”", "第十四条"),
  deny_4_third_party: leaf("denied", "4.保护第三方合法权益", "第十五条、第三十二条"),
  deny_5_internal: leaf("denied", "5.属于三类内部事务信息", "第十六条第一款"),
  deny_6_process: leaf("denied", "6.属于四类过程性信息", "第十六条第二款"),
  deny_7_enforcement_file: leaf("denied", "7.属于行政执法案卷", "第十六条第二款"),
  deny_8_query: leaf("denied", "8.属于行政查询事项", "第三十六条第（七）项", true),
  unable_1_not_held: leaf("unable", "1.本机关不掌握相关政府信息", "第三十六条第（四）项、第（五）项", true),
  unable_2_needs_creation: leaf("unable", "2.没有现成信息需要另行制作", "第三十八条"),
  unable_3_unclear: leaf("unable", "3.补正后申请内容仍不明确", "第三十条"),
  noproc_1_petition: leaf("not_processed", "1.信访举报投诉类申请", "第三十九条第一款"),
  noproc_2_repeat: leaf("not_processed", "2.重复申请", "第三十六条第（六）项"),
  noproc_3_publication: leaf("not_processed", "3.要求提供公开出版物", "第三十九条第二款"),
  noproc_4_mass_repeat: leaf("not_processed", "4.无正当理由大量反复申请", "第三十五条"),
  noproc_5_confirm: leaf("not_processed", "5.要求行政机关确认或重新出具已获取信息", "第三十八条", true),
  other_1_no_correction: leaf("other", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "第三十条"),
  other_2_fee_unpaid: leaf(
    "other",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
  ),
  other_3_other: leaf("other", "3.其他", "—", true),
} as const satisfies Record<string, OutcomeDef>;

export type Outcome = keyof typeof OUTCOMES;
/** In table order. */
export const OUTCOME_KEYS = Object.keys(OUTCOMES) as Outcome[];

export function isOutcome(value: string): value is Outcome {
  return Object.hasOwn(OUTCOMES, value);
}

/** The leaf's text without its numbering or note: "属于国家秘密", "予以公开". */
export function outcomeShortLabel(key: Outcome): string {
  return bare(OUTCOMES[key].label);
}

/** "不予公开-属于国家秘密", or "予以公开" for a group with one row: the 台账 spelling. */
export function outcomeLedgerLabel(key: Outcome): string {
  const { group } = OUTCOMES[key];
  const short = outcomeShortLabel(key);
  return short === OUTCOME_GROUP_NAMES[group] ? short : `${OUTCOME_GROUP_NAMES[group]}-${short}`;
}

/*
 * Parsing what people type in a 台账: NFKC folds full-width brackets and digits; numbering
 * （三）/1./1、, quotes, notes in brackets and spaces are dropped; real reports carry typos
 * ("三类内容事务信息"), so a few known ones are aliases. Anything else is null, never a guess.
 */
const TYPO_ALIASES: Record<string, string> = { 属于三类内容事务信息: "属于三类内部事务信息" };
const SEPARATORS = /[-—–－/／:：>＞·|]+/;

function bare(text: string): string {
  const folded = text
    .normalize("NFKC")
    .replace(/\([^)]*\)/g, "")
    .replace(/[\s"'“”‘’「」『』]/g, "")
    .replace(/^(\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+[.、．])/, "");
  return TYPO_ALIASES[folded] ?? folded;
}

function byLeaf(group: OutcomeGroup | null, leafText: string): Outcome | null {
  const wanted = bare(leafText);
  const hits = OUTCOME_KEYS.filter((k) => (group === null || OUTCOMES[k].group === group) && outcomeShortLabel(k) === wanted);
  if (hits.length === 1) return hits[0];
  const groupHit = OUTCOME_GROUPS.find((g) => OUTCOME_GROUP_NAMES[g] === wanted);
  const single = groupHit ? OUTCOME_KEYS.filter((k) => OUTCOMES[k].group === groupHit) : [];
  return single.length === 1 && (group === null || group === groupHit) ? single[0] : null;
}

/** "（三）不予公开 1.属于国家秘密": a group name run together with its row. */
function byGroupPrefix(text: string): Outcome | null {
  const folded = bare(text);
  const group = OUTCOME_GROUPS.find((g) => folded.startsWith(OUTCOME_GROUP_NAMES[g]));
  const rest = group ? folded.slice(OUTCOME_GROUP_NAMES[group].length) : "";
  return group && rest ? byLeaf(group, rest) : null;
}

/** A key, a table-三 label or a 台账 spelling ("不予公开-属于国家秘密") → the outcome key, or null. */
export function parseOutcome(input: string): Outcome | null {
  const text = input.trim();
  if (isOutcome(text)) return text;
  const parts = text.normalize("NFKC").split(SEPARATORS).filter((p) => p.trim() !== "");
  if (parts.length === 1) return byLeaf(null, parts[0]) ?? byGroupPrefix(parts[0]);
  if (parts.length !== 2) return null;
  const group = OUTCOME_GROUPS.find((g) => OUTCOME_GROUP_NAMES[g] === bare(parts[0]));
  return group ? byLeaf(group, parts[1]) : null;
}
