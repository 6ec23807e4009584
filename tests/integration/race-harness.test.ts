import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { AuditAction } from "@/lib/domain/audit";
import { targetField } from "@/lib/domain/admin";
import { createChannel, updateChannel, moveChannel } from "@/lib/server/admin/channels";
import { createColumn, deleteColumn, moveColumn, updateColumn } from "@/lib/server/admin/columns";
import { createDepartment, moveDepartment, updateDepartment } from "@/lib/server/admin/departments";
import { removeCalendarDay, setCalendarDay, setYearCovered } from "@/lib/server/admin/calendar";
import { getSiteSettings, updateSiteSettings } from "@/lib/server/admin/site-settings";
import { saveTargets } from "@/lib/server/admin/targets";
import { setUserStatus, unlockUser } from "@/lib/server/admin/users";
import { deadLetterQueue } from "@/lib/server/jobs/definitions";
import { retryDeadJob } from "@/lib/server/jobs/dead-letters";
import { jobQueue, stopJobs } from "@/lib/server/jobs/queue";
import { loadAutosave, saveAutosave } from "@/lib/server/items/autosave";
import { submitItem, updateDraft } from "@/lib/server/items/drafts";
import { publishItem, withdrawItem } from "@/lib/server/items/publication";
import { reviewItem } from "@/lib/server/items/reviews";
import type { Actor } from "@/lib/server/platform/actor";
import { db } from "@/lib/server/platform/db";
import type { Result } from "@/lib/server/platform/result";
import { raceBarrier } from "../support/race";
import { setRaceSeam } from "@/lib/server/platform/use-case";
import { versions } from "../support/admin-versions";
import { allClearApproval, draftInput, seedBureau, seedDraft, seedPending, type Bureau } from "../support/bureau";

/**
 * A race proof for every guarded write. Each case fires N real calls of the real use case at
 * once; the kernel's race seam (lib/server/platform/use-case.ts) holds every call after its reads
 * and before its transaction until all N have arrived, so all N decide on the same state — the
 * window a double click, two tabs or two reviewers open. Then exactly one may succeed, with
 * exactly one SUCCESS audit row, and the state must show one write. Removing a guard turns its
 * case red (the mutation run in docs/race-harness.md).
 */
const PARTIES = [2, 4, 7, 10];

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});
afterEach(() => setRaceSeam(null));
afterAll(() => stopJobs());


async function auditMark(): Promise<bigint> {
  const last = await db().auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return last?.id ?? 0n;
}

async function successRows(action: AuditAction, since: bigint, entityId?: string) {
  return db().auditEvent.count({ where: { id: { gt: since }, action, result: "SUCCESS", ...(entityId ? { entityId } : {}) } });
}

interface Race {
  action: AuditAction;
  entityId?: string;
  calls: (() => Promise<Result<unknown>>)[];
  /** The state after the race shows exactly one write. */
  check?: () => Promise<void>;
}

/** Runs one race and asserts one winner, losers refused (never thrown), one audit row. */
async function race(setup: (n: number, trial: number) => Promise<Race>) {
  for (const [trial, n] of PARTIES.entries()) {
    const r = await setup(n, trial);
    expect(r.calls).toHaveLength(n);
    const since = await auditMark();
    raceBarrier(r.action, n);
    const results = await Promise.all(r.calls.map((call) => call()));
    setRaceSeam(null);
    const winners = results.filter((x) => x.ok);
    expect(winners, `${r.action} with ${n} at once: ${JSON.stringify(results.filter((x) => !x.ok))}`).toHaveLength(1);
    for (const loser of results.filter((x) => !x.ok)) expect(loser).toMatchObject({ ok: false, message: expect.any(String) });
    expect(await successRows(r.action, since, r.entityId)).toBe(1);
    await r.check?.();
  }
}

const times = <T,>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));
/** Reviewers of a stage, repeated: the same person in two tabs races like two people. */
const pick = (people: Actor[], i: number) => people[i % people.length];
const reviewsOf = (itemId: string) => db().reviewRecord.count({ where: { itemId } });
const statusOf = async (itemId: string) => (await db().disclosureItem.findUniqueOrThrow({ where: { id: itemId } })).status;

