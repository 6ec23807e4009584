import "server-only";
import { z } from "zod";
import { checkTemplate, describeProblems, type LetterProblem, type LetterTemplate } from "@/lib/domain/requests/letters";
import { DEFAULT_NOTICE_TEMPLATES, NOTICE_KINDS, type NoticeKind } from "@/lib/domain/requests/letters-notices";
import { DEFAULT_REPLY_TEMPLATES, REPLY_TEMPLATE_KEYS, REPLY_TEMPLATE_OUTCOME, type ReplyTemplateKey } from "@/lib/domain/requests/letters-replies";
import { OUTCOME_GROUP_NAMES, OUTCOMES } from "@/lib/domain/requests/outcomes";
import { renderDocument } from "@/lib/export";
import { fillTemplate } from "@/lib/export/letters";
import { SAMPLE_LETTER_FIELDS } from "@/lib/export/letters/samples";
import { rowVersion, staleForm } from "@/lib/server/admin/shared";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "@/lib/server/platform/result";
import { expectOne, refuse, write, type Target } from "@/lib/server/platform/use-case";

/**
 * 文书模板: the office's own wording of each 答复书 and 告知书 (issue 8 §6). A stored row keeps only
 * what the office may edit — title, 称谓, paragraphs, 附注 — and is laid over the default at load,
 * so the article a letter rests on, its 救济途径 and its 落款 date stay the statute's (the code's),
 * and a corrected default reaches every bureau that edited only the wording.
 */

export type LetterTemplateKey = ReplyTemplateKey | NoticeKind;

/**
 * Every template a letter is printed from. The 回执 templates (receipt, receipt_pending) are not
 * among them: the 回执 carries the 查询码, which is shown once and stored only as a hash, so it
 * is shown on screen at /apply and at registration and never printed later from a template.
 */
export const LETTER_TEMPLATE_KEYS: readonly LetterTemplateKey[] = [...REPLY_TEMPLATE_KEYS, ...NOTICE_KINDS.filter((k) => k !== "receipt" && k !== "receipt_pending")];

export function isLetterTemplateKey(key: unknown): key is LetterTemplateKey {
  return typeof key === "string" && (LETTER_TEMPLATE_KEYS as readonly string[]).includes(key);
}

export function defaultLetterTemplate(key: LetterTemplateKey): LetterTemplate {
  return (REPLY_TEMPLATE_KEYS as readonly string[]).includes(key)
    ? DEFAULT_REPLY_TEMPLATES[key as ReplyTemplateKey]
    : DEFAULT_NOTICE_TEMPLATES[key as NoticeKind];
}

/** Where an outcome has two letters, which one this is. */
const VARIANT: Partial<Record<ReplyTemplateKey, string>> = {
  granted: "（提供信息）",
  granted_published: "（已主动公开，告知获取途径）",
  unable_1_not_held: "（信息不存在）",
  unable_1_not_ours: "（非本机关负责公开）",
};

/** How the console names a template: 答复书·不予公开·1.属于国家秘密, or the notice's title. */
export function letterTemplateLabel(key: LetterTemplateKey): string {
  if ((REPLY_TEMPLATE_KEYS as readonly string[]).includes(key)) {
    const outcome = OUTCOMES[REPLY_TEMPLATE_OUTCOME[key as ReplyTemplateKey]];
    return `答复书·${OUTCOME_GROUP_NAMES[outcome.group]}·${outcome.label.replace(/^\d+\./, "")}${VARIANT[key as ReplyTemplateKey] ?? ""}`;
  }
  return DEFAULT_NOTICE_TEMPLATES[key as NoticeKind].title.replace(/^政府信息公开/, "");
}

const text = (label: string, max: number) => z.string({ error: `请填写${label}` }).max(max, `${label}不能超过 ${max} 个字`);

/** What the office edits; the rest of a LetterTemplate is the default's. */
export const letterTemplateEditSchema = z.object({
  title: text("标题", 100),
  salutation: text("称谓", 100),
  paragraphs: z
    .array(
      z.object({
        text: text("段落", 5000),
        optional: z.boolean().optional(),
        indent: z.boolean().optional(),
        afterRemedy: z.boolean().optional(),
      }),
    )
    .max(60, "正文不能超过 60 段"),
  attribute: z.string().max(100, "附注不能超过 100 个字").optional(),
});
export type LetterTemplateEdit = z.infer<typeof letterTemplateEditSchema>;

