import { describe, expect, test } from "vitest";
import { isValidCreditCode, isValidResidentId } from "@/lib/domain/id-numbers";
import type { ClockEvent } from "@/lib/domain/requests/clock-events";
import { OUTCOME_KEYS } from "@/lib/domain/requests/outcomes";
import { countsTowardsSuggestion, itemTitleFromDescription } from "@/lib/domain/requests/similarity";
import { requestStage } from "@/lib/domain/requests/stages";
import { APPLICANT_TYPES, CHANNELS } from "@/lib/domain/requests/vocabulary";
import { DEMO_APPLICANTS, DEMO_REQUESTS, demoCreditCode, demoResidentId } from "../../prisma/demo-requests";

const received: ClockEvent = { type: "RECEIVED", on: "2026-03-02" };
const started: ClockEvent = { type: "CONSULTATION_STARTED", on: "2026-03-03", id: "c1", party: "third_party" };
const ended: ClockEvent = { type: "CONSULTATION_ENDED", on: "2026-03-10", id: "c1" };

describe("办理阶段", () => {
  test.each([
    ["RECEIVED_ONLINE", [], "awaiting_confirmation"],
    ["REGISTERED", [received], "awaiting_assignment"],
    ["IN_PROGRESS", [received], "in_progress"],
    ["IN_PROGRESS", [received, started], "consulting"],
    ["IN_PROGRESS", [received, started, ended], "in_progress"],
    ["CORRECTION_REQUESTED", [received], "awaiting_correction"],
    ["REPLY_DRAFTED", [received, started], "awaiting_approval"],
    ["REPLY_APPROVED", [received], "awaiting_delivery"],
    ["CLOSED", [received], null],
  ] as const)("%s with %j → %s", (status, events, stage) => {
    expect(requestStage(status, events)).toBe(stage);
  });
});

describe("第四十四条", () => {
  test.each([
    ["申请公开2026年度吉林市科技型中小企业评价入库名单", "2026年度吉林市科技型中小企业评价入库名单"],
    ["请提供吉林市2026年科技型中小企业评价入库企业名单。", "吉林市2026年科技型中小企业评价入库企业名单"],
    ["本人申请获取2026年度科技型中小企业入库名单（吉林市）\n第二行说明", "2026年度科技型中小企业入库名单（吉林市）"],
    ["申请公开", "申请公开"],
    ["", "依申请公开转主动公开信息"],
  ])("title of %j is %j", (description, title) => {
    expect(itemTitleFromDescription(description)).toBe(title);
  });

  test("a long description is cut to the title length with an ellipsis", () => {
    const title = itemTitleFromDescription("科".repeat(100), 60);
    expect([...title]).toHaveLength(60);
    expect(title.endsWith("…")).toBe(true);
  });

  test("open, granted, partial and 其他处理 count; 不予公开, 无法提供 and 不予处理 do not", () => {
    expect(OUTCOME_KEYS.filter(countsTowardsSuggestion)).toEqual(["granted", "partial", "other_1_no_correction", "other_2_fee_unpaid", "other_3_other"]);
    expect(countsTowardsSuggestion(null)).toBe(true);
  });
});

describe("the demo requests' data", () => {
  test("name all 21 outcomes, every channel and every applicant type", () => {
    expect(new Set(DEMO_REQUESTS.flatMap((r) => (r.outcome ? [r.outcome] : [])))).toEqual(new Set(OUTCOME_KEYS));
    expect(new Set(DEMO_REQUESTS.map((r) => r.channel))).toEqual(new Set(CHANNELS));
    expect(new Set(DEMO_REQUESTS.map((r) => DEMO_APPLICANTS[r.applicant].type))).toEqual(new Set(APPLICANT_TYPES));
    expect(new Set(DEMO_REQUESTS.flatMap((r) => (r.open ? [r.open] : []))).size).toBe(7);
  });

  test("carry valid ID numbers and 统一社会信用代码", () => {
    DEMO_APPLICANTS.forEach((a, i) => {
      if (a.type === "natural_person") expect(isValidResidentId(demoResidentId(i)), a.name).toBe(true);
      else expect(isValidCreditCode(demoCreditCode(i, a.type)), a.name).toBe(true);
    });
  });
});
