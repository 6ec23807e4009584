import { formatChineseDate, isIsoDate } from "../dates";
import { PLACEHOLDERS, PLACEHOLDER_NAMES, isPlaceholder, type Placeholder } from "./letters-placeholders";

export { PLACEHOLDERS, PLACEHOLDER_NAMES, isPlaceholder, type Placeholder, type PlaceholderDef } from "./letters-placeholders";

/*
 * 答复书 and 告知书 as data. A template is a title and paragraphs with {占位符}; the office may
 * edit it (so it is stored, validated by checkTemplate, never code), and fillLetter turns it and
 * a request's fields into plain text — every placeholder replaced, or a list of what is missing.
 * A letter with "{申请人}" or "undefined" in it is never produced: the bureau signs what comes out.
 * Rendering to DOCX/PDF is lib/export/letters (lib/domain may not import lib/export).
 */

/** 救济途径 (条例 第五十一条): which sentence closes the letter. */
export type RemedyKind =
  /** 行政复议 within 60 days, or 行政诉讼 within 6 months. */
  | "standard"
  /**
   * 复议前置: 行政复议法 (2023 修订) 第二十三条第一款第四项 — "申请政府信息公开，行政机关不予公开"
   * must go to 行政复议 first, and its 第二款 obliges the agency to say so when it decides.
   */
  | "review_first"
  /** Procedural notices and the receipt: nothing decided yet, nothing to challenge. */
  | "none";

export type TemplateParagraph = {
  text: string;
  /** Printed only when every placeholder in it has a value; some but not all is an error. */
  optional?: boolean;
  /** false for lines that are not prose (联系电话：…): no first-line indent. */
  indent?: boolean;
  /** Printed after the 救济途径: the 附件说明 closes the text, just above the 落款 (GB/T 9704 §7.3.4). */
  afterRemedy?: boolean;
};

export interface LetterTemplate {
  title: string;
  /** The addressee line, e.g. "{申请人}：". */
  salutation: string;
  paragraphs: TemplateParagraph[];
  /** The article(s) {法律依据} stands for; absent → staff must give {法律依据} themselves. */
  basis?: string;
  remedy: RemedyKind;
  /** Whether the letter carries a 文号 under the 版头. */
  numbered: boolean;
  /** The placeholder whose date is the 落款 date. */
  dateField: Placeholder;
  /** The line after the 落款, e.g. （此件依申请公开）. */
  attribute?: string;
  /** "本答复" or "本通知": how the remedy sentence names the letter. */
  selfName: string;
}

/** The 救济途径 sentences; {复议机关} comes from the bureau's settings (e.g. 吉林市人民政府). */
export const REMEDY_TEXTS: Record<Exclude<RemedyKind, "none">, string> = {
  standard:
    "如对{本文书}不服，可以自收到{本文书}之日起六十日内向{复议机关}申请行政复议，或者自收到{本文书}之日起六个月内依法向人民法院提起行政诉讼。",
  review_first:
    "如对{本文书}不服，根据《中华人民共和国行政复议法》第二十三条的规定，应当先自收到{本文书}之日起六十日内向{复议机关}申请行政复议；对行政复议决定不服的，可以依法向人民法院提起行政诉讼。",
};

/** Fields a letter is filled with; dates as YYYY-MM-DD, printed 2026年11月30日. */
export type LetterFields = Partial<Record<Placeholder, string>>;

export type LetterProblem =
  | { code: "unknown_placeholder"; name: string; where: string }
  | { code: "unbalanced_brace"; where: string }
  | { code: "empty"; where: string }
  | { code: "bad_template"; where: string; detail: string }
  | { code: "missing_field"; name: Placeholder }
  | { code: "unknown_field"; name: string }
  | { code: "bad_value"; name: Placeholder; detail: string };

export interface FilledParagraph {
  text: string;
  indent: boolean;
}

export interface FilledLetter {
  title: string;
  organ: string;
  docNumber: string | null;
  salutation: string;
  paragraphs: FilledParagraph[];
  /** The 落款 date, 2026年11月30日. */
  date: string;
  attribute: string | null;
}

