import { beforeAll, describe, expect, test } from "vitest";
import { bundledCalendar } from "@/lib/domain/work-calendar";
import type { Role } from "@/lib/domain/roles";
import { assignRequest, confirmApplication, registerRequest, submitOnlineApplication, trackRequest } from "@/lib/server/requests/intake";
import { recordClockEvent } from "@/lib/server/requests/events";
import { approveReply, deliverReply, draftReply, returnReply } from "@/lib/server/requests/reply";
import { getRequestForStaff, listRequestQueue } from "@/lib/server/requests/views";
import { db } from "@/lib/server/platform/db";
import { seedBureau, type Bureau } from "../support/bureau";
import { applicationInput, at, deniedAudits, must, requestRow, seedRequest, walkIn } from "../support/requests";

/** The whole life of a request through the real use cases, its clock checked at each step. */

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});

const meta = { ip: "203.0.113.9", userAgent: "test" };
const clockAt = async (id: string, date: string) => {
  const view = must(await getRequestForStaff(b.people.office, id, at(date, 18)));
  return { view, clock: view.clock! };
};

describe("the life of an online request", () => {
  test("submit → confirm → 补正 → consultation → extension → draft → approve → deliver", async () => {
    const submitted = must(await submitOnlineApplication(applicationInput(), meta, at("2026-03-01")));
    expect(submitted.trackingCode).toMatch(/^GK-/);
    const row = await db().disclosureRequest.findFirstOrThrow({ where: { submittedAt: at("2026-03-01"), status: "RECEIVED_ONLINE" }, orderBy: { createdAt: "desc" } });
    const id = row.id;
    expect(row.receivedOn).toBeNull();
    expect((await trackRequest(submitted.trackingCode, at("2026-03-01"))).ok).toBe(false);

    // 收到日 = the day the office confirms (第三十一条第三项)
    const confirmed = must(await confirmApplication(b.people.office, id, at("2026-03-02")));
    expect(confirmed.receivedOn).toBe("2026-03-02");
    expect(confirmed.number).toMatch(/^2026-\d{4}$/);
    expect((await confirmApplication(b.people.office, id, at("2026-03-02"))).ok).toBe(false);
    let { clock } = await clockAt(id, "2026-03-02");
    expect(clock.due).toBe(bundledCalendar.addWorkingDays("2026-03-02", 20));

    must(await assignRequest(b.people.office, id, b.dept.id));
    must(await recordClockEvent(b.people.office, id, { type: "CORRECTION_REQUESTED", on: "2026-03-04", deadline: "2026-03-18" }, at("2026-03-04")));
    expect((await requestRow(id)).status).toBe("CORRECTION_REQUESTED");
    ({ clock } = await clockAt(id, "2026-03-05"));
    expect(clock.due).toBeNull();
    expect(clock.state).toBe("awaiting_correction");
    must(await recordClockEvent(b.people.office, id, { type: "CORRECTION_RECEIVED", on: "2026-03-10" }, at("2026-03-10")));
    // 补正 is 一次性 (第三十条)
    const again = await recordClockEvent(b.people.office, id, { type: "CORRECTION_REQUESTED", on: "2026-03-10", deadline: "2026-03-19" }, at("2026-03-10"));
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining("一次性") });
    ({ clock } = await clockAt(id, "2026-03-10"));
    const afterCorrection = bundledCalendar.addWorkingDays("2026-03-10", 20);
    expect(clock.due).toBe(afterCorrection);

    must(await recordClockEvent(b.people.office, id, { type: "CONSULTATION_STARTED", on: "2026-03-12", party: "third_party", name: "某公司" }, at("2026-03-12")));
    ({ clock } = await clockAt(id, "2026-03-16"));
    expect(clock.paused).toBe(true);
    const consultationId = clock.consultations[0].id;
    must(await recordClockEvent(b.people.office, id, { type: "CONSULTATION_ENDED", on: "2026-03-19", id: consultationId }, at("2026-03-19")));
    ({ clock } = await clockAt(id, "2026-03-19"));
    expect(clock.paused).toBe(false);
    // 2026-03-13, 16, 17, 18, 19: five working days of consultation not counted
    expect(bundledCalendar.workingDaysBetween(afterCorrection, clock.due!)).toBe(5);
    const beforeExtension = clock.due!;

    // a liaison may not record clock events; an extension needs the approver; at most 20 days
    expect((await recordClockEvent(b.people.liaison, id, { type: "EXTENDED", on: "2026-03-20", days: 10, approver: "王主任" }, at("2026-03-20"))).ok).toBe(false);
    expect(await recordClockEvent(b.people.office, id, { type: "EXTENDED", on: "2026-03-20", days: 10, approver: "" }, at("2026-03-20"))).toMatchObject({
      ok: false,
      message: expect.stringContaining("负责人同意"),
    });
    expect(await recordClockEvent(b.people.office, id, { type: "EXTENDED", on: "2026-03-20", days: 21, approver: "王主任" }, at("2026-03-20"))).toMatchObject({
      ok: false,
      message: expect.stringContaining("不得超过20个工作日"),
    });
    must(await recordClockEvent(b.people.office, id, { type: "EXTENDED", on: "2026-03-20", days: 15, approver: "王主任" }, at("2026-03-20")));
    ({ clock } = await clockAt(id, "2026-03-20"));
    expect(bundledCalendar.workingDaysBetween(beforeExtension, clock.due!)).toBe(15);
    expect(clock.extension).toMatchObject({ days: 15, approver: "王主任" });
    expect(await recordClockEvent(b.people.office, id, { type: "EXTENDED", on: "2026-03-23", days: 5, approver: "王主任" }, at("2026-03-23"))).toMatchObject({
      ok: false,
      message: "答复期限只能延长一次。",
    });

    // drafted by the department's liaison; the other department's liaison cannot
    expect((await draftReply(b.people.otherLiaison, id, { outcome: "granted" }, at("2026-03-25"))).ok).toBe(false);
    must(await draftReply(b.people.liaison, id, { outcome: "granted", body: "经审查，予以公开。" }, at("2026-03-25")));
    expect((await requestRow(id)).status).toBe("REPLY_DRAFTED");
    // maker–checker: the liaison has no approving role; the head approves
    expect((await approveReply(b.people.liaison, id, at("2026-03-26"))).ok).toBe(false);
    const approved = must(await approveReply(b.people.head, id, at("2026-03-26")));
    expect(approved.replyNumber).toMatch(/^〔2026〕第\d+号$/);

    // delivered: the day it was handed over, not today's date nor a future one
    expect((await deliverReply(b.people.office, id, "2026-04-30", at("2026-03-27"))).ok).toBe(false);
    const closed = must(await deliverReply(b.people.office, id, "2026-03-27", at("2026-03-27")));
    expect(closed).toEqual({ outcome: "granted", closedOn: "2026-03-27", replyNumber: approved.replyNumber });
    const final = await requestRow(id);
    expect(final).toMatchObject({ status: "CLOSED", outcome: "granted", replyNumber: approved.replyNumber });
    ({ clock } = await clockAt(id, "2026-03-30"));
    expect(clock.repliedOn).toBe("2026-03-27");
    expect(clock.state).toBe("replied_on_time");

    const tracked = must(await trackRequest(submitted.trackingCode.toLowerCase(), at("2026-03-30")));
    expect(tracked).toMatchObject({ status: "CLOSED", receivedOn: "2026-03-02", closedOn: "2026-03-27" });
    expect(JSON.stringify(tracked)).not.toContain("张");
  });

  test("the drafter cannot approve their own reply, even holding an approving role", async () => {
    const both = await b.user("liaisonHead", ["LIAISON", "DEPT_HEAD"] as Role[]);
    const r = await seedRequest(b, "IN_PROGRESS");
    must(await draftReply(both, r.id, { outcome: "granted" }, at("2026-03-03")));
    expect(await approveReply(both, r.id, at("2026-03-03"))).toMatchObject({ ok: false, message: "不能审核本人起草的答复。" });
    expect(await deniedAudits(r.id, "request.reply.approve")).toBe(1);
    expect((await returnReply(b.people.head, r.id, "请补充法律依据", at("2026-03-04"))).ok).toBe(true);
    expect((await requestRow(r.id)).status).toBe("IN_PROGRESS");
  });

  test("a lapsed 补正 offers 其他处理-1 and nothing else while waiting", async () => {
    const r = await seedRequest(b, "IN_PROGRESS");
    must(await recordClockEvent(b.people.office, r.id, { type: "CORRECTION_REQUESTED", on: "2026-03-03", deadline: "2026-03-10" }, at("2026-03-03")));
    expect((await draftReply(b.people.liaison, r.id, { outcome: "other_1_no_correction" }, at("2026-03-09"))).ok).toBe(false);
    expect((await draftReply(b.people.liaison, r.id, { outcome: "granted" }, at("2026-03-12"))).ok).toBe(false);
    must(await draftReply(b.people.liaison, r.id, { outcome: "other_1_no_correction" }, at("2026-03-12")));
  });
});

