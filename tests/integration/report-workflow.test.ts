import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { prepareDatabase } from "@/lib/server/platform/database-setup";
import { chinaDate } from "@/lib/domain/dates";
import { createDatabase, dropDatabase } from "../support/throwaway-db";
import type { Actor } from "@/lib/server/platform/actor";
import { db } from "@/lib/server/platform/db";
import { setRaceSeam } from "@/lib/server/platform/use-case";
import { publishItem, withdrawItem } from "@/lib/server/items/publication";
import { reviewItem } from "@/lib/server/items/reviews";
import { submitItem, updateDraft } from "@/lib/server/items/drafts";
import {
  draftReportData,
  publicReportVersions,
  publicReportYears,
  reportView,
  saveSections,
  sendForReview,
  setOverride,
  startCorrection,
} from "@/lib/server/reports/store";
import { raceBarrier } from "../support/race";
import { allClearApproval, draftInput, seedBureau, type Bureau, must } from "../support/bureau";

/**
 * The report's way to the public (issue 9 §7) through the real item workflow: 送审 creates the item
 * in review, the reviewers approve it as any item, publishItem publishes and freezes the version,
 * a correction is a second version and both stay public. Years 2020, 2022 and 2025 belong to this
 * file; it runs on a database of its own, because a year's checks read every record of the year
 * and of the year before, and the shared database holds other files' requests of those years.
 */
const isolated = vi.hoisted(() => {
  // Before any import reads lib/env: every use case below then talks to this file's database.
  const shared = process.env.DATABASE_URL!;
  const name = `gongkai_reportflow_${Math.random().toString(16).slice(2, 12)}`;
  const url = new URL(shared);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  return { shared, name };
});
let b: Bureau;
let office: Actor;
let columnCode: string;

beforeAll(async () => {
  // Migrations and pg-boss's schema (the app no longer installs it): publication queues renders.
  await prepareDatabase({ ownerUrl: await createDatabase(isolated.shared, isolated.name) });
  expect((await db().$queryRaw<{ name: string }[]>`SELECT current_database() AS name`)[0].name).toBe(isolated.name);
  b = await seedBureau();
  // The 公开办 sends the report as a member of a 处室 (its 处室负责人 and 分管领导 review it).
  office = await b.user("officeInDept", ["OFFICE"], b.dept.id);
  columnCode = `ndbg-${b.tag}`;
  await db().column.create({ data: { code: columnCode, name: "年度报告" } });
  await db().siteSetting.upsert({ where: { key: "site.annualReportColumn" }, create: { key: "site.annualReportColumn", value: columnCode }, update: { value: columnCode } });
});
afterEach(() => setRaceSeam(null));
afterAll(async () => {
  await db().$disconnect();
  await dropDatabase(isolated.shared, isolated.name);
});

const revisionOf = async (year: number) => (await db().annualReport.findUnique({ where: { year } }))?.revision ?? 0;
const itemOf = (id: string) => db().disclosureItem.findUniqueOrThrow({ where: { id }, include: { currentRevision: true } });
const versionsOf = (year: number) => db().annualReportVersion.findMany({ where: { year }, orderBy: { number: "asc" } });

/** 处室负责人 → 分管领导 → 保密审查, as the seed does. */
async function approveAll(itemId: string) {
  for (const reviewer of [b.people.head, b.people.leader, b.people.secrecy]) {
    const revisionId = (await itemOf(itemId)).currentRevisionId!;
    must(await reviewItem(reviewer, itemId, { decision: "APPROVE", revisionId, ...(await allClearApproval(revisionId)) }));
  }
  return (await itemOf(itemId)).currentRevisionId!;
}

async function withProblems(year: number) {
  must(await saveSections(office, year, { revision: await revisionOf(year), sections: { problems: "<p>工作力量不足，将加强培训。</p>" } }));
}

