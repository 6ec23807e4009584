import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { migrate } from "@/lib/db/migrate";
import { TABLE3_COLUMNS } from "@/lib/domain/reports/formats";
import { OUTCOME_KEYS } from "@/lib/domain/requests/outcomes";
import { APPLICANT_TYPES } from "@/lib/domain/requests/vocabulary";
import type { Db } from "@/lib/server/platform/db";
import { computeYear } from "@/lib/server/reports/compute";
import { createDatabase, dropDatabase, randomSuffix } from "../support/throwaway-db";

/**
 * computeYear's definitions (docs/decisions.md "Annual report: computation") on records made
 * directly, in a database of its own: the shared integration database holds every other file's
 * items and requests, and a year's figures count them all.
 */
const name = `gongkai_report_${randomSuffix()}`;
let prisma: Db;
let ids: { dept: string; user: string; columns: Record<string, string> };

beforeAll(async () => {
  const url = await createDatabase(inject("databaseUrl"), name);
  await migrate(url);
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  const dept = await prisma.department.create({ data: { code: "BGS", name: "办公室" } });
  const user = await prisma.user.create({ data: { username: "office", displayName: "郑妍", passwordHash: "x", roles: ["OFFICE"], departmentId: dept.id } });
  const col = (code: string, name: string, sortOrder: number, parentId?: string) => prisma.column.create({ data: { code, name, sortOrder, parentId } });
  const tzgg = await col("tzgg", "通知公告", 0);
  const zcfg = await col("zcfg", "政策法规", 1);
  const gzzd = await col("gzzd", "规章制度", 2, zcfg.id);
  const zcjd = await col("zcjd", "政策解读", 3, zcfg.id);
  const empty = await col("kjdj", "科技党建", 4);
  await prisma.channel.createMany({
    data: [
      { code: "website", name: "本机关网站", sortOrder: 0 },
      { code: "portal", name: "市政务公开专栏", sortOrder: 1 },
      { code: "wechat", name: "微信公众号", sortOrder: 2 },
    ],
  });
  ids = { dept: dept.id, user: user.id, columns: { tzgg: tzgg.id, zcfg: zcfg.id, gzzd: gzzd.id, zcjd: zcjd.id, kjdj: empty.id } };
}, 60_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await dropDatabase(inject("databaseUrl"), name);
});

/** `2025-01-01T00:00` Beijing → the UTC instant. */
const beijing = (local: string) => new Date(`${local}+08:00`);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

interface ItemSpec {
  column?: string;
  publishedAt: Date | null;
  withdrawnAt?: Date;
  documentType?: "REGULATION" | "NORMATIVE" | "OTHER";
  signedOn?: string;
  repealedOn?: string;
  channels?: string[];
  attribute?: "PROACTIVE" | "ON_REQUEST";
  secrecyApproved?: boolean;
}

let serial = 0;
async function item(spec: ItemSpec): Promise<string> {
  const created = await prisma.disclosureItem.create({
    data: {
      departmentId: ids.dept,
      columnId: ids.columns[spec.column ?? "tzgg"],
      authorId: ids.user,
      status: spec.withdrawnAt ? "WITHDRAWN" : "PUBLISHED",
      publishAt: spec.publishedAt,
      publishedAt: spec.publishedAt,
      withdrawnAt: spec.withdrawnAt,
      indexNumber: spec.publishedAt ? `TEST/${++serial}` : null,
      revisions: {
        create: {
          number: 1,
          title: `测试 ${randomBytes(3).toString("hex")}`,
          bodyHtml: "<p>正文</p>",
          formedOn: day("2019-01-01"),
          attribute: spec.attribute ?? "PROACTIVE",
          attributeReason: spec.attribute === "ON_REQUEST" ? "依申请公开" : null,
          documentType: spec.documentType ?? "OTHER",
          signedOn: spec.signedOn ? day(spec.signedOn) : null,
          repealedOn: spec.repealedOn ? day(spec.repealedOn) : null,
          channels: spec.channels ?? ["website"],
          contentHash: randomBytes(8).toString("hex"),
          authorId: ids.user,
        },
      },
    },
    include: { revisions: true },
  });
  const revisionId = created.revisions[0].id;
  if (spec.secrecyApproved !== false) {
    await prisma.reviewRecord.create({
      data: { itemId: created.id, revisionId, contentHash: "x", stage: "SECRECY", decision: "APPROVE", reviewerId: ids.user },
    });
  }
  await prisma.disclosureItem.update({ where: { id: created.id }, data: { currentRevisionId: revisionId, publishedRevisionId: spec.publishedAt ? revisionId : null } });
  return created.id;
}

