import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { residentIdCheckChar } from "@/lib/domain/id-numbers";
import { bundledCalendar } from "@/lib/domain/work-calendar";
import { createAppeal, getAppeal, listAppeals, updateAppeal } from "@/lib/server/requests/appeals";
import { applicantMonthCount, feesCollected, issueFeeNotice, recordFeePaid } from "@/lib/server/requests/fees";
import { registerRequest, assignRequest } from "@/lib/server/requests/intake";
import { draftReply } from "@/lib/server/requests/reply";
import { getRequestForStaff } from "@/lib/server/requests/views";
import { db } from "@/lib/server/platform/db";
import { setRaceSeam } from "@/lib/server/platform/use-case";
import { seedBureau, type Bureau } from "../support/bureau";
import { raceBarrier } from "../support/race";
import { at, deniedAudits, must, seedRequest, walkIn } from "../support/requests";

/** 信息处理费 (国办函〔2020〕109号) and 行政复议/诉讼 cases through the real use cases. */

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});
afterEach(() => setRaceSeam(null));

const RECEIVED = "2026-03-02";
const notice = (method: string, quantity: number, noticeOn = "2026-03-04") => ({ method, quantity, noticeOn });

describe("fee notice", () => {
  test.each([
    ["per_piece", 11, 100],
    ["per_piece", 30, 100],
    ["per_piece", 31, 200],
    ["per_piece", 41, 300],
    ["per_page", 31, 10],
    ["per_page", 100, 700],
    ["per_page", 101, 720],
    ["per_page", 200, 2700],
    ["per_page", 201, 2740],
  ])("%s %i costs %i 元, with its FeeCharge, FEE_NOTICE event, draft notice and audit row", async (method, quantity, yuan) => {
    const r = await seedRequest(b, "IN_PROGRESS", RECEIVED);
    const issued = must(await issueFeeNotice(b.people.office, r.id, notice(method, quantity), at("2026-03-05")));
    expect(issued.amountYuan).toBe(yuan);
    expect(issued.payBy).toBe(bundledCalendar.addWorkingDays("2026-03-04", 20));
    const charge = await db().feeCharge.findUniqueOrThrow({ where: { requestId: r.id } });
    expect(charge).toMatchObject({ method, quantity, amountYuan: yuan, paidOn: null });
    const events = await db().requestEvent.findMany({ where: { requestId: r.id }, orderBy: { seq: "asc" } });
    expect(events.at(-1)).toMatchObject({ kind: "FEE_NOTICE", seq: issued.seq });
    const doc = await db().requestDocument.findFirstOrThrow({ where: { requestId: r.id, kind: "FEE_NOTICE" } });
    expect(doc.fields).toMatchObject({ seq: issued.seq, 收费金额: String(yuan), 缴费期限: issued.payBy });
    expect(await db().auditEvent.count({ where: { entityId: r.id, action: "request.fee.notice", result: "SUCCESS" } })).toBe(1);
    // the clock pauses while the applicant decides
    const view = must(await getRequestForStaff(b.people.office, r.id, at("2026-03-10")));
    expect(view.clock!.paused).toBe(true);
    expect(view.fee).toMatchObject({ amountYuan: yuan, noticeOn: "2026-03-04" });
  });

  test.each([
    ["per_piece", 10, "前10件"],
    ["per_page", 30, "30页"],
  ])("a free %s %i is no notice: refused with the reason, nothing written", async (method, quantity, words) => {
    const r = await seedRequest(b, "IN_PROGRESS", RECEIVED);
    const result = await issueFeeNotice(b.people.office, r.id, notice(method, quantity), at("2026-03-05"));
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining(words) });
    expect(await db().feeCharge.count({ where: { requestId: r.id } })).toBe(0);
    expect(await deniedAudits(r.id, "request.fee.notice")).toBe(1);
  });

  test("bad input: a future day, no method, a fraction — field errors", async () => {
    const r = await seedRequest(b, "IN_PROGRESS", RECEIVED);
    expect(await issueFeeNotice(b.people.office, r.id, notice("per_page", 50, "2026-03-09"), at("2026-03-05"))).toMatchObject({
      ok: false,
      message: expect.stringContaining("今天以后"),
    });
    const bad = await issueFeeNotice(b.people.office, r.id, { method: "", quantity: "2.5", noticeOn: "2026-3-4x" }, at("2026-03-05"));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["method", "noticeOn", "quantity"]);
  });

  test("a notice after the reply due date is refused", async () => {
    const r = await seedRequest(b, "IN_PROGRESS", RECEIVED);
    const due = bundledCalendar.addWorkingDays(RECEIVED, 20);
    const late = bundledCalendar.addWorkingDays(due, 1);
    const result = await issueFeeNotice(b.people.office, r.id, notice("per_page", 50, late), at(late));
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("答复期限内") });
    expect(await db().feeCharge.count({ where: { requestId: r.id } })).toBe(0);
  });

  test("only one notice per request", async () => {
    const r = await seedRequest(b, "IN_PROGRESS", RECEIVED);
    must(await issueFeeNotice(b.people.office, r.id, notice("per_page", 50), at("2026-03-05")));
    const again = await issueFeeNotice(b.people.office, r.id, notice("per_page", 60, "2026-03-05"), at("2026-03-05"));
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining("已发出收费通知") });
    expect(await db().feeCharge.count({ where: { requestId: r.id } })).toBe(1);
  });

  test("who may: the office only, within scope and while 办理中", async () => {
    const r = await seedRequest(b, "IN_PROGRESS", RECEIVED);
    expect(await issueFeeNotice(b.people.liaison, r.id, notice("per_page", 50), at("2026-03-05"))).toMatchObject({ ok: false, error: "forbidden" });
    expect(await issueFeeNotice(b.people.office, "no-such-request", notice("per_page", 50), at("2026-03-05"))).toMatchObject({ ok: false, error: "not_found" });
    const closed = await seedRequest(b, "CLOSED", RECEIVED);
    expect(await issueFeeNotice(b.people.office, closed.id, notice("per_page", 50), at("2026-03-05"))).toMatchObject({ ok: false, error: "conflict" });
  });
});