describe("every workflow event of the transition table", () => {
  test("submit (提交审核)", () =>
    race(async (n) => {
      const item = await seedDraft(b);
      return {
        action: "item.submit",
        entityId: item.id,
        calls: times(n, () => () => submitItem(b.people.liaison, item.id, item.revisionId)),
        check: async () => expect(await statusOf(item.id)).toBe("PENDING_DEPT"),
      };
    }));

  test.each([
    ["PENDING_DEPT", "DEPT_HEAD", "PENDING_LEADER"],
    ["PENDING_LEADER", "LEADER", "PENDING_SECRECY"],
    ["PENDING_SECRECY", "SECRECY", "APPROVED"],
  ] as const)("approve at %s (%s)", (at, _stage, next) =>
    race(async (n) => {
      const item = await seedPending(b, at);
      const people = { PENDING_DEPT: [b.people.head, b.people.head2], PENDING_LEADER: [b.people.leader], PENDING_SECRECY: [b.people.secrecy, b.people.secrecy2] }[at];
      const fields = { decision: "APPROVE", revisionId: item.revisionId, ...(await allClearApproval(item.revisionId)) };
      return {
        action: "item.review.approve",
        entityId: item.id,
        calls: times(n, (i) => () => reviewItem(pick(people, i), item.id, fields)),
        check: async () => {
          expect(await reviewsOf(item.id)).toBe(at === "PENDING_DEPT" ? 1 : at === "PENDING_LEADER" ? 2 : 3);
          expect(await statusOf(item.id)).toBe(next);
        },
      };
    }));

  test("approve an item held at the 保密行政管理部门 (REFERRED)", () =>
    race(async (n) => {
      const item = await seedPending(b, "PENDING_SECRECY");
      await reviewItem(b.people.secrecy, item.id, { decision: "REFER", revisionId: item.revisionId, comment: "报市保密局确认" });
      const fields = { decision: "APPROVE", revisionId: item.revisionId, ...(await allClearApproval(item.revisionId)) };
      return {
        action: "item.review.approve",
        entityId: item.id,
        calls: times(n, (i) => () => reviewItem(pick([b.people.secrecy, b.people.secrecy2], i), item.id, fields)),
        check: async () => expect(await statusOf(item.id)).toBe("APPROVED"),
      };
    }));

  test("return (退回修改)", () =>
    race(async (n) => {
      const item = await seedPending(b, "PENDING_DEPT");
      return {
        action: "item.review.return",
        entityId: item.id,
        calls: times(n, (i) => () => reviewItem(pick([b.people.head, b.people.head2], i), item.id, { decision: "RETURN", revisionId: item.revisionId, comment: `请修改 ${i}` })),
        check: async () => {
          expect(await reviewsOf(item.id)).toBe(1);
          expect(await statusOf(item.id)).toBe("RETURNED");
        },
      };
    }));

  test("reject (不予公开)", () =>
    race(async (n) => {
      const item = await seedPending(b, "PENDING_LEADER");
      const fields = { decision: "REJECT", revisionId: item.revisionId, comment: "属于内部事务", reasonCode: "ART16_INTERNAL_AFFAIRS" };
      return {
        action: "item.review.reject",
        entityId: item.id,
        calls: times(n, () => () => reviewItem(b.people.leader, item.id, fields)),
        check: async () => expect(await reviewsOf(item.id)).toBe(2),
      };
    }));

  test("refer (报送保密行政管理部门)", () =>
    race(async (n) => {
      const item = await seedPending(b, "PENDING_SECRECY");
      return {
        action: "item.review.refer",
        entityId: item.id,
        calls: times(n, (i) => () => reviewItem(pick([b.people.secrecy, b.people.secrecy2], i), item.id, { decision: "REFER", revisionId: item.revisionId, comment: "报市保密局确认" })),
        check: async () => expect(await statusOf(item.id)).toBe("REFERRED"),
      };
    }));

  test("publish (发布): one publication, one 索引号", () =>
    race(async (n) => {
      const item = await seedPending(b, "APPROVED");
      const before = await db().indexNumberSequence.aggregate({ _sum: { lastValue: true } });
      return {
        action: "item.publish",
        entityId: item.id,
        calls: times(n, (i) => () => publishItem(pick([b.people.office, b.people.office2], i), item.id, item.revisionId)),
        check: async () => {
          const after = await db().indexNumberSequence.aggregate({ _sum: { lastValue: true } });
          expect((after._sum.lastValue ?? 0) - (before._sum.lastValue ?? 0)).toBe(1);
        },
      };
    }));

  test("schedule (定时发布)", () =>
    race(async (n) => {
      const item = await seedPending(b, "APPROVED");
      const at = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 16);
      return {
        action: "item.publish",
        entityId: item.id,
        calls: times(n, (i) => () => publishItem(pick([b.people.office, b.people.office2], i), item.id, item.revisionId, { publishAt: `${at}` })),
        check: async () => expect((await db().disclosureItem.findUniqueOrThrow({ where: { id: item.id } })).publishAt!.getTime()).toBeGreaterThan(Date.now()),
      };
    }));

  test("republish an edited item (重新发布)", () =>
    race(async (n) => {
      const item = await seedPending(b, "PUBLISHED");
      const saved = await updateDraft(b.people.liaison, item.id, item.revisionId, draftInput(b, { title: "修订后的通知" }));
      expect(saved.ok).toBe(true);
      const revisionId = (await db().disclosureItem.findUniqueOrThrow({ where: { id: item.id } })).currentRevisionId!;
      await submitItem(b.people.liaison, item.id, revisionId);
      for (const reviewer of [b.people.head, b.people.leader, b.people.secrecy]) {
        await reviewItem(reviewer, item.id, { decision: "APPROVE", revisionId, ...(await allClearApproval(revisionId)) });
      }
      return {
        action: "item.republish",
        entityId: item.id,
        calls: times(n, (i) => () => publishItem(pick([b.people.office, b.people.office2], i), item.id, revisionId)),
        check: async () => expect((await db().disclosureItem.findUniqueOrThrow({ where: { id: item.id } })).publishedRevisionId).toBe(revisionId),
      };
    }));

  test("withdraw (撤回)", () =>
    race(async (n) => {
      const item = await seedPending(b, "PUBLISHED");
      return {
        action: "item.withdraw",
        entityId: item.id,
        calls: times(n, (i) => () => withdrawItem(pick([b.people.office, b.people.office2], i), item.id, `撤回理由 ${i}`)),
        check: async () => expect(await statusOf(item.id)).toBe("WITHDRAWN"),
      };
    }));

  test.each([["a draft", "DRAFT"], ["a published item (edit starts a new draft)", "PUBLISHED"]] as const)("save (保存) %s", (_name, from) =>
    race(async (n) => {
      const item = from === "DRAFT" ? await seedDraft(b) : await seedPending(b, "PUBLISHED");
      const revisions = await db().itemRevision.count({ where: { itemId: item.id } });
      return {
        action: "item.update",
        entityId: item.id,
        calls: times(n, (i) => () => updateDraft(pick([b.people.liaison, b.people.liaison2], i), item.id, item.revisionId, draftInput(b, { title: `并发保存 ${i}` }))),
        check: async () => expect(await db().itemRevision.count({ where: { itemId: item.id } })).toBe(revisions + 1),
      };
    }));
});

