import { addDays, chinaDate } from "@/lib/domain/dates";

/**
 * The countdown to the annual report's deadline (条例第五十条: 每年1月31日前公布上一年度的年度报告),
 * for the office's 工作台. A stand-in until the report store's `reportCountdown(now)` (which reads
 * the configurable deadline, site setting `reports.deadline`) is merged: routes may not read the
 * database, so this one knows only the statutory 31 January.
 */
export interface ReportCountdown {
  /** The report year now due. */
  year: number;
  deadline: string;
  daysLeft: number;
}

export function reportCountdownFallback(now: Date, monthDay = "01-31"): ReportCountdown {
  const today = chinaDate(now);
  const thisYear = Number(today.slice(0, 4));
  // Until this year's deadline has passed, last year's report is the one due.
  const deadline = today <= `${thisYear}-${monthDay}` ? `${thisYear}-${monthDay}` : `${thisYear + 1}-${monthDay}`;
  let daysLeft = 0;
  while (addDays(today, daysLeft) < deadline) daysLeft++;
  return { year: Number(deadline.slice(0, 4)) - 1, deadline, daysLeft };
}
