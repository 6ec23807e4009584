import "server-only";
import type { ReportData } from "@/lib/domain/reports/shape";
import { EXPORT_MIME, renderDocument, toJson, type ExportFormat } from "@/lib/export";
import { reportCsv, reportDocument, reportTitle, REPORT_TABLE_KEYS, REPORT_TABLE_NAMES, type ReportTableKey } from "@/lib/export/report";
import { db } from "@/lib/server/platform/db";
import { publicDb } from "@/lib/server/platform/read-replica";
import type { YearFigures } from "@/lib/domain/reports/public-api";
import { publicReportVersions, publicReportYears } from "./store";

/**
 * The published annual report as the public site and /api/v1 serve it (issue 9 §7, §8): the
 * newest published (or imported) version of a year, the earlier ones still reachable with their
 * 更正说明, and each version's downloads. Nothing here reads a session: the answers are the same
 * for everyone, so shared caches may keep them. Frozen data only — a draft never reaches here.
 */

export type PublicReportVersion = Awaited<ReturnType<typeof publicReportVersions>>[number];

/** A year from a URL segment; anything but four digits in range ("abc", "%00", "2019.5") is null → 404. */
export function parseReportYear(param: unknown): number | null {
  if (typeof param !== "string" || !/^\d{4}$/.test(param)) return null;
  const year = Number(param);
  return year >= 2008 && year <= 2100 ? year : null;
}

/** ?version=N: a positive whole number, else null (the newest). */
export function parseVersionNumber(param: unknown): number | null | "invalid" {
  if (param === undefined || param === null || param === "") return null;
  if (typeof param !== "string" || !/^[1-9]\d{0,3}$/.test(param)) return "invalid";
  return Number(param);
}

export interface PublicReport {
  year: number;
  /** Newest first. */
  versions: PublicReportVersion[];
  /** The one asked for (?version=N) or the newest. */
  shown: PublicReportVersion;
  isLatest: boolean;
}

/** Null for a year without a published report, or a version number it does not have. */
export async function publicReport(year: number, version: number | null = null): Promise<PublicReport | null> {
  const versions = await publicReportVersions(year);
  if (!versions.length) return null;
  const shown = version === null ? versions[0] : versions.find((v) => v.number === version);
  if (!shown) return null;
  return { year, versions, shown, isLatest: shown === versions[0] };
}

/** What the downloads offer: the two documents, the JSON, and a CSV per table. */
export const DOWNLOADS = ["docx", "pdf", "json", ...REPORT_TABLE_KEYS.map((k) => `csv-${k}` as const)] as const;
export type DownloadKind = (typeof DOWNLOADS)[number];
export const isDownloadKind = (v: unknown): v is DownloadKind => typeof v === "string" && (DOWNLOADS as readonly string[]).includes(v);

export interface ReportFile {
  body: Uint8Array | string;
  contentType: string;
  /** Without extension; attachmentDisposition adds it. */
  baseName: string;
  format: ExportFormat;
}

/** "吉林市科学技术局2019年政府信息公开工作年度报告（第2版）_表三". */
export function downloadBaseName(data: Pick<ReportData, "bureau" | "year">, version: { number: number }, isLatest: boolean, table?: ReportTableKey): string {
  const edition = isLatest ? "" : `（第${version.number}版）`;
  return `${reportTitle(data)}${edition}${table ? `_${REPORT_TABLE_NAMES[table]}` : ""}`;
}

export async function reportFile(report: PublicReport, kind: DownloadKind): Promise<ReportFile> {
  const { shown, isLatest } = report;
  if (kind === "json") return { body: toJson(shown.data), contentType: EXPORT_MIME.json.contentType, baseName: downloadBaseName(shown.data, shown, isLatest), format: "json" };
  if (kind === "docx" || kind === "pdf") {
    return { body: await frozenDocument(shown, kind), contentType: EXPORT_MIME[kind].contentType, baseName: downloadBaseName(shown.data, shown, isLatest), format: kind };
  }
  const table = kind.slice(4) as ReportTableKey;
  return { body: reportCsv(shown.data, table), contentType: EXPORT_MIME.csv.contentType, baseName: downloadBaseName(shown.data, shown, isLatest, table), format: "csv" };
}

