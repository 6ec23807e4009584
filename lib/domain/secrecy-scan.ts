import {
  hasResidentIdShape,
  isPlausibleOldResidentId,
  isValidCreditCode,
  isValidResidentId,
  passesLuhn,
} from "./id-numbers";

/**
 * 保密审查 aid: finds personal data and 密级 markings in a text before it is published (条例 第十四、
 * 十五条). It only proposes; the 保密审查 reviewer decides. Callers pass plain text (see
 * lib/server/files/text-extract.ts for attachments); design choices and measured recall are in
 * docs/secrecy-scan.md.
 */
export type FlagKind = "ID_CARD" | "MOBILE" | "BANK_CARD" | "EMAIL" | "CLASSIFICATION";

/** `high`: must be removed or masked before publication. `review`: a person has to look. */
export type Severity = "high" | "review";

export type ScanFlag = {
  kind: FlagKind;
  severity: Severity;
  /** The text as written, unmasked: for highlighting in the editor, never for logs or lists. */
  match: string;
  start: number;
  end: number;
  /** Up to 20 characters either side, with this and every other flag in the window masked. */
  context: string;
};

export const FLAG_LABELS: Record<FlagKind, string> = {
  ID_CARD: "身份证号",
  MOBILE: "手机号",
  BANK_CARD: "银行卡号",
  EMAIL: "电子邮箱",
  CLASSIFICATION: "密级标志",
};

export const SEVERITY_LABELS: Record<Severity, string> = { high: "须处理", review: "请核实" };

type Candidate = Pick<ScanFlag, "kind" | "severity" | "start" | "end">;

const CONTEXT_CHARS = 20;

// A number touching a digit or a Latin letter is part of a longer number or code (a 统一社会信用代码
// ends in a letter; GR2007… is a certificate number), and one after a decimal point is an amount.
const NUM_START = String.raw`(?<![\dA-Za-z]|\d\.)`;
const NUM_END = String.raw`(?![\dA-Za-z]|\.\d)`;

const ID_18 = new RegExp(String.raw`${NUM_START}\d{6}([ -]?)\d{8}\1\d{3}[\dXx]${NUM_END}`, "g");
const ID_15 = new RegExp(String.raw`${NUM_START}\d{15}${NUM_END}`, "g");
const CARD = new RegExp(String.raw`${NUM_START}(?:\d{16,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?)${NUM_END}`, "g");
const MOBILE = new RegExp(
  String.raw`${NUM_START}(?:(?:\+|00)86[ -]?|\(\+?86\) ?|86[ -]?)?1[3-9]\d([ -]?)\d{4}\1\d{4}${NUM_END}`,
  "g",
);
const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9][\w.%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;

const LEVEL = "(?:绝密|机密|秘密)";
const PERIOD = String.raw`(?:长期|启用前|\d{4}年\d{1,2}月\d{1,2}日|[0-9〇零一二三四五六七八九十两]{1,4} *(?:年|个月))`;
const INTERNAL = "(?:仅[限供])?内部(?:资料|文件|材料|刊物|使用|参阅|传阅|发行)";
const KEEP_SAFE = "(?:注意保存|妥善保管|注意保密|请勿外传|不得外传|严禁外传|不得公开|请勿公开)";
const OPEN = String.raw`[(【\[〔]`;
const CLOSE = String.raw`[)】\]〕]`;

type Marking = { pattern: RegExp; severity: Severity; topOnly?: boolean };

/**
 * 国家秘密标志 (GB/T 9704 版头, 《国家秘密标志形式》) are `high`; 工作秘密 / 内部事项 markings (条例
 * 第十六条: not state secrets, but not for the public site) are `review`. Markings only: the same
 * words in prose (保守国家秘密, 内部控制, 数据的机密性) are never flagged.
 */
const MARKINGS: Marking[] = [
  { pattern: new RegExp(String.raw`${LEVEL} *(?:[★☆] *${PERIOD}?|\* *${PERIOD})`, "g"), severity: "high" },
  { pattern: new RegExp(`密 *级 *: *${LEVEL}`, "g"), severity: "high" },
  { pattern: new RegExp(`${OPEN} *${LEVEL} *${CLOSE}`, "g"), severity: "high" },
  // A bare word on a line of its own is a marking where GB/T 9704 puts one, at the top of the first
  // page; further down it is a table cell ("绝密  30年" in a 保密 handout).
  { pattern: new RegExp(`^ *${LEVEL}(?: +${PERIOD})? *$`, "gm"), severity: "high", topOnly: true },
  { pattern: new RegExp(`${INTERNAL}[ ,、]*${KEEP_SAFE}`, "g"), severity: "review" },
  { pattern: new RegExp(`${OPEN} *${INTERNAL} *${CLOSE}`, "g"), severity: "review" },
  { pattern: new RegExp(`^ *${INTERNAL} *$`, "gm"), severity: "review", topOnly: true },
  { pattern: /密 *级 *: *内部/g, severity: "review" },
];

const TOP_LINES = 5;

/** Offset just past the first TOP_LINES non-blank lines. */
function endOfTop(text: string): number {
  let count = 0;
  for (const m of text.matchAll(/^.*\S.*$/gm)) if (++count === TOP_LINES) return m.index + m[0].length;
  return text.length;
}

/** Full-width forms and odd spaces/hyphens to ASCII, one UTF-16 unit for one, so offsets hold. */
function fold(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u00A0\u2000-\u200A\u202F\u3000]/g, " ")
    .replace(/[\u2010-\u2013\u2212]/g, "-");
}

