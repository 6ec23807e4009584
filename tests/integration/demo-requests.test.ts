import { beforeAll, describe, expect, test } from "vitest";
import { OUTCOME_KEYS } from "@/lib/domain/requests/outcomes";
import { REQUEST_STAGES } from "@/lib/domain/requests/stages";
import { APPLICANT_TYPES, CHANNELS } from "@/lib/domain/requests/vocabulary";
import { db } from "@/lib/server/platform/db";
import { requestOverview } from "@/lib/server/requests/overview";
import { similarClusters } from "@/lib/server/requests/similar";
import { CLUSTER_DESCRIPTIONS } from "../../prisma/demo-requests";
import { seedDemoRequests } from "../../prisma/seed-requests";
import { seedBureau, type Bureau, must } from "../support/bureau";

/**
 * The demo's 依申请公开 year goes through the real use cases without a refusal and covers what the
 * report and the console need: all 21 outcomes, every channel and applicant type, the clock's
 * events, a fee, appeals, open requests at every stage and a 第四十四条 cluster.
 */
let b: Bureau;
let ids: string[];
let seconds: number;
beforeAll(async () => {
  b = await seedBureau();
  const handling = { id: b.dept.id, liaison: b.people.liaison, head: b.people.head };
  const started = performance.now();
  ids = await seedDemoRequests({ office: b.people.office, departments: { GXJS: handling, BGS: handling, CGZH: handling } });
  seconds = (performance.now() - started) / 1000;
}, 120_000);

describe("the demo requests", () => {
  test("cover every outcome, channel and applicant type", async () => {
    const rows = await db().disclosureRequest.findMany({ where: { id: { in: ids } }, include: { events: true, fees: true, appeals: true } });
    console.log(`demo requests: ${rows.length} in ${seconds.toFixed(1)} s`);
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rows.map((r) => r.outcome).filter(Boolean))).toEqual(new Set(OUTCOME_KEYS));
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(CHANNELS));
    expect(new Set(rows.map((r) => r.applicantType))).toEqual(new Set(APPLICANT_TYPES));
    const kinds = new Set(rows.flatMap((r) => r.events.map((e) => e.kind)));
    for (const k of ["CORRECTION_REQUESTED", "CORRECTION_RECEIVED", "CONSULTATION_STARTED", "CONSULTATION_ENDED", "EXTENDED", "CUSTOM_DEADLINE", "FEE_NOTICE", "FEE_PAID", "REPLIED"]) {
      expect(kinds, k).toContain(k);
    }
    const extension = rows.flatMap((r) => r.events).find((e) => e.kind === "EXTENDED")!;
    expect((extension.data as { approver: string }).approver).toBe("王德林");
    expect(rows.some((r) => r.fees[0]?.paidOn)).toBe(true);
    expect(new Set(rows.flatMap((r) => r.appeals.map((a) => a.result)))).toEqual(new Set(["upheld", "pending"]));
    // Carried over from 2025 and answered in 2026 (table 三's 二、上年结转).
    expect(rows.filter((r) => r.receivedOn && r.receivedOn < new Date("2026-01-01") && r.closedOn! >= new Date("2026-01-01"))).toHaveLength(3);
    // Sealed like real intake: no ID number or phone in plain.
    for (const r of rows) {
      expect(r.personalData).toBeTruthy();
      // Sealed text is base64 (it may hold any three digits); what must not be there is a phone number or an ID number.
      expect(r.personalData).toMatch(/^v1\./);
      expect(r.personalData).not.toMatch(/1[3-9]\d{9}|\d{17}[\dX]/);
    }
    expect(new Set(rows.filter((r) => r.replyNumber).map((r) => r.replyNumber)).size).toBe(rows.filter((r) => r.replyNumber).length);
  });

  test("leave open requests at every stage, one due soon and one overdue, and a 第四十四条 cluster", async () => {
    const mine = b.people.liaison;
    const stages = must(await requestOverview(b.people.office));
    for (const s of REQUEST_STAGES) expect(stages.stages.find((x) => x.key === s)!.count, s).toBeGreaterThanOrEqual(1);
    const own = must(await requestOverview(mine));
    expect(own.dueSoon).toBeGreaterThanOrEqual(1);
    expect(own.overdue).toBeGreaterThanOrEqual(1);
    const clusters = must(await similarClusters(mine, { since: "2026-01-01" }));
    const cluster = clusters.find((c) => c.requests.length === 3 && c.applicants === 3);
    expect(cluster).toBeDefined();
    const descriptions = await db().disclosureRequest.findMany({ where: { id: { in: cluster!.requests.map((r) => r.id) } }, select: { description: true } });
    expect(descriptions.map((d) => d.description).sort()).toEqual([...CLUSTER_DESCRIPTIONS].sort());
    // The office's overview replays the clock of every open request in the shared test database,
    // thousands of imported ones among them (requests-import): room for a loaded machine.
  }, 120_000);
});

