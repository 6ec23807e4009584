/** Dates as the bureau sees them: civil dates in China Standard Time (UTC+8, no DST). */
const CHINA = "Asia/Shanghai";

/*
 * One formatter each, made once: building an Intl.DateTimeFormat costs far more than formatting
 * with it (the console's queue made one per date shown, 18 % of its server time at 100,000 items).
 */
const CHINA_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: CHINA, year: "numeric", month: "2-digit", day: "2-digit" });
const CHINA_DATE_TIME = new Intl.DateTimeFormat("zh-CN", {
  timeZone: CHINA,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** `YYYY-MM-DD` of the Beijing calendar day that contains `instant`. */
export function chinaDate(instant: Date): string {
  return CHINA_DATE.format(instant);
}

/** `YYYY-MM-DDTHH:mm` of `instant` in Beijing time, the value of a datetime-local input. */
export function chinaDateTimeLocal(instant: Date): string {
  const shifted = new Date(instant.getTime() + 8 * 3_600_000);
  return shifted.toISOString().slice(0, 16);
}

export function chinaYear(instant: Date): number {
  return Number(chinaDate(instant).slice(0, 4));
}

/** 2026年11月24日 */
export function formatChineseDate(value: Date | string): string {
  const iso = typeof value === "string" ? value.slice(0, 10) : chinaDate(value);
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

export function formatChineseDateTime(instant: Date): string {
  return CHINA_DATE_TIME.format(instant);
}

/*
 * Civil-date arithmetic on `YYYY-MM-DD` strings. Each date is read as midnight UTC only to borrow
 * the Gregorian rules; no instant is ever converted, so the server's time zone cannot shift a day.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (so 2025-02-29 is not). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

function utcMidnight(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return Date.parse(`${date}T00:00:00Z`);
}

/** `date` moved by `days` calendar days (negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(utcMidnight(date)).getUTCDay();
}