function matches(text: string, pattern: RegExp, kind: FlagKind, severity: Severity | ((m: string) => Severity | null)) {
  const found: Candidate[] = [];
  for (const m of text.matchAll(pattern)) {
    const s = typeof severity === "function" ? severity(m[0]) : severity;
    if (s) found.push({ kind, severity: s, start: m.index, end: m.index + m[0].length });
  }
  return found;
}

// Full-width digits too: maskMatch sees the text as written, not folded.
const digitsOf = (s: string) => s.replace(/[^\dXx０-９Ｘｘ]/g, "");

/** RFC 2606 example domains are placeholders in instructions, nobody's address. */
const PLACEHOLDER_DOMAIN = /@(?:[\w-]+\.)*example\.(?:com|org|net)$/i;

function findEmails(text: string): Candidate[] {
  return matches(text, EMAIL, "EMAIL", (m) => {
    if (PLACEHOLDER_DOMAIN.test(m)) return null;
    // The bureau's own mailboxes are published on purpose (条例 第二十四条 contact details).
    return /\.gov\.cn$/i.test(m) ? "review" : "high";
  });
}

function findResidentIds(text: string): Candidate[] {
  return [
    ...matches(text, ID_18, "ID_CARD", (m) => (isValidResidentId(digitsOf(m)) ? "high" : null)),
    // No check digit on the old numbers, so a person confirms (docs/secrecy-scan.md).
    ...matches(text, ID_15, "ID_CARD", (m) => (isPlausibleOldResidentId(m) ? "review" : null)),
  ];
}

/** Card numbers, not account numbers: Luhn, and a card-scheme first digit (62 银联, 4 Visa, 5, 3, 9 old domestic). */
function isCardNumber(digits: string): boolean {
  if (!"34569".includes(digits[0]) || !passesLuhn(digits)) return false;
  return !(digits.length === 18 && (hasResidentIdShape(digits) || isValidCreditCode(digits)));
}

function findBankCards(text: string): Candidate[] {
  return matches(text, CARD, "BANK_CARD", (m) => (isCardNumber(digitsOf(m)) ? "high" : null));
}

function findMobiles(text: string): Candidate[] {
  return matches(text, MOBILE, "MOBILE", "high");
}

function findClassificationMarks(text: string): Candidate[] {
  const top = endOfTop(text);
  return MARKINGS.flatMap((m) =>
    matches(text, m.pattern, "CLASSIFICATION", m.severity).filter((c) => !m.topOnly || c.start < top),
  ).map((c) => trimSpaces(text, c));
}

function trimSpaces(text: string, c: Candidate): Candidate {
  let { start, end } = c;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { ...c, start, end };
}

/** Earlier detectors win an overlap: an e-mail made of a phone number is one e-mail. */
const DETECTORS = [findEmails, findResidentIds, findBankCards, findMobiles, findClassificationMarks];

export function scanText(text: string): ScanFlag[] {
  const folded = fold(text);
  const accepted: Candidate[] = [];
  for (const detect of DETECTORS) {
    for (const c of detect(folded)) {
      if (!accepted.some((a) => a.start < c.end && c.start < a.end)) accepted.push(c);
    }
  }
  accepted.sort((a, b) => a.start - b.start);
  const masked = maskSpans(text, accepted);
  return accepted.map((c) => ({ ...c, match: text.slice(c.start, c.end), context: contextOf(masked, c) }));
}

/** Same length as the input: digits (and a final X) become `*` except `head` leading and `tail` trailing ones. */
function maskDigits(match: string, head: number, tail: number): string {
  const total = digitsOf(match).length;
  let seen = 0;
  return match.replace(/[\dXx０-９Ｘｘ]/g, (d) => (seen++ < head || seen > total - tail ? d : "*"));
}

/** A match as it may be shown in lists and logs, e.g. 220202********1234; same length as `match`. */
export function maskMatch(kind: FlagKind, match: string): string {
  switch (kind) {
    case "ID_CARD":
      return maskDigits(match, 6, 4);
    case "MOBILE":
      return maskDigits(match, digitsOf(match).length - 8, 4);
    case "BANK_CARD":
      return maskDigits(match, 4, 4);
    case "EMAIL": {
      const at = Math.max(0, fold(match).lastIndexOf("@"));
      const keep = at <= 2 ? 0 : at <= 4 ? 1 : 2;
      return match.slice(0, keep) + "*".repeat(at - keep) + match.slice(at);
    }
    case "CLASSIFICATION":
      return match;
  }
}

function maskSpans(text: string, flags: Candidate[]): string {
  let out = "";
  let at = 0;
  for (const f of flags) {
    out += text.slice(at, f.start) + maskMatch(f.kind, text.slice(f.start, f.end));
    at = f.end;
  }
  return out + text.slice(at);
}

function contextOf(masked: string, c: Candidate): string {
  let from = Math.max(0, c.start - CONTEXT_CHARS);
  let to = Math.min(masked.length, c.end + CONTEXT_CHARS);
  if (/[\uDC00-\uDFFF]/.test(masked[from] ?? "")) from++;
  if (/[\uD800-\uDBFF]/.test(masked[to - 1] ?? "")) to--;
  return masked.slice(from, to).replace(/\s+/g, " ").trim();
}
