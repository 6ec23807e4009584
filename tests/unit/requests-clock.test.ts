import { describe, expect, test } from "vitest";
import type { ClockEvent } from "@/lib/domain/requests/clock-events";
import { computeRequestClock, type RequestClock } from "@/lib/domain/requests/clock";
import { extendCalendarThrough } from "@/lib/domain/requests/computed-holidays";
import { bundledCalendar } from "@/lib/domain/work-calendar";

/*
 * Every expected date was counted by hand, day by day, from lib/domain/calendar-data.ts (2026:
 * 国庆 10-01…10-07 with 调休 Saturday 10-10; 春节 02-15…02-23 with 调休 Saturdays 02-14 and 02-28)
 * and, for 2027, from the statutory days alone (元旦 01-01 a Friday; 春节 除夕 02-05 to 初三 02-08).
 * The counts are written out in docs/request-clock.md.
 */
const cal = extendCalendarThrough(bundledCalendar, 2030);

function clock(events: ClockEvent[], today: string, dayOne?: "NEXT_DAY" | "SAME_DAY"): RequestClock {
  const result = computeRequestClock(events, cal, { today, dayOne });
  if (!result.ok) throw new Error(`refused: ${result.code} at ${result.index}`);
  return result;
}
const received = (on: string): ClockEvent => ({ type: "RECEIVED", on });
const texts = (c: RequestClock, kind: string) => c.explanation.filter((s) => s.kind === kind).map((s) => s.text);

describe("worked examples (docs/request-clock.md)", () => {
  test("1. received Monday 2026-09-28, across 国庆 2026 and its 调休 Saturday: due Friday 2026-10-30", () => {
    const c = clock([received("2026-09-28")], "2026-10-09");
    expect(c.due).toBe("2026-10-30");
    expect(c.provisional).toBe(false);
    expect(c.daysUsed).toBe(4); // 09-29, 09-30, 10-08, 10-09
    expect(c.daysLeft).toBe(16);
    expect(c.correctionNotice.due).toBe("2026-10-13");
    expect(texts(c, "holiday")).toEqual([expect.stringContaining("国庆节：2026年10月1日至2026年10月7日放假，其中5个周一至周五")]);
    expect(texts(c, "makeup_workday")).toEqual(["2026年10月10日（星期六）为国庆节调休上班日，计为工作日。"]);
    expect(c.explanation.at(-1)?.text).toBe("因此答复期限为2026年10月30日（星期五）：20个工作日。");
  });

  test("2. received 2026-02-10, across 春节 2026 with 调休 Saturdays 02-14 and 02-28: due 2026-03-16", () => {
    const c = clock([received("2026-02-10")], "2026-02-27");
    expect(c.due).toBe("2026-03-16");
    expect(c.correctionNotice).toMatchObject({ due: "2026-02-26", lapsed: true, late: false });
    expect(c.explanation.filter((s) => s.kind === "makeup_workday").map((s) => s.date)).toEqual(["2026-02-14", "2026-02-28"]);
    const holiday = c.explanation.find((s) => s.kind === "holiday");
    expect(holiday?.dates).toEqual(["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-23"]);
    expect(holiday?.text).toContain("春节：2026年2月15日至2026年2月23日放假");
  });

  test("3. received 2026-12-15 into 2027, whose holidays are computed: 2027-01-01 is not a working day", () => {
    const c = clock([received("2026-12-15")], "2026-12-20");
    expect(c.due).toBe("2027-01-13"); // the uncomputed calendar would say 2027-01-12
    expect(computeRequestClock([received("2026-12-15")], bundledCalendar, { today: "2026-12-20" })).toMatchObject({ due: "2027-01-12" });
    expect(c.provisional).toBe(true);
    expect(c.uncoveredYears).toEqual([2027]);
    expect(texts(c, "computed_year")).toEqual([expect.stringContaining("2027年的调休安排尚未公布，按法定节日推算")]);
    expect(texts(c, "holiday")).toEqual([expect.stringContaining("元旦（按法定节日推算）：2027年1月1日至2027年1月3日放假")]);
  });

  test("3b. the same request extended by 20 working days on 2027-01-11 runs across 春节 2027: due 2027-02-12", () => {
    const c = clock([received("2026-12-15"), { type: "EXTENDED", on: "2027-01-11", days: 20, approver: "局办公室主任" }], "2027-01-11");
    expect(c.due).toBe("2027-02-12");
    expect(c.statutoryDue).toBe("2027-01-13");
    expect(c.provisional).toBe(true);
    expect(c.explanation.filter((s) => s.kind === "holiday").flatMap((s) => s.dates)).toEqual(["2027-01-01", "2027-02-05", "2027-02-08"]);
    expect(texts(c, "extension")).toEqual(["2027年1月11日经局办公室主任同意，延长答复期限20个工作日，并告知申请人（条例第三十三条第二款）。"]);
    expect(c.explanation.at(-1)?.text).toBe("因此答复期限为2027年2月12日（星期五）：20个工作日，加延长的20个工作日。");
  });
});

