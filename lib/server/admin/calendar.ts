import "server-only";
import { cache } from "react";
import { z } from "zod";
import { CALENDAR_DATA_SOURCE } from "@/lib/domain/calendar-data";
import { chinaYear, weekday } from "@/lib/domain/dates";
import { bundledCalendar, calendarEntrySchema, WorkCalendar, type CalendarDayKind, type CalendarEntry } from "@/lib/domain/work-calendar";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { LOCKS, refuse, write, type Target } from "@/lib/server/platform/use-case";
import { can } from "@/lib/server/platform/authz";
import { db, type DbOrTx } from "@/lib/server/platform/db";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "@/lib/server/platform/result";

/**
 * The WorkCalendar in force: the bundled 法定节假日 and 调休上班日 (2019–2026, chinese-days) with the
 * sysadmin's CalendarDay rows laid over them, and the years whose holiday notice is complete.
 * Read from the database on every request (React `cache` shares it within one request only), so
 * an edit counts on every instance at once.
 */

/** SiteSetting key: years beyond the bundled data the sysadmin confirmed as completely entered. */
const COVERED_YEARS_KEY = "workCalendar.coveredYears";
const yearSchema = z.coerce
  .number({ error: "年份无效" })
  .int("年份无效")
  .min(2000, "年份应在 2000 至 2099 之间")
  .max(2099, "年份应在 2000 至 2099 之间");
const confirmedYearsSchema = z.array(z.number().int().min(2000).max(2099));

const BUNDLED_YEARS = bundledCalendar.coverage();

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const dateValue = (date: string) => new Date(`${date}T00:00:00Z`);

async function confirmedYears(client: DbOrTx = db()): Promise<number[]> {
  const row = await client.siteSetting.findUnique({ where: { key: COVERED_YEARS_KEY } });
  const parsed = confirmedYearsSchema.safeParse(row?.value ?? []);
  return parsed.success ? parsed.data : [];
}

async function overrideRows(client: DbOrTx = db()): Promise<CalendarEntry[]> {
  const rows = await client.calendarDay.findMany({ orderBy: { date: "asc" } });
  return rows.map((r) => ({ date: isoDate(r.date), kind: r.kind, name: r.name }));
}

export const loadWorkCalendar = cache(async (): Promise<WorkCalendar> => {
  const [rows, years] = await Promise.all([overrideRows(), confirmedYears()]);
  return bundledCalendar.withOverrides(rows, { coveredYears: years });
});

export type CalendarSource = "BUNDLED" | "EDITED" | "ADDED";

export interface CalendarDayView {
  date: string;
  weekday: number;
  kind: CalendarDayKind;
  name: string;
  /** BUNDLED: the package's entry; EDITED: a row replacing it; ADDED: a row where it had none. */
  source: CalendarSource;
  bundled: { kind: CalendarDayKind; name: string } | null;
}

export interface CalendarYearView {
  year: number;
  entries: CalendarDayView[];
  coverage: number[];
  bundledYears: number[];
  /** Years confirmed by the sysadmin (not bundled); may be withdrawn. */
  confirmedYears: number[];
  covered: boolean;
  /** This year and next, where uncovered: the years a due date is most likely to reach into. */
  uncoveredAhead: number[];
  source: typeof CALENDAR_DATA_SOURCE;
}

/** One year of the calendar as the sysadmin edits it, or null for anyone else. */
export async function calendarYear(actor: Actor, rawYear: unknown, now = new Date()): Promise<CalendarYearView | null> {
  if (!can(actor, "calendar.manage")) return null;
  const parsedYear = yearSchema.safeParse(rawYear ?? chinaYear(now));
  const year = parsedYear.success ? parsedYear.data : chinaYear(now);
  const [rows, confirmed] = await Promise.all([overrideRows(), confirmedYears()]);
  const calendar = bundledCalendar.withOverrides(rows, { coveredYears: confirmed });
  const edited = new Set(rows.map((r) => r.date));
  const entries = calendar.entries(year).map((e): CalendarDayView => {
    const b = bundledCalendar.entryOn(e.date);
    const bundled = b ? { kind: b.kind, name: b.name } : null;
    return { ...e, weekday: weekday(e.date), bundled, source: !edited.has(e.date) ? "BUNDLED" : bundled ? "EDITED" : "ADDED" };
  });
  const thisYear = chinaYear(now);
  return {
    year,
    entries,
    coverage: calendar.coverage(),
    bundledYears: BUNDLED_YEARS,
    confirmedYears: [...confirmed].sort((a, b) => a - b),
    covered: calendar.isCovered(`${year}-01-01`),
    uncoveredAhead: [thisYear, thisYear + 1].filter((y) => !calendar.isCovered(`${y}-01-01`)),
    source: CALENDAR_DATA_SOURCE,
  };
}

