import { describe, expect, test } from "vitest";
import { allClearSecrecyFields, parsePublishAt, parseReview } from "@/lib/domain/review";
import { decide, type WorkflowItem } from "@/lib/domain/workflow";

const now = new Date("2026-11-24T02:00:00Z"); // 10:00 Beijing

describe("parsePublishAt (定时发布, Beijing wall-clock time)", () => {
  test.each([
    ["", null],
    ["2026-11-24T10:30", "2026-11-24T02:30:00.000Z"],
    ["2027-11-24T09:00", "2027-11-24T01:00:00.000Z"],
  ])("%s", (value, iso) => {
    const r = parsePublishAt(value, now);
    expect(r).toMatchObject({ ok: true });
    expect(r.ok && r.at ? r.at.toISOString() : null).toBe(iso);
  });

  test.each([
    ["2026-11-24T09:00", "发布时间不能早于当前时间"],
    ["2028-01-01T09:00", "发布时间不能晚于一年以后"],
    ["2026-02-30T09:00", "发布时间格式不正确"],
    ["2026-12-01T24:00", "发布时间格式不正确"],
    ["明天上午", "发布时间格式不正确"],
    ["2026-12-01 09:00", "发布时间格式不正确"],
  ])("%s is refused: %s", (value, message) => {
    expect(parsePublishAt(value, now)).toEqual({ ok: false, message });
  });
});

describe("parseReview", () => {
  const base = { revisionId: "r1" };
  test.each([undefined, "", "MAYBE"])("no decision (%s) is refused in Chinese, never taken as approval", (decision) => {
    expect(parseReview({ ...base, decision }, { stage: "DEPT_HEAD", flagIds: [] })).toEqual({ ok: false, fieldErrors: { decision: ["请选择审核意见"] } });
  });
  test("approval before 保密审查 needs nothing more", () => {
    expect(parseReview({ ...base, decision: "APPROVE" }, { stage: "DEPT_HEAD", flagIds: ["f1"] })).toMatchObject({ ok: true });
  });
  test("return and referral need a comment; rejection a statutory reason", () => {
    expect(parseReview({ ...base, decision: "RETURN", comment: " " }, { stage: "LEADER", flagIds: [] })).toMatchObject({ ok: false, fieldErrors: { comment: [expect.any(String)] } });
    expect(parseReview({ ...base, decision: "REJECT", comment: "不宜公开" }, { stage: "LEADER", flagIds: [] })).toMatchObject({ ok: false, fieldErrors: { reasonCode: ["请选择不予公开的法定理由"] } });
    expect(parseReview({ ...base, decision: "REJECT", comment: "不宜公开", reasonCode: "ART15_PRIVACY" }, { stage: "LEADER", flagIds: [] })).toMatchObject({ ok: true, value: { reasonCode: "ART15_PRIVACY" } });
  });
  test("only 保密审查 refers", () => {
    expect(parseReview({ ...base, decision: "REFER", comment: "请保密局确认" }, { stage: "LEADER", flagIds: [] })).toMatchObject({ ok: false, fieldErrors: { decision: [expect.any(String)] } });
    expect(parseReview({ ...base, decision: "REFER", comment: "请保密局确认" }, { stage: "SECRECY", flagIds: [] })).toMatchObject({ ok: true });
  });
  test("保密审查 approval: checklist, legal basis, every flag acknowledged", () => {
    const ctx = { stage: "SECRECY" as const, flagIds: ["f1", "f2"] };
    expect(parseReview({ ...base, decision: "APPROVE", ...allClearSecrecyFields(["f1"]) }, ctx)).toMatchObject({ ok: false, fieldErrors: { flags: ["还有 1 处自动检测提示未确认；请逐项确认，或退回修改"] } });
    const ok = parseReview({ ...base, decision: "APPROVE", ...allClearSecrecyFields(["f1", "f2"]) }, ctx);
    expect(ok).toMatchObject({ ok: true, value: { detail: { acknowledgedFlags: ["f1", "f2"], checklist: { stateSecret: true, stability: true } } } });
  });
  test("保密审查 approval waits while an attachment is 文本提取中, even with every box ticked; other decisions do not", () => {
    const ctx = { stage: "SECRECY" as const, flagIds: ["f1", "p1"], blockingFlagIds: ["p1"] };
    expect(parseReview({ ...base, decision: "APPROVE", ...allClearSecrecyFields(["f1", "p1"]) }, ctx)).toMatchObject({ ok: false, fieldErrors: { flags: [expect.stringContaining("文本提取中")] } });
    expect(parseReview({ ...base, decision: "RETURN", comment: "附件请重新上传" }, ctx)).toMatchObject({ ok: true });
    expect(parseReview({ ...base, decision: "APPROVE", ...allClearSecrecyFields(["f1", "p1"]) }, { ...ctx, blockingFlagIds: [] })).toMatchObject({ ok: true });
  });
});

describe("rejecting an edit of a live item", () => {
  const item: WorkflowItem = {
    status: "PENDING_DEPT",
    departmentId: "d",
    authorIds: ["a"],
    departmentLeaderId: "l",
    stages: { requiresDeptHead: true, requiresLeader: true },
    approvals: [],
    hasPublishedRevision: true,
  };
  const head = { id: "h", roles: ["DEPT_HEAD" as const], departmentId: "d" };
  test("goes back to PUBLISHED, not REJECTED", () => {
    expect(decide(item, "reject", head)).toMatchObject({ ok: true, to: "PUBLISHED" });
    expect(decide({ ...item, hasPublishedRevision: false }, "reject", head)).toMatchObject({ ok: true, to: "REJECTED" });
  });
});
