import { z } from "zod";
import { WITHHOLDING_REASONS, type WithholdingReason } from "./attributes";
import { isIsoDate } from "./dates";
import type { Stage } from "./workflow";

/**
 * What a reviewer submits, and the rules on it. Pure: the server passes in the stage the item
 * waits at and the ids of the secrecy scan's flags on the revision under review.
 *
 * - 同意公开 at 保密审查 needs every checklist question answered "不涉及", the legal basis, and
 *   each flag of the automatic scan acknowledged (the reviewer looked and judged it fine).
 * - 退回修改 needs a comment the liaison can act on.
 * - 不予公开 needs a statutory reason (条例第十四–十六条) and a comment.
 * - 报送保密行政管理部门 (条例第十七条: 不能确定是否可以公开时) is only for 保密审查 and needs a comment
 *   saying what was referred; the item is held until the reviewer records the outcome.
 */

export const REVIEW_DECISIONS = ["APPROVE", "RETURN", "REJECT", "REFER"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const DECISION_LABELS: Record<ReviewDecision, string> = {
  APPROVE: "同意公开",
  RETURN: "退回修改",
  REJECT: "不予公开",
  REFER: "报送保密行政管理部门",
};

/** 保密审查 checklist: each must be confirmed "不涉及" before approval. */
export const SECRECY_CHECKS = [
  { key: "stateSecret", label: "国家秘密", question: "不涉及国家秘密" },
  { key: "workSecret", label: "工作秘密", question: "不涉及工作秘密" },
  { key: "commercialSecret", label: "商业秘密", question: "不涉及商业秘密" },
  { key: "privacy", label: "个人隐私", question: "不涉及个人隐私（或已依法处理）" },
  { key: "stability", label: "三安全一稳定", question: "公开后不危及国家安全、公共安全、经济安全和社会稳定" },
] as const;
export type SecrecyCheckKey = (typeof SECRECY_CHECKS)[number]["key"];

export const DEFAULT_LEGAL_BASIS = "《中华人民共和国保守国家秘密法》《中华人民共和国政府信息公开条例》第十四条至第十七条";

/**
 * 不予公开的法定理由 (条例第十四–十六条): the same controlled vocabulary as a liaison's 公开属性
 * reason (lib/domain/attributes.ts), so the annual report counts both the same way.
 */
export const EXEMPTION_REASONS = WITHHOLDING_REASONS.map((r) => ({ code: r.code, label: `${r.label}（${r.article}）` }));
export type ExemptionCode = WithholdingReason;
const EXEMPTION_CODES = WITHHOLDING_REASONS.map((r) => r.code) as [ExemptionCode, ...ExemptionCode[]];

export function exemptionLabel(code: string | null | undefined): string | null {
  return EXEMPTION_REASONS.find((r) => r.code === code)?.label ?? null;
}

const comment = z.string().trim().max(2000, "意见不能超过 2000 个字");

/** The raw form: `check:<key>` and `ack:<flagId>` checkboxes arrive as separate fields. */
const reviewFormSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS, { error: "请选择审核意见" }),
  revisionId: z.string().min(1).max(64),
  comment: comment.optional().default(""),
  reasonCode: z.string().max(40).optional().default(""),
  legalBasis: z.string().trim().max(500, "审查依据不能超过 500 个字").optional().default(""),
});

export interface SecrecyDetail {
  checklist: Record<SecrecyCheckKey, true>;
  legalBasis: string;
  acknowledgedFlags: string[];
}

export interface ReviewInput {
  decision: ReviewDecision;
  revisionId: string;
  comment: string | null;
  reasonCode: ExemptionCode | null;
  detail: SecrecyDetail | null;
}

export type ReviewParse = { ok: true; value: ReviewInput } | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * `blockingFlagIds`: flags that no acknowledgement clears — an attachment whose text is still
 * being extracted (文本提取中). 同意公开 at 保密审查 is refused while any stands.
 */