describe("fee payment", () => {
  async function noticed(noticeOn = "2026-03-04") {
    const r = await seedRequest(b, "IN_PROGRESS", RECEIVED);
    const issued = must(await issueFeeNotice(b.people.office, r.id, notice("per_page", 45, noticeOn), at(noticeOn)));
    return { id: r.id, ...issued };
  }

  test("paid within the window: the charge dated, FEE_PAID appended, the clock runs again", async () => {
    const f = await noticed();
    must(await recordFeePaid(b.people.office, f.id, { paidOn: "2026-03-09" }, at("2026-03-09")));
    expect((await db().feeCharge.findUniqueOrThrow({ where: { requestId: f.id } })).paidOn?.toISOString().slice(0, 10)).toBe("2026-03-09");
    const view = must(await getRequestForStaff(b.people.office, f.id, at("2026-03-10")));
    expect(view.clock!.paused).toBe(false);
    expect(view.clock!.fee?.paidOn).toBe("2026-03-09");
  });

  test("paid on the last day is accepted; the day after is refused (视为放弃) and 其他处理-2 is offered", async () => {
    const last = await noticed();
    must(await recordFeePaid(b.people.office, last.id, { paidOn: last.payBy }, at(last.payBy)));

    const late = await noticed();
    const after = bundledCalendar.nextWorkingDay(late.payBy);
    const result = await recordFeePaid(b.people.office, late.id, { paidOn: after }, at(after));
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("缴费期限已过") });
    expect((await db().feeCharge.findUniqueOrThrow({ where: { requestId: late.id } })).paidOn).toBeNull();
    const view = must(await getRequestForStaff(b.people.office, late.id, at(after)));
    expect(view.clock!.offersFeeUnpaid).toBe(true);
  });

  test("without a notice there is nothing to pay", async () => {
    const r = await seedRequest(b, "IN_PROGRESS", RECEIVED);
    expect(await recordFeePaid(b.people.office, r.id, { paidOn: "2026-03-05" }, at("2026-03-05"))).toMatchObject({
      ok: false,
      message: expect.stringContaining("尚未发出收费通知"),
    });
  });

  test("race: two recordings at once, exactly one lands", async () => {
    const f = await noticed();
    raceBarrier("request.fee.paid", 2);
    const results = await Promise.all([
      recordFeePaid(b.people.office, f.id, { paidOn: "2026-03-06" }, at("2026-03-06")),
      recordFeePaid(b.people.office2, f.id, { paidOn: "2026-03-06" }, at("2026-03-06")),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: "conflict" });
    expect(await db().requestEvent.count({ where: { requestId: f.id, kind: "FEE_PAID" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { entityId: f.id, action: "request.fee.paid", result: "SUCCESS" } })).toBe(1);
  });

  test("race: a late-entered payment and a 逾期未缴费 draft at once, exactly one lands", async () => {
    for (let trial = 0; trial < 4; trial++) {
      const f = await noticed();
      const after = bundledCalendar.nextWorkingDay(f.payBy);
      // Both decide on the same state: the window has lapsed (其他处理-2 offered), the charge unpaid,
      // and the payment entered late but dated within the window.
      let arrived = 0;
      let release!: () => void;
      const all = new Promise<void>((r) => (release = r));
      setRaceSeam(async (target) => {
        if (target.action !== "request.fee.paid" && target.action !== "request.reply.draft") return;
        if (++arrived === 2) release();
        await Promise.race([all, new Promise((r) => setTimeout(r, 5000))]);
      });
      const calls = [
        () => recordFeePaid(b.people.office, f.id, { paidOn: f.payBy }, at(after)),
        () => draftReply(b.people.office2, f.id, { outcome: "other_2_fee_unpaid", body: "视为放弃申请。" }, at(after)),
      ];
      const results = await Promise.all(trial % 2 ? calls.reverse().map((c) => c()) : calls.map((c) => c()));
      setRaceSeam(null);
      expect(results.filter((r) => r.ok), JSON.stringify(results)).toHaveLength(1);
      const paid = (await db().feeCharge.findUniqueOrThrow({ where: { requestId: f.id } })).paidOn !== null;
      const drafted = (await db().requestDocument.count({ where: { requestId: f.id, kind: "REPLY" } })) === 1;
      expect([paid, drafted].filter(Boolean)).toHaveLength(1);
    }
  });

  test("feesCollected sums the fees paid in the year, and only those", async () => {
    const before = { y2025: await feesCollected(2025), y2026: await feesCollected(2026) };
    // paid in 2025 (received in December, paid in the same year)
    const dec = must(await registerRequest(b.people.office, walkIn("2025-12-01"), at("2025-12-01")));
    must(await assignRequest(b.people.office, dec.id, b.dept.id));
    must(await issueFeeNotice(b.people.office, dec.id, notice("per_page", 40, "2025-12-03"), at("2025-12-03")));
    must(await recordFeePaid(b.people.office, dec.id, { paidOn: "2025-12-30" }, at("2025-12-30")));
    // noticed in 2025, paid in 2026: counts in 2026
    const span = must(await registerRequest(b.people.office, walkIn("2025-12-15"), at("2025-12-15")));
    must(await assignRequest(b.people.office, span.id, b.dept.id));
    must(await issueFeeNotice(b.people.office, span.id, notice("per_page", 60, "2025-12-17"), at("2025-12-17")));
    must(await recordFeePaid(b.people.office, span.id, { paidOn: "2026-01-05" }, at("2026-01-05")));
    // noticed in 2026 and never paid: nothing collected
    await noticed();
    expect(await feesCollected(2025)).toBe(before.y2025 + 100);
    expect(await feesCollected(2026)).toBe(before.y2026 + 300);
  });
});

