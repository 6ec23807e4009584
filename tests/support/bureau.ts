import { randomBytes } from "node:crypto";
import { allClearApproval } from "@/lib/server/items/secrecy";
import type { Role } from "@/lib/domain/roles";
import type { Actor } from "@/lib/server/platform/actor";
import { db } from "@/lib/server/platform/db";
import { createDraft, submitItem } from "@/lib/server/items/drafts";
import { publishItem } from "@/lib/server/items/publication";
import { reviewItem } from "@/lib/server/items/reviews";
import { hashPassword } from "@/lib/server/platform/sessions";

/**
 * A small bureau of its own for each test file (the integration database is shared by all
 * files, and audit rows can never be deleted), plus helpers that put an item into each workflow
 * state through the real use cases (documenso's seedDraftDocument/seedPendingDocument idea).
 */
export const PASSWORD = "Test-Passw0rd!";
let hashed: Promise<string> | undefined;

export async function seedBureau() {
  const tag = randomBytes(4).toString("hex");
  const passwordHash = await (hashed ??= hashPassword(PASSWORD));
  const dept = await db().department.create({ data: { code: `GX-${tag}`, name: `高新技术科-${tag}` } });
  const other = await db().department.create({ data: { code: `CG-${tag}`, name: `成果转化科-${tag}` } });
  const user = async (name: string, roles: Role[], departmentId: string | null = dept.id): Promise<Actor> => {
    const u = await db().user.create({
      data: { username: `${name}-${tag}`, displayName: name, passwordHash, roles, departmentId },
    });
    return { id: u.id, username: u.username, displayName: name, roles, departmentId, departmentName: null, sessionId: "test" };
  };
  const people = {
    liaison: await user("liaison", ["LIAISON"]),
    liaison2: await user("liaison2", ["LIAISON"]),
    head: await user("head", ["DEPT_HEAD"]),
    head2: await user("head2", ["DEPT_HEAD"]),
    leader: await user("leader", ["LEADER"], null),
    secrecy: await user("secrecy", ["SECRECY"], null),
    secrecy2: await user("secrecy2", ["SECRECY"], null),
    office: await user("office", ["OFFICE"], null),
    office2: await user("office2", ["OFFICE"], null),
    otherLiaison: await user("otherLiaison", ["LIAISON"], other.id),
    otherHead: await user("otherHead", ["DEPT_HEAD"], other.id),
    otherLeader: await user("otherLeader", ["LEADER"], null),
    sysadmin: await user("sysadmin", ["SYSADMIN"], null),
    auditor: await user("auditor", ["AUDITOR"], null),
  };
  await db().department.update({ where: { id: dept.id }, data: { leaderId: people.leader.id } });
  await db().department.update({ where: { id: other.id }, data: { leaderId: people.otherLeader.id } });
  const column = await db().column.create({ data: { code: `tzgg-${tag}`, name: "通知公告" } });
  const newsColumn = await db().column.create({ data: { code: `kjdt-${tag}`, name: "科技动态", requiresLeader: false } });
  await seedChannels();
  return { tag, dept, other, people, column, newsColumn, user };
}

export type Bureau = Awaited<ReturnType<typeof seedBureau>>;

/** The demo's channels; shared by every test file (codes are unique), so created once. */
export const CHANNEL_CODES = ["website", "city-portal", "wechat"] as const;
async function seedChannels() {
  const names = { website: "本机关网站", "city-portal": "市政务公开专栏", wechat: "微信公众号" };
  for (const [sortOrder, code] of CHANNEL_CODES.entries()) {
    await db().channel.upsert({ where: { code }, create: { code, name: names[code], sortOrder }, update: {} });
  }
}

export const draftInput = (b: Bureau, over: Record<string, unknown> = {}) => ({
  title: `测试通知 ${randomBytes(3).toString("hex")}`,
  columnId: b.column.id,
  body: "第一段\n\n第二段",
  formedOn: "2026-11-01",
  channels: ["website"],
  ...over,
});

/** The value of a use case's result that must have succeeded; its Chinese message as the error otherwise. */
export function must<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(`fixture step refused: ${r.message}`);
  return r.value;
}

export { allClearApproval };

export async function currentRevisionId(itemId: string): Promise<string> {
  return (await db().disclosureItem.findUniqueOrThrow({ where: { id: itemId } })).currentRevisionId!;
}

export async function seedDraft(b: Bureau, over: Record<string, unknown> = {}) {
  const { id } = must(await createDraft(b.people.liaison, draftInput(b, over)));
  return { id, revisionId: await currentRevisionId(id) };
}

export async function seedPending(b: Bureau, until: "PENDING_DEPT" | "PENDING_LEADER" | "PENDING_SECRECY" | "APPROVED" | "PUBLISHED", over: Record<string, unknown> = {}) {
  const item = await seedDraft(b, over);
  must(await submitItem(b.people.liaison, item.id, item.revisionId));
  const order = ["PENDING_DEPT", "PENDING_LEADER", "PENDING_SECRECY", "APPROVED", "PUBLISHED"];
  const reviewer = { PENDING_DEPT: b.people.head, PENDING_LEADER: b.people.leader, PENDING_SECRECY: b.people.secrecy } as const;
  let status = "PENDING_DEPT";
  while (order.indexOf(status) < order.indexOf(until) && status !== "APPROVED") {
    status = must(await reviewItem(reviewer[status as keyof typeof reviewer], item.id, { decision: "APPROVE", revisionId: item.revisionId, ...(await allClearApproval(item.revisionId)) })).status;
  }
  if (until === "PUBLISHED") must(await publishItem(b.people.office, item.id, item.revisionId));
  return item;
}

export async function itemState(itemId: string) {
  const item = await db().disclosureItem.findUniqueOrThrow({ where: { id: itemId }, include: { currentRevision: true } });
  return { status: item.status, revisionId: item.currentRevisionId, title: item.currentRevision!.title, indexNumber: item.indexNumber };
}

export async function auditActions(entityId: string) {
  const rows = await db().auditEvent.findMany({ where: { entityId }, orderBy: { id: "asc" } });
  return rows.map((r) => `${r.action}:${r.result}`);
}