export type FillResult = { ok: true; letter: FilledLetter } | { ok: false; problems: LetterProblem[]; message: string };

const TOKEN = /\{([^{}]*)\}/g;
/** Placeholders the filler supplies itself, never a field. */
const DERIVED = new Set<string>(["本文书"]);

/** Names in `{…}` in order of appearance (duplicates kept out). */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(TOKEN)].map((m) => m[1]))];
}

function checkText(text: string, where: string, allowDerived: boolean): LetterProblem[] {
  const problems: LetterProblem[] = [];
  if (/[{}]/.test(text.replace(TOKEN, ""))) problems.push({ code: "unbalanced_brace", where });
  for (const name of placeholdersIn(text)) {
    if (!isPlaceholder(name) && !(allowDerived && DERIVED.has(name))) problems.push({ code: "unknown_placeholder", name, where });
  }
  return problems;
}

/** Every problem of a template the office has edited, in reading order; [] when it may be saved. */
export function checkTemplate(template: LetterTemplate): LetterProblem[] {
  const problems: LetterProblem[] = [];
  if (!template.title.trim()) problems.push({ code: "empty", where: "标题" });
  problems.push(...checkText(template.title, "标题", false), ...checkText(template.salutation, "称谓", false));
  if (template.paragraphs.length === 0) problems.push({ code: "empty", where: "正文" });
  template.paragraphs.forEach((p, i) => {
    const where = `正文第${i + 1}段`;
    if (!p.text.trim()) problems.push({ code: "empty", where });
    problems.push(...checkText(p.text, where, false));
    if (p.optional && placeholdersIn(p.text).length === 0) {
      problems.push({ code: "bad_template", where, detail: "可选段落至少要含一个占位符，否则无从判断是否打印" });
    }
  });
  if (template.basis !== undefined) problems.push(...checkText(template.basis, "法律依据", false));
  if (!isPlaceholder(template.dateField) || PLACEHOLDERS[template.dateField].kind !== "date") {
    problems.push({ code: "bad_template", where: "落款日期", detail: `“${template.dateField}”不是日期占位符` });
  }
  if (!["standard", "review_first", "none"].includes(template.remedy)) {
    problems.push({ code: "bad_template", where: "救济途径", detail: `未知的救济途径“${template.remedy}”` });
  }
  return problems;
}

/** The message a clerk reads: one line per problem, in Chinese. */
export function describeProblems(problems: readonly LetterProblem[]): string {
  return problems.map(describeProblem).join("\n");
}

function describeProblem(p: LetterProblem): string {
  switch (p.code) {
    case "unknown_placeholder":
      return `${p.where}：未知的占位符“{${p.name}}”。可用的占位符有：${PLACEHOLDER_NAMES.map((n) => `{${n}}`).join("、")}。`;
    case "unbalanced_brace":
      return `${p.where}：花括号不成对。占位符应写成{申请人}这样的形式。`;
    case "empty":
      return `${p.where}不能为空。`;
    case "bad_template":
      return `${p.where}：${p.detail}。`;
    case "missing_field":
      return `缺少“${p.name}”（${PLACEHOLDERS[p.name].hint}）。`;
    case "unknown_field":
      return `“${p.name}”不是文书中可以填写的项目。`;
    case "bad_value":
      return `“${p.name}”${p.detail}。`;
  }
}

/** A value as it will be printed, or why it cannot be. */
function printable(name: Placeholder, raw: string): { text: string } | { problem: string } {
  const value = raw.trim();
  if (/^(undefined|null|nan)$/i.test(value)) return { problem: `的值“${value}”不是有效内容` };
  if (/[{}]/.test(value)) return { problem: "中不能含有花括号" };
  if (PLACEHOLDERS[name].kind === "date") {
    return isIsoDate(value) ? { text: formatChineseDate(value) } : { problem: "应为有效日期（YYYY-MM-DD）" };
  }
  return { text: value };
}

