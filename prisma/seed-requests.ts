import { addDays, chinaDate } from "../lib/domain/dates";
import { extendCalendarThrough } from "../lib/domain/requests/computed-holidays";
import { OUTCOMES } from "../lib/domain/requests/outcomes";
import { bundledCalendar, type WorkCalendar } from "../lib/domain/work-calendar";
import type { Actor } from "@/lib/server/platform/actor";
import { trackingCodeHash } from "@/lib/server/platform/crypto";
import { db } from "@/lib/server/platform/db";
import { createAppeal } from "@/lib/server/requests/appeals";
import { issueFeeNotice, recordFeePaid } from "@/lib/server/requests/fees";
import { recordClockEvent } from "@/lib/server/requests/events";
import { assignRequest, confirmApplication, registerRequest, submitOnlineApplication } from "@/lib/server/requests/intake";
import { approveReply, deliverReply, draftReply } from "@/lib/server/requests/reply";
import { DEMO_APPLICANTS, DEMO_REQUESTS, demoCreditCode, demoResidentId, type DemoRequest, type DemoStep } from "./demo-requests";

/**
 * Sends the demo's requests (prisma/demo-requests.ts) through the real use cases — registration
 * or online submission and confirmation, assignment, clock events, draft, approval, delivery —
 * each with a back-dated `now`, so 编号, 文号, clocks and audit rows are what the app would have
 * made — the fee desk's and the appeals' use cases included.
 */

export interface DemoPeople {
  office: Actor;
  /** 承办处室 code → its id, 联络员 and 处室负责人. */
  departments: Record<"GXJS" | "BGS" | "CGZH", { id: string; liaison: Actor; head: Actor }>;
}

/** 10:00 (or `hour`) Beijing time on `date`. */
const at = (date: string, hour = 10) => new Date(`${date}T${String(hour - 8).padStart(2, "0")}:00:00Z`);
const meta = { ip: null, userAgent: "seed" };

function must<T>(result: { ok: true; value: T } | { ok: false; message: string }, what: string): T {
  if (!result.ok) throw new Error(`demo request (${what}) refused: ${result.message}`);
  return result.value;
}

function workingDaysBefore(calendar: WorkCalendar, date: string, n: number): string {
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, -1);
    if (calendar.isWorkingDay(day)) counted++;
  }
  return day;
}

function applicantInput(spec: DemoRequest) {
  const i = spec.applicant;
  const a = DEMO_APPLICANTS[i];
  const organisation = a.type !== "natural_person";
  const mail = spec.channel === "registered_mail" || spec.channel === "ordinary_mail";
  return {
    applicantType: a.type,
    name: a.name,
    idType: organisation ? "credit_code" : "resident_id",
    idNumber: organisation ? demoCreditCode(i, a.type) : demoResidentId(i),
    legalRepresentative: a.representative ?? "",
    contactPerson: a.contact ?? "",
    phone: `1390432${String(1000 + i * 37).slice(-4)}`,
    email: `applicant${i}@example.cn`,
    address: `吉林市船营区${["北京路", "重庆路", "解放大路", "松江中路"][i % 4]}${i + 1}号`,
    postcode: "132011",
    description: spec.description,
    purpose: ["科研", "生产经营", "了解政策", ""][i % 4],
    deliveryForm: mail ? "paper" : "electronic",
    deliveryMethod: mail ? "post" : "email",
  };
}

/** The dated clock steps of a request, in order. */
function stepActions(steps: readonly DemoStep[], day: (n: number) => string) {
  const actions: { on: string; run: string; step: DemoStep; phase: "start" | "end" }[] = [];
  for (const s of steps) {
    actions.push({ on: day(s.at), run: s.kind, step: s, phase: "start" });
    if (s.kind === "consultation" && s.endedAt !== undefined) actions.push({ on: day(s.endedAt), run: s.kind, step: s, phase: "end" });
    if (s.kind === "correction" && s.receivedAt !== undefined) actions.push({ on: day(s.receivedAt), run: s.kind, step: s, phase: "end" });
    if (s.kind === "fee" && s.paidAt !== undefined) actions.push({ on: day(s.paidAt), run: s.kind, step: s, phase: "end" });
  }
  return actions.sort((a, b) => a.on.localeCompare(b.on));
}

async function recordStep(people: DemoPeople, id: string, a: ReturnType<typeof stepActions>[number], day: (n: number) => string) {
  const s = a.step;
  const now = at(a.on, 11);
  const office = people.office;
  if (s.kind === "correction") {
    const input = a.phase === "start" ? { type: "CORRECTION_REQUESTED", on: a.on, deadline: addDays(a.on, s.deadlineDays) } : { type: "CORRECTION_RECEIVED", on: a.on };
    must(await recordClockEvent(office, id, input, now), input.type);
  } else if (s.kind === "consultation" && a.phase === "start") {
    must(await recordClockEvent(office, id, { type: "CONSULTATION_STARTED", on: a.on, party: s.party, name: s.name }, now), "consultation");
  } else if (s.kind === "consultation") {
    const started = await db().requestEvent.findFirstOrThrow({ where: { requestId: id, kind: "CONSULTATION_STARTED" }, orderBy: { seq: "desc" } });
    must(await recordClockEvent(office, id, { type: "CONSULTATION_ENDED", on: a.on, id: (started.data as { id: string }).id }, now), "consultation end");
  } else if (s.kind === "extension") {
    must(await recordClockEvent(office, id, { type: "EXTENDED", on: a.on, days: s.days, approver: s.approver }, now), "extension");
  } else if (s.kind === "custom") {
    must(await recordClockEvent(office, id, { type: "CUSTOM_DEADLINE", on: a.on, due: day(s.dueAt), reason: s.reason }, now), "第三十五条");
  } else {
    await recordFee(office, id, s, a.on, a.phase);
  }
}