describe("staff registration", () => {
  test("a registered letter counts from its 签收日, a walk-in from that day; no 收到日 in the future", async () => {
    const letter = must(
      await registerRequest(b.people.office, applicationInput({ channel: "registered_mail", submittedOn: "2026-05-06", signedForOn: "2026-05-08" }), at("2026-05-11")),
    );
    expect(letter.receivedOn).toBe("2026-05-08");
    const visit = must(await registerRequest(b.people.office, walkIn("2026-05-11", { deliveryForm: "paper", deliveryMethod: "pickup" }), at("2026-05-11")));
    expect(visit.receivedOn).toBe("2026-05-11");
    expect(visit.number).not.toBe(letter.number);
    const future = await registerRequest(b.people.office, walkIn("2026-05-12"), at("2026-05-11"));
    expect(future).toMatchObject({ ok: false, error: "invalid" });
    expect((await registerRequest(b.people.liaison, walkIn("2026-05-11"), at("2026-05-11"))).ok).toBe(false);
    const badId = await registerRequest(b.people.office, walkIn("2026-05-11", { idNumber: "220202198506151230" }), at("2026-05-11"));
    expect(badId).toMatchObject({ ok: false, fieldErrors: { idNumber: [expect.stringContaining("身份证")] } });
  });
});

