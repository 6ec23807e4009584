import "server-only";
/*
 * The report's way to the public (issue 9 §7): it is itself a disclosure item under 年度报告. Sending
 * freezes the figures into a version and submits an item carrying them into the column's review
 * stages, in one transaction; a reviewer's 退回 lets the office edit again and the next send
 * resubmits the same item; publishing the item publishes the version (./publication-hook.ts).
 */
import { z } from "zod";
import { chinaDate } from "@/lib/domain/dates";
import { plainTextToHtml } from "@/lib/domain/html";
import { itemDraftSchema, type ItemDraftInput } from "@/lib/domain/item";
import { blockingChecks } from "@/lib/domain/reports/checks";
import type { ReportData } from "@/lib/domain/reports/shape";
import { requiredStages, STATUS_LABELS, STATUS_OF_STAGE, type ItemStatus, type WorkflowItem } from "@/lib/domain/workflow";
import { reportHtml } from "@/lib/export/report";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getSiteSettings } from "@/lib/server/admin/site-settings";
import { activeChannels, revisionRows } from "@/lib/server/items/input";
import { handOver } from "@/lib/server/items/transition";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { db, type Tx } from "@/lib/server/platform/db";
import { conflict, forbidden, invalid, ok, type Result } from "@/lib/server/platform/result";
import { expectOne, refuse, Refusal, write, type Target } from "@/lib/server/platform/use-case";
import { can } from "@/lib/server/platform/authz";
import {
  bureauName,
  buildDraft,
  effectiveState,
  EMPTY_SECTIONS,
  isFailure,
  latestVersion,
  NOT_OFFICE,
  openForWrite,
  reasonOf,
  STALE,
  yearProblem,
} from "./working-copy";

/** 第二十条（十五）: what law requires published besides the listed items — the report (第四十九条). */
const ARTICLE_20_OTHER = 15;

export function reportTitle(bureau: string, year: number, correction: boolean): string {
  return `${bureau}${year}年政府信息公开工作年度报告${correction ? "（更正版）" : ""}`;
}

/** The item's body: the report as HTML, a correction led by its note (更正说明). */
function reportBody(data: ReportData, note: string): string {
  const lead = note ? plainTextToHtml(`更正说明：${note}`) : "";
  // The body is the text the reviewers approve for publication: never marked 草稿.
  return `${lead}${reportHtml({ ...data, status: "published" })}`;
}

/** The channels the bureau published its last report on, else every active channel. */
async function reportChannels(columnId: string): Promise<string[]> {
  const active = (await activeChannels()).map((c) => c.code);
  const last = await db().disclosureItem.findFirst({
    where: { columnId, publishedRevisionId: { not: null } },
    orderBy: { publishedAt: "desc" },
    select: { publishedRevision: { select: { channels: true } } },
  });
  const used = (last?.publishedRevision?.channels ?? []).filter((c) => active.includes(c));
  return used.length ? used : active;
}

function blockingMessage(data: ReportData): string | null {
  const blocking = blockingChecks(data.checks);
  if (!blocking.length) return null;
  const shown = blocking.slice(0, 5).map((c) => c.message).join("；");
  const more = blocking.length > 5 ? `等 ${blocking.length} 项` : "";
  return `以下 ${blocking.length} 项校验未通过，不能送审。请修正，或对确有原因的逐项填写说明后再送审：${shown}${more}。`;
}

/**
 * 送审: freezes the draft into a version and submits it as an item in the site's 年度报告 column,
 * authored by this office member in their department, straight into the column's review stages.
 * Refused while a check blocks, without a department to send from, and for a year not yet over:
 * the report covers the whole year (条例第五十条), and a copy frozen in December would lack the
 * rest of it — next year's 上年结转 check would then fail against it. The office drafts in
 * December; it sends from 1 January.
 */