export function parseReview(
  raw: Record<string, unknown>,
  context: { stage: Stage; flagIds: readonly string[]; blockingFlagIds?: readonly string[] },
): ReviewParse {
  const parsed = reviewFormSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
  const f = parsed.data;
  const errors: Record<string, string[]> = {};
  const needComment = f.decision !== "APPROVE";
  if (needComment && f.comment.length < 2) {
    errors.comment = [
      f.decision === "REFER" ? "请说明报送保密行政管理部门的事项（至少 2 个字）" : "请填写退回或不予公开的理由（至少 2 个字）",
    ];
  }
  let reasonCode: ExemptionCode | null = null;
  if (f.decision === "REJECT") {
    const code = z.enum(EXEMPTION_CODES).safeParse(f.reasonCode);
    if (code.success) reasonCode = code.data;
    else errors.reasonCode = ["请选择不予公开的法定理由"];
  }
  if (f.decision === "REFER" && context.stage !== "SECRECY") errors.decision = ["只有保密审查环节可以报送保密行政管理部门"];

  let detail: SecrecyDetail | null = null;
  if (context.stage === "SECRECY" && f.decision === "APPROVE") {
    const missing = SECRECY_CHECKS.filter((c) => !isChecked(raw[`check:${c.key}`]));
    if (missing.length) errors.checklist = [`请逐项确认：${missing.map((c) => c.label).join("、")}`];
    if (f.legalBasis.length < 2) errors.legalBasis = ["请填写审查依据"];
    const unacknowledged = context.flagIds.filter((id) => !isChecked(raw[`ack:${id}`]));
    if (unacknowledged.length) errors.flags = [`还有 ${unacknowledged.length} 处自动检测提示未确认；请逐项确认，或退回修改`];
    const blocking = context.blockingFlagIds?.length ?? 0;
    if (blocking) errors.flags = [`有 ${blocking} 个附件正在提取文字（文本提取中），提取完成后才能同意公开；请稍后刷新页面再审查`];
    detail = {
      checklist: Object.fromEntries(SECRECY_CHECKS.map((c) => [c.key, true])) as Record<SecrecyCheckKey, true>,
      legalBasis: f.legalBasis,
      acknowledgedFlags: [...context.flagIds],
    };
  }
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  return {
    ok: true,
    value: { decision: f.decision, revisionId: f.revisionId, comment: f.comment || null, reasonCode, detail },
  };
}

const isChecked = (v: unknown) => v === "on" || v === "true" || v === true;

/** 定时发布: a time from now to a year ahead; absent = publish now. `now` is passed in. */
export function parsePublishAt(value: string | undefined | null, now: Date): { ok: true; at: Date | null } | { ok: false; message: string } {
  if (!value) return { ok: true, at: null };
  // datetime-local in Beijing time: "2026-12-01T09:00"
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return { ok: false, message: "发布时间格式不正确" };
  const at = new Date(`${m[1]}T${m[2]}:${m[3]}:00+08:00`);
  if (Number.isNaN(at.getTime()) || !isIsoDate(m[1]) || Number(m[2]) > 23 || Number(m[3]) > 59) {
    return { ok: false, message: "发布时间格式不正确" };
  }
  if (at.getTime() < now.getTime() - 60_000) return { ok: false, message: "发布时间不能早于当前时间" };
  if (at.getTime() > now.getTime() + 366 * 86_400_000) return { ok: false, message: "发布时间不能晚于一年以后" };
  return { ok: true, at };
}

/** The form fields of a 保密审查 approval with every question confirmed and these flags acknowledged. */
export function allClearSecrecyFields(flagIds: readonly string[] = []): Record<string, string> {
  return {
    ...Object.fromEntries(SECRECY_CHECKS.map((c) => [`check:${c.key}`, "on"])),
    ...Object.fromEntries(flagIds.map((id) => [`ack:${id}`, "on"])),
    legalBasis: DEFAULT_LEGAL_BASIS,
  };
}
