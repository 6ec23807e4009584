import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { TABLE3_COLUMNS } from "@/lib/domain/reports/formats";
import type { ComputedYear } from "@/lib/server/reports/compute";
import { createDatabase, dropDatabase, randomSuffix } from "../support/throwaway-db";

/**
 * Issue 9 §9: the demo bureau, seeded as `npm run db:seed` seeds it, computes the seed report's
 * 2019 figures from its records — 165 items by column and channel, 规范性文件 5/5/7, no requests,
 * no appeals — and its 2026 request year balances. A database of its own: the year's figures count
 * every item and request in the database, and the shared one holds every other file's.
 */
const name = `gongkai_seed2019_${randomSuffix()}`;
let computeYear: (year: number) => Promise<ComputedYear>;
let y2019: ComputedYear;
let seconds: { seed: number; compute: number };

beforeAll(async () => {
  const url = await createDatabase(inject("databaseUrl"), name);
  await migrate(url);
  // Before anything reads lib/env: db() and every use case then talk to this database.
  process.env.DATABASE_URL = url;
  const { seedDemoBureau } = await import("../../prisma/seed");
  computeYear = (await import("@/lib/server/reports/compute")).computeYear;
  let started = performance.now();
  expect(await seedDemoBureau()).toBe(true);
  const seed = (performance.now() - started) / 1000;
  started = performance.now();
  y2019 = await computeYear(2019);
  seconds = { seed, compute: (performance.now() - started) / 1000 };
  console.log(`demo seed ${seconds.seed.toFixed(1)} s; computeYear(2019) ${(seconds.compute * 1000).toFixed(0)} ms`);
}, 300_000);

afterAll(async () => {
  const { db } = await import("@/lib/server/platform/db");
  await db().$disconnect();
  await dropDatabase(inject("databaseUrl"), name);
});

describe("the demo's 2019, computed from records", () => {
  test("section 一: 165 items by column, 政策法规 with its two sub-columns, 16 on the city portal", () => {
    expect(y2019.statistics).toEqual({
      items_published: 165,
      by_column: [
        { code: "tpxw", name: "图片新闻", count: 13, children: [] },
        { code: "kjdt", name: "科技动态", count: 69, children: [] },
        { code: "ndbg", name: "年度报告", count: 1, children: [] },
        { code: "tzgg", name: "通知公告", count: 39, children: [] },
        {
          code: "zcfg",
          name: "政策法规",
          count: 12,
          children: [
            { code: "gzzd", name: "规章制度", count: 10 },
            { code: "zcjd", name: "政策解读", count: 2 },
          ],
        },
        { code: "kjdj", name: "科技党建", count: 31, children: [] },
      ],
      by_channel: [
        { code: "website", name: "本机关网站", count: 165 },
        { code: "portal", name: "市政务公开专栏", count: 16 },
      ],
      fees_collected_yuan: 0,
    });
  });

  test("table 二: 规章 0/0/0, 规范性文件 5/5/7, the entered rows zero", () => {
    expect(y2019.table2).toEqual({
      regulations: { new_made: 0, new_published: 0, total_published: 0 },
      normative_documents: { new_made: 5, new_published: 5, total_published: 7 },
      licensing: { previous_year_items: 0, change: 0, decisions: 0 },
      other_services: { previous_year_items: 0, change: 0, decisions: 0 },
      penalty: { previous_year_items: 0, change: 0, decisions: 0 },
      enforcement: { previous_year_items: 0, change: 0, decisions: 0 },
      fees: { previous_year_items: 0, change: 0 },
      procurement: { projects: 0, amount: "0" },
    });
  });

  test("tables 三 and 四: no application, no appeal (the seed says none)", () => {
    for (const [row, cells] of Object.entries(y2019.table3)) expect(Object.values(cells).every((n) => n === 0), row).toBe(true);
    expect(Object.keys(y2019.table3)).toContain("other");
    for (const [block, cells] of Object.entries(y2019.table4)) expect(Object.values(cells).every((n) => n === 0), block).toBe(true);
  });

  test("titles are realistic and distinct, and the items are public", async () => {
    const { db } = await import("@/lib/server/platform/db");
    const rows = await db().$queryRaw<{ title: string; indexNumber: string }[]>`
      SELECT r."title", i."indexNumber" FROM "DisclosureItem" i JOIN "ItemRevision" r ON r."id" = i."publishedRevisionId"
       WHERE i."publishedAt" < '2019-12-31T16:00:00Z' AND i."publishedAt" >= '2018-12-31T16:00:00Z'`;
    expect(rows).toHaveLength(165);
    expect(new Set(rows.map((r) => r.title)).size).toBe(165);
    expect(rows.every((r) => r.indexNumber.includes("/2019-"))).toBe(true);
    expect(rows.some((r) => r.title.includes("undefined"))).toBe(false);
  });
});