export async function sendForReview(actor: Actor, year: number, input: { revision: number }, now = new Date()): Promise<Result<{ revision: number; itemId: string }>> {
  const target: Target = { action: "report.send", entity: "AnnualReport", entityId: String(year) };
  const opened = await openForWrite(actor, year, input?.revision, target, now);
  if (isFailure(opened)) return opened;
  const { row, latest, revision } = opened;
  if (year >= Number(chinaDate(now).slice(0, 4))) {
    return refuse(actor, target, "year_not_over", conflict(`${year}年尚未结束。年度报告须在年度结束后据全年数据编制（条例第五十条），${year + 1}年1月1日起可以送审。`));
  }
  if (!actor.departmentId) {
    return refuse(actor, target, "no_department", forbidden("您的账号未设置所属处室，年度报告须以处室名义送审。请联系系统管理员设置。"));
  }
  const { settings } = await getSiteSettings();
  const column = await db().column.findUnique({ where: { code: settings.annualReportColumn }, select: { id: true, requiresDeptHead: true, requiresLeader: true } });
  if (!column) return refuse(actor, target, "no_column", conflict("未找到“政府信息公开年报”栏目，请先在站点设置中选择该栏目。"));
  const department = await db().department.findUniqueOrThrow({ where: { id: actor.departmentId }, select: { id: true, leaderId: true } });
  const stages = requiredStages(column);
  if (stages.includes("LEADER") && !department.leaderId) {
    return refuse(actor, target, "no_leader", conflict("本处室尚未设置分管领导，暂不能送审。请在「处室管理」中设置。"));
  }
  const { data } = await buildDraft(year, row);
  const blocked = blockingMessage(data);
  if (blocked) return refuse(actor, target, "checks_block", conflict(blocked));

  const note = row?.correction ?? "";
  const bureau = bureauName();
  const item = itemDraftSchema(chinaDate(now), { channels: (await activeChannels()).map((c) => c.code) }).safeParse({
    title: reportTitle(bureau, year, note !== ""),
    columnId: column.id,
    publisher: bureau,
    summary: `${bureau}${year}年政府信息公开工作年度报告，依《中华人民共和国政府信息公开条例》第四十九条、第五十条编制。`,
    keywords: ["政府信息公开", "年度报告"],
    attribute: "PROACTIVE",
    article20Item: ARTICLE_20_OTHER,
    formedOn: chinaDate(now),
    channels: await reportChannels(column.id),
    body: reportBody(data, note),
  });
  if (!item.success) {
    const first = z.flattenError(item.error).fieldErrors;
    const message = Object.values(first).flat()[0] ?? "内容无效";
    return refuse(actor, target, "item_invalid", conflict(`年度报告无法生成公开信息：${message}`));
  }
  // Sent back (退回): the same item gets a new revision and goes round again. Refused (不予公开):
  // that item is closed, so the next send is a new version with a new item.
  // The latest version, not the row's state, says so: the office's first edit after 退回 already
  // moved the row back to draft and marked the version returned.
  const sentBack = latest && (latest.status === "review" || latest.status === "returned") && (latest.item?.status === "RETURNED" || latest.item?.status === "REJECTED");
  const resend = sentBack && latest.item!.status === "RETURNED" ? latest : null;
  const first = STATUS_OF_STAGE[stages[0]];
  const workflow = (status: ItemStatus): WorkflowItem => ({
    status,
    departmentId: department.id,
    authorIds: [actor.id],
    departmentLeaderId: department.leaderId,
    stages: column,
    approvals: [],
    hasPublishedRevision: false,
  });
  const frozen = data as unknown as Prisma.InputJsonValue;

  return write(actor, target, async (tx) => {
    if (!row) await tx.annualReport.createMany({ data: { year, format: data.format, sections: EMPTY_SECTIONS }, skipDuplicates: true });
    const { count } = await tx.annualReport.updateMany({
      where: { year, revision, state: row?.state ?? "draft" },
      data: { state: "review", revision: { increment: 1 }, updatedById: actor.id },
    });
    expectOne(count, STALE);
    let itemId: string;
    let number: number;
    if (resend?.itemId) {
      itemId = resend.itemId;
      number = resend.number;
      const v = await tx.annualReportVersion.updateMany({
        where: { id: resend.id, status: { in: ["review", "returned"] } },
        data: { data: frozen, status: "review", note, createdById: actor.id },
      });
      expectOne(v.count, STALE);
      await resubmitItem(tx, actor, itemId, item.data, bureau, first, stages, workflow("RETURNED"));
    } else {
      if (sentBack) await tx.annualReportVersion.updateMany({ where: { id: latest.id, status: "review" }, data: { status: "returned" } });
      const last = await tx.annualReportVersion.aggregate({ where: { year }, _max: { number: true } });
      number = (last._max.number ?? 0) + 1;
      itemId = await submitNewItem(tx, actor, department.id, item.data, bureau, first, stages, workflow("DRAFT"), now);
      await tx.annualReportVersion.create({ data: { year, number, data: frozen, status: "review", note, itemId, createdById: actor.id } });
    }
    await audit(tx, { actor, ...target, detail: { version: number, itemId, correction: note || null, checks: data.checks.length, overrides: data.overrides.length, revision: revision + 1 } });
    return ok({ revision: revision + 1, itemId });
  }, { onConstraint: (kind) => (kind === "unique" ? new Refusal("stale", conflict(STALE)) : null) });
}

