import { describe, expect, test } from "vitest";
import { OUTCOME_GROUP_LABELS, OUTCOME_KEYS, OUTCOMES, outcomeLedgerLabel, outcomeShortLabel, parseOutcome, type Outcome } from "@/lib/domain/requests/outcomes";
import { decideRequest, type RequestActor, type RequestFacts } from "@/lib/domain/requests/status";
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, CHANNEL_LABELS, CHANNELS } from "@/lib/domain/requests/vocabulary";

describe("outcomes: the 21 leaves of table 三", () => {
  test("exactly the stable keys, in table order", () => {
    expect(OUTCOME_KEYS).toEqual([
      "granted", "partial", "deny_1_state_secret", "deny_2_law_forbidden", "deny_3_three_safety", "deny_4_third_party",
      "deny_5_internal", "deny_6_process", "deny_7_enforcement_file", "deny_8_query", "unable_1_not_held",
      "unable_2_needs_creation", "unable_3_unclear", "noproc_1_petition", "noproc_2_repeat", "noproc_3_publication",
      "noproc_4_mass_repeat", "noproc_5_confirm", "other_1_no_correction", "other_2_fee_unpaid", "other_3_other",
    ]);
  });

  test.each(OUTCOME_KEYS.map((k) => [k]))("%s round-trips through its key, label, short and 台账 spellings", (key) => {
    const k = key as Outcome;
    expect(parseOutcome(k)).toBe(k);
    expect(parseOutcome(OUTCOMES[k].label)).toBe(k);
    expect(parseOutcome(outcomeLedgerLabel(k))).toBe(k);
    expect(parseOutcome(`${OUTCOME_GROUP_LABELS[OUTCOMES[k].group]} ${OUTCOMES[k].label}`)).toBe(k);
    expect(OUTCOMES[k].basis).not.toBe("");
  });

  test.each<[string, Outcome | null]>([
    ["予以公开", "granted"],
    ["部分公开", "partial"],
    ["不予公开-属于国家秘密", "deny_1_state_secret"],
    ["不予公开－危及\"三安全一稳定\"", "deny_3_three_safety"],
    ["不予公开/属于三类内容事务信息", "deny_5_internal"], // a typo seen in real reports
    ["（二）部分公开（区分处理的，只计这一情况，不计其他情形）", "partial"],
    ["无法提供-本机关不掌握相关政府信息", "unable_1_not_held"],
    ["其他处理-其他", "other_3_other"],
    [" deny_1_state_secret ", "deny_1_state_secret"],
    ["不予公开", null], // a group with eight rows is not an outcome
    ["其他", "other_3_other"],
    ["予以公开-属于国家秘密", null],
    ["公开", null],
    ["", null],
    ["DENY_1_STATE_SECRET", null],
  ])("parseOutcome(%j) = %j", (input, expected) => {
    expect(parseOutcome(input)).toBe(expected);
  });

  test("labels as the 2021 format prints them", () => {
    expect(OUTCOMES.partial.label).toBe("（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
    expect(outcomeLedgerLabel("deny_1_state_secret")).toBe("不予公开-属于国家秘密");
    expect(outcomeShortLabel("other_1_no_correction")).toBe("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请");
  });
});

test("vocabulary keys carry Chinese labels", () => {
  expect(APPLICANT_TYPES.map((t) => APPLICANT_TYPE_LABELS[t])).toEqual(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]);
  expect(CHANNELS.every((c) => /[\u4e00-\u9fff]/.test(CHANNEL_LABELS[c]))).toBe(true);
});

describe("decideRequest", () => {
  const office: RequestActor = { id: "o", roles: ["OFFICE"], departmentId: "office" };
  const liaison: RequestActor = { id: "l", roles: ["LIAISON"], departmentId: "d1" };
  const head: RequestActor = { id: "h", roles: ["DEPT_HEAD"], departmentId: "d1" };
  const facts = (status: RequestFacts["status"], more: Partial<RequestFacts> = {}): RequestFacts => ({
    status, assignedDepartmentId: "d1", draftedById: null, correctionRequested: false, ...more,
  });

  test.each<[string, RequestFacts, Parameters<typeof decideRequest>[1], RequestActor, string]>([
    ["office confirms an online request", facts("RECEIVED_ONLINE"), "confirm", office, "REGISTERED"],
    ["office asks for a 补正", facts("REGISTERED"), "request_correction", office, "CORRECTION_REQUESTED"],
    ["the 补正 arrives", facts("CORRECTION_REQUESTED"), "receive_correction", office, "IN_PROGRESS"],
    ["a consultation is recorded", facts("IN_PROGRESS"), "clock_event", office, "IN_PROGRESS"],
    ["the department's liaison drafts", facts("IN_PROGRESS"), "draft_reply", liaison, "REPLY_DRAFTED"],
    ["a head approves another's draft", facts("REPLY_DRAFTED", { draftedById: "l" }), "approve_reply", head, "REPLY_APPROVED"],
    ["the reply is delivered", facts("REPLY_APPROVED"), "deliver_reply", office, "CLOSED"],
    ["其他处理-1 closes from 待补正", facts("CORRECTION_REQUESTED"), "draft_reply", office, "REPLY_DRAFTED"],
  ])("%s", (_n, request, event, actor, to) => {
    expect(decideRequest(request, event, actor)).toEqual({ ok: true, from: request.status, to });
  });

  test.each<[string, RequestFacts, Parameters<typeof decideRequest>[1], RequestActor, string]>([
    ["a second 补正告知", facts("IN_PROGRESS", { correctionRequested: true }), "request_correction", office, "correction_already_requested"],
    ["approving one's own draft", facts("REPLY_DRAFTED", { draftedById: "h" }), "approve_reply", head, "own_draft"],
    ["another department's liaison", facts("IN_PROGRESS", { assignedDepartmentId: "d2" }), "draft_reply", liaison, "wrong_department"],
    ["a liaison confirming", facts("RECEIVED_ONLINE"), "confirm", liaison, "wrong_role"],
    ["delivering an unapproved reply", facts("REPLY_DRAFTED"), "deliver_reply", office, "wrong_status"],
    ["anything on a closed request", facts("CLOSED"), "withdraw", office, "wrong_status"],
  ])("refuses %s", (_n, request, event, actor, reason) => {
    expect(decideRequest(request, event, actor)).toEqual({ ok: false, reason });
  });
});