describe("autosave (自动保存): not audited; the newest copy wins whatever the arrival order", () => {
  test("N autosaves of one draft at once leave the newest", async () => {
    for (const n of PARTIES) {
      const item = await seedDraft(b);
      const base = Date.now();
      // Sent in a shuffled order: the network does not keep them in the order they were typed.
      const stamps = times(n, (i) => base + i * 1000).sort(() => Math.random() - 0.5);
      const values = (savedAt: number) => ({
        values: { ...emptyForm, title: `自动保存 ${savedAt}` },
        baseRevisionId: item.revisionId,
        savedAt,
      });
      raceBarrier("item.autosave", n);
      const results = await Promise.all(stamps.map((s) => saveAutosave(b.people.liaison, item.id, values(s))));
      setRaceSeam(null);
      expect(results.every((r) => r.ok)).toBe(true);
      expect((await loadAutosave(b.people.liaison, item.id))?.savedAt).toBe(base + (n - 1) * 1000);
      expect(results.filter((r) => r.ok && r.value.stored).length).toBeGreaterThanOrEqual(1);
    }
  });
});

const emptyForm = {
  title: "", documentNumber: "", publisher: "", summary: "", columnId: "", topic: "", keywords: "", attribute: "PROACTIVE",
  attributeReason: "", article20Item: "", documentType: "OTHER", signedOn: "", effectiveOn: "", repealedOn: "", validity: "",
  formedOn: "2026-11-01", body: "<p>正文</p>", channels: ["website"], attachments: [],
};

