import type { WorkCalendar } from "../work-calendar";

/*
 * 信息处理费 (条例 第四十二条; 《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号). Both
 * methods are 超额累进: each piece or page is charged at the rate of the tier it falls in. One
 * request uses one method, never both (第三条) — the discriminated `FeeBasis` makes both
 * unrepresentable. Amounts are whole 元: every rate is a whole number, so integers are exact.
 */

export type FeeBasis =
  /** 按件: this request is `pieces` 件 (一事一申请 may split one application), after
   *  `priorPiecesThisMonth` 件 from the same applicant in the same natural month. */
  | { method: "per_piece"; priorPiecesThisMonth: number; pieces: number }
  /** 按量: `pages` pages of paper, e-mail or copied data for this request. */
  | { method: "per_page"; pages: number };

export interface FeeLine {
  /** First and last piece or page charged at this rate (1-based). */
  from: number;
  to: number;
  count: number;
  rateYuan: number;
  subtotalYuan: number;
}

export interface Fee {
  method: FeeBasis["method"];
  totalYuan: number;
  lines: FeeLine[];
  /** The breakdown for the 收费通知, one sentence per line and a total. */
  text: string[];
}

/** 按件 rate of the n-th 件 in a month: 1–10 free, 11–30 100元, then +100元 per block of 10. */
export function perPieceRate(n: number): number {
  if (n <= 10) return 0;
  if (n <= 30) return 100;
  return 100 * (2 + Math.floor((n - 31) / 10));
}

/** 按量 rate of the n-th page: 1–30 free, 31–100 10元, 101–200 20元, from 201 40元. */
export function perPageRate(n: number): number {
  if (n <= 30) return 0;
  if (n <= 100) return 10;
  if (n <= 200) return 20;
  return 40;
}

function whole(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0, got ${n}`);
}

/** The last piece of the 按件 tier that holds piece n. */
function pieceTierEnd(n: number): number {
  return n <= 10 ? 10 : n <= 30 ? 30 : 30 + 10 * Math.ceil((n - 30) / 10);
}

/** The last page of the 按量 tier that holds page n. */
function pageTierEnd(n: number): number {
  return n <= 30 ? 30 : n <= 100 ? 100 : n <= 200 ? 200 : Number.MAX_SAFE_INTEGER;
}

/** Lines for items first..last, one per tier, jumping tier to tier (a huge count costs nothing). */
function lines(first: number, last: number, rate: (n: number) => number, tierEnd: (n: number) => number): FeeLine[] {
  const out: FeeLine[] = [];
  for (let n = first; n <= last; ) {
    const to = Math.min(last, tierEnd(n));
    const count = to - n + 1;
    out.push({ from: n, to, count, rateYuan: rate(n), subtotalYuan: count * rate(n) });
    n = to + 1;
  }
  return out;
}

export function computeFee(basis: FeeBasis): Fee {
  const perPiece = basis.method === "per_piece";
  if (perPiece) {
    whole(basis.priorPiecesThisMonth, "prior pieces");
    whole(basis.pieces, "pieces");
  } else whole(basis.pages, "pages");
  const [first, last] = perPiece ? [basis.priorPiecesThisMonth + 1, basis.priorPiecesThisMonth + basis.pieces] : [1, basis.pages];
  const feeLines = perPiece ? lines(first, last, perPieceRate, pieceTierEnd) : lines(first, last, perPageRate, pageTierEnd);
  const totalYuan = feeLines.reduce((sum, l) => sum + l.subtotalYuan, 0);
  return { method: basis.method, totalYuan, lines: feeLines, text: describe(basis, feeLines, totalYuan) };
}

function describe(basis: FeeBasis, feeLines: readonly FeeLine[], total: number): string[] {
  const unit = basis.method === "per_piece" ? "件" : "页";
  const head =
    basis.method === "per_piece"
      ? `按件计收：本申请计${basis.pieces}件，为申请人本自然月第${basis.priorPiecesThisMonth + 1}至第${basis.priorPiecesThisMonth + basis.pieces}件申请。`
      : `按量计收：本申请共${basis.pages}页。`;
  const body = feeLines.map((l) => {
    const range = l.from === l.to ? `第${l.from}${unit}` : `第${l.from}至第${l.to}${unit}`;
    return l.rateYuan === 0 ? `${range}，共${l.count}${unit}，不收费。` : `${range}，共${l.count}${unit}，每${unit}${l.rateYuan}元，计${l.subtotalYuan}元。`;
  });
  const basisText = "收费依据：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），按超额累进方式计算。";
  return [head, ...body, `合计${total}元。`, basisText];
}

/** Last day to pay: 20 working days from the day after the notice was received (109号). */
export function feePaymentDue(noticeReceivedOn: string, calendar: WorkCalendar): { date: string; covered: boolean } {
  const date = calendar.addWorkingDays(noticeReceivedOn, 20);
  return { date, covered: calendar.isSpanCovered(noticeReceivedOn, date) };
}