const CALENDAR_ONLY = "只有系统管理员可以修改工作日历。";

type Effective = { kind: CalendarDayKind; name: string; source: "override" | "bundled" } | null;
function effective(row: { kind: CalendarDayKind; name: string } | null, date: string): Effective {
  if (row) return { kind: row.kind, name: row.name, source: "override" };
  const b = bundledCalendar.entryOn(date);
  return b ? { kind: b.kind, name: b.name, source: "bundled" } : null;
}

/**
 * Adds or replaces the override for one date (法定节假日 or 调休上班日); audited with before and after.
 * Replacing is what the form offers, so two saves of one date both land, one after the other: the
 * lock makes each read the "before" the other left, so the audit trail tells the true sequence.
 */
export async function setCalendarDay(actor: Actor, raw: unknown): Promise<Result<CalendarEntry>> {
  const target: Target = { action: "calendar.set", entity: "CalendarDay" };
  if (!can(actor, "calendar.manage")) return refuse(actor, target, "wrong_role", forbidden(CALENDAR_ONLY));
  const parsed = calendarEntrySchema.safeParse(raw);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const entry = parsed.data;
  return write(actor, { ...target, entityId: entry.date }, async (tx) => {
    const before = await tx.calendarDay.findUnique({ where: { date: dateValue(entry.date) } });
    await tx.calendarDay.upsert({
      where: { date: dateValue(entry.date) },
      create: { date: dateValue(entry.date), kind: entry.kind, name: entry.name },
      update: { kind: entry.kind, name: entry.name },
    });
    await audit(tx, { actor, ...target, entityId: entry.date, detail: { before: effective(before, entry.date), after: effective(entry, entry.date) } });
    return ok(entry);
  }, { lock: LOCKS.workCalendar });
}

const removeSchema = z.object({ date: calendarEntrySchema.shape.date });

/** Removes the override of one date, so the bundled data (or the weekday rule) applies again. */
export async function removeCalendarDay(actor: Actor, raw: unknown): Promise<Result<{ date: string }>> {
  const target: Target = { action: "calendar.remove", entity: "CalendarDay" };
  if (!can(actor, "calendar.manage")) return refuse(actor, target, "wrong_role", forbidden(CALENDAR_ONLY));
  const parsed = removeSchema.safeParse(raw);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const { date } = parsed.data;
  return write(actor, { ...target, entityId: date }, async (tx) => {
    const before = await tx.calendarDay.findUnique({ where: { date: dateValue(date) } });
    const { count } = await tx.calendarDay.deleteMany({ where: { date: dateValue(date) } });
    // The guard: a second 恢复 of the same date finds nothing left to remove.
    if (!before || count === 0) return notFound("该日期没有修改记录，可能已被他人恢复。");
    await audit(tx, { actor, ...target, entityId: date, detail: { before: effective(before, date), after: effective(null, date) } });
    return ok({ date });
  }, { lock: LOCKS.workCalendar });
}

const coverageSchema = z.object({ year: yearSchema, covered: z.enum(["true", "false"]).transform((v) => v === "true") });

/**
 * Confirms (or withdraws) that a year beyond the bundled data has its whole holiday notice
 * entered, which makes due dates in it exact. The bundled years are always covered.
 */
export async function setYearCovered(actor: Actor, raw: unknown): Promise<Result<{ year: number; covered: boolean }>> {
  const target: Target = { action: "calendar.coverage", entity: "SiteSetting", entityId: COVERED_YEARS_KEY };
  if (!can(actor, "calendar.manage")) return refuse(actor, target, "wrong_role", forbidden(CALENDAR_ONLY));
  const parsed = coverageSchema.safeParse(raw);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const { year, covered } = parsed.data;
  if (BUNDLED_YEARS.includes(year)) return invalid({ year: [`${year} 年的节假日安排已内置，无需确认`] });
  return write(actor, target, async (tx) => {
    const before = await confirmedYears(tx);
    // The guard: under the lock, a second confirmation (or withdrawal) of the same year finds it done.
    if (before.includes(year) === covered) return conflict(covered ? `${year} 年已被确认，无需重复操作。` : `${year} 年的确认已被撤销。`);
    const after = [...new Set(covered ? [...before, year] : before.filter((y) => y !== year))].sort((a, b) => a - b);
    await tx.siteSetting.upsert({ where: { key: COVERED_YEARS_KEY }, create: { key: COVERED_YEARS_KEY, value: after }, update: { value: after } });
    await audit(tx, { actor, ...target, detail: { before, after } });
    return ok({ year, covered });
  }, { lock: LOCKS.workCalendar });
}
