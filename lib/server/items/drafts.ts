import "server-only";
import { requiredStages, STATUS_LABELS } from "@/lib/domain/workflow";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { authorizeTransition, can } from "@/lib/server/platform/authz";
import { db, type Tx } from "@/lib/server/platform/db";
import { conflict, forbidden, invalid, ok, type Result } from "@/lib/server/platform/result";
import { expectOne, refuse, refuseNotFound, Refusal, write, type Target } from "@/lib/server/platform/use-case";
import { findItemFacts } from "./facts";
import { handOver, refuseTransition } from "./transition";
import { parseDraft, resolveAttachments, revisionRows, type DraftFields } from "./input";

export type { DraftFields } from "./input";

/** Use cases of the liaison (联络员): draft, edit, submit. */

/** The EditorAutosave key of a draft not saved yet. */
export const NEW_ITEM_KEY = "new";

const ATTACHMENT_GONE = "附件无效或已失效，请重新上传。";
/** The column was deleted between the check and the write (it is checked outside the admin lock). */
const COLUMN_GONE = {
  onConstraint: (kind: "unique" | "foreign_key") => (kind === "foreign_key" ? new Refusal("column_gone", invalid({ columnId: ["所选栏目已被删除，请重新选择"] })) : null),
};
export const SAVE_CONFLICT = "在您编辑期间，该信息已被他人修改或已提交，您的修改尚未保存。";

/**
 * A caller's own step inside the draft's transaction, after the item and its audit row: a write
 * that must commit with the draft or not at all (a 第四十四条 draft links its request, which a
 * second concurrent click must not do twice). A Refusal thrown here rolls the draft back.
 */
export type DraftCreatedHook = (tx: Tx, itemId: string) => Promise<void>;

/** 起草: the first revision of a new item, with its catalogue fields and attachments. */
export async function createDraft(
  actor: Actor,
  input: DraftFields,
  now = new Date(),
  options: { within?: DraftCreatedHook; notFromForm?: boolean } = {},
): Promise<Result<{ id: string }>> {
  const target: Target = { action: "item.create", entity: "DisclosureItem" };
  if (!can(actor, "item.create") || !actor.departmentId) return refuse(actor, target, "wrong_role", forbidden("只有处室联络员可以起草公开信息。"));
  const draft = await parseDraft(input, now);
  if (!draft.ok) return draft.failure;
  const departmentId = actor.departmentId;
  const department = await db().department.findUniqueOrThrow({ where: { id: departmentId }, select: { name: true } });
  return write(actor, target, async (tx) => {
    const files = await resolveAttachments(tx, actor, draft.data.attachmentIds, null);
    if (!files.ok) return invalid({ attachmentIds: [ATTACHMENT_GONE] });
    const rows = revisionRows(actor, draft.data, 1, department.name, files.files);
    const item = await tx.disclosureItem.create({ data: { departmentId, columnId: draft.data.columnId, authorId: actor.id } });
    const revision = await tx.itemRevision.create({ data: { itemId: item.id, ...rows.revision, attachments: { create: rows.attachments } } });
    await tx.disclosureItem.update({ where: { id: item.id }, data: { currentRevisionId: revision.id } });
    // The new-item form's unsaved state is this save's; a draft made elsewhere leaves it alone.
    if (!options.notFromForm) await tx.editorAutosave.deleteMany({ where: { userId: actor.id, itemKey: NEW_ITEM_KEY } });
    await audit(tx, { actor, ...target, entityId: item.id, detail: { revision: 1, contentHash: rows.revision.contentHash } });
    await options.within?.(tx, item.id);
    return ok({ id: item.id });
  }, COLUMN_GONE);
}

/**
 * Saves a new revision of a draft, a returned item or a published one (which becomes a draft
 * again while the public keeps the published revision). `expectedRevisionId` is the revision the
 * form was opened on: if someone saved in between, nothing is overwritten and the caller is told
 * (error "conflict"), so the form can keep what this person typed and show the newer version.
 */
