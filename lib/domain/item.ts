import { createHash } from "node:crypto";
import { z } from "zod";

export const TITLE_MAX = 200;
export const BODY_MAX = 100_000;

/**
 * What a liaison (联络员) types into the draft form. `today` (Beijing date) is passed in so that
 * the rule "信息形成日期 cannot be in the future" stays a pure function.
 */
export function itemDraftSchema(today: string) {
  return z.object({
    title: z
      .string({ error: "请填写标题" })
      .trim()
      .min(1, "请填写标题")
      .max(TITLE_MAX, `标题不能超过 ${TITLE_MAX} 个字`),
    categoryId: z.string({ error: "请选择栏目" }).trim().min(1, "请选择栏目").max(64, "栏目无效"),
    documentNumber: z
      .string()
      .trim()
      .max(100, "文号不能超过 100 个字")
      .optional()
      .transform((v) => v || null),
    body: z.string().max(BODY_MAX, `正文不能超过 ${BODY_MAX} 个字`).default(""),
    formedOn: z
      .string({ error: "请填写信息形成日期" })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "请填写信息形成日期（格式：年-月-日）")
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "信息形成日期无效")
      .refine((v) => v <= today, "信息形成日期不能晚于今天")
      .refine((v) => v >= "1949-10-01", "信息形成日期无效"),
  });
}
export type ItemDraftInput = z.infer<ReturnType<typeof itemDraftSchema>>;

/** Return and reject need a reason the liaison can act on. */
export const reviewCommentSchema = z
  .string({ error: "请填写意见" })
  .trim()
  .min(2, "请填写退回或不予公开的理由（至少 2 个字）")
  .max(2000, "意见不能超过 2000 个字");

export const withdrawReasonSchema = z
  .string({ error: "请填写撤回理由" })
  .trim()
  .min(2, "请填写撤回理由（至少 2 个字）")
  .max(500, "撤回理由不能超过 500 个字");

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Plain text → paragraphs of escaped HTML: the body a draft form sends is never trusted markup. */
export function plainTextToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/[&<>"']/g, (c) => ESCAPES[c]).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

/** The text back out of our own paragraph HTML, for editing a returned draft. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<br>/g, "\n")
    .split(/<\/p>\s*/)
    .map((p) => p.replace(/<p>/g, ""))
    .filter(Boolean)
    .join("\n\n")
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ({ "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" })[e]!);
}

export interface RevisionContent {
  title: string;
  documentNumber: string | null;
  summary: string | null;
  bodyHtml: string;
  formedOn: string;
  attribute: string;
  categoryId: string;
}

/** Approvals bind to this digest: any change of content makes earlier approvals not match. */
export function contentHash(c: RevisionContent): string {
  const canonical = JSON.stringify([c.title, c.documentNumber, c.summary, c.bodyHtml, c.formedOn, c.attribute, c.categoryId]);
  return createHash("sha256").update(canonical).digest("hex");
}
