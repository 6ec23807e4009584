import { describe, expect, test } from "vitest";
import { decide, stagesInForce, type ItemStatus, type Stage, type WorkflowItem } from "@/lib/domain/workflow";

/**
 * A column's review switches change while items are in review (栏目管理). The stages fixed at
 * submission stay in force for those items; the column's switches rule everything else.
 */

const both = { requiresDeptHead: true, requiresLeader: true };
const none = { requiresDeptHead: false, requiresLeader: false };
const ALL: Stage[] = ["DEPT_HEAD", "LEADER", "SECRECY"];

describe("stagesInForce", () => {
  test.each([
    ["PENDING_DEPT", ALL, none, both],
    ["PENDING_LEADER", ALL, none, both],
    ["PENDING_SECRECY", ["SECRECY"], both, none],
    ["REFERRED", ["DEPT_HEAD", "SECRECY"], both, { requiresDeptHead: true, requiresLeader: false }],
    ["APPROVED", ["LEADER", "SECRECY"], none, { requiresDeptHead: false, requiresLeader: true }],
  ] as [ItemStatus, Stage[], typeof both, typeof both][])("in review (%s): the stages fixed at submission", (status, fixed, column, expected) => {
    expect(stagesInForce(status, fixed, column)).toEqual(expected);
  });

  test.each(["DRAFT", "RETURNED", "PUBLISHED", "WITHDRAWN", "REJECTED"] as ItemStatus[])("%s: the column's current switches", (status) => {
    expect(stagesInForce(status, ALL, none)).toEqual(none);
  });

  test("an item in review without a recorded snapshot falls back to the column", () => {
    expect(stagesInForce("PENDING_DEPT", [], none)).toEqual(none);
  });
});

describe("approving at a stage the item's stages do not list moves forward, never back", () => {
  const at = (status: ItemStatus, stages: typeof both): WorkflowItem => ({
    status,
    departmentId: "d",
    authorIds: ["author"],
    departmentLeaderId: "leader",
    stages,
    approvals: [],
    hasPublishedRevision: false,
  });

  test.each([
    ["PENDING_LEADER", { requiresDeptHead: true, requiresLeader: false }, "leader", ["LEADER"], "PENDING_SECRECY"],
    ["PENDING_LEADER", none, "leader", ["LEADER"], "PENDING_SECRECY"],
    ["PENDING_DEPT", { requiresDeptHead: false, requiresLeader: true }, "head", ["DEPT_HEAD"], "PENDING_LEADER"],
    ["PENDING_DEPT", none, "head", ["DEPT_HEAD"], "PENDING_SECRECY"],
  ] as const)("%s with %o → %s", (status, stages, id, roles, to) => {
    expect(decide(at(status, stages), "approve", { id, roles, departmentId: "d" })).toMatchObject({ ok: true, to });
  });
});