describe("the demo's 2026 request year", () => {
  test("balances per column, and takes over 2025's 结转下年度 (three requests of December 2025)", async () => {
    const [y2025, y2026] = await Promise.all([computeYear(2025), computeYear(2026)]);
    const t = y2026.table3;
    for (const c of TABLE3_COLUMNS) expect(t.new_received[c] + t.carried_over[c], c).toBe(t.total_processed[c] + t.carried_forward[c]);
    expect(t.carried_over).toEqual(y2025.table3.carried_forward);
    expect(t.carried_over.total).toBe(3);
    expect(t.new_received.total).toBeGreaterThan(30);
    expect(y2026.table4.review.total + y2026.table4.litigation_direct.total + y2026.table4.litigation_after_review.total).toBeGreaterThan(0);
    // 年度报告 in 2026: the 2025 report, published from records on 2026-01-20.
    expect(y2026.statistics.by_column.find((c) => c.code === "ndbg")?.count).toBe(1);
  });
});

describe("the demo's reports, published from records", () => {
  test("2019 is published in GB2019 with the seed's table 二, the computed 165 where the seed says 162, and no open check", async () => {
    const { publicReportVersions } = await import("@/lib/server/reports/store");
    const [version, ...older] = await publicReportVersions(2019);
    expect(older).toHaveLength(0);
    const data = version.data;
    expect(data).toMatchObject({ year: 2019, format: "GB2019", status: "published" });
    expect(data.table2).toEqual({
      regulations: { new_made: 0, new_published: 0, total_published: 0 },
      normative_documents: { new_made: 5, new_published: 5, total_published: 7 },
      licensing: { previous_year_items: 0, change: 1, decisions: 79 },
      other_services: { previous_year_items: 8, change: 0, decisions: 365 },
      penalty: { previous_year_items: 0, change: 0, decisions: 0 },
      enforcement: { previous_year_items: 0, change: 0, decisions: 0 },
      fees: { previous_year_items: 0, change: 0 },
      procurement: { projects: 0, amount: "0" },
    });
    expect(data.statistics).toEqual(y2019.statistics);
    expect(data.table3).toEqual(y2019.table3);
    expect(data.checks.filter((c) => c.severity === "error")).toEqual([]);
    expect(data.sections.overview).toContain(">165</span>条");
    expect(data.sections.overview).toContain(">16</span>");
    expect(data.sections.overview).not.toContain("162");
    expect(data.sections.problems).toContain("公开渠道单一");
    expect(version.publishedAt?.slice(0, 10)).toBe("2020-01-14");
  });

  test("a clerk typing the seed's 162 back into 2019's text is flagged by the narrative check", async () => {
    const { runChecks } = await import("@/lib/domain/reports/checks");
    const { GB2019 } = await import("@/lib/domain/reports/formats");
    const { publicReportVersions } = await import("@/lib/server/reports/store");
    const [{ data }] = await publicReportVersions(2019);
    const typed = data.sections.overview.replace(/共<span data-metric="statistics.channel.website">165<\/span>条/, "共162条");
    expect(typed).not.toBe(data.sections.overview);
    const findings = runChecks({ format: GB2019, data: { ...data, sections: { ...data.sections, overview: typed } }, previous: null });
    expect(findings.map((f) => f.message).join("\n")).toContain("162");
  });

  test("2025 is published; 2026, the GB2021 year with requests and appeals, passes every check as a draft", async () => {
    const { publicReportVersions, draftReportData } = await import("@/lib/server/reports/store");
    expect((await publicReportVersions(2025))[0].data).toMatchObject({ format: "GB2021", status: "published" });
    const y2026 = await draftReportData(2026);
    expect(y2026.format).toBe("GB2021");
    expect(y2026.checks).toEqual([]);
    expect(y2026.table3.new_received.total).toBeGreaterThan(30);
  });
});
