import { describe, expect, test } from "vitest";
import { decide, isFullyApproved, requiredStages, type ItemStatus, type WorkflowActor, type WorkflowItem } from "@/lib/domain/workflow";
import type { Role } from "@/lib/domain/roles";

const DEPT = "dept-gx";
const OTHER_DEPT = "dept-bgs";

function item(status: ItemStatus, over: Partial<WorkflowItem> = {}): WorkflowItem {
  return {
    status,
    departmentId: DEPT,
    authorIds: ["author"],
    departmentLeaderId: "leader",
    stages: { requiresDeptHead: true, requiresLeader: true },
    approvals: [],
    hasPublishedRevision: status === "PUBLISHED",
    ...over,
  };
}

const actor = (id: string, roles: Role[], departmentId: string | null = DEPT): WorkflowActor => ({ id, roles, departmentId });
const liaison = actor("liaison2", ["LIAISON"]);
const author = actor("author", ["LIAISON"]);
const head = actor("head", ["DEPT_HEAD"]);
const leader = actor("leader", ["LEADER"], OTHER_DEPT);
const secrecy = actor("secrecy", ["SECRECY"], OTHER_DEPT);
const office = actor("office", ["OFFICE"], OTHER_DEPT);

describe("the happy path through every stage", () => {
  test.each([
    ["DRAFT", "submit", author, "PENDING_DEPT"],
    ["RETURNED", "submit", liaison, "PENDING_DEPT"],
    ["PENDING_DEPT", "approve", head, "PENDING_LEADER"],
    ["PENDING_LEADER", "approve", leader, "PENDING_SECRECY"],
    ["PENDING_SECRECY", "approve", secrecy, "APPROVED"],
    ["APPROVED", "publish", office, "PUBLISHED"],
    ["PUBLISHED", "withdraw", office, "WITHDRAWN"],
    ["PENDING_DEPT", "return", head, "RETURNED"],
    ["PENDING_LEADER", "return", leader, "RETURNED"],
    ["PENDING_SECRECY", "reject", secrecy, "REJECTED"],
    ["DRAFT", "edit", liaison, "DRAFT"],
    ["PUBLISHED", "edit", liaison, "DRAFT"],
    ["PENDING_SECRECY", "refer", secrecy, "REFERRED"],
    ["REFERRED", "approve", secrecy, "APPROVED"],
    ["REFERRED", "return", secrecy, "RETURNED"],
    ["REFERRED", "reject", secrecy, "REJECTED"],
  ] as const)("%s --%s--> %s", (status, event, who, to) => {
    expect(decide(item(status), event, who)).toMatchObject({ ok: true, to });
  });
});

describe("referral to the 保密行政管理部门 and withdrawal", () => {
  test("only the secrecy stage refers, and only from 待保密审查", () => {
    expect(decide(item("PENDING_DEPT"), "refer", head)).toEqual({ ok: false, reason: "wrong_status" });
    expect(decide(item("PENDING_LEADER"), "refer", secrecy)).toEqual({ ok: false, reason: "wrong_status" });
    expect(decide(item("PENDING_SECRECY"), "refer", head)).toEqual({ ok: false, reason: "wrong_role" });
    expect(decide(item("REFERRED"), "refer", secrecy)).toEqual({ ok: false, reason: "wrong_status" });
  });

  test("the author cannot refer their own item", () => {
    expect(decide(item("PENDING_SECRECY", { authorIds: ["secrecy"] }), "refer", secrecy)).toEqual({ ok: false, reason: "own_item" });
  });

  test("an item being re-edited can be withdrawn while its published revision is public", () => {
    expect(decide(item("PENDING_DEPT", { hasPublishedRevision: true }), "withdraw", office)).toMatchObject({ ok: true, to: "WITHDRAWN" });
    expect(decide(item("PENDING_DEPT"), "withdraw", office)).toEqual({ ok: false, reason: "wrong_status" });
    expect(decide(item("WITHDRAWN", { hasPublishedRevision: true }), "withdraw", office)).toEqual({ ok: false, reason: "wrong_status" });
    expect(decide(item("PUBLISHED"), "withdraw", liaison)).toEqual({ ok: false, reason: "wrong_role" });
  });
});

