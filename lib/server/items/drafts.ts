import "server-only";
import { REFUSAL_MESSAGES, requiredStages, STATUS_LABELS } from "@/lib/domain/workflow";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { authorizeTransition, can } from "@/lib/server/platform/authz";
import { db, type Tx } from "@/lib/server/platform/db";
import { findItemFacts } from "./facts";
import { parseDraft, resolveAttachments, revisionRows, type DraftFields } from "./input";
import { nextHandlers, notify } from "@/lib/server/platform/notifications";
import { conflict, forbidden, invalid, notFound, ok, UseCaseError, type Result } from "@/lib/server/platform/result";

export type { DraftFields } from "./input";

/** Use cases of the liaison (联络员): draft, edit, submit. */

/** The EditorAutosave key of a draft not saved yet. */
export const NEW_ITEM_KEY = "new";

/** 起草: the first revision of a new item, with its catalogue fields and attachments. */
export async function createDraft(actor: Actor, input: DraftFields, now = new Date()): Promise<Result<{ id: string }>> {
  if (!can(actor, "item.create") || !actor.departmentId) return forbidden("只有处室联络员可以起草公开信息。");
  const draft = await parseDraft(input, now);
  if (!draft.ok) return draft.failure;
  const departmentId = actor.departmentId;
  const department = await db().department.findUniqueOrThrow({ where: { id: departmentId }, select: { name: true } });
  return runGuarded(async (tx) => {
    const files = await resolveAttachments(tx, actor, draft.data.attachmentIds, null);
    if (!files.ok) throw new UseCaseError(invalid({ attachmentIds: [ATTACHMENT_GONE] }));
    const rows = revisionRows(actor, draft.data, 1, department.name, files.files);
    const item = await tx.disclosureItem.create({ data: { departmentId, columnId: draft.data.columnId, authorId: actor.id } });
    const revision = await tx.itemRevision.create({ data: { itemId: item.id, ...rows.revision, attachments: { create: rows.attachments } } });
    await tx.disclosureItem.update({ where: { id: item.id }, data: { currentRevisionId: revision.id } });
    await tx.editorAutosave.deleteMany({ where: { userId: actor.id, itemKey: NEW_ITEM_KEY } });
    await audit(tx, { actor, action: "item.create", entity: "DisclosureItem", entityId: item.id, detail: { revision: 1, contentHash: rows.revision.contentHash } });
    return ok({ id: item.id });
  });
}

const ATTACHMENT_GONE = "附件无效或已失效，请重新上传。";

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
  const facts = await findItemFacts(actor, itemId);
  if (!facts) return notFound();
  const d = authorizeTransition(actor, facts.workflow, "edit");
  if (!d.ok) return refuse(actor, itemId, "item.update", d.reason);
  const draft = await parseDraft(input, now);
  if (!draft.ok) return draft.failure;
  // A published item's column is where the public finds it (its lists, feeds, 目录); the item row
  // holds one column for both revisions, so an edit may not move it (docs/decisions.md).
  if (facts.item.publishedRevisionId && draft.data.columnId !== facts.item.columnId) {
    return invalid({ columnId: ["已公开的信息不能更换栏目。如需更换，请由公开办撤回后重新起草。"] });
  }
  return runGuarded(async (tx) => {
    const files = await resolveAttachments(tx, actor, draft.data.attachmentIds, itemId);
    if (!files.ok) throw new UseCaseError(invalid({ attachmentIds: [ATTACHMENT_GONE] }));
    // The guard first: it locks the item row, so a second save of the same revision waits here,
    // then finds the revision changed and is refused, instead of racing to create a revision.
    const { count } = await tx.disclosureItem.updateMany({
      where: { id: itemId, status: facts.item.status, currentRevisionId: expectedRevisionId },
      // Editing a published item makes it a draft again; the public keeps the published revision.
      data: { columnId: draft.data.columnId, status: d.to },
    });
    if (count === 0) throw new UseCaseError(conflict(SAVE_CONFLICT));
    const rows = revisionRows(actor, draft.data, facts.revision.number + 1, facts.item.department.name, files.files);
    const revision = await tx.itemRevision.create({ data: { itemId, ...rows.revision, attachments: { create: rows.attachments } } });
    await tx.disclosureItem.update({ where: { id: itemId }, data: { currentRevisionId: revision.id } });
    await tx.editorAutosave.deleteMany({ where: { userId: actor.id, itemKey: itemId } });
    await audit(tx, {
      actor,
      action: "item.update",
      entity: "DisclosureItem",
      entityId: itemId,
      detail: { revision: revision.number, from: facts.item.status, to: d.to, contentHash: rows.revision.contentHash },
    });
    return ok({ id: itemId });
  });
}

export const SAVE_CONFLICT = "在您编辑期间，该信息已被他人修改或已提交，您的修改尚未保存。";

/** 提交审核: hands the item to the first review stage its column requires. */
export async function submitItem(actor: Actor, itemId: string, expectedRevisionId: string): Promise<Result<{ id: string }>> {
  const facts = await findItemFacts(actor, itemId);
  if (!facts) return notFound();
  const d = authorizeTransition(actor, facts.workflow, "submit");
  if (!d.ok) return refuse(actor, itemId, "item.submit", d.reason);
  if (requiredStages(facts.workflow.stages).includes("LEADER") && !facts.workflow.departmentLeaderId) {
    // Nobody would be notified and the item would wait for no one.
    return conflict("本处室尚未设置分管领导，暂不能送审。请联系公开办在「处室管理」中设置。");
  }
  return runGuarded(async (tx) => {
    const { count } = await tx.disclosureItem.updateMany({
      where: { id: itemId, status: d.from, currentRevisionId: expectedRevisionId },
      // The stages are fixed now: a later change of the column's switches does not affect this round.
      data: { status: d.to, reviewStages: requiredStages(facts.workflow.stages), firstSubmittedAt: facts.item.firstSubmittedAt ?? new Date() },
    });
    if (count === 0) throw new UseCaseError(conflict("该信息已被他人修改或已提交，请刷新后查看。"));
    const handlers = await nextHandlers(tx, d.to, facts.workflow);
    await notify(tx, handlers, { title: `「${facts.revision.title}」${STATUS_LABELS[d.to]}`, itemId, link: `/console/items/${itemId}` });
    await audit(tx, { actor, action: "item.submit", entity: "DisclosureItem", entityId: itemId, detail: { from: d.from, to: d.to } });
    return ok({ id: itemId });
  });
}

/** Runs a guarded transaction; a UseCaseError thrown inside rolls back and becomes a Failure. */
export async function runGuarded<T>(work: (tx: Tx) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await db().$transaction(work);
  } catch (error) {
    if (error instanceof UseCaseError) return error.failure;
    throw error;
  }
}

/** A refused transition: recorded (等保: failed operations are audited too) and explained. */
export async function refuse(actor: Actor, itemId: string, action: string, reason: keyof typeof REFUSAL_MESSAGES) {
  await audit(null, { actor, action, entity: "DisclosureItem", entityId: itemId, result: "DENIED", detail: { reason } });
  return reason === "wrong_status" ? conflict(REFUSAL_MESSAGES[reason]) : forbidden(REFUSAL_MESSAGES[reason]);
}