function overlay(base: LetterTemplate, edit: LetterTemplateEdit): LetterTemplate {
  const paragraphs = edit.paragraphs.map((p) => ({
    text: p.text,
    ...(p.optional ? { optional: true } : {}),
    ...(p.indent === false ? { indent: false } : {}),
    ...(p.afterRemedy ? { afterRemedy: true } : {}),
  }));
  const attribute = edit.attribute?.trim();
  const { attribute: _dropped, ...rest } = base;
  return { ...rest, title: edit.title, salutation: edit.salutation, paragraphs, ...(attribute ? { attribute } : {}) };
}

export interface StoredLetterTemplate {
  key: LetterTemplateKey;
  template: LetterTemplate;
  customised: boolean;
  /** The stored row's version ("" for the default): the edit form sends it back. */
  version: string;
  updatedAt: Date | null;
}

/** A stored edit that no longer parses (a hand-edited row) is ignored: the default stays in force. */
function fromRow(key: LetterTemplateKey, row: { template: unknown; updatedAt: Date } | null): StoredLetterTemplate {
  const base = defaultLetterTemplate(key);
  const parsed = row ? letterTemplateEditSchema.safeParse(row.template) : null;
  if (!row || !parsed?.success) return { key, template: base, customised: false, version: row ? rowVersion(row) : "", updatedAt: row?.updatedAt ?? null };
  return { key, template: overlay(base, parsed.data), customised: true, version: rowVersion(row), updatedAt: row.updatedAt };
}

export async function getLetterTemplate(key: LetterTemplateKey): Promise<StoredLetterTemplate> {
  return fromRow(key, await db().letterTemplate.findUnique({ where: { key } }));
}

/** The template in force for a key (stored override or the default). */
export async function loadLetterTemplate(key: string): Promise<LetterTemplate> {
  if (!isLetterTemplateKey(key)) throw new Error(`unknown letter template key: ${key}`);
  return (await getLetterTemplate(key)).template;
}

/** Every template, in the order of REPLY_TEMPLATE_KEYS then NOTICE_KINDS, for the console list. */
export async function listLetterTemplates(actor: Actor): Promise<Result<StoredLetterTemplate[]>> {
  if (!can(actor, "letter.manage")) return forbidden("只有政务公开办公室可以管理文书模板。");
  const rows = new Map((await db().letterTemplate.findMany()).map((r) => [r.key, r]));
  return ok(LETTER_TEMPLATE_KEYS.map((key) => fromRow(key, rows.get(key) ?? null)));
}

/** The form field a checkTemplate problem belongs to (title, salutation, paragraphs.N …). */
function problemField(p: LetterProblem): string {
  const where = "where" in p ? p.where : "";
  const n = /^正文第(\d+)段$/.exec(where);
  if (n) return `paragraphs.${Number(n[1]) - 1}`;
  return where === "标题" ? "title" : where === "称谓" ? "salutation" : where === "正文" ? "paragraphs" : "template";
}

/**
 * Saves the office's edit of a template. Checked in full by checkTemplate (an unknown {占位符},
 * an unpaired brace, an empty body …: every problem, naming its paragraph) — a template that could
 * not print is never stored. `version` is the one the form was opened on: a colleague's save in
 * between is not overwritten.
 */
