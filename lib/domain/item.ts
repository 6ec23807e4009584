import { createHash } from "node:crypto";
import { z } from "zod";
import { ARTICLE_20_ITEMS } from "./article20";
import { attributeNeedsReason, DISCLOSURE_ATTRIBUTES, DOCUMENT_TYPES, isWithholdingReason, VALIDITIES } from "./attributes";
import { normalizeBody } from "./html";
import { isTopic } from "./topics";

export { plainTextToHtml } from "./html";

export const TITLE_MAX = 200;
export const BODY_MAX = 100_000;
export const SUMMARY_MAX = 1500;
export const KEYWORDS_MAX = 10;
export const ATTACHMENTS_MAX = 50;

/** Form fields arrive as "" when left empty; optional ones become null. */
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const optionalText = (max: number, message: string) =>
  z.preprocess(blankToNull, z.string().trim().max(max, message).nullable().optional()).transform((v) => v ?? null);

/** One message per bad date: the format first, then whether the day exists. */
const isoDate = (label: string) =>
  z.string().superRefine((v, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) ctx.addIssue({ code: "custom", message: `请填写${label}（格式：年-月-日）` });
    else if (Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || !new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) || v < "1949-10-01") {
      ctx.addIssue({ code: "custom", message: `${label}无效` });
    }
  });
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
const optionalDate = (label: string) => z.preprocess(blankToNull, isoDate(label).nullable().optional()).transform((v) => v ?? null);

/** A list field: repeated form entries, or one string split on commas and spaces (关键词). */
const list = (splitter: RegExp) =>
  z.preprocess((v) => {
    const raw = v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
    return [...new Set(raw.flatMap((x) => String(x).split(splitter)).map((x) => x.trim()).filter(Boolean))];
  }, z.array(z.string()));

/**
 * What a liaison (联络员) saves: the catalogue entry (政府信息公开目录, 条例第十二条) and the body.
 * `today` (Beijing date) and the active channel codes are passed in, so the rules stay a pure
 * function. The body comes out sanitised (see ./html.ts).
 */
export function itemDraftSchema(today: string, known: { channels: readonly string[] }) {
  return z
    .object({
      title: z.string({ error: "请填写标题" }).trim().min(1, "请填写标题").max(TITLE_MAX, `标题不能超过 ${TITLE_MAX} 个字`),
      columnId: z.string({ error: "请选择栏目" }).trim().min(1, "请选择栏目").max(64, "栏目无效"),
      documentNumber: optionalText(100, "文号不能超过 100 个字"),
      publisher: optionalText(100, "发布机构不能超过 100 个字"),
      summary: optionalText(SUMMARY_MAX, `内容概述不能超过 ${SUMMARY_MAX} 个字`),
      topic: z
        .preprocess(blankToNull, z.string().refine(isTopic, "主题分类无效，请从列表中选择").nullable().optional())
        .transform((v) => v ?? null),
      keywords: list(/[,，、;；\s]+/)
        .refine((k) => k.length <= KEYWORDS_MAX, `关键词不能超过 ${KEYWORDS_MAX} 个`)
        .refine((k) => k.every((w) => w.length <= 20), "每个关键词不能超过 20 个字"),
      attribute: z.preprocess((v) => blankToNull(v) ?? "PROACTIVE", z.enum(DISCLOSURE_ATTRIBUTES, { error: "公开属性无效" })),
      attributeReason: z
        .preprocess(blankToNull, z.string().refine(isWithholdingReason, "不公开理由无效，请从列表中选择").nullable().optional())
        .transform((v) => v ?? null),
      article20Item: z
        .preprocess(blankToNull, z.coerce.number({ error: "第二十条所列事项无效" }).int("第二十条所列事项无效").nullable().optional())
        .transform((v) => v ?? null)
        .refine((v) => v === null || ARTICLE_20_ITEMS.some((a) => a.item === v), "第二十条所列事项无效，应为（一）至（十五）或不属于"),
      documentType: z.preprocess((v) => blankToNull(v) ?? "OTHER", z.enum(DOCUMENT_TYPES, { error: "文件类型无效" })),
      signedOn: optionalDate("成文日期").refine((v) => v === null || !isDate(v) || v <= today, "成文日期不能晚于今天"),
      effectiveOn: optionalDate("生效日期"),
      repealedOn: optionalDate("废止日期"),
      validity: z.preprocess(blankToNull, z.enum(VALIDITIES, { error: "有效性无效" }).nullable().optional()).transform((v) => v ?? null),
      formedOn: z
        .string({ error: "请填写信息形成日期" })
        .pipe(isoDate("信息形成日期"))
        .refine((v) => !isDate(v) || v <= today, "信息形成日期不能晚于今天"),
      channels: list(/,/)
        .refine((c) => c.length > 0, "请至少选择一个发布渠道")
        .refine((c) => c.every((x) => known.channels.includes(x)), "发布渠道无效，请从列表中选择"),
      body: z.string().max(BODY_MAX, `正文不能超过 ${BODY_MAX} 个字`).default("").transform(normalizeBody),
      attachmentIds: list(/,/).refine((a) => a.length <= ATTACHMENTS_MAX, `附件不能超过 ${ATTACHMENTS_MAX} 个`),
    })
    .superRefine(crossFieldRules)
    .transform((d) => ({ ...d, attributeReason: attributeNeedsReason(d.attribute) ? d.attributeReason : null }));
}
export type ItemDraftInput = z.infer<ReturnType<typeof itemDraftSchema>>;