describe("every administration write", () => {
  const tag = () => Math.random().toString(36).slice(2, 7);
  const office = (i: number) => pick([b.people.office, b.people.office2], i);

  test("create a department (新建处室): one per code", () =>
    race(async (n) => {
      const code = `R-${tag()}`;
      return {
        action: "department.create",
        calls: times(n, (i) => () => createDepartment(office(i), { code, name: `并发处室${code}-${i}` })),
        check: async () => expect(await db().department.count({ where: { code } })).toBe(1),
      };
    }));

  test("rename a department (修改处室) from the same page", () =>
    race(async (n) => {
      const dept = await db().department.create({ data: { code: `U-${tag()}`, name: `待改名-${tag()}` } });
      const version = dept.updatedAt.toISOString();
      return {
        action: "department.update",
        entityId: dept.id,
        calls: times(n, (i) => () => updateDepartment(office(i), { id: dept.id, version, name: `改名-${dept.code}-${i}`, leaderId: "" })),
      };
    }));

  test("reorder departments (调整处室顺序) from the same page", () =>
    race(async (n) => {
      const dept = await db().department.create({ data: { code: `O-${tag()}`, name: `排序-${tag()}`, sortOrder: 10_000 } });
      const version = await versions.departmentOrder(b.people.office);
      return {
        action: "department.reorder",
        entityId: dept.id,
        calls: times(n, (i) => () => moveDepartment(office(i), { id: dept.id, direction: "up", version })),
      };
    }));

  test("create a column (新建栏目): one per code", () =>
    race(async (n) => {
      const code = `race-${tag()}`;
      return {
        action: "column.create",
        calls: times(n, (i) => () => createColumn(office(i), { code, name: `并发栏目${i}` })),
        check: async () => expect(await db().column.count({ where: { code } })).toBe(1),
      };
    }));

  test("edit a column (修改栏目) from the same page", () =>
    race(async (n) => {
      const column = await db().column.create({ data: { code: `e-${tag()}`, name: "待修改栏目" } });
      const version = column.updatedAt.toISOString();
      return {
        action: "column.update",
        entityId: column.id,
        calls: times(n, (i) => () => updateColumn(office(i), { id: column.id, version, code: column.code, name: `修改后${i}`, requiresDeptHead: "on" })),
      };
    }));

  test("delete a column (删除栏目)", () =>
    race(async (n) => {
      const column = await db().column.create({ data: { code: `d-${tag()}`, name: "待删除栏目" } });
      const version = column.updatedAt.toISOString();
      return {
        action: "column.delete",
        entityId: column.id,
        calls: times(n, (i) => () => deleteColumn(office(i), { id: column.id, version })),
        check: async () => expect(await db().column.count({ where: { id: column.id } })).toBe(0),
      };
    }));

  test("reorder columns (调整栏目顺序) from the same page", () =>
    race(async (n) => {
      const column = await db().column.create({ data: { code: `o-${tag()}`, name: "排序栏目", sortOrder: 10_000 } });
      const version = await versions.columnOrder(b.people.office);
      return {
        action: "column.reorder",
        entityId: column.id,
        calls: times(n, (i) => () => moveColumn(office(i), { id: column.id, direction: "up", version })),
      };
    }));

  test("create a channel (新建发布渠道): one per code", () =>
    race(async (n) => {
      const code = `ch-${tag()}`;
      return {
        action: "channel.create",
        calls: times(n, (i) => () => createChannel(office(i), { code, name: `渠道${i}` })),
        check: async () => expect(await db().channel.count({ where: { code } })).toBe(1),
      };
    }));

  test("edit a channel (修改发布渠道) from the same page", () =>
    race(async (n) => {
      const channel = await db().channel.create({ data: { code: `cu-${tag()}`, name: "待修改渠道", sortOrder: 10_000 } });
      const version = channel.updatedAt.toISOString();
      return {
        action: "channel.update",
        entityId: channel.id,
        calls: times(n, (i) => () => updateChannel(office(i), { id: channel.id, version, name: `修改后渠道${i}`, active: "on" })),
      };
    }));

  test("reorder channels (调整发布渠道顺序) from the same page", () =>
    race(async (n) => {
      const channel = await db().channel.create({ data: { code: `co-${tag()}`, name: "排序渠道", sortOrder: 10_001 } });
      const version = await versions.channelOrder(b.people.office);
      return {
        action: "channel.reorder",
        entityId: channel.id,
        calls: times(n, (i) => () => moveChannel(office(i), { id: channel.id, direction: "up", version })),
      };
    }));

  test("save monthly targets (保存月度目标) from the same page", () =>
    race(async (n, trial) => {
      const year = 2090 + trial;
      const version = await versions.targets(b.people.office, { year });
      return {
        action: "target.save",
        entityId: String(year),
        calls: times(n, (i) => () => saveTargets(office(i), { year: String(year), version, [targetField(b.dept.id, 1)]: String(i + 1) })),
      };
    }));

  test("site settings (站点设置) from the same page", async () => {
    // Settings are global: put back what other test files expect to find.
    const before = await db().siteSetting.findMany();
    try {
      await race(async (n) => {
      const { version } = await getSiteSettings();
      const settings = {
        officeName: "政务公开工作领导小组办公室", address: "吉林市船营区某路 1 号", postalCode: "132000", phone: "0432-62000000",
        fax: "", email: "zwgk@example.cn", website: "", note: "", systemColumn: b.column.code, annualReportColumn: b.newsColumn.code,
      };
      return {
        action: "site.settings.update",
        calls: times(n, (i) => () => updateSiteSettings(office(i), { ...settings, version, officeHours: `工作日 9:00–17:00 (${tag()}-${i})` })),
      };
      });
    } finally {
      await db().siteSetting.deleteMany({ where: { key: { notIn: before.map((r) => r.key) } } });
      for (const r of before) await db().siteSetting.update({ where: { key: r.key }, data: { value: r.value as object } });
    }
  });

  test("restore a calendar date (恢复工作日历)", () =>
    race(async (n, trial) => {
      const date = `2031-03-0${trial + 1}`;
      await setCalendarDay(b.people.sysadmin, { date, kind: "HOLIDAY", name: "测试假日" });
      return {
        action: "calendar.remove",
        entityId: date,
        calls: times(n, () => () => removeCalendarDay(b.people.sysadmin, { date })),
      };
    }));

  test.each([["true"], ["false"]])("confirm a year's holidays (确认节假日年度), covered=%s", (covered) =>
    race(async (n, trial) => {
      const year = 2040 + trial + (covered === "true" ? 0 : 10);
      if (covered === "false") await setYearCovered(b.people.sysadmin, { year: String(year), covered: "true" });
      return {
        action: "calendar.coverage",
        calls: times(n, () => () => setYearCovered(b.people.sysadmin, { year: String(year), covered })),
        // Coverage is global: withdraw the confirmation again so other files find no extra years.
        check: async () => void (covered === "true" && (await setYearCovered(b.people.sysadmin, { year: String(year), covered: "false" }))),
      };
    }));

  test.each([["DISABLED", "user.disable"], ["ACTIVE", "user.enable"]] as const)("set a user %s", (status, action) =>
    race(async (n) => {
      const user = await b.user(`u-${tag()}`, ["LIAISON"]);
      if (status === "ACTIVE") await db().user.update({ where: { id: user.id }, data: { status: "DISABLED" } });
      return {
        action,
        entityId: user.id,
        calls: times(n, () => () => setUserStatus(b.people.sysadmin, { userId: user.id, status })),
      };
    }));

  test("unlock a locked account", async () => {
    const secadmin = await b.user(`secadmin-${tag()}`, ["SECADMIN"], null);
    await race(async (n) => {
      const user = await b.user(`u-${tag()}`, ["LIAISON"]);
      await db().user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() + 3_600_000) } });
      return {
        action: "user.unlock",
        entityId: user.id,
        calls: times(n, () => () => unlockUser(secadmin, { userId: user.id })),
        check: async () => expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).lockedUntil).toBeNull(),
      };
    });
  });
});

