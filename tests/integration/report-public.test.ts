import Ajv from "ajv";
import JSZip from "jszip";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { GB2021 } from "@/lib/domain/reports/formats";
import { emptyTables, reportDataSchema, reportJsonSchema, type ReportData } from "@/lib/domain/reports/shape";
import { openApiDocument } from "@/lib/domain/openapi";
import type { Actor } from "@/lib/server/platform/actor";
import { db } from "@/lib/server/platform/db";
import { exportStatus, requestExport, runReportExport } from "@/lib/server/reports/exports";
import { prerenderVersion } from "@/lib/server/reports/public";
import { apiReportYears } from "@/lib/server/reports/api";
import { publicYearFigures } from "@/lib/server/reports/public";
import { sampleReportData } from "@/lib/export/samples";
import { pdfPages } from "../support/pdf-text";
import { seedBureau, type Bureau } from "../support/bureau";

/**
 * The published annual report on the public site and the API: the routes are called as Next.js
 * calls them, against rows written as the publication leaves them (AnnualReport + published
 * AnnualReportVersion), so this file does not depend on the review workflow. Years nobody else uses.
 */

let signedIn: Actor | null = null;
vi.mock("@/lib/server/platform/auth", () => ({ getActor: async () => signedIn }));
const download = (await import("@/app/(public)/annual-reports/[year]/download/[kind]/route")).GET;
const print = (await import("@/app/(public)/annual-reports/[year]/print/route")).GET;
const apiYear = (await import("@/app/api/v1/reports/[year]/route")).GET;
const apiSchema = (await import("@/app/api/v1/reports/schema.json/route")).GET;
const exportDownload = (await import("@/app/console/(staff)/reports/exports/[id]/download/route")).GET;

const OLD = 2012; // GB2019, corrected once: versions 1 and 2
const NEW = 2011; // GB2019 by year; its data is built as GB2021 where a test needs the other format
const NONE = 2043; // no report
const BUREAU = "吉林市科学技术局";

function report2021(): ReportData {
  const tables = emptyTables(GB2021);
  tables.table3.new_received = { natural_person: 9, commercial: 1, research: 0, public_welfare: 0, legal_service: 0, other: 0, total: 10 };
  tables.table3.granted = { natural_person: 9, commercial: 1, research: 0, public_welfare: 0, legal_service: 0, other: 0, total: 10 };
  tables.table3.total_processed = { ...tables.table3.granted };
  tables.table2.fees.amount_wan_yuan = "1.25";
  tables.table4.review = { upheld: 1, corrected: 1, other: 0, pending: 0, total: 2 };
  return { ...sampleReportData(), year: NEW, format: "GB2021", bureau: BUREAU, ...tables, checks: [], overrides: [] };
}

const old1 = { ...sampleReportData(), year: OLD, bureau: BUREAU };
const old2 = { ...old1, table2: { ...old1.table2, licensing: { previous_year_items: 0, change: 1, decisions: 80 } } };

async function publish(year: number, format: string, versions: { data: ReportData; note?: string; at: string }[]) {
  await db().reportExport.deleteMany({ where: { year } });
  await db().annualReportVersion.deleteMany({ where: { year } });
  await db().annualReport.deleteMany({ where: { year } });
  await db().annualReport.create({ data: { year, format, state: "published", sections: versions[0].data.sections as object } });
  for (const [i, v] of versions.entries()) {
    await db().annualReportVersion.create({
      data: { year, number: i + 1, data: v.data as object, status: "published", note: v.note ?? "", publishedAt: new Date(v.at) },
    });
  }
}

const get = (path: string) => new Request(`http://localhost:3000${path}`);
const yearParams = (year: string) => ({ params: Promise.resolve({ year }) });
const fileParams = (year: string, kind: string) => ({ params: Promise.resolve({ year, kind }) });
const dispositionName = (r: Response) => decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(r.headers.get("content-disposition") ?? "")?.[1] ?? "");

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
  await db().annualReportVersion.deleteMany({ where: { year: NONE } });
  await publish(OLD, "GB2019", [
    { data: old1, at: "2013-01-20T02:00:00Z" },
    { data: old2, note: "行政许可处理决定数量由79件更正为80件。", at: "2013-03-01T02:00:00Z" },
  ]);
  // Published in the past: a public version is one whose publication time has come.
  await publish(NEW, "GB2021", [{ data: report2021(), at: "2025-01-15T02:00:00Z" }]);
});