/** The new item, its first revision and its submission — audited under the item as any item's. */
async function submitNewItem(
  tx: Tx,
  actor: Actor,
  departmentId: string,
  fields: ItemDraftInput,
  bureau: string,
  to: ItemStatus,
  stages: ReturnType<typeof requiredStages>,
  workflow: WorkflowItem,
  now: Date,
): Promise<string> {
  const rows = revisionRows(actor, fields, 1, bureau, []);
  const item = await tx.disclosureItem.create({
    data: { departmentId, columnId: fields.columnId, authorId: actor.id, status: to, reviewStages: stages, firstSubmittedAt: now },
  });
  const revision = await tx.itemRevision.create({ data: { itemId: item.id, ...rows.revision } });
  await tx.disclosureItem.update({ where: { id: item.id }, data: { currentRevisionId: revision.id } });
  await handOver(tx, item.id, workflow, "DRAFT", to, `「${rows.revision.title}」${STATUS_LABELS[to]}`);
  await audit(tx, { actor, action: "item.create", entity: "DisclosureItem", entityId: item.id, detail: { revision: 1, contentHash: rows.revision.contentHash, annualReport: true } });
  await audit(tx, { actor, action: "item.submit", entity: "DisclosureItem", entityId: item.id, detail: { from: "DRAFT", to } });
  return item.id;
}

/** A returned report item: a new revision with the new snapshot, submitted again. */
async function resubmitItem(
  tx: Tx,
  actor: Actor,
  itemId: string,
  fields: ItemDraftInput,
  bureau: string,
  to: ItemStatus,
  stages: ReturnType<typeof requiredStages>,
  workflow: WorkflowItem,
) {
  const numbers = await tx.itemRevision.aggregate({ where: { itemId }, _max: { number: true } });
  const rows = revisionRows(actor, fields, (numbers._max.number ?? 0) + 1, bureau, []);
  const revision = await tx.itemRevision.create({ data: { itemId, ...rows.revision } });
  const { count } = await tx.disclosureItem.updateMany({
    where: { id: itemId, status: "RETURNED" },
    data: { currentRevisionId: revision.id, status: to, reviewStages: stages },
  });
  expectOne(count, STALE);
  await handOver(tx, itemId, workflow, "RETURNED", to, `「${rows.revision.title}」${STATUS_LABELS[to]}`);
  await audit(tx, { actor, action: "item.update", entity: "DisclosureItem", entityId: itemId, detail: { revision: revision.number, from: "RETURNED", to: "RETURNED", contentHash: rows.revision.contentHash } });
  await audit(tx, { actor, action: "item.submit", entity: "DisclosureItem", entityId: itemId, detail: { from: "RETURNED", to } });
}

/** 更正: a published report is opened again with its note; the next send is version n+1 （更正版）. */
export async function startCorrection(actor: Actor, year: number, input: { revision: number; note: string }, now = new Date()): Promise<Result<{ revision: number }>> {
  const target: Target = { action: "report.correction.start", entity: "AnnualReport", entityId: String(year) };
  if (!can(actor, "report.manage")) return refuse(actor, target, "wrong_role", forbidden(NOT_OFFICE));
  const problem = yearProblem(year, now);
  if (problem) return refuse(actor, target, "bad_year", invalid(undefined, problem));
  const note = reasonOf(input?.note, "更正说明");
  if (!note.ok) return invalid({ note: [note.message] });
  const [row, latest] = await Promise.all([db().annualReport.findUnique({ where: { year } }), latestVersion(year)]);
  const { state } = effectiveState(row, latest);
  if (!row || state !== "published") {
    const message = state === "correcting" ? "该年度报告已在更正中。" : state === "imported" ? "导入的历年报告已冻结，不能更正。" : "只有已公布的年度报告才能发布更正版。";
    return refuse(actor, target, `state_${state}`, conflict(message));
  }
  if (row.revision !== input.revision) return refuse(actor, target, "stale", conflict(STALE));
  return write(actor, target, async (tx) => {
    const { count } = await tx.annualReport.updateMany({
      where: { year, revision: row.revision, state: "published" },
      data: { state: "correcting", correction: note.reason, revision: { increment: 1 }, updatedById: actor.id },
    });
    expectOne(count, STALE);
    await audit(tx, { actor, ...target, detail: { note: note.reason, revision: row.revision + 1 } });
    return ok({ revision: row.revision + 1 });
  });
}
