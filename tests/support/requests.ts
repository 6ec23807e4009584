import { randomInt } from "node:crypto";
import { residentIdCheckChar } from "@/lib/domain/id-numbers";
import { approveReply, deliverReply, draftReply } from "@/lib/server/requests/reply";
import { assignRequest, registerRequest } from "@/lib/server/requests/intake";
import { db } from "@/lib/server/platform/db";
import type { Bureau } from "./bureau";

/**
 * Requests in each state through the real use cases, with test applicants whose ID numbers carry
 * a valid check digit. `at(date)` is 10:00 Beijing time on that date: the use cases take `now`.
 */
export const at = (date: string, hour = 10) => new Date(`${date}T${String(hour - 8).padStart(2, "0")}:00:00Z`);

/** A resident ID born on 1985-06-15 in 吉林市 (220202) with a random sequence and its check digit. */
export function residentId(): string {
  const first17 = `22020219850615${String(randomInt(100, 999))}`;
  return first17 + residentIdCheckChar(first17);
}

export function applicationInput(over: Record<string, unknown> = {}) {
  return {
    applicantType: "natural_person",
    name: "张三丰",
    idType: "resident_id",
    idNumber: residentId(),
    phone: "13912345678",
    email: "zhang@example.cn",
    address: "吉林市船营区北京路1号",
    description: "2025年度科技计划项目立项名单",
    purpose: "科研",
    deliveryForm: "electronic",
    deliveryMethod: "email",
    ...over,
  };
}

export const walkIn = (date: string, over: Record<string, unknown> = {}) =>
  applicationInput({ channel: "in_person", submittedOn: date, ...over });

export function must<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(`fixture step refused: ${r.message}`);
  return r.value;
}

/** A walk-in received on `receivedOn`, assigned to the bureau's department, then moved on to `until`. */
export async function seedRequest(b: Bureau, until: "IN_PROGRESS" | "REPLY_DRAFTED" | "REPLY_APPROVED" | "CLOSED", receivedOn = "2026-03-02") {
  const r = must(await registerRequest(b.people.office, walkIn(receivedOn), at(receivedOn)));
  must(await assignRequest(b.people.office, r.id, b.dept.id));
  if (until === "IN_PROGRESS") return r;
  must(await draftReply(b.people.liaison, r.id, { outcome: "granted", body: "予以公开。" }, at(receivedOn, 15)));
  if (until === "REPLY_DRAFTED") return r;
  must(await approveReply(b.people.head, r.id, at(receivedOn, 16)));
  if (until === "REPLY_APPROVED") return r;
  must(await deliverReply(b.people.office, r.id, receivedOn, at(receivedOn, 17)));
  return r;
}

export async function requestRow(id: string) {
  return db().disclosureRequest.findUniqueOrThrow({ where: { id } });
}

export async function deniedAudits(entityId: string, action: string) {
  return db().auditEvent.count({ where: { entityId, action, result: "DENIED" } });
}
