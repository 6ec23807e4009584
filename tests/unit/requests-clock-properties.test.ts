import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addDays, weekday } from "@/lib/domain/dates";
import type { ClockEvent } from "@/lib/domain/requests/clock-events";
import { computeRequestClock, type RequestClock } from "@/lib/domain/requests/clock";
import { extendCalendarThrough } from "@/lib/domain/requests/computed-holidays";
import { bundledCalendar } from "@/lib/domain/work-calendar";

/*
 * Properties over random receipts 2019–2030 and random, lawful event histories: up to three
 * consultations one after another, each starting within the first 20 working days, optionally an
 * extension of 1–20 working days decided on the last event's day (always before the due date).
 */
const cal = extendCalendarThrough(bundledCalendar, 2033);
// Each run replays a whole history (the calendar answers from its table, lib/domain/work-calendar.ts); 60 runs a property.
fc.configureGlobal({ numRuns: 60 });
const TODAY = "2033-12-31";
const FIRST = "2019-01-01";
const DAYS = 4320; // to late October 2030

interface Scenario {
  received: string;
  consultations: { gap: number; length: number }[];
  extension: number | null;
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  received: fc.integer({ min: 0, max: DAYS }).map((n) => addDays(FIRST, n)),
  consultations: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 5 }), length: fc.integer({ min: 0, max: 30 }) }), { maxLength: 3 }),
  extension: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
});

function events(s: Scenario, options: { consultations?: number; extension?: boolean } = {}): ClockEvent[] {
  const out: ClockEvent[] = [{ type: "RECEIVED", on: s.received }];
  let at = s.received;
  s.consultations.slice(0, options.consultations ?? s.consultations.length).forEach((c, i) => {
    const start = cal.addWorkingDays(at, c.gap);
    at = cal.addWorkingDays(start, c.length);
    out.push({ type: "CONSULTATION_STARTED", on: start, id: `c${i}`, party: i % 2 ? "agency" : "third_party" });
    out.push({ type: "CONSULTATION_ENDED", on: at, id: `c${i}` });
  });
  if (s.extension !== null && options.extension !== false) out.push({ type: "EXTENDED", on: at, days: s.extension, approver: "主任" });
  return out;
}

function run(evts: ClockEvent[], dayOne: "NEXT_DAY" | "SAME_DAY" = "NEXT_DAY"): RequestClock & { due: string } {
  const result = computeRequestClock(evts, cal, { today: TODAY, dayOne });
  if (!result.ok) throw new Error(`refused ${result.code}`);
  if (result.due === null) throw new Error("no due date");
  return result as RequestClock & { due: string };
}

describe("request clock properties", () => {
  test("the due date is always a working day", () => {
    fc.assert(fc.property(scenario, (s) => cal.isWorkingDay(run(events(s)).due)));
  });

  test("the due date is never before receipt + 20 working days", () => {
    fc.assert(fc.property(scenario, (s) => run(events(s)).due >= cal.addWorkingDays(s.received, 20)));
  });

  test("adding a consultation never makes the due date earlier", () => {
    fc.assert(
      fc.property(scenario.filter((s) => s.consultations.length > 0), (s) => {
        const fewer = run(events(s, { consultations: s.consultations.length - 1, extension: false })).due;
        const all = run(events(s, { extension: false })).due;
        return all >= fewer;
      }),
    );
  });

  test("a consultation of n working days moves the due date by exactly n working days", () => {
    fc.assert(
      fc.property(scenario.filter((s) => s.consultations.length > 0), (s) => {
        const n = s.consultations.length;
        const fewer = run(events(s, { consultations: n - 1, extension: false })).due;
        const all = run(events(s, { extension: false })).due;
        return cal.workingDaysBetween(fewer, all) === s.consultations[n - 1].length;
      }),
    );
  });

  test("a 补正 restarts the clock: due = the day it arrived + 20 working days, whatever came before", () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 40 }), (s, noticeAfter, waited) => {
        const before = events(s, { extension: false });
        const last = before.at(-1)?.on as string;
        const notice = cal.addWorkingDays(last, noticeAfter);
        const arrived = addDays(notice, waited);
        const all: ClockEvent[] = [
          ...before,
          { type: "CORRECTION_REQUESTED", on: notice, deadline: addDays(notice, 15) },
          { type: "CORRECTION_RECEIVED", on: arrived },
        ];
        return run(all).due === cal.addWorkingDays(arrived, 20);
      }),
    );
  });

  test("SAME_DAY is never later than NEXT_DAY", () => {
    fc.assert(fc.property(scenario, (s) => run(events(s), "SAME_DAY").due <= run(events(s), "NEXT_DAY").due));
  });

  test("an extension of k ≤ 20 working days adds exactly k working days", () => {
    fc.assert(
      fc.property(scenario.filter((s) => s.extension !== null), (s) => {
        const without = run(events(s, { extension: false })).due;
        const withExtension = run(events(s)).due;
        return cal.workingDaysBetween(without, withExtension) === s.extension;
      }),
    );
  });

  test("the explanation's holidays are exactly the non-working weekdays between start and due", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const c = run(events(s));
        const explained = c.explanation.filter((x) => x.kind === "holiday").flatMap((x) => x.dates ?? []);
        // Independently of the explanation's code: the calendar's HOLIDAY rows that fall Monday to Friday.
        const expected = [...new Set(cal.entries().map((e) => e.date))]
          .filter((d) => d > s.received && d <= c.due && weekday(d) >= 1 && weekday(d) <= 5 && cal.entryOn(d)?.kind === "HOLIDAY")
          .sort();
        expect(explained).toEqual(expected);
      }),
    );
  });
});