describe("the job queue", () => {
  test("run a dead job again (重新执行) from the same page", () =>
    race(async (n) => {
      const boss = await jobQueue();
      const deadId = await boss.send(deadLetterQueue("extract-text"), { fileId: `race-${Math.random().toString(36).slice(2)}` });
      return {
        action: "job.retry",
        entityId: deadId!,
        calls: times(n, () => () => retryDeadJob(b.people.sysadmin, { jobId: deadId })),
      };
    }));
});

describe("a replace that both land: setting one calendar date twice at once", () => {
  test("each save reads the value the other left, so the audit trail is a true sequence", async () => {
    for (const [trial, n] of PARTIES.entries()) {
      const date = `2032-05-1${trial}`;
      const since = await auditMark();
      raceBarrier("calendar.set", n);
      const results = await Promise.all(times(n, (i) => setCalendarDay(b.people.sysadmin, { date, kind: "HOLIDAY", name: `假日${i}` })));
      setRaceSeam(null);
      expect(results.every((r) => r.ok)).toBe(true);
      const rows = await db().auditEvent.findMany({ where: { id: { gt: since }, action: "calendar.set", entityId: date }, orderBy: { id: "asc" } });
      expect(rows).toHaveLength(n);
      const detail = rows.map((r) => r.detail as { before: { name: string } | null; after: { name: string } });
      // The first saw the bundled (or no) entry; every later one saw what the one before it wrote.
      for (let i = 1; i < detail.length; i++) expect(detail[i].before?.name).toBe(detail[i - 1].after.name);
      const stored = await db().calendarDay.findUniqueOrThrow({ where: { date: new Date(`${date}T00:00:00Z`) } });
      expect(stored.name).toBe(detail.at(-1)!.after.name);
    }
  });
});