describe("draft → review → published → correction", () => {
  const Y = 2022;
  let firstItem: string;

  test("送审 is refused while a check blocks, with the checks named; nothing is created", async () => {
    const items = await db().disclosureItem.count();
    const r = await sendForReview(office, Y, { revision: await revisionOf(Y) });
    expect(r).toMatchObject({ ok: false, error: "conflict", message: expect.stringContaining("校验未通过，不能送审") });
    expect(r.ok || r.message).toContain("存在的主要问题及改进情况");
    expect(await db().disclosureItem.count()).toBe(items);
    expect(await versionsOf(Y)).toEqual([]);
    expect(await db().auditEvent.findFirst({ where: { action: "report.send", entityId: String(Y) }, orderBy: { id: "desc" } })).toMatchObject({ result: "DENIED" });
  });

  test("送审 without a 处室, or by someone not in the office, is refused", async () => {
    await withProblems(Y);
    const revision = await revisionOf(Y);
    expect(await sendForReview(b.people.office, Y, { revision })).toMatchObject({ ok: false, error: "forbidden", message: expect.stringContaining("所属处室") });
    expect(await sendForReview(b.people.liaison, Y, { revision })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await sendForReview(office, Y, { revision: revision - 1 })).toMatchObject({ ok: false, error: "conflict", message: expect.stringContaining("已被他人修改") });
  });

  test("送审 waits for the year's end: the report covers the whole year (第五十条)", async () => {
    await withProblems(Y);
    const revision = await revisionOf(Y);
    const early = await sendForReview(office, Y, { revision }, new Date("2022-12-31T15:00:00Z"));
    expect(early).toMatchObject({ ok: false, error: "conflict", message: expect.stringContaining("2022年尚未结束") });
    expect(await versionsOf(Y)).toEqual([]);
    const thisYear = Number(chinaDate(new Date()).slice(0, 4));
    expect(await sendForReview(office, thisYear, { revision: await revisionOf(thisYear) })).toMatchObject({ ok: false, message: expect.stringContaining("尚未结束") });
  });

  test("送审 freezes a version and submits an item under 年度报告 into its review stages", async () => {
    const revision = await revisionOf(Y);
    // 1 January 2023, 00:30 in Beijing: the year is over.
    const sent = must(await sendForReview(office, Y, { revision }, new Date("2022-12-31T16:30:00Z")));
    firstItem = sent.itemId;
    expect(sent.revision).toBe(revision + 1);
    const item = await itemOf(sent.itemId);
    expect(item).toMatchObject({ status: "PENDING_DEPT", departmentId: b.dept.id, authorId: office.id, reviewStages: ["DEPT_HEAD", "LEADER", "SECRECY"] });
    expect((await db().column.findUniqueOrThrow({ where: { id: item.columnId } })).code).toBe(columnCode);
    expect(item.currentRevision).toMatchObject({ title: "吉林市科学技术局2022年政府信息公开工作年度报告", attribute: "PROACTIVE", article20Item: 15, publisher: "吉林市科学技术局" });
    expect(item.currentRevision!.bodyHtml).toContain("<table");
    // What the reviewers approve is what the public reads: no 草稿 mark in the item's body.
    expect(item.currentRevision!.bodyHtml).not.toContain("草稿");
    const [version] = await versionsOf(Y);
    expect(version).toMatchObject({ number: 1, status: "review", itemId: sent.itemId, note: "" });
    expect((version.data as { status: string }).status).toBe("draft");
    // The 处室负责人 is told, as for any item.
    expect(await db().notification.count({ where: { userId: b.people.head.id, itemId: sent.itemId } })).toBe(1);
    const view = must(await reportView(office, Y));
    expect(view).toMatchObject({ state: "review", canEdit: false, lockedReason: expect.stringContaining("正在审核中") });
    expect(view.versions[0]).toMatchObject({ number: 1, status: "review", itemStatus: "待处室负责人审核" });
    const edit = await saveSections(office, Y, { revision: view.revision, sections: { other: "x" } });
    expect(edit).toMatchObject({ ok: false, error: "conflict", message: expect.stringContaining("正在审核中") });
    expect(await sendForReview(office, Y, { revision: view.revision })).toMatchObject({ ok: false, error: "conflict" });
  });

  test("reviewed and published as any item: the version is published, frozen, and later records do not alter it", async () => {
    const revisionId = await approveAll(firstItem);
    expect((await itemOf(firstItem)).status).toBe("APPROVED");
    must(await publishItem(b.people.office, firstItem, revisionId));
    const [version] = await versionsOf(Y);
    expect(version).toMatchObject({ status: "published", publishedAt: expect.any(Date) });
    expect((version.data as { status: string }).status).toBe("published");
    expect(await db().auditEvent.findFirst({ where: { action: "report.publish", entityId: version.id } })).toMatchObject({ result: "SUCCESS" });
    // Its DOCX and PDF are queued for rendering after the commit, not left to the first visitor.
    const queued = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.job WHERE name = 'render-report-version' AND data->>'versionId' = ${version.id}`;
    expect(Number(queued[0].n)).toBe(1);
    const view = must(await reportView(office, Y));
    expect(view).toMatchObject({ state: "published", canEdit: false, lockedReason: "已公布的年度报告不能修改，如需更正请发布更正版。" });
    expect(view.data.status).toBe("published");

    const frozen = (await publicReportVersions(Y))[0].data;
    await db().appealCase.create({ data: { kind: "review", filedOn: new Date("2022-06-01"), result: "pending", createdById: office.id } });
    expect((await draftReportData(Y)).table4.review.total).toBe(frozen.table4.review.total + 1);
    expect((await publicReportVersions(Y))[0].data).toEqual(frozen);
    expect(must(await reportView(office, Y)).data).toEqual(frozen);
    const edit = await setOverride(office, Y, { revision: view.revision, cell: "table4.review.total", value: "0", reason: "试图改已公布的报告" });
    expect(edit).toMatchObject({ ok: false, message: "已公布的年度报告不能修改，如需更正请发布更正版。" });
  });

  test("a correction needs a note; it is version 2 （更正版） with its own item; both stay public, newest first", async () => {
    let revision = await revisionOf(Y);
    expect(await startCorrection(office, Y, { revision, note: "" })).toMatchObject({ ok: false, fieldErrors: { note: [expect.stringContaining("更正说明")] } });
    revision = must(await startCorrection(office, Y, { revision, note: "表四行政复议数据漏报一件，予以更正。" })).revision;
    expect(await startCorrection(office, Y, { revision, note: "再次更正的说明" })).toMatchObject({ ok: false, message: "该年度报告已在更正中。" });
    const view = must(await reportView(office, Y));
    expect(view).toMatchObject({ state: "correcting", canEdit: true, correction: "表四行政复议数据漏报一件，予以更正。" });
    expect(view.data.status).toBe("draft");
    revision = must(await saveSections(office, Y, { revision, sections: { other: "<p>无其他事项。</p>" } })).revision;
    revision = must(await setOverride(office, Y, { revision, cell: "table2.normative_documents.issued", value: "1", reason: "一件规范性文件线下印发，未在系统登记" })).revision;
    const sent = must(await sendForReview(office, Y, { revision }));
    expect(sent.itemId).not.toBe(firstItem);
    const item = await itemOf(sent.itemId);
    expect(item.currentRevision!.title).toBe("吉林市科学技术局2022年政府信息公开工作年度报告（更正版）");
    expect(item.currentRevision!.bodyHtml).toContain("更正说明：表四行政复议数据漏报一件，予以更正。");
    must(await publishItem(b.people.office2, sent.itemId, await approveAll(sent.itemId)));

    const versions = await publicReportVersions(Y);
    expect(versions.map((v) => [v.number, v.note])).toEqual([
      [2, "表四行政复议数据漏报一件，予以更正。"],
      [1, ""],
    ]);
    expect(versions[0].data.table4.review.total).toBe(versions[1].data.table4.review.total + 1);
    // The override is public with its reason, in the bureau's name; the clerk's name stays in the console.
    expect(versions[0].data.overrides).toEqual([expect.objectContaining({ cell: "table2.normative_documents.issued", value: 1, reason: "一件规范性文件线下印发，未在系统登记", by: versions[0].data.bureau })]);
    expect(must(await reportView(office, Y)).data.overrides[0].by).toBe(office.displayName);
    expect((await db().disclosureItem.findUniqueOrThrow({ where: { id: firstItem } })).status).toBe("PUBLISHED");
    expect(must(await reportView(office, Y))).toMatchObject({ state: "published", correction: "" });
    expect(await publicReportYears()).toEqual(expect.arrayContaining([expect.objectContaining({ year: Y, status: "published", format: "GB2021" })]));
  });
});

describe("sent back, refused, withdrawn", () => {
  const Y = 2025;

  test("退回: the office edits again and the next 送审 resubmits the same item with a new revision", async () => {
    await withProblems(Y);
    const { itemId } = must(await sendForReview(office, Y, { revision: await revisionOf(Y) }));
    const revisionId = (await itemOf(itemId)).currentRevisionId!;
    must(await reviewItem(b.people.head, itemId, { decision: "RETURN", revisionId, comment: "第五部分请写具体措施。" }));
    // The 处室's 联络员 may edit a returned item of the 处室 — but not the report's: its frozen
    // version is what publication publishes, so it changes only from the report's page.
    const viaItemForm = await updateDraft(b.people.liaison, itemId, revisionId, draftInput(b, { title: "改过的年度报告" }));
    expect(viaItemForm).toMatchObject({ ok: false, error: "conflict", message: expect.stringContaining("请在“年度报告”页面修改") });
    expect(await submitItem(b.people.liaison, itemId, revisionId)).toMatchObject({ ok: false, error: "conflict" });
    expect((await itemOf(itemId)).currentRevisionId).toBe(revisionId);
    let view = must(await reportView(office, Y));
    expect(view).toMatchObject({ state: "draft", canEdit: true });
    expect(view.versions[0]).toMatchObject({ status: "returned", itemStatus: "已退回修改" });
    const revision = must(await saveSections(office, Y, { revision: view.revision, sections: { problems: "<p>将于三月前完成培训。</p>" } })).revision;
    expect((await versionsOf(Y))[0].status).toBe("returned");
    const again = must(await sendForReview(office, Y, { revision }));
    expect(again.itemId).toBe(itemId);
    const item = await itemOf(itemId);
    expect(item).toMatchObject({ status: "PENDING_DEPT" });
    expect(item.currentRevision!.number).toBe(2);
    expect(item.currentRevision!.bodyHtml).toContain("将于三月前完成培训。");
    const versions = await versionsOf(Y);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ number: 1, status: "review", itemId });
    expect((versions[0].data as { sections: { problems: string } }).sections.problems).toContain("将于三月前完成培训。");
    view = must(await reportView(office, Y));
    expect(view.state).toBe("review");
  });

  test("不予公开: that item is closed, so the next 送审 is version 2 with a new item", async () => {
    const [version] = await versionsOf(Y);
    const revisionId = (await itemOf(version.itemId!)).currentRevisionId!;
    must(await reviewItem(b.people.head, version.itemId!, { decision: "REJECT", revisionId, reasonCode: "ART14_STATE_SECRET", comment: "不宜公开。" }));
    expect((await itemOf(version.itemId!)).status).toBe("REJECTED");
    const view = must(await reportView(office, Y));
    expect(view).toMatchObject({ state: "draft", canEdit: true });
    const sent = must(await sendForReview(office, Y, { revision: view.revision }));
    expect(sent.itemId).not.toBe(version.itemId);
    expect((await versionsOf(Y)).map((v) => [v.number, v.status, v.itemId])).toEqual([
      [1, "returned", version.itemId],
      [2, "review", sent.itemId],
    ]);
  });

  test("撤回 of the published report: the version is withdrawn, gone from the public, and the report editable again", async () => {
    const version = (await versionsOf(Y)).at(-1)!;
    must(await publishItem(b.people.office, version.itemId!, await approveAll(version.itemId!)));
    expect(await publicReportVersions(Y)).toHaveLength(1);
    must(await withdrawItem(b.people.office, version.itemId!, "数据有误，撤回核实"));
    expect((await db().annualReportVersion.findUniqueOrThrow({ where: { id: version.id } })).status).toBe("withdrawn");
    expect(await publicReportVersions(Y)).toEqual([]);
    expect(must(await reportView(office, Y))).toMatchObject({ state: "draft", canEdit: true });
    expect(await db().auditEvent.findFirst({ where: { action: "report.withdraw", entityId: version.id } })).toMatchObject({ result: "SUCCESS" });
  });
});

describe("at once", () => {
  const Y = 2020;
  const times = <T,>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

  test.each([2, 4])("送审 ×%i: one version, one item", async (n) => {
    if (n === 4) {
      // Back to an editable report for the second round: publish and open a correction.
      const [v] = (await versionsOf(Y)).slice(-1);
      must(await publishItem(b.people.office, v.itemId!, await approveAll(v.itemId!)));
      must(await startCorrection(office, Y, { revision: await revisionOf(Y), note: "并发送审测试的更正" }));
    } else await withProblems(Y);
    const before = (await versionsOf(Y)).length;
    const items = await db().disclosureItem.count();
    const revision = await revisionOf(Y);
    const office2 = await b.user(`officeInDept${n}`, ["OFFICE"], b.dept.id);
    raceBarrier("report.send", n);
    const results = await Promise.all(times(n, (i) => () => sendForReview(i % 2 ? office2 : office, Y, { revision })).map((c) => c()));
    setRaceSeam(null);
    expect(results.filter((r) => r.ok), JSON.stringify(results)).toHaveLength(1);
    expect(await versionsOf(Y)).toHaveLength(before + 1);
    expect(await db().disclosureItem.count()).toBe(items + 1);
  });

  test.each([2, 4])("publishing the report item ×%i: one wins, the version is published once", async (n) => {
    const [v] = (await versionsOf(Y)).slice(-1);
    if (v.status !== "review") {
      must(await startCorrection(office, Y, { revision: await revisionOf(Y), note: `第 ${n} 轮并发发布的更正` }));
      must(await sendForReview(office, Y, { revision: await revisionOf(Y) }));
    }
    const version = (await versionsOf(Y)).at(-1)!;
    const revisionId = await approveAll(version.itemId!);
    raceBarrier("item.publish", n);
    const results = await Promise.all(times(n, (i) => publishItem(i % 2 ? b.people.office2 : b.people.office, version.itemId!, revisionId)));
    setRaceSeam(null);
    expect(results.filter((r) => r.ok), JSON.stringify(results)).toHaveLength(1);
    expect(await db().auditEvent.count({ where: { action: "report.publish", entityId: version.id, result: "SUCCESS" } })).toBe(1);
    expect((await db().annualReportVersion.findUniqueOrThrow({ where: { id: version.id } })).status).toBe("published");
    expect((await db().annualReport.findUniqueOrThrow({ where: { year: Y } })).state).toBe("published");
  });
});
