/** Dates as the bureau sees them: civil dates in China Standard Time (UTC+8, no DST). */
const CHINA = "Asia/Shanghai";

/** `YYYY-MM-DD` of the Beijing calendar day that contains `instant`. */
export function chinaDate(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: CHINA, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    instant,
  );
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
  return new Intl.DateTimeFormat("zh-CN", {
    timeZone: CHINA,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(instant);
}
