import "server-only";
import { z } from "zod";
import { chinaDate } from "@/lib/domain/dates";
import { contentHash, itemDraftSchema, plainTextToHtml, type ItemDraftInput } from "@/lib/domain/item";
import { REFUSAL_MESSAGES, requiredStages, STATUS_LABELS } from "@/lib/domain/workflow";
import type { Actor } from "./actor";
import { audit } from "./audit";
import { authorizeTransition, can } from "./authz";
import { db, type Tx } from "./db";
import { findItemFacts } from "./item-facts";
import { nextHandlers, notify } from "./notifications";
import { conflict, forbidden, invalid, notFound, ok, UseCaseError, type Result } from "./result";

/** Use cases of the liaison (联络员): draft, edit, submit. */

type DraftFields = Record<string, FormDataEntryValue | string | undefined>;

async function parseDraft(input: DraftFields, now: Date) {
  const parsed = itemDraftSchema(chinaDate(now)).safeParse(input);
  if (!parsed.success) return { ok: false as const, failure: invalid(z.flattenError(parsed.error).fieldErrors) };
  const category = await db().category.findUnique({ where: { id: parsed.data.categoryId }, select: { id: true } });
  if (!category) return { ok: false as const, failure: invalid({ categoryId: ["所选栏目不存在，请重新选择"] }) };
  return { ok: true as const, data: parsed.data };
}

function revisionData(actor: Actor, data: ItemDraftInput, number: number) {
  const content = {
    title: data.title,
    documentNumber: data.documentNumber,
    summary: null,
    bodyHtml: plainTextToHtml(data.body),
    formedOn: data.formedOn,
    attribute: "PROACTIVE",
    categoryId: data.categoryId,
  };
  return {
    number,
    title: content.title,
    documentNumber: content.documentNumber,
    summary: content.summary,
    bodyHtml: content.bodyHtml,
    formedOn: new Date(`${data.formedOn}T00:00:00Z`),
    attribute: "PROACTIVE" as const,
    contentHash: contentHash(content),
    authorId: actor.id,
  };
}

export async function createDraft(actor: Actor, input: DraftFields, now = new Date()): Promise<Result<{ id: string }>> {
  if (!can(actor, "item.create") || !actor.departmentId) return forbidden("只有处室联络员可以起草公开信息。");
  const draft = await parseDraft(input, now);
  if (!draft.ok) return draft.failure;
  const departmentId = actor.departmentId;
  const id = await db().$transaction(async (tx) => {
    const item = await tx.disclosureItem.create({
      data: { departmentId, categoryId: draft.data.categoryId, authorId: actor.id },
    });
    const revision = await tx.itemRevision.create({ data: { itemId: item.id, ...revisionData(actor, draft.data, 1) } });
    await tx.disclosureItem.update({ where: { id: item.id }, data: { currentRevisionId: revision.id } });
    await audit(tx, { actor, action: "item.create", entity: "DisclosureItem", entityId: item.id, detail: { revision: 1 } });
    return item.id;
  });
  return ok({ id });
}

/**
 * Saves a new revision of a draft or returned item. `expectedRevisionId` is the revision the
 * form was opened on: if someone saved in between, nothing is overwritten and the user is told.
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
  return runGuarded(async (tx) => {
    const revision = await tx.itemRevision.create({
      data: { itemId, ...revisionData(actor, draft.data, facts.revision.number + 1) },
    });
    const { count } = await tx.disclosureItem.updateMany({
      where: { id: itemId, status: facts.item.status, currentRevisionId: expectedRevisionId },
      // Editing a published item makes it a draft again; the public keeps the published revision.
      data: { currentRevisionId: revision.id, categoryId: draft.data.categoryId, status: d.to },
    });
    if (count === 0) throw new UseCaseError(conflict("该信息已被他人修改或已提交，您的修改未保存。请刷新后查看最新版本。"));
    await audit(tx, { actor, action: "item.update", entity: "DisclosureItem", entityId: itemId, detail: { revision: revision.number } });
    return ok({ id: itemId });
  });
}

/** 提交审核: hands the item to the first review stage its column requires. */
export async function submitItem(actor: Actor, itemId: string, expectedRevisionId: string): Promise<Result<{ id: string }>> {
  const facts = await findItemFacts(actor, itemId);
  if (!facts) return notFound();
  const d = authorizeTransition(actor, facts.workflow, "submit");
  if (!d.ok) return refuse(actor, itemId, "item.submit", d.reason);
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