/** Checks and formats the fields once: printable values, or the problems with them. */
function prepareFields(template: LetterTemplate, fields: LetterFields): { values: Map<string, string>; problems: LetterProblem[] } {
  const values = new Map<string, string>();
  const problems: LetterProblem[] = [];
  for (const [name, raw] of Object.entries(fields)) {
    if (!isPlaceholder(name)) problems.push({ code: "unknown_field", name });
    else if (raw === undefined || raw === null || String(raw).trim() === "") continue;
    else {
      const p = printable(name, String(raw));
      if ("problem" in p) problems.push({ code: "bad_value", name, detail: p.problem });
      else values.set(name, p.text);
    }
  }
  // The article printed is the template's: a field may not quietly cite another.
  if (template.basis !== undefined) {
    if (values.has("法律依据")) problems.push({ code: "bad_value", name: "法律依据", detail: "由本文书模板确定，不能另行填写" });
    values.set("法律依据", template.basis);
  }
  values.set("本文书", template.selfName);
  return { values, problems };
}

/** The placeholders a letter cannot be printed without. */
export function requiredNames(template: LetterTemplate): Placeholder[] {
  const texts = [template.title, template.salutation, ...template.paragraphs.filter((p) => !p.optional).map((p) => p.text)];
  if (template.remedy !== "none") texts.push(REMEDY_TEXTS[template.remedy]);
  const names = new Set<string>(["机关名称", template.dateField, ...texts.flatMap(placeholdersIn)]);
  if (template.numbered) names.add("文号");
  return [...names].filter(isPlaceholder);
}

const substitute = (text: string, values: Map<string, string>) => text.replace(TOKEN, (_, name: string) => values.get(name) ?? `{${name}}`);

/** Optional paragraphs with every field present; one with some but not all is a missing-field error. */
function chosenParagraphs(template: LetterTemplate, values: Map<string, string>, problems: LetterProblem[]): TemplateParagraph[] {
  return template.paragraphs.filter((p) => {
    if (!p.optional) return true;
    const names = placeholdersIn(p.text);
    const missing = names.filter((n) => !values.has(n));
    if (missing.length > 0 && missing.length < names.length) {
      for (const name of missing) if (isPlaceholder(name)) problems.push({ code: "missing_field", name });
    }
    return missing.length === 0;
  });
}

/** A value with line breaks becomes several paragraphs (a 收费明细, a list of 补正事项). */
function toParagraphs(p: TemplateParagraph, values: Map<string, string>): FilledParagraph[] {
  return substitute(p.text, values)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((text) => ({ text, indent: p.indent ?? true }));
}

/** The template filled with the fields, or every problem at once (never a half-filled letter). */
export function fillLetter(template: LetterTemplate, fields: LetterFields): FillResult {
  const templateProblems = checkTemplate(template);
  if (templateProblems.length > 0) return refuse(templateProblems);
  const { values, problems } = prepareFields(template, fields);
  for (const name of requiredNames(template)) if (!values.has(name)) problems.push({ code: "missing_field", name });
  const paragraphs = chosenParagraphs(template, values, problems);
  if (problems.length > 0) return refuse(dedupe(problems));
  const body = paragraphs.filter((p) => !p.afterRemedy).flatMap((p) => toParagraphs(p, values));
  if (template.remedy !== "none") body.push({ text: substitute(REMEDY_TEXTS[template.remedy], values), indent: true });
  body.push(...paragraphs.filter((p) => p.afterRemedy).flatMap((p) => toParagraphs(p, values)));
  const letter: FilledLetter = {
    title: substitute(template.title, values),
    organ: values.get("机关名称") as string,
    docNumber: template.numbered ? (values.get("文号") as string) : null,
    salutation: substitute(template.salutation, values),
    paragraphs: body,
    date: values.get(template.dateField) as string,
    attribute: template.attribute ?? null,
  };
  return { ok: true, letter };
}

function dedupe(problems: LetterProblem[]): LetterProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify(p);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function refuse(problems: LetterProblem[]): FillResult {
  return { ok: false, problems, message: describeProblems(problems) };
}

/** Every printed text of a filled letter in reading order (版头, 文号, title … 落款, 附注), for checks and tests. */
export function letterText(letter: FilledLetter): string {
  return [letter.organ, letter.docNumber ?? "", letter.title, letter.salutation, ...letter.paragraphs.map((p) => p.text), letter.organ, letter.date, letter.attribute ?? ""].join("\n");
}