type Draft = {
  attribute: (typeof DISCLOSURE_ATTRIBUTES)[number];
  attributeReason: string | null;
  documentType: (typeof DOCUMENT_TYPES)[number];
  signedOn: string | null;
  effectiveOn: string | null;
  repealedOn: string | null;
  validity: (typeof VALIDITIES)[number] | null;
};

/** Rules between fields; each message sits on the field the liaison has to change. */
function crossFieldRules(d: Draft, ctx: z.RefinementCtx) {
  const issue = (field: keyof Draft, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
  if (attributeNeedsReason(d.attribute) && !d.attributeReason) issue("attributeReason", "依申请公开或不予公开时，必须选择条例第十四至十六条规定的理由");
  if (d.signedOn && d.effectiveOn && d.effectiveOn < d.signedOn) issue("effectiveOn", "生效日期不能早于成文日期");
  if (d.signedOn && d.repealedOn && d.repealedOn < d.signedOn) issue("repealedOn", "废止日期不能早于成文日期");
  else if (d.effectiveOn && d.repealedOn && d.repealedOn < d.effectiveOn) issue("repealedOn", "废止日期不能早于生效日期");
  if (d.documentType !== "OTHER") {
    if (!d.signedOn) issue("signedOn", "规章和行政规范性文件必须填写成文日期");
    if (!d.validity) issue("validity", "规章和行政规范性文件必须选择有效性");
  }
  if (d.validity === "REPEALED" && !d.repealedOn) issue("repealedOn", "有效性为“已废止”时，请填写废止日期");
}

export const withdrawReasonSchema = z
  .string({ error: "请填写撤回理由" })
  .trim()
  .min(2, "请填写撤回理由（至少 2 个字）")
  .max(500, "撤回理由不能超过 500 个字");

/** Everything reviewers approve: the catalogue fields, the body and the attached files. */
export interface RevisionContent {
  title: string;
  documentNumber: string | null;
  publisher: string;
  summary: string | null;
  columnId: string;
  topic: string | null;
  keywords: readonly string[];
  attribute: string;
  attributeReason: string | null;
  article20Item: number | null;
  documentType: string;
  signedOn: string | null;
  effectiveOn: string | null;
  repealedOn: string | null;
  validity: string | null;
  formedOn: string;
  channels: readonly string[];
  bodyHtml: string;
  /** In display order: the order is part of what was approved. */
  attachments: readonly { sha256: string; fileName: string }[];
}

/**
 * Approvals bind to this digest: any change of content makes earlier approvals not match. A
 * fixed field order and a version tag keep it stable across refactors.
 */
export function contentHash(c: RevisionContent): string {
  const canonical = JSON.stringify([
    "gongkai-revision-v2",
    c.title, c.documentNumber, c.publisher, c.summary, c.columnId, c.topic, [...c.keywords],
    c.attribute, c.attributeReason, c.article20Item, c.documentType, c.signedOn, c.effectiveOn, c.repealedOn, c.validity,
    c.formedOn, [...c.channels], c.bodyHtml, c.attachments.map((a) => [a.sha256, a.fileName]),
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}
