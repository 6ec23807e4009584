import "server-only";
/*
 * What publishing or withdrawing an item means for the annual report version it carries (issue 9
 * §7). Called inside publishItem's and withdrawItem's transactions, after their guards: the
 * version and the item change together or not at all, and of two people publishing at once the
 * one publishItem refuses never reaches here.
 */
import type { ReportData } from "@/lib/domain/reports/shape";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";
import type { Tx } from "@/lib/server/platform/db";
import { expectOne } from "@/lib/server/platform/use-case";

const GONE = "年度报告版本已被他人处理，请刷新后查看。";

/**
 * The item went public: its version is frozen as published (status inside the snapshot too) and
 * the year's report is published. A republication of an edited report item changes nothing here:
 * the version published first is what the public copy says.
 */
export async function reportItemPublished(tx: Tx, actor: Actor, itemId: string, publishAt: Date): Promise<void> {
  const version = await tx.annualReportVersion.findUnique({ where: { itemId }, select: { id: true, year: true, number: true, status: true, data: true } });
  // "returned": a colleague may have resubmitted the returned item unchanged; what it shows is this snapshot.
  if (!version || (version.status !== "review" && version.status !== "returned")) return;
  const data = { ...(version.data as unknown as ReportData), status: "published" } as unknown as Prisma.InputJsonValue;
  const { count } = await tx.annualReportVersion.updateMany({
    where: { id: version.id, status: version.status },
    data: { status: "published", publishedAt: publishAt, data },
  });
  expectOne(count, GONE);
  await tx.annualReport.update({ where: { year: version.year }, data: { state: "published", correction: "", revision: { increment: 1 } } });
  await audit(tx, {
    actor,
    action: "report.publish",
    entity: "AnnualReportVersion",
    entityId: version.id,
    detail: { year: version.year, version: version.number, itemId, publishAt: publishAt.toISOString() },
  });
}

/**
 * The item was withdrawn (撤回): its version is no longer public. When no published version of
 * the year is left, the report can be edited and sent again.
 */
export async function reportItemWithdrawn(tx: Tx, actor: Actor, itemId: string): Promise<void> {
  const version = await tx.annualReportVersion.findUnique({ where: { itemId }, select: { id: true, year: true, number: true, status: true } });
  if (!version || version.status !== "published") return;
  const { count } = await tx.annualReportVersion.updateMany({ where: { id: version.id, status: "published" }, data: { status: "withdrawn" } });
  expectOne(count, GONE);
  const left = await tx.annualReportVersion.count({ where: { year: version.year, status: "published" } });
  if (left === 0) await tx.annualReport.updateMany({ where: { year: version.year, state: "published" }, data: { state: "draft", revision: { increment: 1 } } });
  await audit(tx, { actor, action: "report.withdraw", entity: "AnnualReportVersion", entityId: version.id, detail: { year: version.year, version: version.number, itemId, publishedLeft: left } });
}

/**
 * After the publishing transaction: a published report's DOCX and PDF are rendered on the job queue
 * (render-report-version), so no visitor waits for them. Best effort, like the upload's text
 * extraction: if the queue is down, the first download renders them once (lib/server/reports/public.ts).
 */
export async function reportVersionPublishedAfterCommit(itemId: string): Promise<void> {
  const version = await db().annualReportVersion.findFirst({ where: { itemId, status: "published" }, select: { id: true } });
  if (!version) return;
  const { sendJob } = await import("@/lib/server/jobs/queue");
  await sendJob("render-report-version", { versionId: version.id }).catch((error) =>
    console.error(`[gongkai] render-report-version not queued for ${version.id}: ${(error as Error).message}`),
  );
}