/** 收费通知 and 缴费 through the fee desk's use cases (按量: the request's pages). */
async function recordFee(office: Actor, requestId: string, s: Extract<DemoStep, { kind: "fee" }>, on: string, phase: "start" | "end") {
  const now = at(on, 11);
  if (phase === "start") must(await issueFeeNotice(office, requestId, { method: "per_page", quantity: s.pages, noticeOn: on }, now), "fee notice");
  else must(await recordFeePaid(office, requestId, { paidOn: on }, now), "fee paid");
}

async function reply(people: DemoPeople, spec: DemoRequest, id: string, on: string, until: "drafted" | "approved" | "delivered") {
  const dept = people.departments[spec.dept!];
  const outcome = spec.outcome ?? "granted";
  const body = `经审查，对您申请获取的“${spec.description}”，本机关作如下处理：${OUTCOMES[outcome].label.replace(/^（[一二]）|^\d\./, "")}。`;
  must(await draftReply(dept.liaison, id, { outcome, body }, at(on, 9)), "draft");
  if (until === "drafted") return;
  must(await approveReply(dept.head, id, at(on, 10)), "approve");
  if (until === "approved") return;
  must(await deliverReply(people.office, id, on, at(on, 11)), "deliver");
}

async function recordAppeal(office: Actor, requestNumber: string, appeal: NonNullable<DemoRequest["appeal"]>, closedOn: string) {
  const filedOn = addDays(closedOn, appeal.filedDays);
  const concludedOn = appeal.concludedDays === undefined ? "" : addDays(closedOn, appeal.concludedDays);
  const note = appeal.result === "pending" ? "申请人不服不予公开答复，向人民法院提起行政诉讼，尚未审结。" : "复议机关维持原答复。";
  must(await createAppeal(office, { kind: appeal.kind, requestNumber, filedOn, result: appeal.result, concludedOn, note }, at(concludedOn || filedOn, 15)), "appeal");
}

/** Seeds every demo request whose dates have come by `now`; returns the ids created. */
export async function seedDemoRequests(people: DemoPeople, now = new Date()): Promise<string[]> {
  const today = chinaDate(now);
  const calendar = extendCalendarThrough(bundledCalendar, Number(today.slice(0, 4)) + 1);
  const ids: string[] = [];
  for (const spec of DEMO_REQUESTS) {
    const receivedOn = typeof spec.received === "string" ? spec.received : workingDaysBefore(calendar, today, spec.received.ago);
    const day = (n: number) => calendar.addWorkingDays(receivedOn, n);
    const replyOn = spec.outcome ? day(spec.replyAt ?? 10) : null;
    // A machine whose clock is behind the demo's year gets the requests that have happened.
    if ((replyOn ?? receivedOn) > today) continue;
    const input = applicantInput(spec);
    const deptId = spec.dept ? people.departments[spec.dept].id : undefined;
    let id: string;
    let number: string;
    if (spec.channel === "online") {
      const submitted = must(await submitOnlineApplication(input, meta, at(receivedOn, 9)), "submit");
      id = (await db().disclosureRequest.findUniqueOrThrow({ where: { trackingCodeHash: trackingCodeHash(submitted.trackingCode) }, select: { id: true } })).id;
      ids.push(id);
      if (spec.open === "awaiting_confirmation") continue;
      number = must(await confirmApplication(people.office, id, at(receivedOn, 10)), "confirm").number;
      if (deptId) must(await assignRequest(people.office, id, deptId), "assign");
    } else {
      const dateField = spec.channel === "in_person" ? "submittedOn" : spec.channel === "registered_mail" ? "signedForOn" : "confirmedOn";
      const registered = must(await registerRequest(people.office, { ...input, channel: spec.channel, [dateField]: receivedOn, departmentId: deptId }, at(receivedOn, 10)), "register");
      id = registered.id;
      number = registered.number;
      ids.push(id);
    }
    for (const action of stepActions(spec.steps ?? [], day)) await recordStep(people, id, action, day);
    if (replyOn) {
      await reply(people, spec, id, replyOn, "delivered");
      if (spec.appeal) await recordAppeal(people.office, number, spec.appeal, replyOn);
    } else if (spec.open === "awaiting_approval" || spec.open === "awaiting_delivery") {
      const ago = typeof spec.received === "string" ? 1 : spec.received.ago;
      await reply(people, spec, id, day(Math.max(ago - 1, 0)), spec.open === "awaiting_approval" ? "drafted" : "approved");
    }
  }
  return ids;
}
