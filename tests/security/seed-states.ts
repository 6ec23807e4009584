/**
 * Seeds what the security batteries need into the running e2e database, through the same use
 * cases the console calls, and writes the facts the tests assert against to a JSON file:
 *
 * - three multi-role accounts of the kind a small bureau really has (an office head who is also
 *   the 办公室's 处室负责人; a 联络员 who is also 负责人 of a small 处室; an office clerk who also drafts);
 * - items of 高新技术科 and 成果转化科 at every workflow state (草稿, 待处室负责人, 待分管领导, 待保密审查,
 *   待发布, 已发布, 已撤回);
 * - for every account × item, request and report year: the answer the policy gives — whether the
 *   record is in scope (itemScope / requestScope evaluated in the database) and whether the
 *   workflow table lets them edit it. The matrix then checks the pages give that answer.
 *
 * Run by tests/security/setup.ts as `node --conditions=react-server --import tsx tests/security/seed-states.ts <state> <out>`.
 */
import { readFileSync, writeFileSync } from "node:fs";

const [stateFile, outFile] = process.argv.slice(2);
const state = JSON.parse(readFileSync(stateFile, "utf8")) as { databaseUrl: string; piiKey: string; auditKey?: string };
process.env.DATABASE_URL = state.databaseUrl;
process.env.PII_ENCRYPTION_KEY = state.piiKey;
// Audit rows written here chain under the app's key, or the log would no longer verify.
if (state.auditKey) process.env.AUDIT_HMAC_KEY = state.auditKey;

const { db } = await import("@/lib/server/platform/db");
const { hashPassword } = await import("@/lib/server/platform/sessions");
const { createDraft, submitItem } = await import("@/lib/server/items/drafts");
const { reviewItem } = await import("@/lib/server/items/reviews");
const { publishItem, withdrawItem } = await import("@/lib/server/items/publication");
const { allClearApproval } = await import("@/lib/server/items/secrecy");
const { findItemFacts } = await import("@/lib/server/items/facts");
const { authorizeTransition, itemScope, requestScope, can, PERMISSIONS } = await import("@/lib/server/platform/authz");
const { chinaDate } = await import("@/lib/domain/dates");
const { DEMO_PASSWORD, RETURNED_ITEM } = await import("@/prisma/demo-bureau");
type Actor = import("@/lib/server/platform/actor").Actor;
type Role = import("@/lib/generated/prisma/client").Role;

const prisma = db();

/** Realistic combinations (no 三员 role, which may hold nothing else). */
export const COMBOS = [
  { username: "combo.office-head", displayName: "郑主任", roles: ["OFFICE", "DEPT_HEAD"], dept: "BGS" },
  { username: "combo.liaison-head", displayName: "钱科长", roles: ["LIAISON", "DEPT_HEAD"], dept: "NCSF" },
  { username: "combo.office-liaison", displayName: "冯文书", roles: ["OFFICE", "LIAISON"], dept: "BGS" },
] as const;

const departments = new Map((await prisma.department.findMany()).map((d) => [d.code, d]));
const passwordHash = await hashPassword(DEMO_PASSWORD);
for (const c of COMBOS) {
  await prisma.user.upsert({
    where: { username: c.username },
    update: {},
    create: { username: c.username, displayName: c.displayName, passwordHash, roles: [...c.roles] as Role[], departmentId: departments.get(c.dept)!.id },
  });
}

const userRows = await prisma.user.findMany({ include: { department: true } });
const actors = new Map<string, Actor>(
  userRows.map((u) => [
    u.username,
    { id: u.id, username: u.username, displayName: u.displayName, roles: [...u.roles], departmentId: u.departmentId, departmentName: u.department?.name ?? null, sessionId: "security-seed" },
  ]),
);
const actor = (username: string) => actors.get(username)!;
const must = <T,>(r: { ok: true; value: T } | { ok: false; message: string }, what: string): T => {
  if (!r.ok) throw new Error(`${what}: ${r.message}`);
  return r.value;
};

const columns = new Map((await prisma.column.findMany()).map((c) => [c.code, c.id]));
const STAGES = ["draft", "pendingDept", "pendingLeader", "pendingSecrecy", "approved", "published", "withdrawn"] as const;
type Stage = (typeof STAGES)[number];

