import { chinaDate } from "../../lib/domain/dates";
import type { Role } from "../../lib/domain/roles";
import { createDraft, submitItem } from "../../lib/server/items/drafts";
import { reviewItem } from "../../lib/server/items/reviews";
import { allClearApproval } from "../../lib/server/items/secrecy";
import type { Actor } from "../../lib/server/platform/actor";
import { db } from "../../lib/server/platform/db";

/**
 * A 保密审查 queue for the console scenarios: QUEUE items of the demo's 高新技术科 taken through the
 * real workflow (draft → 处室负责人 → 分管领导) to wait at 保密审查, made once per bench database.
 */
const QUEUE = 40;

async function actor(username: string): Promise<Actor> {
  const u = await db().user.findUniqueOrThrow({ where: { username }, include: { department: true } });
  return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], departmentId: u.departmentId, departmentName: u.department?.name ?? null, sessionId: "bench" };
}

export async function ensureReviewQueue(log: (m: string) => void): Promise<void> {
  const waiting = await db().disclosureItem.count({ where: { status: "PENDING_SECRECY" } });
  if (waiting >= QUEUE) return;
  const liaison = await actor("liaison.gx");
  const head = await actor("head.gx");
  const department = await db().department.findUniqueOrThrow({ where: { id: liaison.departmentId! }, include: { leader: true } });
  const leader = await actor(department.leader!.username);
  const column = await db().column.findFirstOrThrow({ where: { code: "tzgg" } });
  const must = <T>(r: { ok: true; value: T } | { ok: false; message?: string }) => {
    if (!r.ok) throw new Error(`bench queue: ${r.message ?? "refused"}`);
    return r.value;
  };
  for (let i = waiting; i < QUEUE; i++) {
    const { id } = must(
      await createDraft(liaison, {
        title: `关于开展2026年度科技计划项目中期检查的通知（第${i + 1}批）`,
        columnId: column.id,
        body: "<p>各有关单位：根据年度工作安排，现就科技计划项目中期检查有关事项通知如下。</p>".repeat(12),
        documentNumber: `吉市科发〔2026〕${100 + i}号`,
        formedOn: chinaDate(new Date()),
        topic: "科技、教育",
        channels: ["website"],
        article20Item: "",
      }),
    );
    const revisionId = (await db().disclosureItem.findUniqueOrThrow({ where: { id } })).currentRevisionId!;
    must(await submitItem(liaison, id, revisionId));
    for (const reviewer of [head, leader]) {
      const item = await db().disclosureItem.findUniqueOrThrow({ where: { id } });
      if (item.status === "PENDING_SECRECY") break;
      must(await reviewItem(reviewer, id, { decision: "APPROVE", revisionId, ...(await allClearApproval(revisionId)) }));
    }
  }
  log(`${QUEUE} items wait at 保密审查`);
}