describe("按件: the same applicant's requests in the month", () => {
  test("counted by the sealed applicant key, not by name", async () => {
    // Born on another day than residentId()'s applicants, so no random number can be this one.
    const idNumber = `22020219900101123${residentIdCheckChar("22020219900101123")}`;
    const ids = [];
    for (const day of ["2026-04-01", "2026-04-03", "2026-05-06"]) {
      const r = must(await registerRequest(b.people.office, walkIn(day, { idNumber }), at(day)));
      ids.push(r.id);
    }
    must(await registerRequest(b.people.office, walkIn("2026-04-02"), at("2026-04-02")));
    const row = await db().disclosureRequest.findUniqueOrThrow({ where: { id: ids[1] } });
    expect(row.applicantKey).toBeTruthy();
    expect(await applicantMonthCount(row)).toEqual({ month: "2026-04", count: 2, ordinal: 2 });
  });
});

describe("行政复议 / 行政诉讼 cases", () => {
  const today = at("2026-06-10");
  const input = (over: Record<string, unknown> = {}) => ({ kind: "review", filedOn: "2026-05-06", result: "pending", concludedOn: "", note: "", ...over });

  test("create pending, conclude as 维持 with the version, listed and counted by kind × result", async () => {
    const r = await seedRequest(b, "CLOSED", RECEIVED);
    const number = (await db().disclosureRequest.findUniqueOrThrow({ where: { id: r.id } })).number!;
    const { id } = must(await createAppeal(b.people.office, input({ requestNumber: number }), today));
    const created = (await getAppeal(b.people.office, id))!;
    expect(created).toMatchObject({ kind: "review", result: "pending", concludedOn: null, request: { id: r.id, number } });
    must(await updateAppeal(b.people.office, id, input({ requestNumber: number, result: "upheld", concludedOn: "2026-06-01", version: created.version }), today));
    const list = (await listAppeals(b.people.office, 2026))!;
    expect(list.rows.find((a) => a.id === id)).toMatchObject({ result: "upheld", resultLabel: "维持", concludedOn: "2026-06-01" });
    expect(list.counts.review.upheld).toBeGreaterThanOrEqual(1);
    expect(list.counts.review.total).toBe(Object.entries(list.counts.review).filter(([k]) => k !== "total").reduce((s, [, n]) => s + n, 0));
    expect(await db().auditEvent.count({ where: { entityId: id, action: { in: ["appeal.create", "appeal.update"] }, result: "SUCCESS" } })).toBe(2);
  });

  test.each([
    ["concluded before filed", { result: "upheld", concludedOn: "2026-05-01" }, "concludedOn", "不能早于收到日期"],
    ["concluded without a date", { result: "corrected", concludedOn: "" }, "concludedOn", "请填写审结日期"],
    ["pending with a date", { result: "pending", concludedOn: "2026-06-01" }, "concludedOn", "尚未审结"],
    ["filed in the future", { filedOn: "2026-06-11" }, "filedOn", "不能晚于今天"],
    ["concluded in the future", { result: "other", concludedOn: "2026-06-11" }, "concludedOn", "不能晚于今天"],
    ["an unknown request number", { requestNumber: "1999-9999" }, "requestNumber", "没有编号为“1999-9999”的申请"],
    ["an unknown kind", { kind: "appeal" }, "kind", "请选择类型"],
  ])("refused: %s", async (_, over, field, words) => {
    const before = await db().appealCase.count();
    const result = await createAppeal(b.people.office, input(over), today);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors?.[field]?.join("")).toContain(words);
    expect(await db().appealCase.count()).toBe(before);
  });

  test("a stale version is refused and changes nothing", async () => {
    const { id } = must(await createAppeal(b.people.office, input(), today));
    const loaded = (await getAppeal(b.people.office, id))!;
    must(await updateAppeal(b.people.office2, id, input({ result: "corrected", concludedOn: "2026-06-02", version: loaded.version }), today));
    const stale = await updateAppeal(b.people.office, id, input({ result: "upheld", concludedOn: "2026-06-03", version: loaded.version }), today);
    expect(stale).toMatchObject({ ok: false, error: "conflict", message: expect.stringContaining("已被他人修改") });
    expect(await getAppeal(b.people.office, id)).toMatchObject({ result: "corrected", concludedOn: "2026-06-02" });
    expect(await deniedAudits(id, "appeal.update")).toBe(1);
  });

  test("only the office keeps the cases", async () => {
    expect(await createAppeal(b.people.liaison, input(), today)).toMatchObject({ ok: false, error: "forbidden" });
    expect(await listAppeals(b.people.liaison, 2026)).toBeNull();
  });
});
