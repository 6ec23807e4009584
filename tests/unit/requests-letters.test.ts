import { pdfText } from "../support/pdf-text";
import JSZip from "jszip";
import { describe, expect, test } from "vitest";
import { renderDocument } from "@/lib/export";
import { fillTemplate } from "@/lib/export/letters";
import { SAMPLE_LETTER_FIELDS } from "@/lib/export/letters/samples";
import { computeFee } from "@/lib/domain/requests/fees";
import {
  checkTemplate,
  fillLetter,
  letterText,
  placeholdersIn,
  REMEDY_TEXTS,
  type LetterFields,
  type LetterTemplate,
  type Placeholder,
} from "@/lib/domain/requests/letters";
import { DEFAULT_NOTICE_TEMPLATES, extensionFields, feeFields, NOTICE_KINDS } from "@/lib/domain/requests/letters-notices";
import { DEFAULT_REPLY_TEMPLATES, REPLY_TEMPLATE_KEYS, REPLY_TEMPLATE_OUTCOME, replyTemplatesFor, type ReplyTemplateKey } from "@/lib/domain/requests/letters-replies";
import { OUTCOME_KEYS, OUTCOMES } from "@/lib/domain/requests/outcomes";

/** The sample fields, plus {法律依据} for the one letter whose article staff choose. */
const fieldsFor = (key: ReplyTemplateKey): LetterFields =>
  key === "other_3_other" ? { ...SAMPLE_LETTER_FIELDS, 法律依据: "《中华人民共和国政府信息公开条例》第二十九条" } : { ...SAMPLE_LETTER_FIELDS };

function filledText(template: LetterTemplate, fields: LetterFields): string {
  const r = fillLetter(template, fields);
  if (!r.ok) throw new Error(r.message);
  return letterText(r.letter);
}

/** Written out by hand from the 条例, not read from the templates, so a wrong article fails here. */
const ARTICLE: Record<ReplyTemplateKey, string[]> = {
  granted: ["第三十六条第（二）项"],
  granted_published: ["第三十六条第（一）项"],
  partial: ["第三十七条"],
  deny_1_state_secret: ["第十四条", "第三十六条第（三）项", "国家秘密"],
  deny_2_law_forbidden: ["第十四条", "第三十六条第（三）项", "法律、行政法规禁止公开"],
  deny_3_three_safety: ["第十四条", "国家安全、公共安全、经济安全或者社会稳定"],
  deny_4_third_party: ["第十五条", "第三十二条", "第三方合法权益"],
  deny_5_internal: ["第十六条第一款", "内部事务信息"],
  deny_6_process: ["第十六条第二款", "过程性信息"],
  deny_7_enforcement_file: ["第十六条第二款", "行政执法案卷"],
  deny_8_query: ["第三十六条第（七）项", "特别规定"],
  unable_1_not_held: ["第三十六条第（四）项", "政府信息不存在"],
  unable_1_not_ours: ["第三十六条第（五）项", "不属于本机关负责公开", "吉林市财政局"],
  unable_2_needs_creation: ["第三十八条", "加工、分析"],
  unable_3_unclear: ["第三十条", "仍不明确"],
  noproc_1_petition: ["第三十九条第一款", "信访、投诉、举报"],
  noproc_2_repeat: ["第三十六条第（六）项", "不予重复处理"],
  noproc_3_publication: ["第三十九条第二款", "公开出版物"],
  noproc_4_mass_repeat: ["第三十五条", "不予处理"],
  noproc_5_confirm: ["第三十八条", "确认或者重新出具"],
  other_1_no_correction: ["第三十条", "视为您放弃申请"],
  other_2_fee_unpaid: ["第四十二条", "国办函〔2020〕109号", "视为您放弃申请"],
  other_3_other: ["第二十九条"],
};

const REVIEW_FIRST = "应当先自收到本答复之日起六十日内向吉林市人民政府申请行政复议";
const STANDARD = "可以自收到本答复之日起六十日内向吉林市人民政府申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼";

