/*
 * What the free text of the narrative states about a known quantity (issue 9 §4): "收到申请17件",
 * "公开信息共162条", "行政复议2件", "收取信息处理费120元", and the negations "未收到任何…申请",
 * "未发生…复议和诉讼", "未发生…收费". Real reports get these wrong more than the tables (the seed
 * says 162 where its columns add to 165), so the reading is deliberately narrow: a number counts
 * only with its unit, within one clause (，、。；：！？ and line breaks end a clause), at most
 * WINDOW characters after its keyword with no other number between, and never inside "其中…"
 * (a part, not the total). Anything else is left unread rather than guessed at: a false alarm
 * would teach clerks to override the check. Reads text from sectionText (live fields already
 * blanked out).
 */

export type Quantity = "requests" | "review" | "litigation" | "appeals" | "published" | "column" | "fees";

export interface Statement {
  quantity: Quantity;
  /** The number stated, in the quantity's unit (件, 条, 元); 0 for a negation. */
  value: number;
  /** The words as written, for the message. */
  quote: string;
  negated: boolean;
  /** `published`: where the text says it was published ("市政府政务信息公开专栏"), "" when it says not. */
  place?: string;
  /** `column`: the column's code. */
  code?: string;
}

const WINDOW = 24;
const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_NUMERAL = "[零〇一二两三四五六七八九十百千万]+";
const ARABIC = "\\d+(?:,\\d{3})*(?:\\.\\d+)?";

/** "162", "1,234", "0.5", "一百六十二", "十三", "两千零五", "二〇一九"; null when it is not a number. */
export function parseNumber(text: string): number | null {
  const t = toHalfWidthDigits(text).trim();
  if (new RegExp(`^${ARABIC}$`).test(t)) return Number(t.replace(/,/g, ""));
  if (!new RegExp(`^${CN_NUMERAL}$`).test(t)) return null;
  if (!/[十百千万]/.test(t)) return Number([...t].map((c) => CN_DIGITS[c]).join(""));
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of t) {
    if (c in CN_DIGITS) digit = CN_DIGITS[c];
    else if (c === "万") {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = null;
    } else {
      // "十三" starts with its unit: one ten.
      section += (digit ?? 1) * CN_UNITS[c];
      digit = null;
    }
  }
  return total + section + (digit ?? 0);
}

function toHalfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/．/g, ".");
}

/** Clauses: an ASCII comma between digits ("1,234") is part of a number, not a break. */
export function clauses(text: string): string[] {
  return toHalfWidthDigits(text)
    .split(/[。；;！!？?，、：:\n]|,(?!\d{3})/)
    .map((c) => c.trim())
    .filter(Boolean);
}

const NUMBER_WITH_UNIT = new RegExp(`(${ARABIC}|${CN_NUMERAL})(万)?(件|条|元)`, "g");
const ANY_NUMBER = new RegExp(`${ARABIC}|${CN_NUMERAL}[件条元个项次]`, "g");

const KEYWORDS = {
  // The filler holds no 公/发/开/布: in "公开专栏发布信息" the keyword is "发布信息", the place "…公开专栏".
  published: /(?:公开|发布)[^\d公发开布]{0,6}?信息/g,
  fees: /收费|信息处理费|收取[^\d]{0,6}?费|费用/g,
} as const;

/** Where the number's own phrase starts: after the last number before it, and within WINDOW. */
function segmentStart(clause: string, at: number): number {
  let start = Math.max(0, at - WINDOW);
  // Only the window (and a number reaching into it) can move the start: scanning the whole prefix
  // for every number made a long clause quadratic (20,000 characters took 1.4 s).
  const from = Math.max(0, start - 24);
  for (const m of clause.slice(from, at).matchAll(ANY_NUMBER)) start = Math.max(start, from + m.index + m[0].length);
  return start;
}

function lastMatch(re: RegExp, text: string): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  for (const m of text.matchAll(new RegExp(re.source, "g"))) last = m as RegExpExecArray;
  return last;
}

const OTHER_REQUEST_FIGURES = /结转|上年|办结|答复|办理|处理|予以公开|部分公开|不予|无法提供|补正|其中/;

/** The statements of one clause that have a number. */
function numberStatements(clause: string, columns: readonly { code: string; name: string }[]): Statement[] {
  const out: Statement[] = [];
  for (const m of clause.matchAll(NUMBER_WITH_UNIT)) {
    const [token, digits, wan, unit] = m;
    const at = m.index;
    const after = clause.slice(at + token.length);
    // "第二十条", "条例", "一条龙": ordinals and words, not counts.
    if (clause[at - 1] === "第" || (unit === "条" && /^[例款项龙]/.test(after))) continue;
    const value = (parseNumber(digits) ?? NaN) * (wan ? 10_000 : 1);
    if (!Number.isFinite(value)) continue;
    const start = segmentStart(clause, at);
    const segment = clause.slice(start, at);
    const quoteFrom = (i: number) => clause.slice(start + i, at + token.length);
    const statement = readSegment(segment, unit, value, quoteFrom, clause.slice(0, at), after, columns);
    if (statement) out.push(statement);
  }
  return out;
}

