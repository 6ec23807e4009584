import type { Role } from "./roles";

/**
 * The item workflow of DESIGN §3 as data plus one pure function. No clock, no database:
 * the server loads the facts, `decide` says yes (and where to) or why not.
 */
export const ITEM_STATUSES = [
  "DRAFT",
  "PENDING_DEPT",
  "PENDING_LEADER",
  "PENDING_SECRECY",
  "APPROVED",
  "PUBLISHED",
  "RETURNED",
  "REJECTED",
  "WITHDRAWN",
  "REFERRED",
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const STAGES = ["DEPT_HEAD", "LEADER", "SECRECY"] as const;
/** 处室负责人 → 分管领导 → 保密审查 */
export type Stage = (typeof STAGES)[number];

export const EVENTS = ["edit", "submit", "approve", "return", "reject", "refer", "publish", "withdraw"] as const;
export type WorkflowEvent = (typeof EVENTS)[number];

export type Refusal = "wrong_status" | "wrong_role" | "wrong_department" | "own_item" | "same_reviewer";

export type Decision =
  | { ok: true; from: ItemStatus; to: ItemStatus; stage: Stage | null }
  | { ok: false; reason: Refusal };

/** The review stage waiting at each pending status. */
export const STAGE_OF_STATUS: Partial<Record<ItemStatus, Stage>> = {
  PENDING_DEPT: "DEPT_HEAD",
  PENDING_LEADER: "LEADER",
  PENDING_SECRECY: "SECRECY",
  // Held while the 保密行政管理部门 is consulted (条例第十七条); the secrecy reviewer decides on its answer.
  REFERRED: "SECRECY",
};
const PENDING: ItemStatus[] = ["PENDING_DEPT", "PENDING_LEADER", "PENDING_SECRECY"];
const REVIEW_EVENTS: WorkflowEvent[] = ["approve", "return", "reject", "refer"];
/** Every status an item that is (still) on the public site may be in while it is re-edited. */
const LIVE: ItemStatus[] = ["PUBLISHED", "DRAFT", "RETURNED", ...PENDING, "REFERRED", "APPROVED"];

/** Which statuses an event may start from and which roles may fire it (review roles per stage). */
export const TRANSITIONS: Record<WorkflowEvent, { from: readonly ItemStatus[]; roles: readonly Role[] }> = {
  // Editing a published item starts a new draft revision; the public keeps the published one.
  edit: { from: ["DRAFT", "RETURNED", "PUBLISHED"], roles: ["LIAISON"] },
  submit: { from: ["DRAFT", "RETURNED"], roles: ["LIAISON"] },
  approve: { from: [...PENDING, "REFERRED"], roles: ["DEPT_HEAD", "LEADER", "SECRECY"] },
  return: { from: [...PENDING, "REFERRED"], roles: ["DEPT_HEAD", "LEADER", "SECRECY"] },
  reject: { from: [...PENDING, "REFERRED"], roles: ["DEPT_HEAD", "LEADER", "SECRECY"] },
  refer: { from: ["PENDING_SECRECY"], roles: ["SECRECY"] },
  publish: { from: ["APPROVED"], roles: ["OFFICE"] },
  // 撤回: only what is on the public site (checked with hasPublishedRevision), at any point of a re-edit.
  withdraw: { from: LIVE, roles: ["OFFICE"] },
};

/**
 * Who acts on each review stage, as data: the role, and how that person must stand to the item —
 * in its department (处室负责人), as its department's 分管领导, or anyone in the bureau holding the
 * role (保密审查). decide() checks it, and lib/server/platform/authz.ts turns the same rows into the
 * queries for work queues and for whom to notify, so the three can never disagree.
 */
export type StageScope = "department" | "departmentLeader" | "bureau";
export const STAGE_ACTORS: Record<Stage, { role: Role; scope: StageScope }> = {
  DEPT_HEAD: { role: "DEPT_HEAD", scope: "department" },
  LEADER: { role: "LEADER", scope: "departmentLeader" },
  SECRECY: { role: "SECRECY", scope: "bureau" },
};

/** Does this actor act on `stage` of this item? (role and scope; maker–checker is decide()'s) */
export function actsOnStage(actor: WorkflowActor, stage: Stage, item: Pick<WorkflowItem, "departmentId" | "departmentLeaderId">): boolean {
  const { role, scope } = STAGE_ACTORS[stage];
  if (!actor.roles.includes(role)) return false;
  if (scope === "department") return actor.departmentId === item.departmentId;
  if (scope === "departmentLeader") return item.departmentLeaderId === actor.id;
  return true;
}

/**
 * Who must act when an item reaches a status: the people of a review stage, the disclosure office
 * (待发布), or the item's authors (退回, 不予公开, 已报送, 已发布, 已撤回 — their next step or news).
 */
export type Handover = { kind: "stage"; stage: Stage } | { kind: "role"; role: Role } | { kind: "authors" } | null;
export function handoverOf(status: ItemStatus): Handover {
  if (status === "REFERRED") return { kind: "authors" };
  const stage = STAGE_OF_STATUS[status];
  if (stage) return { kind: "stage", stage };
  if (status === "APPROVED") return { kind: "role", role: "OFFICE" };
  if (["RETURNED", "REJECTED", "PUBLISHED", "WITHDRAWN"].includes(status)) return { kind: "authors" };
  return null;
}

/** The status an item waits in at each stage. */
export const STATUS_OF_STAGE: Record<Stage, ItemStatus> = {
  DEPT_HEAD: "PENDING_DEPT",
  LEADER: "PENDING_LEADER",
  SECRECY: "PENDING_SECRECY",
};

/** A column's (栏目) review switches; 保密审查 has none because it can never be skipped. */
export interface StageSwitches {
  requiresDeptHead: boolean;
  requiresLeader: boolean;
}

export function requiredStages(c: StageSwitches): Stage[] {
  return [...(c.requiresDeptHead ? ["DEPT_HEAD" as const] : []), ...(c.requiresLeader ? ["LEADER" as const] : []), "SECRECY"];
}

/** Where an item is in review: its stages are the ones fixed when it was submitted. */
export const IN_REVIEW: readonly ItemStatus[] = [...PENDING, "REFERRED", "APPROVED"];

/**
 * The stages in force for an item: while it is in review, those fixed at its submission
 * (`reviewStages`); otherwise its column's current switches. Switching a column's stage on or off
 * thus never strands an item mid-review (DESIGN §3; docs/decisions.md, office administration).
 */
export function stagesInForce(status: ItemStatus, reviewStages: readonly Stage[], column: StageSwitches): StageSwitches {
  if (IN_REVIEW.includes(status) && reviewStages.includes("SECRECY")) {
    return { requiresDeptHead: reviewStages.includes("DEPT_HEAD"), requiresLeader: reviewStages.includes("LEADER") };
  }
  return { requiresDeptHead: column.requiresDeptHead, requiresLeader: column.requiresLeader };
}

export interface WorkflowItem {
  status: ItemStatus;
  departmentId: string;
  /** The item's creator and the author of the revision under review: neither may review it. */
  authorIds: readonly string[];
  /** 分管领导 of the item's department. */
  departmentLeaderId: string | null;
  stages: StageSwitches;
  /** Approvals already given to the revision under review. */
  approvals: readonly { stage: Stage; reviewerId: string }[];
  /** A published revision is on the public site (not withdrawn). */
  hasPublishedRevision: boolean;
}

export interface WorkflowActor {
  id: string;
  roles: readonly Role[];
  departmentId: string | null;
}

export function decide(item: WorkflowItem, event: WorkflowEvent, actor: WorkflowActor): Decision {
  const rule = TRANSITIONS[event];
  if (!rule.from.includes(item.status)) return { ok: false, reason: "wrong_status" };
  if (event === "withdraw" && !item.hasPublishedRevision) return { ok: false, reason: "wrong_status" };
  // Review events act for the stage the item waits at; every other event has one role.
  const stage = REVIEW_EVENTS.includes(event) ? (STAGE_OF_STATUS[item.status] ?? null) : null;
  const role: Role | undefined = stage ?? rule.roles[0];
  if (!role || !rule.roles.includes(role) || !actor.roles.includes(role)) return { ok: false, reason: "wrong_role" };
  const scope = scopeRefusal(item, stage, event, actor);
  if (scope) return { ok: false, reason: scope };
  return { ok: true, from: item.status, to: target(item, event, stage), stage };
}

function scopeRefusal(item: WorkflowItem, stage: Stage | null, event: WorkflowEvent, actor: WorkflowActor): Refusal | null {
  if ((event === "edit" || event === "submit") && actor.departmentId !== item.departmentId) return "wrong_department";
  if (stage && !actsOnStage(actor, stage, item)) return "wrong_department";
  if (REVIEW_EVENTS.includes(event) && item.authorIds.includes(actor.id)) return "own_item";
  if (event === "approve" && item.approvals.some((a) => a.reviewerId === actor.id && a.stage !== stage)) {
    return "same_reviewer";
  }
  return null;
}

function target(item: WorkflowItem, event: WorkflowEvent, stage: Stage | null): ItemStatus {
  switch (event) {
    case "edit":
      return item.status === "PUBLISHED" ? "DRAFT" : item.status;
    case "submit":
      return STATUS_OF_STAGE[requiredStages(item.stages)[0]];
    case "approve": {
      // The next required stage *after* this one in 处室负责人 → 分管领导 → 保密审查 order: an item
      // waiting at a stage its stages no longer list still moves forward, never back.
      const next = requiredStages(item.stages).find((s) => STAGES.indexOf(s) > STAGES.indexOf(stage as Stage));
      return next ? STATUS_OF_STAGE[next] : "APPROVED";
    }
    case "return":
      return "RETURNED";
    case "reject":
      // Rejecting an edit of a live item discards the edit; the published revision stays public.
      return item.hasPublishedRevision ? "PUBLISHED" : "REJECTED";
    case "refer":
      return "REFERRED";
    case "publish":
      return "PUBLISHED";
    case "withdraw":
      return "WITHDRAWN";
  }
}

/**
 * 先审查、后公开: a revision may be published only when every stage its column requires approved
 * that exact content. Checked inside the publish transaction; no other path sets a published
 * revision.
 */
export function isFullyApproved(
  stages: StageSwitches,
  contentHash: string,
  reviews: readonly { stage: Stage; decision: string; contentHash: string }[],
): boolean {
  return requiredStages(stages).every((s) =>
    reviews.some((r) => r.stage === s && r.decision === "APPROVE" && r.contentHash === contentHash),
  );
}

export const STATUS_LABELS: Record<ItemStatus, string> = {
  DRAFT: "草稿",
  PENDING_DEPT: "待处室负责人审核",
  PENDING_LEADER: "待分管领导审核",
  PENDING_SECRECY: "待保密审查",
  APPROVED: "待发布",
  PUBLISHED: "已发布",
  RETURNED: "已退回修改",
  REJECTED: "不予公开",
  WITHDRAWN: "已撤回",
  REFERRED: "已报送保密行政管理部门",
};

export const STAGE_LABELS: Record<Stage, string> = {
  DEPT_HEAD: "处室负责人审核",
  LEADER: "分管领导审核",
  SECRECY: "保密审查",
};

export const REFUSAL_MESSAGES: Record<Refusal, string> = {
  wrong_status: "该信息当前状态不允许此操作，可能已被他人处理，请刷新后查看。",
  wrong_role: "您没有执行此操作的权限。",
  wrong_department: "该信息不属于您负责的处室。",
  own_item: "不能审核本人撰写的信息。",
  same_reviewer: "同一人不能审核同一版本的两个环节。",
};