export async function saveLetterTemplate(actor: Actor, key: string, input: unknown): Promise<Result<{ version: string }>> {
  const target: Target = { action: "letter.template.save", entity: "LetterTemplate", entityId: typeof key === "string" ? key.slice(0, 64) : undefined };
  if (!can(actor, "letter.manage")) return refuse(actor, target, "wrong_role", forbidden("只有政务公开办公室可以修改文书模板。"));
  if (!isLetterTemplateKey(key)) return refuse(actor, target, "not_found", notFound("没有这个文书模板。"));
  const version = z
    .object({ version: z.string().max(40).refine((v) => v === "" || !Number.isNaN(new Date(v).getTime())) })
    .safeParse(input);
  if (!version.success) return conflict("页面已过期，您的修改未保存。请刷新页面后重新操作。");
  const parsed = letterTemplateEditSchema.safeParse(input);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const template = overlay(defaultLetterTemplate(key), parsed.data);
  const problems = checkTemplate(template);
  if (problems.length > 0) {
    const fieldErrors: Record<string, string[]> = {};
    for (const p of problems) (fieldErrors[problemField(p)] ??= []).push(describeProblems([p]));
    return invalid(fieldErrors, `模板有 ${problems.length} 处问题，未保存：\n${describeProblems(problems)}`);
  }
  const stored = { title: parsed.data.title, salutation: parsed.data.salutation, paragraphs: template.paragraphs, attribute: template.attribute } as object;
  const expected = version.data.version;
  return write(
    actor,
    target,
    async (tx) => {
      let row;
      if (expected === "") {
        // A first edit: creating the row is the guard (a colleague's first save makes it a unique violation).
        row = await tx.letterTemplate.create({ data: { key, template: stored, updatedById: actor.id } });
      } else {
        const { count } = await tx.letterTemplate.updateMany({ where: { key, updatedAt: new Date(expected) }, data: { template: stored, updatedById: actor.id } });
        if (count !== 1) throw staleForm("该文书模板");
        row = await tx.letterTemplate.findUniqueOrThrow({ where: { key } });
      }
      await audit(tx, { actor, ...target, entityId: key, detail: { title: parsed.data.title, paragraphs: template.paragraphs.length } });
      return ok({ version: rowVersion(row) });
    },
    { onConstraint: (kind) => (kind === "unique" ? staleForm("该文书模板") : null) },
  );
}

/** 恢复默认: deletes the office's edit (the version it was looking at, when given). */
export async function resetLetterTemplate(actor: Actor, key: string, version?: string): Promise<Result> {
  const target: Target = { action: "letter.template.reset", entity: "LetterTemplate", entityId: typeof key === "string" ? key.slice(0, 64) : undefined };
  if (!can(actor, "letter.manage")) return refuse(actor, target, "wrong_role", forbidden("只有政务公开办公室可以修改文书模板。"));
  if (!isLetterTemplateKey(key)) return refuse(actor, target, "not_found", notFound("没有这个文书模板。"));
  if (version !== undefined && (typeof version !== "string" || version.length > 40 || Number.isNaN(new Date(version).getTime()))) {
    return conflict("该文书模板已是默认内容，或已被他人修改。请刷新页面后重新操作。");
  }
  return write(actor, target, async (tx) => {
    const { count } = await tx.letterTemplate.deleteMany({ where: { key, ...(version !== undefined ? { updatedAt: new Date(version) } : {}) } });
    expectOne(count, "该文书模板已是默认内容，或已被他人修改。请刷新页面后重新操作。");
    await audit(tx, { actor, ...target, entityId: key });
    return ok(undefined);
  });
}

/**
 * The edit form's fields as the use case takes them: title, salutation, attribute, version and
 * paragraphs.N.text / .optional / .indent / .afterRemedy (checkboxes: present = on).
 */
export function templateEditFromForm(values: Record<string, string>) {
  const indexes = [...new Set(Object.keys(values).flatMap((k) => /^paragraphs\.(\d{1,3})\.text$/.exec(k)?.[1] ?? []))].map(Number).sort((a, b) => a - b);
  return {
    title: values.title ?? "",
    salutation: values.salutation ?? "",
    attribute: values.attribute ?? "",
    version: values.version,
    paragraphs: indexes.map((i) => ({
      text: values[`paragraphs.${i}.text`] ?? "",
      optional: values[`paragraphs.${i}.optional`] === "on",
      indent: values[`paragraphs.${i}.indent`] === "on",
      afterRemedy: values[`paragraphs.${i}.afterRemedy`] === "on",
    })),
  };
}

/** 预览: the (unsaved) edit filled with the demo bureau's sample fields, as a PDF marked 草稿. */
export async function previewLetterTemplate(actor: Actor, key: string, input: unknown): Promise<Result<Buffer>> {
  if (!can(actor, "letter.manage")) return forbidden("只有政务公开办公室可以管理文书模板。");
  if (!isLetterTemplateKey(key)) return notFound("没有这个文书模板。");
  const parsed = letterTemplateEditSchema.safeParse(input);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const template = overlay(defaultLetterTemplate(key), parsed.data);
  const fields = { ...SAMPLE_LETTER_FIELDS, ...(template.basis === undefined ? { 法律依据: "《中华人民共和国政府信息公开条例》第三十六条第（七）项" } : {}) };
  const filled = fillTemplate(template, fields, { draft: true });
  if (!filled.ok) return invalid({ template: filled.message.split("\n") }, `模板无法预览：\n${filled.message}`);
  return ok(await renderDocument(filled.document, "pdf"));
}
