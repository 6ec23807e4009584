import { isIsoDate } from "../dates";

/*
 * Reading one 台账 cell as people type it: dates in the three spellings Chinese offices use, and
 * controlled words matched after folding the differences Excel and IMEs introduce (full-width
 * letters and brackets, spaces of every width). Nothing here guesses: a value that does not match
 * is an error with the accepted values in the message.
 */

/** 条例 (国务院令第492号) took effect on 2008-05-01: no 依申请公开 was received before it. */
export const EARLIEST_LEDGER_DATE = "2008-05-01";

/** Trimmed text: String.prototype.trim also drops U+3000 (全角空格), U+00A0 and a stray BOM. */
export function cellText(value: string | undefined): string {
  return (value ?? "").replace(/^\uFEFF/, "").trim();
}

/** A controlled word folded for comparison: NFKC (全角 → 半角), no whitespace at all, lower case. */
export function foldWord(value: string): string {
  return value.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/** A lookup of controlled words by every accepted spelling, folded. */
export function wordTable<T>(entries: readonly (readonly [string, T])[]): (value: string) => T | null {
  const table = new Map(entries.map(([spelling, value]) => [foldWord(spelling), value] as const));
  return (value) => table.get(foldWord(value)) ?? null;
}

export type DateCheck = { ok: true; date: string } | { ok: false; message: string };

const SPELLINGS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];
/** What Excel writes for a date cell saved to CSV with a time part ("2026/3/5 0:00"). */
const TIME_SUFFIX = /[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
/** An Excel serial day number left unformatted: 5 digits covers 1927-05-18 … 2173-10-14. */
const EXCEL_SERIAL = /^\d{5}$/;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * 2026-03-05, 2026-3-5, 2026/3/5, 2026.3.5, 2026年3月5日 (full-width digits too), an Excel serial
 * (46086), with or without a midnight time → `YYYY-MM-DD`; impossible dates are refused.
 */
export function parseLedgerDate(raw: string): DateCheck {
  const text = raw.normalize("NFKC").replace(/\s+/g, " ").trim().replace(TIME_SUFFIX, "").trim();
  if (EXCEL_SERIAL.test(text)) {
    return { ok: true, date: new Date(EXCEL_EPOCH_MS + Number(text) * 86_400_000).toISOString().slice(0, 10) };
  }
  const match = SPELLINGS.map((re) => re.exec(text)).find((m) => m !== null);
  if (!match) return { ok: false, message: `“${shown(raw)}”不是日期，请按 年-月-日 填写（如 2026-03-05）` };
  const iso = `${match[1]}-${match[2].padStart(2, "0")}-${match[3].padStart(2, "0")}`;
  if (!isIsoDate(iso)) return { ok: false, message: `日期“${shown(raw)}”不存在` };
  return { ok: true, date: iso };
}

/** A date within the life of the 条例 and not after `today`. */
export function parsePastDate(raw: string, today: string): DateCheck {
  const parsed = parseLedgerDate(raw);
  if (!parsed.ok) return parsed;
  if (parsed.date > today) return { ok: false, message: `日期 ${parsed.date} 晚于今天（${today}）` };
  if (parsed.date < EARLIEST_LEDGER_DATE) {
    return { ok: false, message: `日期 ${parsed.date} 早于《政府信息公开条例》施行之日（${EARLIEST_LEDGER_DATE}）` };
  }
  return parsed;
}

/** A cell's value as a message quotes it: one line, at most 30 characters. */
export function shown(value: string): string {
  const line = value.replace(/\s+/g, " ").trim();
  return line.length > 30 ? `${line.slice(0, 30)}…` : line;
}