describe("events move the clock", () => {
  const base = received("2026-09-28");
  test.each<[string, ClockEvent[], string, string | null]>([
    ["nothing else", [], "2026-10-09", "2026-10-30"],
    // 10-12…10-20 consulting: 6 working days (10-13…10-16, 10-19, 10-20) are not counted.
    ["a third-party consultation", [{ type: "CONSULTATION_STARTED", on: "2026-10-12", id: "a", party: "third_party" }, { type: "CONSULTATION_ENDED", on: "2026-10-20", id: "a" }], "2026-10-21", "2026-11-09"],
    // An open one pauses up to today: provisional due moves day by day.
    ["an open agency consultation", [{ type: "CONSULTATION_STARTED", on: "2026-10-12", id: "a", party: "agency" }], "2026-10-14", "2026-11-03"],
    // 补正 received Wednesday 10-21: 20 working days from then, whatever went before.
    ["a 补正 restart", [{ type: "CORRECTION_REQUESTED", on: "2026-09-30", deadline: "2026-10-16" }, { type: "CORRECTION_RECEIVED", on: "2026-10-21" }], "2026-10-21", "2026-11-18"],
    ["awaiting the 补正", [{ type: "CORRECTION_REQUESTED", on: "2026-09-30", deadline: "2026-10-16" }], "2026-10-12", null],
    // Fee notice received 10-12, paid 10-15: 3 working days not counted.
    ["a fee window, paid", [{ type: "FEE_NOTICE", on: "2026-10-12" }, { type: "FEE_PAID", on: "2026-10-15" }], "2026-10-15", "2026-11-04"],
    ["a 第三十五条 deadline", [{ type: "CUSTOM_DEADLINE", on: "2026-10-20", due: "2026-12-31", reason: "申请数量巨大" }], "2026-10-20", "2026-12-31"],
  ])("%s", (_name, more, today, due) => {
    expect(clock([base, ...more], today).due).toBe(due);
  });

  test("states: on time, due soon, overdue, replied on time, replied late", () => {
    expect(clock([base], "2026-10-09").state).toBe("on_time");
    expect(clock([base], "2026-10-23").state).toBe("due_soon"); // 5 working days left
    expect(clock([base], "2026-10-22").state).toBe("on_time"); // 6 left
    expect(clock([base], "2026-11-02")).toMatchObject({ state: "overdue", daysLeft: -1 });
    expect(clock([base, { type: "REPLIED", on: "2026-10-30" }], "2026-12-01").state).toBe("replied_on_time");
    expect(clock([base, { type: "REPLIED", on: "2026-11-02" }], "2026-12-01").state).toBe("replied_late");
  });

  test("SAME_DAY counts a working receipt day as day 1", () => {
    expect(clock([base], "2026-10-09", "SAME_DAY").due).toBe("2026-10-29");
    expect(clock([received("2026-10-03")], "2026-10-09", "SAME_DAY").due).toBe(clock([received("2026-10-03")], "2026-10-09").due);
  });

  test("其他处理-1 is offered once the 补正期限 passes without a 补正, -2 once the fee window passes unpaid", () => {
    const correction: ClockEvent = { type: "CORRECTION_REQUESTED", on: "2026-09-30", deadline: "2026-10-16" };
    expect(clock([base, correction], "2026-10-16").offersNoCorrection).toBe(false);
    expect(clock([base, correction], "2026-10-19")).toMatchObject({ offersNoCorrection: true, state: "awaiting_correction" });
    const fee: ClockEvent = { type: "FEE_NOTICE", on: "2026-10-12" };
    expect(clock([base, fee], "2026-10-12").fee?.windowEnd).toBe("2026-11-09");
    expect(clock([base, fee], "2026-11-09").offersFeeUnpaid).toBe(false);
    expect(clock([base, fee], "2026-11-10").offersFeeUnpaid).toBe(true);
  });

  test("each consultation has its own 15-working-day clock", () => {
    const c = clock([base, { type: "CONSULTATION_STARTED", on: "2026-09-29", id: "a", party: "third_party", noticeReceivedOn: "2026-09-30" }], "2026-10-22");
    expect(c.consultations[0]).toMatchObject({ due: "2026-10-27", overdue: false });
    expect(c.paused).toBe(true);
  });
});

