import { describe, expect, test } from "vitest";
import { computeFee, feePaymentDue } from "@/lib/domain/requests/fees";
import { bundledCalendar } from "@/lib/domain/work-calendar";

describe("按件: the n-th request of the month (国办函〔2020〕109号 第四条)", () => {
  test.each([
    [1, 0], [10, 0], [11, 100], [30, 100], [31, 200], [40, 200], [41, 300], [50, 300], [51, 400],
  ])("request no. %i costs %i元", (n, yuan) => {
    expect(computeFee({ method: "per_piece", priorPiecesThisMonth: n - 1, pieces: 1 }).totalYuan).toBe(yuan);
  });

  test("one application split into 35 件 (一事一申请) at the start of a month: 10×0 + 20×100 + 5×200", () => {
    const fee = computeFee({ method: "per_piece", priorPiecesThisMonth: 0, pieces: 35 });
    expect(fee.totalYuan).toBe(3000);
    expect(fee.lines.map((l) => [l.from, l.to, l.rateYuan, l.subtotalYuan])).toEqual([[1, 10, 0, 0], [11, 30, 100, 2000], [31, 35, 200, 1000]]);
    expect(fee.text).toContain("第11至第30件，共20件，每件100元，计2000元。");
    expect(fee.text).toContain("合计3000元。");
  });
});

test("按件 lines split at the 40/41 boundary: 件 36–45 of a month are 5×200 + 5×300", () => {
  const fee = computeFee({ method: "per_piece", priorPiecesThisMonth: 35, pieces: 10 });
  expect(fee.lines.map((l) => [l.from, l.to, l.rateYuan])).toEqual([[36, 40, 200], [41, 45, 300]]);
  expect(fee.totalYuan).toBe(2500);
});

describe("按量: pages of one request (第五条)", () => {
  test.each([
    [0, 0], [30, 0], [31, 10], [100, 700], [101, 720], [200, 2700], [201, 2740], [250, 4700],
  ])("%i pages cost %i元", (pages, yuan) => {
    expect(computeFee({ method: "per_page", pages }).totalYuan).toBe(yuan);
  });

  test("a huge count is computed tier by tier, exactly", () => {
    expect(computeFee({ method: "per_page", pages: 1_000_000 }).totalYuan).toBe(2700 + (1_000_000 - 200) * 40);
  });

  test("bad input is refused, not rounded", () => {
    expect(() => computeFee({ method: "per_page", pages: 2.5 })).toThrow(RangeError);
    expect(() => computeFee({ method: "per_piece", priorPiecesThisMonth: -1, pieces: 1 })).toThrow(RangeError);
  });
});

test("payment is due 20 working days from the day after the notice is received", () => {
  // Notice received Monday 2026-09-28: 09-29, 09-30, then 国庆, 10-08 … with 调休 Saturday 10-10.
  expect(feePaymentDue("2026-09-28", bundledCalendar)).toEqual({ date: "2026-10-30", covered: true });
});