interface RequestSpec {
  applicantType?: string;
  receivedOn: string | null;
  closedOn?: string;
  outcome?: string;
}

const requestRow = (r: RequestSpec) => ({
  channel: "online",
  applicantType: r.applicantType ?? "natural_person",
  submittedAt: r.receivedOn ? day(r.receivedOn) : new Date(),
  receivedOn: r.receivedOn ? day(r.receivedOn) : null,
  status: r.closedOn ? ("CLOSED" as const) : r.receivedOn ? ("IN_PROGRESS" as const) : ("RECEIVED_ONLINE" as const),
  closedOn: r.closedOn ? day(r.closedOn) : null,
  outcome: r.closedOn ? (r.outcome ?? "granted") : null,
});

const cells = (over: Partial<Record<(typeof TABLE3_COLUMNS)[number], number>> = {}) => ({
  ...Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, 0])),
  ...over,
});

describe("table 三 (requests, years 2024–2026)", () => {
  beforeAll(async () => {
    await prisma.disclosureRequest.createMany({
      data: [
        // Received on 1 January and answered on 31 December: in and out of 2025.
        { applicantType: "natural_person", receivedOn: "2025-01-01", closedOn: "2025-12-31", outcome: "granted" },
        // Received on the last day of 2024, answered on 1 January: 2024's 结转 and 2025's 上年结转.
        { applicantType: "commercial", receivedOn: "2024-12-31", closedOn: "2025-01-01", outcome: "partial" },
        // Received on 31 December and still open: 2025's 结转下年度.
        { applicantType: "research", receivedOn: "2025-12-31" },
        // Answered on 31 December 2024: nothing to do with 2025.
        { applicantType: "natural_person", receivedOn: "2024-06-01", closedOn: "2024-12-31", outcome: "granted" },
        // Received on 1 January 2026.
        { applicantType: "natural_person", receivedOn: "2026-01-01" },
        // An online application nobody confirmed: never received, never counted.
        { applicantType: "natural_person", receivedOn: null },
        // Received in 2024, answered in 2026: carried through 2025.
        { applicantType: "public_welfare", receivedOn: "2024-11-01", closedOn: "2026-01-02", outcome: "deny_1_state_secret" },
        { applicantType: "legal_service", receivedOn: "2025-04-01", closedOn: "2025-05-01", outcome: "other_1_no_correction" },
        { applicantType: "other", receivedOn: "2025-04-01", closedOn: "2025-05-02", outcome: "other_3_other" },
      ].map(requestRow),
    });
  });

  test("2025: 一 received, 二 carried over, leaves by outcome, （七） and 四, by applicant type", async () => {
    const { table3 } = await computeYear(2025, prisma);
    expect(table3.new_received).toEqual(cells({ natural_person: 1, research: 1, legal_service: 1, other: 1, total: 4 }));
    expect(table3.carried_over).toEqual(cells({ commercial: 1, public_welfare: 1, total: 2 }));
    expect(table3.granted).toEqual(cells({ natural_person: 1, total: 1 }));
    expect(table3.partial).toEqual(cells({ commercial: 1, total: 1 }));
    expect(table3.deny_1_state_secret).toEqual(cells());
    expect(table3.other_1_no_correction).toEqual(cells({ legal_service: 1, total: 1 }));
    expect(table3.other_3_other).toEqual(cells({ other: 1, total: 1 }));
    expect(table3.total_processed).toEqual(cells({ natural_person: 1, commercial: 1, legal_service: 1, other: 1, total: 4 }));
    expect(table3.carried_forward).toEqual(cells({ research: 1, public_welfare: 1, total: 2 }));
  });

  test("a record closed before it was received still counts as received, and then fails the 勾稽 check", async () => {
    await prisma.disclosureRequest.createMany({ data: [requestRow({ receivedOn: "2027-03-01", closedOn: "2026-12-01" })] });
    const { table3 } = await computeYear(2027, prisma);
    expect(table3.new_received.total).toBe(1);
    expect(table3.new_received.total + table3.carried_over.total).not.toBe(table3.total_processed.total + table3.carried_forward.total);
    await prisma.disclosureRequest.deleteMany({ where: { receivedOn: day("2027-03-01") } });
  });

  test("2024's 结转下年度 is 2025's 上年结转, and 2026 takes over what 2025 left open", async () => {
    const [y2024, y2025, y2026] = await Promise.all([2024, 2025, 2026].map((y) => computeYear(y, prisma)));
    expect(y2024.table3.carried_forward).toEqual(y2025.table3.carried_over);
    expect(y2025.table3.carried_forward).toEqual(y2026.table3.carried_over);
    expect(y2024.table3.carried_forward).toEqual(cells({ commercial: 1, public_welfare: 1, total: 2 }));
    expect(y2026.table3.new_received).toEqual(cells({ natural_person: 1, total: 1 }));
    expect(y2026.table3.deny_1_state_secret).toEqual(cells({ public_welfare: 1, total: 1 }));
  });

  test("GB2019 folds the three （六） outcomes into one row 其他处理", async () => {
    await prisma.disclosureRequest.createMany({
      data: [
        { applicantType: "natural_person", receivedOn: "2019-03-01", closedOn: "2019-03-05", outcome: "other_1_no_correction" },
        { applicantType: "natural_person", receivedOn: "2019-03-01", closedOn: "2019-03-06", outcome: "other_2_fee_unpaid" },
        { applicantType: "commercial", receivedOn: "2019-03-01", closedOn: "2019-03-07", outcome: "other_3_other" },
      ].map(requestRow),
    });
    const { table3 } = await computeYear(2019, prisma);
    expect(Object.keys(table3)).not.toContain("other_1_no_correction");
    expect(table3.other).toEqual(cells({ natural_person: 2, commercial: 1, total: 3 }));
    expect(table3.total_processed).toEqual(table3.other);
    expect(table3.new_received.total).toBe(3);
  });
});