describe("/api/v1/reports", () => {
  test("the years list links each year's JSON and page", async () => {
    // The route only adds the site's origin (read from the request headers Next provides).
    const body = await apiReportYears("https://gk.test");
    const mine = body.reports.filter((r: { year: number }) => r.year === OLD || r.year === NEW);
    // Newest year first.
    expect(mine).toEqual([
      expect.objectContaining({ year: OLD, format: "GB2019", status: "published" }),
      expect.objectContaining({ year: NEW, format: "GB2021", status: "published", url: expect.stringMatching(new RegExp(`/api/v1/reports/${NEW}$`)), page: expect.stringMatching(new RegExp(`/annual-reports/${NEW}$`)) }),
    ]);
  });

  test("a year's JSON is exactly the newest version's ReportData, valid under the zod schema and the published JSON Schema", async () => {
    const response = await apiYear(get(`/api/v1/reports/${OLD}`), yearParams(String(OLD)));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = await response.json();
    // Exactly the frozen data, except that an override speaks in the bureau's name, not the clerk's.
    expect(old2.overrides.length).toBeGreaterThan(0);
    expect(body).toEqual(JSON.parse(JSON.stringify({ ...old2, overrides: old2.overrides.map((o) => ({ ...o, by: old2.bureau })) })));
    expect(reportDataSchema.safeParse(body).success).toBe(true);

    const schema = await (await apiSchema()).json();
    expect(schema).toEqual(JSON.parse(JSON.stringify(reportJsonSchema())));
    // The schema is draft 2020-12 but uses only keywords draft-07 means the same way, so Ajv 6 checks it.
    const { $schema, ...rest } = schema;
    expect($schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const validate = new Ajv({ allErrors: true }).compile(rest);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(await (await apiYear(get(`/api/v1/reports/${NEW}`), yearParams(String(NEW)))).json())).toBe(true);
    expect(validate({ ...body, table3: { ...body.table3, new_received: { ...body.table3.new_received, natural_person: "5" } } })).toBe(false);
  });

  test("?version=1 is the corrected-away version; unknown versions and years 404, malformed ones 400", async () => {
    const v1 = await apiYear(get(`/api/v1/reports/${OLD}?version=1`), yearParams(String(OLD)));
    expect((await v1.json()).table2.licensing.decisions).toBe(79);
    expect((await apiYear(get(`/api/v1/reports/${OLD}?version=3`), yearParams(String(OLD)))).status).toBe(404);
    const none = await apiYear(get(`/api/v1/reports/${NONE}`), yearParams(String(NONE)));
    expect(none.status).toBe(404);
    expect((await none.json()).error.message).toContain("尚未公开");
    for (const bad of ["abc", "%00", "20121", "1999.5"]) expect((await apiYear(get(`/api/v1/reports/${bad}`), yearParams(bad))).status).toBe(400);
    expect((await apiYear(get(`/api/v1/reports/${OLD}?version=x`), yearParams(String(OLD)))).status).toBe(400);
  });

  test("the OpenAPI document lists the three report paths", () => {
    const doc = openApiDocument({ origin: "http://x", bureau: BUREAU });
    expect(Object.keys(doc.paths ?? {})).toEqual(expect.arrayContaining(["/api/v1/reports", "/api/v1/reports/{year}", "/api/v1/reports/schema.json"]));
  });
});

