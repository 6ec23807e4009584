import "server-only";
import { activeContentWarning } from "@/lib/domain/active-content";
import type { FormAttachment, ItemFormValues } from "@/lib/domain/item-form";
import type { RevisionFields } from "@/lib/domain/revision-view";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/platform/actor";
import { authorizeTransition } from "@/lib/server/platform/authz";
import { loadAutosave } from "./autosave";
import { db } from "@/lib/server/platform/db";
import { findItemFacts, findItemFactsForView } from "./facts";
import { activeChannels } from "./input";
import { NEW_ITEM_KEY } from "./drafts";
import { recordItemProbe } from "./probe";

/** Read models of the item form and of revisions as reviewers compare them. */

const revisionSelect = {
  id: true,
  number: true,
  createdAt: true,
  title: true,
  documentNumber: true,
  publisher: true,
  summary: true,
  topic: true,
  keywords: true,
  attribute: true,
  attributeReason: true,
  article20Item: true,
  documentType: true,
  signedOn: true,
  effectiveOn: true,
  repealedOn: true,
  validity: true,
  formedOn: true,
  channels: true,
  bodyHtml: true,
  bodyText: true,
  author: { select: { displayName: true } },
  item: { select: { column: { select: { name: true, parent: { select: { name: true } } } } } },
  attachments: {
    orderBy: { sortOrder: "asc" },
    select: { id: true, file: { select: { id: true, fileName: true, size: true, mimeType: true, activeContent: true } } },
  },
} satisfies Prisma.ItemRevisionSelect;
type RevisionRow = Prisma.ItemRevisionGetPayload<{ select: typeof revisionSelect }>;

const columnLabel = (c: { name: string; parent: { name: string } | null }) => (c.parent ? `${c.parent.name} › ${c.name}` : c.name);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function attachmentsOf(r: RevisionRow): FormAttachment[] {
  return r.attachments.map((a) => ({ fileId: a.file.id, fileName: a.file.fileName, size: a.file.size, mimeType: a.file.mimeType, attachmentId: a.id }));
}

async function channelNames() {
  const all = await db().channel.findMany({ select: { code: true, name: true } });
  return new Map(all.map((c) => [c.code, c.name]));
}

/** Column names as the form lists them ("政策法规 › 规章制度"). */
export async function listColumnsForForm() {
  const rows = await db().column.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true, parentId: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows.map((r) => ({ id: r.id, label: r.parentId ? `${byId.get(r.parentId)?.name ?? ""} › ${r.name}` : r.name }));
}

function toFields(r: RevisionRow, names: Map<string, string>, columnName: string): RevisionFields {
  return {
    title: r.title,
    documentNumber: r.documentNumber,
    publisher: r.publisher,
    summary: r.summary,
    column: columnName,
    topic: r.topic,
    keywords: r.keywords,
    attribute: r.attribute,
    attributeReason: r.attributeReason,
    article20Item: r.article20Item,
    documentType: r.documentType,
    signedOn: day(r.signedOn),
    effectiveOn: day(r.effectiveOn),
    repealedOn: day(r.repealedOn),
    validity: r.validity,
    formedOn: day(r.formedOn)!,
    channels: r.channels.map((c) => names.get(c) ?? c),
    bodyText: r.bodyText,
    attachments: r.attachments.map((a) => a.file.fileName),
  };
}

export function toFormValues(r: RevisionRow, columnId: string): ItemFormValues {
  const s = (v: string | null) => v ?? "";
  return {
    title: r.title,
    documentNumber: s(r.documentNumber),
    publisher: r.publisher,
    summary: s(r.summary),
    columnId,
    topic: s(r.topic),
    keywords: r.keywords.join("、"),
    attribute: r.attribute,
    attributeReason: s(r.attributeReason),
    article20Item: r.article20Item ? String(r.article20Item) : "",
    documentType: r.documentType,
    signedOn: s(day(r.signedOn)),
    effectiveOn: s(day(r.effectiveOn)),
    repealedOn: s(day(r.repealedOn)),
    validity: s(r.validity),
    formedOn: day(r.formedOn)!,
    channels: r.channels,
    body: r.bodyHtml,
    attachments: attachmentsOf(r),
  };
}