describe("table 四 (appeals)", () => {
  test("a case counts in its filing year, under its result if concluded by 31 December, else 尚未审结", async () => {
    await prisma.appealCase.createMany({
      data: [
        { kind: "review", filedOn: day("2025-12-31"), result: "upheld", concludedOn: day("2026-01-02") },
        { kind: "review", filedOn: day("2025-03-01"), result: "corrected", concludedOn: day("2025-12-31") },
        { kind: "review", filedOn: day("2025-03-01"), result: "pending" },
        { kind: "litigation_direct", filedOn: day("2025-01-01"), result: "other", concludedOn: day("2025-06-01") },
        { kind: "litigation_after_review", filedOn: day("2024-12-31"), result: "upheld", concludedOn: day("2025-02-01") },
        { kind: "litigation_after_review", filedOn: day("2026-01-01"), result: "upheld", concludedOn: day("2026-02-01") },
      ],
    });
    const { table4 } = await computeYear(2025, prisma);
    expect(table4.review).toEqual({ upheld: 0, corrected: 1, other: 0, pending: 2, total: 3 });
    expect(table4.litigation_direct).toEqual({ upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 });
    expect(table4.litigation_after_review).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
    // Filed on 31 December 2024, decided in February: pending in 2024's report, for good.
    expect((await computeYear(2024, prisma)).table4.litigation_after_review).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
  });
});