function readSegment(
  segment: string,
  unit: string,
  value: number,
  quoteFrom: (i: number) => string,
  before: string,
  after: string,
  columns: readonly { code: string; name: string }[],
): Statement | null {
  if (unit === "件") {
    const review = segment.search(/(?:行政)?复议/);
    const litigation = segment.search(/(?:行政)?(?:诉讼|起诉)/);
    if (review >= 0 || litigation >= 0) {
      const quantity = review >= 0 && litigation >= 0 ? "appeals" : review >= 0 ? "review" : "litigation";
      return { quantity, value, quote: quoteFrom(Math.min(...[review, litigation].filter((i) => i >= 0))), negated: false };
    }
    const noun = segment.indexOf("申请");
    if (noun >= 0 && !OTHER_REQUEST_FIGURES.test(segment)) {
      const verb = /(?:收到|受理|接收|新收|接到)[^\d申]{0,8}$/.exec(segment.slice(0, noun));
      return { quantity: "requests", value, quote: quoteFrom(verb ? verb.index : noun), negated: false };
    }
    // "共收到17件申请": the verb before the number, the noun just after it.
    const verb = /(?:收到|受理|接收|新收|接到)了?(?:共计?|总计|合计)?$/.exec(before);
    const following = /^[^\d]{0,10}?申请/.exec(after);
    if (verb && following && !OTHER_REQUEST_FIGURES.test(following[0])) {
      return { quantity: "requests", value, quote: `${before.slice(verb.index)}${quoteFrom(segment.length)}${following[0]}`, negated: false };
    }
    return null;
  }
  if (unit === "条") {
    const keyword = lastMatch(KEYWORDS.published, segment);
    if (keyword && !segment.slice(keyword.index).includes("其中")) {
      const kwAt = before.length - segment.length + keyword.index;
      const place = placeBefore(before.slice(0, kwAt));
      return { quantity: "published", value, quote: quoteFrom(keyword.index), negated: false, place };
    }
    return columnStatement(segment, value, quoteFrom, columns);
  }
  const keyword = lastMatch(KEYWORDS.fees, segment);
  return keyword ? { quantity: "fees", value, quote: quoteFrom(keyword.index), negated: false } : null;
}

/** "在市政府科技局网站" → "市政府科技局网站"; "" when the clause names no place. */
function placeBefore(text: string): string {
  const m = /(?:在|通过|于)([^在]*?)[上内中里]?$/.exec(text);
  return m ? m[1] : "";
}

/** "图片新闻13条": a column's name right before its number (at most 共/共计/信息 between). */
function columnStatement(segment: string, value: number, quoteFrom: (i: number) => string, columns: readonly { code: string; name: string }[]): Statement | null {
  for (const c of [...columns].sort((a, b) => b.name.length - a.name.length)) {
    const m = new RegExp(`${escapeRegExp(c.name)}(?:共计?|信息|类)?$`).exec(segment);
    if (m) return { quantity: "column", value, quote: quoteFrom(m.index), negated: false, code: c.code };
  }
  return null;
}

/** Unit-less counts after a column name ("通知公告39，"), as the seed writes some of them. */
function bareColumnStatements(clause: string, columns: readonly { code: string; name: string }[]): Statement[] {
  // Keyed by where the number ends: of two names ending at one number ("动态", "科技动态") the longer wins.
  const byEnd = new Map<number, Statement>();
  for (const c of [...columns].sort((a, b) => b.name.length - a.name.length)) {
    const re = new RegExp(`${escapeRegExp(c.name)}(?:共计?|信息|类)?(${ARABIC}|${CN_NUMERAL})(?![\\d件条元个项次年月日%.万])`, "g");
    for (const m of clause.matchAll(re)) {
      const value = parseNumber(m[1]);
      const end = m.index + m[0].length;
      if (value !== null && !byEnd.has(end)) byEnd.set(end, { quantity: "column", value, quote: m[0], negated: false, code: c.code });
    }
  }
  return [...byEnd.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
}

const NEGATIONS: { quantity: Quantity[]; re: RegExp }[] = [
  // Bounded gaps ({0,40}): an unbounded lazy gap retried from every 未 made long clauses quadratic.
  { quantity: ["requests"], re: /(?:未|没有)(?:收到|接到|受理|接收|发生|出现|有)[^\d]{0,40}?申请/ },
  { quantity: ["review"], re: /(?:未|没有)(?:发生|出现|收到|接到|产生|涉及|有|被)[^\d]{0,40}?复议/ },
  { quantity: ["litigation"], re: /(?:未|没有)(?:发生|出现|收到|接到|产生|涉及|有|被)[^\d]{0,40}?(?:诉讼|起诉)/ },
  { quantity: ["fees"], re: /(?:未|没有)(?:发生|产生|收取|涉及|有)?[^\d]{0,40}?(?:收费|信息处理费|收取[^\d]{0,6}?费)/ },
];

function negations(clause: string, stated: Statement[]): Statement[] {
  const out: Statement[] = [];
  for (const { quantity, re } of NEGATIONS) {
    const m = re.exec(clause);
    // "未经复议直接起诉" names a column of table 四, "未经批准收费" a prohibition: neither denies anything.
    if (!m || clause.slice(m.index).startsWith("未经")) continue;
    for (const q of quantity) {
      if (stated.some((s) => s.quantity === q)) continue;
      out.push({ quantity: q, value: 0, quote: clause.slice(m.index), negated: true });
    }
  }
  return out;
}

/** Every statement of the text, clause by clause, in reading order. */
export function statedFigures(text: string, columns: readonly { code: string; name: string }[] = []): Statement[] {
  return clauses(text).flatMap((clause) => {
    const numbered = [...numberStatements(clause, columns), ...bareColumnStatements(clause, columns)];
    return [...numbered, ...negations(clause, numbered)];
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