/**
 * A published version's DOCX or PDF: rendered once, on the first download, and kept on the
 * version row — the version is frozen, so its document never changes. The PDF's creation date is
 * the publication date, so a re-render (two first downloads at once) gives the same bytes and
 * whichever write lands first is kept.
 */
export async function frozenDocument(version: Pick<PublicReportVersion, "id" | "data" | "publishedAt">, format: "docx" | "pdf"): Promise<Uint8Array> {
  const stored = await publicDb().annualReportVersion.findUnique({ where: { id: version.id }, select: { [format]: true } as { docx: true } | { pdf: true } });
  const kept = stored ? (stored as { docx?: Uint8Array | null; pdf?: Uint8Array | null })[format] : null;
  if (kept) return kept;
  // Normally the render-report-version job has stored it already; until then, the visitors who
  // arrive together share one render instead of each starting their own.
  const key = `${version.id}:${format}`;
  let pending = rendering.get(key);
  if (!pending) {
    pending = renderAndKeep(version, format).finally(() => rendering.delete(key));
    rendering.set(key, pending);
  }
  return pending;
}

const rendering = new Map<string, Promise<Uint8Array>>();

async function renderAndKeep(version: Pick<PublicReportVersion, "id" | "data" | "publishedAt">, format: "docx" | "pdf"): Promise<Uint8Array> {
  const bytes = await renderVersion(version.data, format, version.publishedAt ? new Date(version.publishedAt) : undefined);
  await db().annualReportVersion.updateMany({ where: { id: version.id, [format]: null }, data: { [format]: bytes } });
  return bytes;
}

/** The job's work: both documents of a published version stored, each rendered at most once. */
export async function prerenderVersion(versionId: string): Promise<{ rendered: string[] }> {
  const v = await db().annualReportVersion.findUnique({ where: { id: versionId }, select: { id: true, data: true, publishedAt: true, status: true, docx: true, pdf: true } });
  if (!v || (v.status !== "published" && v.status !== "imported")) return { rendered: [] };
  const version = { id: v.id, data: v.data as unknown as ReportData, publishedAt: v.publishedAt?.toISOString() ?? null };
  const rendered: string[] = [];
  for (const format of ["docx", "pdf"] as const) {
    if (v[format]) continue;
    await frozenDocument(version, format);
    rendered.push(format);
  }
  return { rendered };
}

/** The document of report data; a draft (status draft) carries 草稿 on every page. */
export async function renderVersion(data: ReportData, format: "docx" | "pdf", creationDate?: Date): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await renderDocument(reportDocument(data, { draft: data.status === "draft" }), format, { creationDate });
  return new Uint8Array(bytes);
}

/** The figures the year-over-year chart compares, read from a report's frozen tables. */
export function yearFigures(data: ReportData): YearFigures {
  const total = (row: string) => data.table3?.[row]?.total ?? 0;
  const appeals = Object.values(data.table4 ?? {}).reduce((n, block) => n + (block?.total ?? 0), 0);
  return { year: data.year, received: total("new_received"), processed: total("total_processed"), appeals, itemsPublished: data.statistics?.items_published ?? null };
}

/** Every year with a public report and its newest version's figures, newest first. */
export async function publicYearFigures(): Promise<{ year: number; format: string; status: "published" | "imported"; publishedAt: string | null; figures: YearFigures | null }[]> {
  const years = await publicReportYears();
  return Promise.all(
    years.map(async (y) => {
      const [newest] = await publicReportVersions(y.year);
      return { ...y, figures: newest ? yearFigures(newest.data) : null };
    }),
  );
}