describe("table 二 items and the section-一 statistics", () => {
  beforeAll(async () => {
    const N = "NORMATIVE" as const;
    // 2021 (GB2021)
    await item({ documentType: N, signedOn: "2021-03-01", publishedAt: beijing("2021-03-05T09:00"), column: "gzzd", channels: ["website", "portal"] });
    // Signed in 2020, published on Beijing 1 January 2021 00:00 (still 31 December in UTC).
    await item({ documentType: N, signedOn: "2020-12-20", publishedAt: beijing("2021-01-01T00:00"), column: "gzzd" });
    // Published in 2019, repealed in 2021.
    await item({ documentType: N, signedOn: "2019-05-01", publishedAt: beijing("2019-05-10T10:00"), repealedOn: "2021-06-30", column: "gzzd" });
    // Published and withdrawn in 2021: issued that year, not in force at its end.
    await item({ documentType: N, signedOn: "2021-02-01", publishedAt: beijing("2021-02-02T10:00"), withdrawnAt: beijing("2021-11-01T10:00") });
    // Withdrawn at Beijing midnight of 1 January 2022: still in force on 31 December 2021.
    await item({ documentType: N, signedOn: "2020-02-01", publishedAt: beijing("2020-02-02T10:00"), withdrawnAt: beijing("2022-01-01T00:00") });
    // Published at 23:59 Beijing on 31 December 2021 / at 00:00 on 1 January 2022.
    await item({ documentType: N, signedOn: "2021-12-30", publishedAt: beijing("2021-12-31T23:59"), column: "zcjd", channels: ["wechat"] });
    await item({ documentType: N, signedOn: "2021-12-30", publishedAt: beijing("2022-01-01T00:00") });
    // Repealed in 2020 (before the year): neither repealed in 2021 nor in force.
    await item({ documentType: N, signedOn: "2018-01-01", publishedAt: beijing("2018-01-05T10:00"), repealedOn: "2020-12-31" });
    await item({ documentType: "REGULATION", signedOn: "2015-01-01", publishedAt: beijing("2015-01-05T10:00") });
    // Not published in the report's sense: another 公开属性, no 保密审查 approval, never published.
    await item({ documentType: N, signedOn: "2021-04-01", publishedAt: beijing("2021-04-02T10:00"), attribute: "ON_REQUEST" });
    await item({ documentType: N, signedOn: "2021-04-01", publishedAt: beijing("2021-04-02T10:00"), secrecyApproved: false });
    await item({ documentType: N, signedOn: "2021-04-01", publishedAt: null });
    // Ordinary items of 2021: in the statistics, not in table 二.
    await item({ publishedAt: beijing("2021-07-01T10:00"), channels: ["website", "portal"] });
    await item({ publishedAt: beijing("2021-07-02T10:00"), column: "zcfg" });
    // A fee paid on 31 December 2021, one on 1 January 2022.
    const request = await prisma.disclosureRequest.create({ data: requestRow({ receivedOn: "2021-11-01", closedOn: "2021-12-31" }) });
    const request2 = await prisma.disclosureRequest.create({ data: requestRow({ receivedOn: "2021-11-01", closedOn: "2022-01-03" }) });
    const fee = { method: "per_piece", quantity: 11, noticeOn: day("2021-11-20"), issuedById: ids.user };
    await prisma.feeCharge.create({ data: { ...fee, requestId: request.id, amountYuan: 100, paidOn: day("2021-12-31") } });
    await prisma.feeCharge.create({ data: { ...fee, requestId: request2.id, amountYuan: 200, paidOn: day("2022-01-01") } });
  }, 60_000);

  test("GB2021 规范性文件: issued = made and published in the year, repealed, in force on 31 December", async () => {
    const { table2 } = await computeYear(2021, prisma);
    expect(table2.normative_documents).toEqual({ issued: 3, repealed: 1, in_force: 4 });
    expect(table2.regulations).toEqual({ issued: 0, repealed: 0, in_force: 1 });
    // Entered rows come back as zeros for the store to fill.
    expect(table2.licensing).toEqual({ decisions: 0 });
    expect(table2.fees).toEqual({ amount_wan_yuan: "0" });
  });

  test("GB2019: new_made = 成文 in the year, new_published = published in the year, total = published and not withdrawn by its end", async () => {
    const { table2 } = await computeYear(2019, prisma);
    expect(table2.normative_documents).toEqual({ new_made: 1, new_published: 1, total_published: 2 });
    expect(table2.regulations).toEqual({ new_made: 0, new_published: 0, total_published: 1 });
    expect(table2.procurement).toEqual({ projects: 0, amount: "0" });
  });

  test("statistics: published in the year per column (parents include children), per channel, fees paid", async () => {
    const { statistics } = await computeYear(2021, prisma);
    expect(statistics.items_published).toBe(6);
    expect(statistics.by_column).toEqual([
      { code: "tzgg", name: "通知公告", count: 2, children: [] },
      {
        code: "zcfg",
        name: "政策法规",
        count: 4,
        children: [
          { code: "gzzd", name: "规章制度", count: 2 },
          { code: "zcjd", name: "政策解读", count: 1 },
        ],
      },
    ]);
    expect(statistics.by_channel).toEqual([
      { code: "website", name: "本机关网站", count: 5 },
      { code: "portal", name: "市政务公开专栏", count: 2 },
      { code: "wechat", name: "微信公众号", count: 1 },
    ]);
    expect(statistics.fees_collected_yuan).toBe(100);
    expect((await computeYear(2022, prisma)).statistics).toMatchObject({ items_published: 1, fees_collected_yuan: 200 });
  });

  test("an item scheduled for later is not yet published, and a year without records is a report of zeros", async () => {
    const now = new Date();
    await item({ publishedAt: new Date(now.getTime() + 3_600_000) });
    const year = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(now));
    expect((await computeYear(year, prisma)).statistics.items_published).toBe(0);
    const empty = await computeYear(2008, prisma);
    expect(empty.statistics).toEqual({ items_published: 0, by_column: [], by_channel: [], fees_collected_yuan: 0 });
    expect(empty.table3.total_processed.total).toBe(0);
  });
});