describe("downloads", () => {
  test("DOCX: Word's content type, the Chinese file name, rendered once and then served from the version row", async () => {
    const response = await download(get(`/annual-reports/${OLD}/download/docx`), fileParams(String(OLD), "docx"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(dispositionName(response)).toBe(`${BUREAU}${OLD}年政府信息公开工作年度报告.docx`);
    const bytes = Buffer.from(await response.arrayBuffer());
    const xml = (await (await JSZip.loadAsync(bytes)).file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toContain("其他对外管理服务事项");
    expect(xml).toContain(">80<");
    const stored = await db().annualReportVersion.findFirstOrThrow({ where: { year: OLD, number: 2 }, select: { docx: true } });
    expect(Buffer.from(stored.docx!).equals(bytes)).toBe(true);
    // Served from the row: a marker written there comes back as it is.
    await db().annualReportVersion.updateMany({ where: { year: OLD, number: 2 }, data: { docx: Buffer.from("kept") } });
    const again = await download(get(`/annual-reports/${OLD}/download/docx`), fileParams(String(OLD), "docx"));
    expect(Buffer.from(await again.arrayBuffer()).toString()).toBe("kept");
    await db().annualReportVersion.updateMany({ where: { year: OLD, number: 2 }, data: { docx: null } });
  });

  test("PDF of an earlier version: its own figures, named 第1版, not marked 草稿", async () => {
    const response = await download(get(`/annual-reports/${OLD}/download/pdf?version=1`), fileParams(String(OLD), "pdf"));
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(dispositionName(response)).toBe(`${BUREAU}${OLD}年政府信息公开工作年度报告（第1版）.pdf`);
    const pages = await pdfPages(Buffer.from(await response.arrayBuffer()));
    expect(pages.join("")).toContain(`${OLD}年政府信息公开工作年度报告`);
    expect(pages.join("")).not.toContain("草稿");
  });

  test("JSON and CSV per table: content types, names, the BOM", async () => {
    const json = await download(get(`/annual-reports/${NEW}/download/json`), fileParams(String(NEW), "json"));
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(dispositionName(json)).toBe(`${BUREAU}${NEW}年政府信息公开工作年度报告.json`);
    expect((await json.json()).table2.fees.amount_wan_yuan).toBe("1.25");
    const csv = await download(get(`/annual-reports/${NEW}/download/csv-table3`), fileParams(String(NEW), "csv-table3"));
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(dispositionName(csv)).toBe(`${BUREAU}${NEW}年政府信息公开工作年度报告_表三.csv`);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain("\r\n一、本年新收政府信息公开申请数量,,,9,1,0,0,0,0,10\r\n");
  });

  test("an unknown year, kind or version, or a malformed year, is a 404 — never a 500", async () => {
    const cases: [string, string, string][] = [
      [String(NONE), "pdf", ""],
      ["abc", "pdf", ""],
      ["%00", "docx", ""],
      [String(OLD), "exe", ""],
      [String(OLD), "csv-table9", ""],
      [String(OLD), "pdf", "?version=7"],
      [String(OLD), "pdf", "?version=-1"],
    ];
    for (const [year, kind, query] of cases) {
      const response = await download(get(`/annual-reports/${year}/download/${kind}${query}`), fileParams(year, kind));
      expect(response.status, `${year}/${kind}${query}`).toBe(404);
    }
  });

  test("the print view: one HTML page with the report's tables, the print stylesheet, 404 for a year without one", async () => {
    const response = await print(get(`/annual-reports/${NEW}/print`), yearParams(String(NEW)));
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain(`<h1>${BUREAU}${NEW}年政府信息公开工作年度报告</h1>`);
    expect(html).toContain("@page { size: A4;");
    expect(html).toContain('<th colspan="5" rowspan="2" style="text-align:center">行政复议</th>');
    expect(html).not.toContain("<script");
    expect((await print(get(`/annual-reports/${NONE}/print`), yearParams(String(NONE)))).status).toBe(404);
    expect((await print(get(`/annual-reports/abc/print`), yearParams("abc"))).status).toBe(404);
  });

  test("the listing's figures: each public year's newest version", async () => {
    const years = await publicYearFigures();
    expect(years.find((y) => y.year === NEW)?.figures).toEqual({ year: NEW, received: 10, processed: 10, appeals: 2, itemsPublished: 165 });
    expect(years.find((y) => y.year === NONE)).toBeUndefined();
  });
});

describe("console exports (render-report job)", () => {
  test("the office asks for a PDF of a version: audited, queued, rendered with progress to done, downloadable", async () => {
    const version = await db().annualReportVersion.findFirstOrThrow({ where: { year: NEW, number: 1 }, select: { id: true } });
    const enqueued: string[] = [];
    const asked = await requestExport(b.people.office, NEW, "pdf", version.id, async (id) => enqueued.push(id));
    expect(asked.ok).toBe(true);
    const id = asked.ok ? asked.value.id : "";
    expect(enqueued).toEqual([id]);
    expect(await db().auditEvent.count({ where: { actorId: b.people.office.id, action: "report.export", result: "SUCCESS" } })).toBe(1);
    expect(await exportStatus(b.people.office, id)).toMatchObject({ status: "queued", progress: 0, downloadUrl: null });

    expect(await runReportExport(id)).toEqual({ status: "done" });
    expect(await exportStatus(b.people.office, id)).toMatchObject({ status: "done", progress: 100, downloadUrl: `/console/reports/exports/${id}/download` });
    // Run twice (a retry after a lost ack): left alone.
    expect(await runReportExport(id)).toEqual({ status: "done" });

    signedIn = b.people.office;
    const file = await exportDownload(get(`/console/reports/exports/${id}/download`), { params: Promise.resolve({ id }) });
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("cache-control")).toBe("private, no-store");
    expect(dispositionName(file)).toBe(`${BUREAU}${NEW}年政府信息公开工作年度报告（第1版）.pdf`);
    expect((await pdfPages(Buffer.from(await file.arrayBuffer()))).join("")).toContain("复议后起诉");

    signedIn = b.people.liaison;
    expect((await exportDownload(get(`/console/reports/exports/${id}/download`), { params: Promise.resolve({ id }) })).status).toBe(404);
    expect(await exportStatus(b.people.liaison, id)).toBeNull();
  });

  test("a published version's DOCX and PDF are rendered once by the job's work and then served as stored", async () => {
    const version = await db().annualReportVersion.findFirstOrThrow({ where: { year: OLD, number: 1 }, select: { id: true } });
    await db().annualReportVersion.update({ where: { id: version.id }, data: { docx: null, pdf: null } });
    expect(await prerenderVersion(version.id)).toEqual({ rendered: ["docx", "pdf"] });
    const stored = await db().annualReportVersion.findUniqueOrThrow({ where: { id: version.id }, select: { docx: true, pdf: true } });
    expect(Buffer.from(stored.docx!).subarray(0, 2).toString()).toBe("PK");
    expect(Buffer.from(stored.pdf!).subarray(0, 5).toString()).toBe("%PDF-");
    expect(await prerenderVersion(version.id)).toEqual({ rendered: [] });
    expect(await prerenderVersion("no-such-version")).toEqual({ rendered: [] });
  });

  test("anyone without report.manage is refused and audited; a version of another year is not found", async () => {
    const refused = await requestExport(b.people.liaison, NEW, "docx", null, async () => undefined);
    expect(refused).toMatchObject({ ok: false, error: "forbidden" });
    expect(await db().auditEvent.count({ where: { actorId: b.people.liaison.id, action: "report.export", result: "DENIED" } })).toBe(1);
    const other = await db().annualReportVersion.findFirstOrThrow({ where: { year: OLD }, select: { id: true } });
    expect(await requestExport(b.people.office, NEW, "docx", other.id, async () => undefined)).toMatchObject({ ok: false, error: "not_found" });
    // A future year has no report, so no export makes one up.
    expect(await requestExport(b.people.office, NONE, "docx", null, async () => undefined)).toMatchObject({ ok: false, error: "not_found" });
    expect(await db().annualReport.findUnique({ where: { year: NONE } })).toBeNull();
  });

  test("a job that cannot start leaves the export failed with a Chinese message, not queued for ever", async () => {
    const result = await requestExport(b.people.office, NEW, "docx", null, async () => {
      throw new Error("queue down");
    });
    expect(result).toMatchObject({ ok: false, error: "conflict", message: "无法启动导出任务，请稍后重试。" });
    const row = await db().reportExport.findFirstOrThrow({ where: { year: NEW, format: "docx", requestedById: b.people.office.id }, orderBy: { createdAt: "desc" } });
    expect(row.status).toBe("failed");
  });
});