describe("scope and personal data", () => {
  test("another department's staff get not-found, audited; the 分管领导 sees it masked", async () => {
    const r = await seedRequest(b, "IN_PROGRESS");
    expect(await getRequestForStaff(b.people.otherLiaison, r.id)).toMatchObject({ ok: false, error: "not_found" });
    expect(await deniedAudits(r.id, "request.view")).toBe(1);
    expect((await recordClockEvent(b.people.otherLiaison, r.id, { type: "CORRECTION_RECEIVED", on: "2026-03-03" })).ok).toBe(false);
    // decideRequest lets any 处室负责人 approve; only the scope keeps another department's head out
    const drafted = await seedRequest(b, "REPLY_DRAFTED");
    expect(await approveReply(b.people.otherHead, drafted.id, at("2026-03-03"))).toMatchObject({ ok: false, error: "not_found" });
    expect(await deniedAudits(drafted.id, "request.reply.approve")).toBe(1);
    const masked = must(await getRequestForStaff(b.people.leader, r.id, at("2026-03-03")));
    expect(masked.applicant.clear).toBe(false);
    expect(masked.applicant.name).toBe("张**");
    expect(masked.applicant.idNumber).toMatch(/^2202\*{10}\d{3}[\dX]$/);
    const clear = must(await getRequestForStaff(b.people.liaison, r.id, at("2026-03-03")));
    expect(clear.applicant).toMatchObject({ clear: true, name: "张三丰", phone: "13912345678" });
    expect(clear.applicant.idNumber).toMatch(/^\d{17}[\dX]$/);
  });

  test("the table holds no plain ID number, name or phone", async () => {
    const input = applicationInput({ name: "李四光", phone: "13800001111" });
    const r = must(await registerRequest(b.people.office, { ...input, channel: "in_person", submittedOn: "2026-03-02" }, at("2026-03-02")));
    const [raw] = await db().$queryRaw<{ row: string }[]>`SELECT r::text AS row FROM "DisclosureRequest" r WHERE r."id" = ${r.id}`;
    expect(raw.row).not.toContain(input.idNumber as string);
    expect(raw.row).not.toContain(input.idNumber.slice(4, 14));
    expect(raw.row).not.toContain("李四光");
    expect(raw.row).not.toContain("13800001111");
    const events = await db().$queryRaw<{ row: string }[]>`SELECT e::text AS row FROM "RequestEvent" e WHERE e."requestId" = ${r.id}`;
    for (const e of events) expect(e.row).not.toContain(input.idNumber as string);
  });

  test("tracking answers alike for an unknown code and an unconfirmed one, and shows no personal data", async () => {
    const submitted = must(await submitOnlineApplication(applicationInput(), meta, at("2026-03-01")));
    const unknown = await trackRequest("GK-0000-0000-0000-0000-0", at("2026-03-01"));
    const unconfirmed = await trackRequest(submitted.trackingCode, at("2026-03-01"));
    expect(unconfirmed).toEqual(unknown);
    expect(unknown).toMatchObject({ ok: false, error: "not_found" });
    expect((await trackRequest("GK-0000-0000-0000-0000-1")).ok).toBe(false);
    expect((await trackRequest("x".repeat(10_000))).ok).toBe(false);
  });
});