describe("一+二 = （七）+四 for any set of request records", () => {
  const date = fc.integer({ min: 0, max: 3 * 365 }).map((d) => new Date(Date.UTC(2030, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const request = fc
    .record({
      applicantType: fc.constantFrom(...APPLICANT_TYPES),
      receivedOn: fc.option(date, { freq: 8 }),
      after: fc.option(fc.integer({ min: 0, max: 400 }), { freq: 2 }),
      outcome: fc.constantFrom(...OUTCOME_KEYS),
    })
    .map(({ applicantType, receivedOn, after, outcome }) => ({
      applicantType,
      receivedOn,
      closedOn: receivedOn && after !== null ? new Date(Date.parse(receivedOn) + after * 86_400_000).toISOString().slice(0, 10) : undefined,
      outcome,
    }));

  test("per column, in both formats, and 上年结转 = last year's 结转下年度", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(request, { maxLength: 60 }), async (requests) => {
        await prisma.disclosureRequest.deleteMany({ where: { submittedAt: { gte: day("2029-01-01") } } });
        await prisma.disclosureRequest.createMany({ data: requests.map((r) => ({ ...requestRow(r), submittedAt: day("2029-06-01") })) });
        const years = await Promise.all([2030, 2031, 2032].map((y) => computeYear(y, prisma)));
        for (const [i, { table3 }] of years.entries()) {
          for (const c of TABLE3_COLUMNS) {
            expect(table3.new_received[c] + table3.carried_over[c]).toBe(table3.total_processed[c] + table3.carried_forward[c]);
          }
          if (i > 0) expect(table3.carried_over).toEqual(years[i - 1].table3.carried_forward);
        }
        const closedIn2031 = requests.filter((r) => r.closedOn?.startsWith("2031")).length;
        expect(years[1].table3.total_processed.total).toBe(closedIn2031);
      }),
      { numRuns: 40, seed: 20261203 },
    );
    // And in GB2019, where （六） is one row.
    await prisma.disclosureRequest.createMany({
      data: OUTCOME_KEYS.map((outcome, i) => requestRow({ applicantType: APPLICANT_TYPES[i % 6], receivedOn: "2018-12-0" + ((i % 9) + 1), closedOn: "2019-01-02", outcome })),
    });
    const { table3 } = await computeYear(2019, prisma);
    for (const c of TABLE3_COLUMNS) expect(table3.new_received[c] + table3.carried_over[c]).toBe(table3.total_processed[c] + table3.carried_forward[c]);
  }, 120_000);
});