describe("refusals are data", () => {
  const base = received("2026-09-28");
  test.each<[string, ClockEvent[], string, string]>([
    ["a 收到日 in the future", [received("2026-10-01")], "2026-09-30", "receipt_in_future"],
    ["no receipt first", [{ type: "REPLIED", on: "2026-09-28" }], "2026-10-01", "first_not_received"],
    ["events out of order", [base, { type: "FEE_NOTICE", on: "2026-10-12" }, { type: "FEE_PAID", on: "2026-10-09" }], "2026-11-01", "out_of_order"],
    ["an extension over 20 working days", [base, { type: "EXTENDED", on: "2026-10-12", days: 21, approver: "主任" }], "2026-11-01", "extension_out_of_range"],
    ["an extension without approver", [base, { type: "EXTENDED", on: "2026-10-12", days: 5, approver: " " }], "2026-11-01", "extension_without_approver"],
    ["a second extension", [base, { type: "EXTENDED", on: "2026-10-12", days: 5, approver: "主任" }, { type: "EXTENDED", on: "2026-10-13", days: 5, approver: "主任" }], "2026-11-01", "second_extension"],
    ["an extension after the original due date", [base, { type: "EXTENDED", on: "2026-11-02", days: 5, approver: "主任" }], "2026-11-03", "extension_after_due"],
    ["a second 补正告知", [base, { type: "CORRECTION_REQUESTED", on: "2026-09-29", deadline: "2026-10-16" }, { type: "CORRECTION_RECEIVED", on: "2026-10-12" }, { type: "CORRECTION_REQUESTED", on: "2026-10-13", deadline: "2026-10-20" }], "2026-11-01", "second_correction_request"],
    ["a 第三十五条 date not later than the statutory one", [base, { type: "CUSTOM_DEADLINE", on: "2026-10-12", due: "2026-10-29", reason: "x" }], "2026-11-01", "custom_deadline_not_later"],
    ["a reply while a consultation is open", [base, { type: "CONSULTATION_STARTED", on: "2026-10-12", id: "a", party: "agency" }, { type: "REPLIED", on: "2026-10-13" }], "2026-11-01", "consultation_open_at_reply"],
    ["an event after the reply", [base, { type: "REPLIED", on: "2026-10-12" }, { type: "FEE_NOTICE", on: "2026-10-13" }], "2026-11-01", "after_reply"],
  ])("%s", (_name, events, today, code) => {
    const result = computeRequestClock(events, cal, { today });
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok || result.message).toMatch(/[\u4e00-\u9fff]/);
  });

  test("an extension on the original due date itself is still in time", () => {
    expect(clock([base, { type: "EXTENDED", on: "2026-10-30", days: 1, approver: "主任" }], "2026-10-30").due).toBe("2026-11-02");
  });
});