describe("columns skip the stages they do not need, never 保密审查", () => {
  test.each([
    [{ requiresDeptHead: false, requiresLeader: false }, ["SECRECY"]],
    [{ requiresDeptHead: true, requiresLeader: false }, ["DEPT_HEAD", "SECRECY"]],
    [{ requiresDeptHead: false, requiresLeader: true }, ["LEADER", "SECRECY"]],
    [{ requiresDeptHead: true, requiresLeader: true }, ["DEPT_HEAD", "LEADER", "SECRECY"]],
  ])("%o → %o", (stages, expected) => {
    expect(requiredStages(stages)).toEqual(expected);
  });

  test("submit goes straight to 保密审查 when the column needs no other stage", () => {
    const d = decide(item("DRAFT", { stages: { requiresDeptHead: false, requiresLeader: false } }), "submit", author);
    expect(d).toMatchObject({ ok: true, to: "PENDING_SECRECY" });
  });

  test("the department head's approval skips the leader when the column says so", () => {
    const d = decide(item("PENDING_DEPT", { stages: { requiresDeptHead: true, requiresLeader: false } }), "approve", head);
    expect(d).toMatchObject({ ok: true, to: "PENDING_SECRECY" });
  });
});

describe("refusals", () => {
  test.each([
    ["a liaison approving", item("PENDING_DEPT"), "approve", liaison, "wrong_role"],
    ["the leader at the department stage", item("PENDING_DEPT"), "approve", actor("leader", ["LEADER"]), "wrong_role"],
    ["secrecy before its stage", item("PENDING_LEADER"), "approve", secrecy, "wrong_role"],
    ["an admin role approving", item("PENDING_SECRECY"), "approve", actor("sys", ["SYSADMIN"]), "wrong_role"],
    ["an auditor publishing", item("APPROVED"), "publish", actor("aud", ["AUDITOR"]), "wrong_role"],
    ["a liaison publishing", item("APPROVED"), "publish", liaison, "wrong_role"],
    ["the office publishing an unapproved item", item("PENDING_SECRECY"), "publish", office, "wrong_status"],
    ["approving a draft", item("DRAFT"), "approve", head, "wrong_status"],
    ["approving twice (already moved on)", item("PENDING_LEADER"), "approve", head, "wrong_role"],
    ["editing a pending item", item("PENDING_DEPT"), "edit", author, "wrong_status"],
    ["submitting a published item", item("PUBLISHED"), "submit", author, "wrong_status"],
    ["another department's head", item("PENDING_DEPT"), "approve", actor("head2", ["DEPT_HEAD"], OTHER_DEPT), "wrong_department"],
    ["a leader who does not oversee the department", item("PENDING_LEADER"), "approve", actor("leader2", ["LEADER"]), "wrong_department"],
    ["another department's liaison submitting", item("DRAFT"), "submit", actor("l3", ["LIAISON"], OTHER_DEPT), "wrong_department"],
    ["another department's liaison editing", item("RETURNED"), "edit", actor("l3", ["LIAISON"], OTHER_DEPT), "wrong_department"],
    ["the author approving their own item", item("PENDING_DEPT"), "approve", actor("author", ["LIAISON", "DEPT_HEAD"]), "own_item"],
    ["the author returning their own item", item("PENDING_SECRECY"), "return", actor("author", ["LIAISON", "SECRECY"]), "own_item"],
    [
      "the revision's author approving",
      item("PENDING_DEPT", { authorIds: ["author", "editor"] }),
      "approve",
      actor("editor", ["LIAISON", "DEPT_HEAD"]),
      "own_item",
    ],
    [
      "one person approving two stages of one revision",
      item("PENDING_SECRECY", { approvals: [{ stage: "LEADER", reviewerId: "leader" }] }),
      "approve",
      actor("leader", ["LEADER", "SECRECY"]),
      "same_reviewer",
    ],
  ] as const)("%s → %s", (_, it, event, who, reason) => {
    expect(decide(it, event, who)).toEqual({ ok: false, reason });
  });

  test("the same person may approve the same stage again after a return", () => {
    const it = item("PENDING_DEPT", { approvals: [{ stage: "DEPT_HEAD", reviewerId: "head" }] });
    expect(decide(it, "approve", head)).toMatchObject({ ok: true });
  });
});

describe("isFullyApproved binds approvals to the exact content", () => {
  const stages = { requiresDeptHead: true, requiresLeader: true };
  const all = (hash: string) =>
    (["DEPT_HEAD", "LEADER", "SECRECY"] as const).map((stage) => ({ stage, decision: "APPROVE", contentHash: hash }));

  test("all stages approved this content", () => expect(isFullyApproved(stages, "h1", all("h1"))).toBe(true));
  test("approvals of other content do not count", () => expect(isFullyApproved(stages, "h2", all("h1"))).toBe(false));
  test("a missing 保密审查 approval blocks", () => expect(isFullyApproved(stages, "h1", all("h1").slice(0, 2))).toBe(false));
  test("a return is not an approval", () =>
    expect(isFullyApproved(stages, "h1", [...all("h1").slice(0, 2), { stage: "SECRECY", decision: "RETURN", contentHash: "h1" }])).toBe(false));
  test("a column without other stages still needs 保密审查", () =>
    expect(isFullyApproved({ requiresDeptHead: false, requiresLeader: false }, "h1", [])).toBe(false));
});