export async function updateDraft(
  actor: Actor,
  itemId: string,
  expectedRevisionId: string,
  input: DraftFields,
  now = new Date(),
): Promise<Result<{ id: string }>> {
  const target: Target = { action: "item.update", entity: "DisclosureItem", entityId: itemId };
  const facts = await findItemFacts(actor, itemId);
  if (!facts) return refuseNotFound(actor, target);
  const d = authorizeTransition(actor, facts.workflow, "edit");
  if (!d.ok) return refuseTransition(actor, target, d);
  if (await isReportItem(itemId)) return refuse(actor, target, "report_item", conflict(REPORT_ITEM));
  const draft = await parseDraft(input, now);
  if (!draft.ok) return draft.failure;
  // A published item's column is where the public finds it (its lists, feeds, 目录); the item row
  // holds one column for both revisions, so an edit may not move it (docs/decisions.md).
  if (facts.item.publishedRevisionId && draft.data.columnId !== facts.item.columnId) {
    return invalid({ columnId: ["已公开的信息不能更换栏目。如需更换，请由公开办撤回后重新起草。"] });
  }
  return write(actor, target, async (tx) => {
    const files = await resolveAttachments(tx, actor, draft.data.attachmentIds, itemId);
    if (!files.ok) return invalid({ attachmentIds: [ATTACHMENT_GONE] });
    // The guard first: it locks the item row, so a second save of the same revision waits here,
    // then finds the revision changed and is refused, instead of racing to create a revision.
    const { count } = await tx.disclosureItem.updateMany({
      where: { id: itemId, status: facts.item.status, currentRevisionId: expectedRevisionId },
      // Editing a published item makes it a draft again; the public keeps the published revision.
      data: { columnId: draft.data.columnId, status: d.to },
    });
    expectOne(count, SAVE_CONFLICT);
    const rows = revisionRows(actor, draft.data, facts.revision.number + 1, facts.item.department.name, files.files);
    const revision = await tx.itemRevision.create({ data: { itemId, ...rows.revision, attachments: { create: rows.attachments } } });
    await tx.disclosureItem.update({ where: { id: itemId }, data: { currentRevisionId: revision.id } });
    await tx.editorAutosave.deleteMany({ where: { userId: actor.id, itemKey: itemId } });
    if (d.from !== d.to) await handOver(tx, itemId, facts.workflow, d.from, d.to, `「${rows.revision.title}」${STATUS_LABELS[d.to]}（修改已公开信息）`);
    await audit(tx, {
      actor,
      ...target,
      detail: { revision: revision.number, from: facts.item.status, to: d.to, contentHash: rows.revision.contentHash },
    });
    return ok({ id: itemId });
  }, COLUMN_GONE);
}

/**
 * A 年度报告 item carries a frozen report version (lib/server/reports/workflow.ts): what is
 * published is that version's figures, so its text is changed and resent only from the report's
 * own page — an edit through the item form would publish a body that no longer matches them.
 */
const REPORT_ITEM = "这是年度报告的公开稿，请在“年度报告”页面修改并重新送审。";
async function isReportItem(itemId: string): Promise<boolean> {
  return (await db().annualReportVersion.count({ where: { itemId } })) > 0;
}

/** 提交审核: hands the item to the first review stage its column requires. */
export async function submitItem(actor: Actor, itemId: string, expectedRevisionId: string): Promise<Result<{ id: string }>> {
  const target: Target = { action: "item.submit", entity: "DisclosureItem", entityId: itemId };
  const facts = await findItemFacts(actor, itemId);
  if (!facts) return refuseNotFound(actor, target);
  const d = authorizeTransition(actor, facts.workflow, "submit");
  if (!d.ok) return refuseTransition(actor, target, d);
  if (await isReportItem(itemId)) return refuse(actor, target, "report_item", conflict(REPORT_ITEM));
  const stages = requiredStages(facts.workflow.stages);
  if (stages.includes("LEADER") && !facts.workflow.departmentLeaderId) {
    // Nobody would be notified and the item would wait for no one.
    return refuse(actor, target, "no_leader", conflict("本处室尚未设置分管领导，暂不能送审。请联系公开办在「处室管理」中设置。"));
  }
  return write(actor, target, async (tx) => {
    const { count } = await tx.disclosureItem.updateMany({
      where: { id: itemId, status: d.from, currentRevisionId: expectedRevisionId },
      // The stages are fixed now: a later change of the column's switches does not affect this round.
      data: { status: d.to, reviewStages: stages, firstSubmittedAt: facts.item.firstSubmittedAt ?? new Date() },
    });
    expectOne(count, "该信息已被他人修改或已提交，请刷新后查看。");
    await handOver(tx, itemId, facts.workflow, d.from, d.to, `「${facts.revision.title}」${STATUS_LABELS[d.to]}`);
    await audit(tx, { actor, ...target, detail: { from: d.from, to: d.to } });
    return ok({ id: itemId });
  });
}