/** Lists the form offers: columns and the active channels. */
export async function itemFormOptions() {
  const [columns, channels] = await Promise.all([listColumnsForForm(), activeChannels()]);
  return { columns, channels };
}

/** The new-item form: defaults (publisher = the department, channel = the bureau's own site) and any autosave. */
export async function getNewItemForm(actor: Actor) {
  const department = actor.departmentId ? await db().department.findUnique({ where: { id: actor.departmentId }, select: { name: true } }) : null;
  return { publisher: department?.name ?? "", autosave: await loadAutosave(actor, NEW_ITEM_KEY) };
}

/** The edit form of an item this actor may edit now, or null (then the page is "not found"). */
export async function getItemForEdit(actor: Actor, itemId: string) {
  const facts = await findItemFacts(actor, itemId);
  if (!facts) return recordItemProbe(actor, itemId, { page: "edit" }).then(() => null);
  if (!authorizeTransition(actor, facts.workflow, "edit").ok) return null;
  const revision = await db().itemRevision.findUniqueOrThrow({ where: { id: facts.revision.id }, select: revisionSelect });
  return {
    id: itemId,
    status: facts.item.status,
    revisionId: revision.id,
    revisionNumber: revision.number,
    /** The public site shows a published revision while this edit goes through review again. */
    isLive: facts.workflow.hasPublishedRevision,
    values: toFormValues(revision, facts.item.columnId),
    autosave: await loadAutosave(actor, itemId),
  };
}

export interface RevisionSnapshot {
  id: string;
  number: number;
  author: string;
  createdAt: Date;
  fields: RevisionFields;
  /** `warning`: 附件含有脚本 (lib/domain/active-content.ts), "" when nothing was found. */
  attachments: { id: string; fileName: string; size: number; mimeType: string; warning: string }[];
}

async function snapshot(revisionId: string, names?: Map<string, string>): Promise<RevisionSnapshot> {
  const r = await db().itemRevision.findUniqueOrThrow({ where: { id: revisionId }, select: revisionSelect });
  return {
    id: r.id,
    number: r.number,
    author: r.author.displayName,
    createdAt: r.createdAt,
    fields: toFields(r, names ?? (await channelNames()), columnLabel(r.item.column)),
    attachments: r.attachments.map((a) => ({ id: a.id, fileName: a.file.fileName, size: a.file.size, mimeType: a.file.mimeType, warning: activeContentWarning(a.file.activeContent) })),
  };
}

/**
 * The current revision and what reviewers compare it with: the revision the public sees (if the
 * item was ever published) or else the previous one. Note: revisions keep no column of their
 * own, so both sides show the item's current column.
 */
export async function getRevisionComparison(actor: Actor, itemId: string) {
  const facts = await findItemFactsForView(actor, itemId);
  if (!facts) return null;
  const names = await channelNames();
  const current = await snapshot(facts.revision.id, names);
  const published = facts.item.publishedRevisionId;
  // An edit under review is read against what the public sees; otherwise — never published, or
  // the current revision is the published one (a re-published edit) — against the one before it.
  const baseIsPublished = !!published && published !== current.id;
  const baseId = baseIsPublished
    ? published
    : ((await db().itemRevision.findFirst({ where: { itemId, number: { lt: current.number } }, orderBy: { number: "desc" }, select: { id: true } }))?.id ?? null);
  const base = baseId ? await snapshot(baseId, names) : null;
  return { current, base, baseIsPublished, currentIsPublished: published === current.id };
}

/** The newest saved revision, for a liaison whose save was refused because it changed under them. */
export async function getLatestRevision(actor: Actor, itemId: string) {
  const facts = await findItemFacts(actor, itemId);
  return facts ? snapshot(facts.revision.id) : null;
}
