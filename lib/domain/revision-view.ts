import type { RevisionContent } from "./item";
import { article20Label } from "./article20";
import { ATTRIBUTE_LABELS, DOCUMENT_TYPE_LABELS, VALIDITY_LABELS, withholdingReasonLabel, type DisclosureAttribute, type DocumentType, type Validity } from "./attributes";
import { formatChineseDate } from "./dates";

/**
 * A revision as reviewers read it: each catalogue field as a labelled line of text, the body as
 * plain text. The diff between two revisions is taken on this, so it shows exactly the fields
 * whose change voids an approval (see contentHash in ./item.ts). Client-safe: no hashing here.
 */
/**
 * A revision as reviewers compare it: the approved content (RevisionContent) with names instead
 * of ids and codes, and the body as text.
 */
export type RevisionFields = Omit<RevisionContent, "columnId" | "channels" | "bodyHtml" | "attachments"> & {
  column: string;
  /** Channel names, not codes. */
  channels: readonly string[];
  bodyText: string;
  /** File names in order. */
  attachments: readonly string[];
};

export interface RevisionLine {
  key: string;
  label: string;
  value: string;
}

const date = (v: string | null) => (v ? formatChineseDate(v) : "");

export function revisionLines(r: RevisionFields): RevisionLine[] {
  const attribute = ATTRIBUTE_LABELS[r.attribute as DisclosureAttribute] ?? r.attribute;
  return [
    { key: "title", label: "标题", value: r.title },
    { key: "documentNumber", label: "文号", value: r.documentNumber ?? "" },
    { key: "publisher", label: "发布机构", value: r.publisher },
    { key: "column", label: "栏目", value: r.column },
    { key: "topic", label: "主题分类", value: r.topic ?? "" },
    { key: "keywords", label: "关键词", value: r.keywords.join("、") },
    { key: "summary", label: "内容概述", value: r.summary ?? "" },
    { key: "attribute", label: "公开属性", value: r.attributeReason ? `${attribute}（${withholdingReasonLabel(r.attributeReason)}）` : attribute },
    { key: "article20Item", label: "第二十条", value: article20Label(r.article20Item) },
    { key: "documentType", label: "文件类型", value: DOCUMENT_TYPE_LABELS[r.documentType as DocumentType] ?? r.documentType },
    { key: "signedOn", label: "成文日期", value: date(r.signedOn) },
    { key: "effectiveOn", label: "生效日期", value: date(r.effectiveOn) },
    { key: "repealedOn", label: "废止日期", value: date(r.repealedOn) },
    { key: "validity", label: "有效性", value: r.validity ? (VALIDITY_LABELS[r.validity as Validity] ?? r.validity) : "" },
    { key: "formedOn", label: "信息形成日期", value: date(r.formedOn) },
    { key: "channels", label: "发布渠道", value: r.channels.join("、") },
    { key: "attachments", label: "附件", value: r.attachments.join("\n") },
  ];
}