describe("reply letters", () => {
  test.each(OUTCOME_KEYS)("outcome %s has a default letter that records it", (outcome) => {
    const keys = replyTemplatesFor(outcome);
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(REPLY_TEMPLATE_OUTCOME[k]).toBe(outcome);
  });

  test.each(REPLY_TEMPLATE_KEYS)("%s fills completely, cites its article and ends with the 救济途径", (key) => {
    const template = DEFAULT_REPLY_TEMPLATES[key];
    expect(checkTemplate(template)).toEqual([]);
    const text = filledText(template, fieldsFor(key));
    for (const words of ARTICLE[key]) expect(text).toContain(words);
    expect(text).toContain("张某：");
    expect(text).toContain("吉市科技公开〔2026〕第3号");
    expect(text).toContain("于2026年11月9日收到");
    expect(text).toMatch(/2026年11月30日\n（此件依申请公开）$/);
    expect(text).not.toMatch(/[{}]|undefined|null|NaN|\d{4}-\d{2}-\d{2}/);
    const group = OUTCOMES[REPLY_TEMPLATE_OUTCOME[key]].group;
    // 行政复议法 第二十三条第一款第四项: 不予公开 goes to 复议 first; the rest may go either way.
    const reviewFirst = group === "denied" || group === "partial";
    expect(text).toContain(reviewFirst ? REVIEW_FIRST : STANDARD);
    expect(text).not.toContain(reviewFirst ? STANDARD : REVIEW_FIRST);
    // The remedy closes the text; only the 附件说明 may come between it and the 落款.
    const paragraphs = text.split("\n").slice(0, -3);
    const last = paragraphs.at(-1)?.startsWith("附件：") ? paragraphs.at(-2) : paragraphs.at(-1);
    expect(last).toContain("申请行政复议");
  });

  test("已主动公开 tells where: the item's title, 索引号 and URL", () => {
    const text = filledText(DEFAULT_REPLY_TEMPLATES.granted_published, SAMPLE_LETTER_FIELDS);
    expect(text).toContain("信息名称：《2025年度吉林市科技发展计划项目立项清单》\n索引号：11220200013547895X/2026-00031\n网址：https://kjj.jlcity.gov.cn/zwgk/2026/00031.html");
  });

  test("the 附件说明 follows the 救济途径, just above the 落款", () => {
    const text = filledText(DEFAULT_REPLY_TEMPLATES.granted, SAMPLE_LETTER_FIELDS);
    expect(text).toContain("提起行政诉讼。\n附件：2025年度吉林市科技发展计划项目立项清单\n吉林市科学技术局\n2026年11月30日");
  });

  test("部分公开 names the withheld part and its reasons", () => {
    const text = filledText(DEFAULT_REPLY_TEMPLATES.partial, SAMPLE_LETTER_FIELDS);
    expect(text).toContain("其中，清单中项目负责人的身份证号码和联系电话不予公开，理由如下：\n该部分内容属于个人隐私");
  });

  test("every placeholder a letter needs is refused by name when missing", () => {
    for (const key of REPLY_TEMPLATE_KEYS) {
      const template = DEFAULT_REPLY_TEMPLATES[key];
      const optional = new Set(template.paragraphs.filter((p) => p.optional).flatMap((p) => placeholdersIn(p.text)));
      const used = new Set([...placeholdersIn(template.salutation), ...template.paragraphs.flatMap((p) => placeholdersIn(p.text)), "机关名称", "文号", "答复日期", "复议机关"]);
      for (const name of used) {
        if (optional.has(name) || name === "法律依据") continue;
        const fields: LetterFields = { ...fieldsFor(key) };
        delete fields[name as Placeholder];
        const r = fillLetter(template, fields);
        expect(r.ok, `${key} without ${name}`).toBe(false);
        if (!r.ok) {
          expect(r.problems).toContainEqual({ code: "missing_field", name });
          expect(r.message).toContain(`缺少“${name}”`);
        }
      }
    }
  });

  test.each([
    ["blank", { 申请人: "  " }, "缺少“申请人”"],
    ["'undefined'", { 申请人: "undefined" }, "“申请人”的值“undefined”不是有效内容"],
    ["a Chinese date", { 收到日期: "2026年11月9日" }, "“收到日期”应为有效日期（YYYY-MM-DD）"],
    ["an impossible date", { 答复日期: "2026-02-30" }, "“答复日期”应为有效日期"],
    ["a brace in a value", { 申请内容: "见{附件}" }, "“申请内容”中不能含有花括号"],
    ["an unknown field", { 申请人姓名: "张某" }, "“申请人姓名”不是文书中可以填写的项目"],
    ["another article", { 法律依据: "第九十九条" }, "“法律依据”由本文书模板确定"],
  ] as [string, Record<string, string>, string][])("%s is refused, never printed", (_, change, message) => {
    const r = fillTemplate(DEFAULT_REPLY_TEMPLATES.unable_1_not_held, { ...SAMPLE_LETTER_FIELDS, ...change } as LetterFields);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  test("an optional paragraph prints with all its fields, not at all with none, and is refused half-filled", () => {
    const template = DEFAULT_REPLY_TEMPLATES.unable_1_not_ours;
    const { 责任机关: _a, 责任机关联系方式: _b, ...none } = SAMPLE_LETTER_FIELDS;
    expect(filledText(template, SAMPLE_LETTER_FIELDS)).toContain("该政府信息由吉林市财政局负责公开，联系方式：0432-62000100");
    expect(filledText(template, none)).not.toContain("负责公开，联系方式");
    const half = fillLetter(template, { ...none, 责任机关: "吉林市财政局" });
    expect(half.ok).toBe(false);
    if (!half.ok) expect(half.problems).toEqual([{ code: "missing_field", name: "责任机关联系方式" }]);
  });

  test("dates print the Chinese way, without leading zeros", () => {
    const text = filledText(DEFAULT_REPLY_TEMPLATES.noproc_2_repeat, { ...SAMPLE_LETTER_FIELDS, 原答复日期: "2026-01-05", 答复日期: "2026-02-03" });
    expect(text).toContain("本机关已于2026年1月5日就您提出的");
    expect(text).toMatch(/\n2026年2月3日\n/);
  });
});

describe("template checks for the office's edits", () => {
  const base = DEFAULT_REPLY_TEMPLATES.unable_1_not_held;

  test("an unknown placeholder is refused, in Chinese, with where it is", () => {
    const edited: LetterTemplate = { ...base, paragraphs: [...base.paragraphs, { text: "申请日期：{申请日期}" }] };
    const problems = checkTemplate(edited);
    expect(problems).toEqual([{ code: "unknown_placeholder", name: "申请日期", where: "正文第4段" }]);
    const r = fillTemplate(edited, SAMPLE_LETTER_FIELDS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^正文第4段：未知的占位符“\{申请日期\}”。可用的占位符有：\{机关名称\}、\{文号\}、/);
  });

  test.each([
    ["unbalanced brace", { ...base, title: "答复书{" }, "标题：花括号不成对"],
    ["empty title", { ...base, title: " " }, "标题不能为空"],
    ["no paragraphs", { ...base, paragraphs: [] }, "正文不能为空"],
    ["optional without placeholder", { ...base, paragraphs: [{ text: "特此告知。", optional: true }] }, "可选段落至少要含一个占位符"],
    ["date field not a date", { ...base, dateField: "申请人" as Placeholder }, "“申请人”不是日期占位符"],
  ] as const)("%s", (_, template, message) => {
    const r = fillTemplate(template as LetterTemplate, SAMPLE_LETTER_FIELDS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  test("an edited template with known placeholders fills", () => {
    const edited: LetterTemplate = { ...base, paragraphs: [...base.paragraphs, { text: "如有疑问，请致电{联系电话}。" }] };
    expect(checkTemplate(edited)).toEqual([]);
    expect(filledText(edited, SAMPLE_LETTER_FIELDS)).toContain("如有疑问，请致电0432-62000000。");
  });

  test("other_3_other has no article of its own: staff must give {法律依据}", () => {
    const r = fillLetter(DEFAULT_REPLY_TEMPLATES.other_3_other, SAMPLE_LETTER_FIELDS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual({ code: "missing_field", name: "法律依据" });
  });
});

describe("notices", () => {
  test.each(NOTICE_KINDS)("%s fills and validates", (kind) => {
    expect(checkTemplate(DEFAULT_NOTICE_TEMPLATES[kind])).toEqual([]);
    expect(filledText(DEFAULT_NOTICE_TEMPLATES[kind], SAMPLE_LETTER_FIELDS)).not.toMatch(/[{}]|undefined/);
  });

  test("补正告知书: one-time list, the 补正期限, 逾期不补正视为放弃, no 救济途径", () => {
    const text = filledText(DEFAULT_NOTICE_TEMPLATES.correction, SAMPLE_LETTER_FIELDS);
    expect(text).toContain("第三十条的规定，现一次性告知您需要补正的事项如下：\n1.请写明您所需政府信息的名称、文号");
    const r = fillLetter(DEFAULT_NOTICE_TEMPLATES.correction, SAMPLE_LETTER_FIELDS);
    // Each 补正事项 its own paragraph, as the clerk listed them.
    expect(r.ok && r.letter.paragraphs.map((p) => p.text)).toContain("2.请写明所需信息的大致形成时间（年度）。");
    expect(text).toContain("请您于2026年11月26日前");
    expect(text).toContain("逾期不补正的，视为放弃申请");
    expect(text).not.toContain("行政复议");
  });

  test("延期答复告知书: approval, days and the new due date, sent on the original due date at the latest", () => {
    const facts = { originalDue: "2026-12-07", newDue: "2027-01-05", days: 20, approver: "李主任", noticeOn: "2026-12-07", reason: "申请公开的信息数量较多，需要逐件审查" };
    const ok = extensionFields(facts);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const text = filledText(DEFAULT_NOTICE_TEMPLATES.extension, { ...SAMPLE_LETTER_FIELDS, ...ok.fields });
    expect(text).toContain("经本机关政府信息公开工作机构负责人同意，答复期限延长20个工作日，延长至2027年1月5日");
    expect(text).toContain("第三十三条第二款");
    expect(text).not.toContain("行政复议");
  });

  const facts = { originalDue: "2026-12-07", newDue: "2027-01-05", days: 20, approver: "李主任", noticeOn: "2026-12-07", reason: "数量较多" };
  test.each([
    ["no approver", { approver: " " }, "no_approver"],
    ["21 days", { days: 21 }, "days_out_of_range"],
    ["0 days", { days: 0 }, "days_out_of_range"],
    ["sent after the original due date", { noticeOn: "2026-12-08" }, "after_due"],
    ["no reason", { reason: "" }, "no_reason"],
  ] as const)("延期答复告知书 refused: %s", (_, change, reason) => {
    expect(extensionFields({ ...facts, ...change })).toMatchObject({ ok: false, reason });
  });

  test("第三方意见征询函: 第三十二条, 15 working days, and the applicant is not named", () => {
    const text = filledText(DEFAULT_NOTICE_TEMPLATES.third_party, SAMPLE_LETTER_FIELDS);
    expect(text).toContain("吉林市某科技有限公司：");
    expect(text).toContain("第三十二条");
    expect(text).toContain("自收到本函之日起15个工作日内");
    expect(text).not.toContain("张某");
  });

  test("收费通知书: computeFee's breakdown, amount, 20 working days, 109号 and the 救济途径", () => {
    const fee = computeFee({ method: "per_page", pages: 45 });
    const text = filledText(DEFAULT_NOTICE_TEMPLATES.fee, { ...SAMPLE_LETTER_FIELDS, ...feeFields(fee) });
    expect(text).toContain("计算如下：\n按量计收：本申请共45页。\n第1至第30页，共30页，不收费。\n第31至第45页，共15页，每页10元，计150元。\n合计150元。\n收费依据：");
    expect(text).toContain("应缴金额：人民币150元。");
    expect(text).toContain("自收到本通知之次日起20个工作日内缴纳");
    expect(text).toContain("国办函〔2020〕109号");
    expect(text).toContain("如对本通知不服，可以自收到本通知之日起六十日内向吉林市人民政府申请行政复议");
  });

  test("受理回执: tracking code, the 收到日 rule, the due date; no 文号", () => {
    const r = fillLetter(DEFAULT_NOTICE_TEMPLATES.receipt, { ...SAMPLE_LETTER_FIELDS, 文号: undefined });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.letter.docNumber).toBeNull();
    const text = letterText(r.letter);
    expect(text).toContain("查询码：GK-7K3M-Q9TD-2WXF-8HJN-4");
    expect(text).toContain("以双方确认之日为收到申请之日（条例第三十一条第三项）");
    expect(text).toContain("即不晚于2026年12月7日作出答复");
    expect(text).not.toContain("行政复议");
  });
});

// ---- rendered files, read back with independent readers ----

const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const docxText = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join("");

function replyDocument() {
  const r = fillTemplate(DEFAULT_REPLY_TEMPLATES.unable_1_not_held, { ...SAMPLE_LETTER_FIELDS, 申请人: "王某某" });
  if (!r.ok) throw new Error(r.message);
  return r.document;
}

describe("rendered", () => {
  test("the DOCX opens and its document.xml holds the applicant, the 文号 and the 救济途径", async () => {
    const zip = await JSZip.loadAsync(await renderDocument(replyDocument(), "docx"));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const text = docxText(xml);
    expect(text).toContain("王某某：");
    expect(text).toContain("吉市科技公开〔2026〕第3号");
    expect(text).toContain("经检索，您申请获取的政府信息不存在。");
    expect(text).toContain(STANDARD);
    expect(text).toContain("（此件依申请公开）");
  });

  test("the PDF's Chinese text extracts back", async () => {
    const text = await pdfText(await renderDocument(replyDocument(), "pdf", { creationDate: new Date("2026-11-30T00:00:00Z") }));
    expect(text).toContain("政府信息公开申请答复书");
    expect(text).toContain("王某某：");
    expect(text).toContain("吉市科技公开〔2026〕第3号");
    expect(text).toContain("第三十六条第（四）项");
    expect(text).toContain("2026年11月30日");
  });

  test("a draft is marked in the document model", () => {
    const r = fillTemplate(DEFAULT_NOTICE_TEMPLATES.correction, SAMPLE_LETTER_FIELDS, { draft: true });
    expect(r.ok && r.document.draft).toBe(true);
  });
});

test("the remedy sentences name the 复议机关 and the statutory periods", () => {
  expect(REMEDY_TEXTS.standard).toContain("六十日内向{复议机关}申请行政复议");
  expect(REMEDY_TEXTS.standard).toContain("六个月内");
  expect(REMEDY_TEXTS.review_first).toContain("行政复议法》第二十三条");
});
