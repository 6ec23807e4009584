import { beforeAll, describe, expect, test } from "vitest";
import { OUTCOME_KEYS } from "@/lib/domain/requests/outcomes";
import { APPLICANT_TYPES, CHANNELS } from "@/lib/domain/requests/vocabulary";
import type { LedgerAppealRecord, LedgerRequestRecord } from "@/lib/domain/requests/ledger-records";
import { importAppeals, importRequests } from "@/lib/server/requests/import";
import { db } from "@/lib/server/platform/db";
import { seedBureau, type Bureau } from "../support/bureau";
import { must } from "../support/requests";

/** 台账 import: all or nothing, batched, audited. */

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});

function records(n: number, year: number, over: (i: number) => Partial<LedgerRequestRecord> = () => ({})): LedgerRequestRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const closed = i % 5 !== 0;
    const day = String((i % 28) + 1).padStart(2, "0");
    const month = String((i % 11) + 1).padStart(2, "0");
    return {
      row: i + 2,
      number: null,
      receivedOn: `${year}-${month}-${day}`,
      channel: CHANNELS[i % CHANNELS.length],
      applicantType: APPLICANT_TYPES[i % APPLICANT_TYPES.length],
      applicantName: i % 3 === 0 ? null : `申请人${i}`,
      content: `申请公开的信息 ${i}`,
      outcome: closed ? OUTCOME_KEYS[i % OUTCOME_KEYS.length] : null,
      closedOn: closed ? `${year}-12-${day}` : null,
      departmentName: i % 2 === 0 ? b.dept.name : null,
      ...over(i),
    };
  });
}

const countImported = () => db().disclosureRequest.count({ where: { imported: true } });

describe("importRequests", () => {
  test("10,000 rows land in one transaction within seconds", async () => {
    const before = await countImported();
    const started = performance.now();
    const result = must(await importRequests(b.people.office, records(10_000, 2021)));
    const seconds = (performance.now() - started) / 1000;
    console.log(`[import] 10,000 requests in ${seconds.toFixed(2)} s`);
    expect(result).toEqual({ imported: 10_000, closed: 8_000, open: 2_000 });
    expect(seconds).toBeLessThan(20);
    expect((await countImported()) - before).toBe(10_000);
    const audits = await db().auditEvent.findMany({ where: { action: "request.import", result: "SUCCESS" }, orderBy: { id: "asc" } });
    expect(audits.at(-1)?.detail).toMatchObject({ imported: 10_000, closed: 8_000 });
    const closedRow = await db().disclosureRequest.findFirstOrThrow({ where: { imported: true, status: "CLOSED" }, include: { events: true } });
    expect(closedRow.events.map((e) => e.kind).sort()).toEqual(["RECEIVED", "REPLIED"]);
  }, 120_000);

  test("a bad department name imports nothing and names its row", async () => {
    const before = await countImported();
    const file = records(50, 2022, (i) => (i === 37 ? { departmentName: "不存在的处室" } : {}));
    const result = await importRequests(b.people.office, file);
    expect(result).toMatchObject({ ok: false, error: "invalid", fieldErrors: { "39": [expect.stringContaining("承办处室")] } });
    expect(await countImported()).toBe(before);
    expect(await db().auditEvent.count({ where: { action: "request.import", result: "DENIED" } })).toBeGreaterThan(0);
  });

  test("kept 编号 must be new and unique; the counter moves past them", async () => {
    const kept = must(await importRequests(b.people.office, records(2, 2023, (i) => ({ number: `2023-09${i}0` }))));
    expect(kept.imported).toBe(2);
    const dup = await importRequests(b.people.office, records(2, 2023, () => ({ number: "2023-0900" })));
    expect(dup).toMatchObject({ ok: false, fieldErrors: { "2": [expect.stringContaining("已存在")], "3": [expect.stringContaining("已存在"), expect.stringContaining("重复")] } });
    must(await importRequests(b.people.office, records(1, 2023)));
    const numbered = await db().disclosureRequest.findFirstOrThrow({ where: { number: { startsWith: "2023-" } }, orderBy: { number: "desc" } });
    expect(numbered.number).toBe("2023-0911");
  });

  test("only the office imports", async () => {
    expect(await importRequests(b.people.liaison, records(1, 2024))).toMatchObject({ ok: false, error: "forbidden" });
  });
});

describe("importAppeals", () => {
  test("links by 编号; an unknown 编号 imports nothing", async () => {
    must(await importRequests(b.people.office, records(1, 2019, () => ({ number: "2019-0001" }))));
    const good: LedgerAppealRecord[] = [
      { row: 2, kind: "review", filedOn: "2019-05-01", result: "upheld", concludedOn: "2019-07-01", requestNumber: "2019-0001" },
      { row: 3, kind: "litigation_direct", filedOn: "2019-06-01", result: "pending", concludedOn: null, requestNumber: null },
    ];
    const before = await db().appealCase.count();
    expect(await importAppeals(b.people.office, [...good, { ...good[0], row: 4, requestNumber: "1999-9999" }])).toMatchObject({
      ok: false,
      fieldErrors: { "4": [expect.stringContaining("关联申请编号")] },
    });
    expect(await db().appealCase.count()).toBe(before);
    expect(must(await importAppeals(b.people.office, good))).toEqual({ imported: 2 });
  });
});