async function itemAt(stage: Stage, liaison: string, head: string, leader: string, tag: string): Promise<string> {
  const author = actor(liaison);
  const created = must(
    await createDraft(author, {
      title: `安全测试 ${tag} ${stage}`,
      columnId: columns.get("tzgg")!,
      body: `安全测试正文（${stage}）。`,
      formedOn: chinaDate(new Date(Date.now() - 2 * 86_400_000)),
      topic: "科技、教育",
      channels: ["website"],
      article20Item: "",
    }),
    `draft ${tag} ${stage}`,
  );
  const id = created.id;
  const revisionId = (await prisma.disclosureItem.findUniqueOrThrow({ where: { id } })).currentRevisionId!;
  if (stage === "draft") return id;
  must(await submitItem(author, id, revisionId), "submit");
  const reviewers: [Stage, string][] = [
    ["pendingDept", head],
    ["pendingLeader", leader],
    ["pendingSecrecy", "secrecy"],
  ];
  for (const [before, reviewer] of reviewers) {
    if (stage === before) return id;
    must(await reviewItem(actor(reviewer), id, { decision: "APPROVE", revisionId, ...(await allClearApproval(revisionId)) }), `review ${before}`);
  }
  if (stage === "approved") return id;
  must(await publishItem(actor("office"), id, revisionId, {}), "publish");
  if (stage === "published") return id;
  must(await withdrawItem(actor("office"), id, "安全测试撤回"), "withdraw");
  return id;
}

const items: Record<string, string> = {};
for (const stage of STAGES) items[`gx.${stage}`] = await itemAt(stage, "liaison.gx", "head.gx", "leader.guo", "高新");
for (const stage of ["draft", "pendingLeader", "published"] as const) items[`cg.${stage}`] = await itemAt(stage, "liaison.cg", "head.cg", "leader.liu", "成果");
items["cg.returned"] = (await prisma.disclosureItem.findFirstOrThrow({ where: { revisions: { some: { title: RETURNED_ITEM.title } } } })).id;

// Requests: one per assigned department (and an unassigned one), as the demo seeded them.
const requestRows = await prisma.disclosureRequest.findMany({ select: { id: true, assignedDepartmentId: true }, orderBy: { createdAt: "asc" } });
const requests: Record<string, string> = {};
for (const r of requestRows) {
  const code = [...departments.values()].find((d) => d.id === r.assignedDepartmentId)?.code ?? "unassigned";
  requests[`req.${code}`] ??= r.id;
}
const reportYears = (await prisma.annualReport.findMany({ select: { year: true } })).map((r) => r.year).sort();
const appeal = await prisma.appealCase.findFirst({ select: { id: true } });
const column = await prisma.column.findFirstOrThrow({ where: { code: "tzgg" }, select: { id: true } });
// An attachment of a published revision (public) and of a draft's (staff in scope only).
const publicAttachment = await prisma.attachment.findFirst({
  where: { revision: { item: { publishedRevisionId: { not: null }, withdrawnAt: null } } },
  select: { id: true },
});

const facts: Record<string, { username: string; roles: string[]; departmentCode: string | null; items: Record<string, { visible: boolean; editable: boolean }>; requests: Record<string, boolean>; permissions: string[] }> = {};
for (const [username, a] of actors) {
  const itemFacts: Record<string, { visible: boolean; editable: boolean }> = {};
  for (const [key, id] of Object.entries(items)) {
    const visible = (await prisma.disclosureItem.count({ where: { AND: [{ id }, itemScope(a)] } })) === 1;
    const f = await findItemFacts(a, id);
    itemFacts[key] = { visible, editable: !!f && authorizeTransition(a, f.workflow, "edit").ok };
  }
  const requestFacts: Record<string, boolean> = {};
  for (const [key, id] of Object.entries(requests)) requestFacts[key] = (await prisma.disclosureRequest.count({ where: { AND: [{ id }, requestScope(a)] } })) === 1;
  facts[username] = {
    username,
    roles: a.roles,
    departmentCode: [...departments.values()].find((d) => d.id === a.departmentId)?.code ?? null,
    items: itemFacts,
    requests: requestFacts,
    permissions: Object.keys(PERMISSIONS).filter((p) => can(a, p as keyof typeof PERMISSIONS)),
  };
}

writeFileSync(
  outFile,
  JSON.stringify(
    { items, requests, reportYears, appealId: appeal?.id ?? null, columnId: column.id, publicAttachmentId: publicAttachment?.id ?? null, userId: actor("liaison.gx").id, users: facts },
    null,
    1,
  ),
);
console.log(`security fixtures: ${Object.keys(items).length} items, ${Object.keys(requests).length} requests, ${reportYears.length} report years, ${actors.size} accounts`);
await prisma.$disconnect();