describe("work queue", () => {
  test("the department's queue holds its requests, flagged and sorted by due date", async () => {
    const older = await seedRequest(b, "IN_PROGRESS", "2026-04-01");
    const newer = await seedRequest(b, "IN_PROGRESS", "2026-04-20");
    const queue = must(await listRequestQueue(b.people.liaison, at("2026-04-27")));
    const ids = queue.map((q) => q.id);
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
    const o = queue.find((q) => q.id === older.id)!;
    expect(o.dueSoon).toBe(true);
    expect(o.overdue).toBe(false);
    const late = must(await listRequestQueue(b.people.office, at("2026-05-20"))).find((q) => q.id === older.id)!;
    expect(late.overdue).toBe(true);
    expect(must(await listRequestQueue(b.people.otherLiaison, at("2026-04-27"))).map((q) => q.id)).not.toContain(older.id);
    expect(queue.every((q) => !q.applicantName.includes("三丰"))).toBe(true);
  });
});

describe("无法提供-3 (补正后申请内容仍不明确) rests on a 补正 received (第三十条)", () => {
  const unclear = { outcome: "unable_3_unclear", body: "补正后申请内容仍不明确。" };

  test("with no 补正 asked for, it is refused in Chinese and nothing changes", async () => {
    const r = await seedRequest(b, "IN_PROGRESS", "2026-03-02");
    const result = await draftReply(b.people.liaison, r.id, unclear, at("2026-03-05"));
    expect(result).toMatchObject({ ok: false, fieldErrors: { outcome: [expect.stringContaining("第三十条")] } });
    expect((await requestRow(r.id)).status).toBe("IN_PROGRESS");
  });

  test("after a 补正 was asked for and received, it may be drafted", async () => {
    const r = await seedRequest(b, "IN_PROGRESS", "2026-03-02");
    must(await recordClockEvent(b.people.office, r.id, { type: "CORRECTION_REQUESTED", on: "2026-03-03", deadline: "2026-03-17" }, at("2026-03-03")));
    expect(await draftReply(b.people.liaison, r.id, unclear, at("2026-03-05"))).toMatchObject({ ok: false });
    must(await recordClockEvent(b.people.office, r.id, { type: "CORRECTION_RECEIVED", on: "2026-03-06" }, at("2026-03-06")));
    must(await draftReply(b.people.liaison, r.id, unclear, at("2026-03-09")));
    expect((await requestRow(r.id)).status).toBe("REPLY_DRAFTED");
  });
});

describe("第三十五条 deadline", () => {
  test("at most a year after today: later is refused on its field in Chinese; a year exactly is accepted", async () => {
    const r = await seedRequest(b, "IN_PROGRESS", "2026-03-02");
    const custom = (due: string) => ({ type: "CUSTOM_DEADLINE", on: "2026-03-04", due, reason: "申请数量明显超过合理范围" });
    const far = await recordClockEvent(b.people.office, r.id, custom("2027-03-05"), at("2026-03-04"));
    expect(far).toMatchObject({ ok: false, fieldErrors: { due: [expect.stringContaining("2027-03-04")] } });
    expect(await db().requestEvent.count({ where: { requestId: r.id, kind: "CUSTOM_DEADLINE" } })).toBe(0);
    must(await recordClockEvent(b.people.office, r.id, custom("2027-03-04"), at("2026-03-04")));
  });
});
