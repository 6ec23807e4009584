import "server-only";
import { EVENTS, STAGE_LABELS, STAGES, STATUS_OF_STAGE, type ItemStatus, type Stage, type WorkflowEvent } from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import { PAGE_MAX } from "@/lib/domain/public-query";
import type { Timeliness } from "@/lib/domain/timeliness";
import type { Actor } from "@/lib/server/platform/actor";
import { authorizeTransition, itemScope, stageQueueWhere } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { findItemFactsForView } from "./facts";
import { itemsTimeliness } from "./timeliness";
import { recordItemProbe } from "./probe";

/** Statuses where the disclosure clock no longer matters to the person looking at the queue. */
const CLOCK_STOPPED: ItemStatus[] = ["REJECTED", "WITHDRAWN"];

/** What each role sees first in the console: the items waiting for them, with counts. */

/**
 * A queue lists its newest rows a page at a time; its count is the whole queue. 20 as the public
 * lists: the 工作台 is every staff member's first page, and at 100 rows a section it weighed 150 KB
 * and was the slowest staff page under load (docs/benchmarks.md).
 */
export const QUEUE_ROWS = 20;

export interface QueueSection {
  key: string;
  title: string;
  total: number;
  /** The page shown (1-based, within the queue's pages) and how many there are. */
  page: number;
  pageCount: number;
  items: QueueRow[];
}

/** The page of each section asked for in the URL (`?{key}-page=N`); any other value is page 1. */
export type QueuePages = Readonly<Record<string, number>>;
export interface QueueRow {
  id: string;
  title: string;
  status: ItemStatus;
  department: string;
  column: string;
  updatedAt: Date;
  /** Standing against the 20-working-day clock (条例第二十六条); null where it does not apply. */
  timeliness: Timeliness | null;
}

const rowSelect = {
  id: true,
  status: true,
  updatedAt: true,
  department: { select: { name: true } },
  column: { select: { name: true } },
  publishedAt: true,
  currentRevision: { select: { title: true, formedOn: true, attribute: true } },
} satisfies Prisma.DisclosureItemSelect;

async function section(actor: Actor, key: string, title: string, where: Prisma.DisclosureItemWhereInput, pages: QueuePages): Promise<QueueSection> {
  const scoped = { AND: [itemScope(actor), where] };
  const rowsOf = (page: number) => db().disclosureItem.findMany({ where: scoped, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], skip: (page - 1) * QUEUE_ROWS, take: QUEUE_ROWS, select: rowSelect });
  const asked = pages[key] ?? 1;
  const [total, firstTry] = await Promise.all([db().disclosureItem.count({ where: scoped }), rowsOf(asked)]);
  // At most PAGE_MAX pages, as the public lists (最近发布 holds every published item): the newest 10,000.
  const pageCount = Math.max(1, Math.min(PAGE_MAX, Math.ceil(total / QUEUE_ROWS)));
  // A page past the end (the queue shrank since the link was made): its last page instead.
  const page = Math.min(asked, pageCount);
  const rows = page === asked ? firstTry : await rowsOf(page);
  const clocks = await itemsTimeliness(rows.map((r) => ({ formedOn: r.currentRevision?.formedOn ?? new Date(), publishedAt: r.publishedAt })));
  return {
    key,
    title,
    total,
    page,
    pageCount,
    items: rows.map((r, i) => ({
      id: r.id,
      title: r.currentRevision?.title ?? "（无标题）",
      status: r.status,
      department: r.department.name,
      column: r.column.name,
      updatedAt: r.updatedAt,
      timeliness: r.currentRevision?.attribute === "PROACTIVE" && !CLOCK_STOPPED.includes(r.status) ? clocks[i] : null,
    })),
  };
}

const STAGE_QUEUE_KEYS: Record<Stage, string> = { DEPT_HEAD: "dept-head", LEADER: "leader", SECRECY: "secrecy" };

export async function workQueue(actor: Actor, pages: QueuePages = {}): Promise<QueueSection[]> {
  const sections: Promise<QueueSection>[] = [];
  const { roles } = actor;
  if (roles.includes("LIAISON") && actor.departmentId) {
    sections.push(section(actor, "liaison-todo", "待我处理（草稿与退回）", { departmentId: actor.departmentId, status: { in: ["DRAFT", "RETURNED"] } }, pages));
    sections.push(section(actor, "liaison-inreview", "本处室审核中", { departmentId: actor.departmentId, status: { in: ["PENDING_DEPT", "PENDING_LEADER", "PENDING_SECRECY", "REFERRED", "APPROVED"] } }, pages));
  }
  // The review stages: who acts on which items comes from STAGE_ACTORS, as for decide().
  for (const stage of STAGES) {
    const where = stageQueueWhere(actor, stage);
    if (where) sections.push(section(actor, STAGE_QUEUE_KEYS[stage], `待${STAGE_LABELS[stage]}`, { ...where, status: STATUS_OF_STAGE[stage] }, pages));
  }
  const referred = stageQueueWhere(actor, "SECRECY");
  if (referred) sections.push(section(actor, "secrecy-referred", "已报送保密行政管理部门", { ...referred, status: "REFERRED" }, pages));
  if (roles.includes("OFFICE")) {
    sections.push(section(actor, "office", "待发布", { status: "APPROVED" }, pages));
    sections.push(section(actor, "office-scheduled", "定时发布", { status: "PUBLISHED", publishAt: { gt: new Date() }, withdrawnAt: null }, pages));
    sections.push(section(actor, "office-published", "最近发布", { status: "PUBLISHED", publishAt: { lte: new Date() } }, pages));
  }
  return Promise.all(sections);
}

/** One item as staff see it, with its history and the actions this actor may take now. */
export async function getItemForStaff(actor: Actor, itemId: string) {
  const facts = await findItemFactsForView(actor, itemId);
  if (!facts) return recordItemProbe(actor, itemId).then(() => null);
  const [revisions, reviews] = await Promise.all([
    db().itemRevision.findMany({
      where: { itemId },
      orderBy: { number: "desc" },
      select: { id: true, number: true, createdAt: true, author: { select: { displayName: true } } },
    }),
    db().reviewRecord.findMany({
      where: { itemId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        stage: true,
        decision: true,
        comment: true,
        reasonCode: true,
        createdAt: true,
        revisionId: true,
        reviewer: { select: { displayName: true } },
      },
    }),
  ]);
  const allowed = EVENTS.filter((e) => authorizeTransition(actor, facts.workflow, e).ok) as WorkflowEvent[];
  const { item, revision } = facts;
  return {
    id: item.id,
    status: item.status,
    indexNumber: item.indexNumber,
    publishedAt: item.publishedAt,
    publishedRevisionId: item.publishedRevisionId,
    scheduledFor: item.publishAt && item.publishAt > new Date() && !item.withdrawnAt ? item.publishAt : null,
    withdrawnAt: item.withdrawnAt,
    withdrawReason: item.withdrawReason,
    department: item.department.name,
    column: { id: item.column.id, name: item.column.name },
    stages: facts.workflow.stages,
    revision: {
      id: revision.id,
      number: revision.number,
      title: revision.title,
      documentNumber: revision.documentNumber,
      bodyHtml: revision.bodyHtml,
      formedOn: revision.formedOn.toISOString().slice(0, 10),
    },
    revisions: revisions.map((r) => ({ ...r, author: r.author.displayName })),
    reviews: reviews.map((r) => ({ ...r, reviewer: r.reviewer.displayName })),
    allowed,
  };
}
