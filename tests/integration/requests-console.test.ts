import { beforeAll, describe, expect, test } from "vitest";
import { recordClockEvent } from "@/lib/server/requests/events";
import { assignRequest, registerRequest } from "@/lib/server/requests/intake";
import { approveReply, deliverReply, draftReply } from "@/lib/server/requests/reply";
import { allowedRequestActions, getRequestForStaff, listClosedRequests, listRequestQueue, shortDescription } from "@/lib/server/requests/views";
import { db } from "@/lib/server/platform/db";
import { seedBureau, type Bureau } from "../support/bureau";
import { at, must, requestRow, seedRequest, walkIn } from "../support/requests";

/** What the request console adds on the server: page actions, the closed list, delivery details. */

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});

const view = async (actor: Bureau["people"][keyof Bureau["people"]], id: string, date = "2026-03-20") => must(await getRequestForStaff(actor, id, at(date, 18)));

describe("the actions a request page offers", () => {
  test("by role and status, as decideRequest and the assignment rule say", async () => {
    const r = await seedRequest(b, "IN_PROGRESS");
    const open = await view(b.people.office, r.id);
    expect(allowedRequestActions(b.people.office, open).sort()).toEqual(["assign", "clock_event", "draft_reply", "request_correction"]);
    expect(allowedRequestActions(b.people.liaison, open)).toEqual(["draft_reply"]);
    expect(allowedRequestActions(b.people.otherLiaison, open)).toEqual([]);
    expect(allowedRequestActions(b.people.head, open)).toEqual([]);

    must(await draftReply(b.people.liaison, r.id, { outcome: "granted", fields: { templateKey: "granted", 信息名称: "名单", 提供方式: "邮寄" } }, at("2026-03-03")));
    const drafted = await view(b.people.head, r.id);
    expect(allowedRequestActions(b.people.head, drafted).sort()).toEqual(["approve_reply", "return_reply"]);
    expect(allowedRequestActions(b.people.leader, drafted).sort()).toEqual(["approve_reply", "return_reply"]);
    expect(allowedRequestActions(b.people.liaison, drafted)).toEqual([]);
    expect(allowedRequestActions(b.people.office, drafted)).toEqual([]);

    must(await approveReply(b.people.head, r.id, at("2026-03-04")));
    const approved = await view(b.people.office, r.id);
    expect(allowedRequestActions(b.people.office, approved)).toEqual(["deliver_reply"]);
  });

  test("the drafter is not offered approval of their own reply, even holding the reviewer's role", async () => {
    const r = await seedRequest(b, "IN_PROGRESS");
    const both = await b.user(`liaison-head-${Date.now()}`, ["LIAISON", "DEPT_HEAD"]);
    must(await draftReply(both, r.id, { outcome: "granted" }, at("2026-03-03")));
    const drafted = await view(both, r.id);
    expect(allowedRequestActions(both, drafted)).toEqual([]);
    expect(allowedRequestActions(b.people.head, drafted)).toContain("approve_reply");
  });

  test("a 补正 awaited: the office may record its receipt, not another 补正告知", async () => {
    const r = await seedRequest(b, "IN_PROGRESS");
    must(await recordClockEvent(b.people.office, r.id, { type: "CORRECTION_REQUESTED", on: "2026-03-03", deadline: "2026-03-13" }, at("2026-03-03")));
    const waiting = await view(b.people.office, r.id, "2026-03-04");
    const allowed = allowedRequestActions(b.people.office, waiting);
    expect(allowed).toContain("receive_correction");
    expect(allowed).not.toContain("request_correction");
    expect(allowed).not.toContain("clock_event");
  });
});

describe("clock events carry what their notices print", () => {
  test("补正事项 and 延期理由 are kept in the event and the notice's fields", async () => {
    const r = await seedRequest(b, "IN_PROGRESS");
    must(await recordClockEvent(b.people.office, r.id, { type: "CORRECTION_REQUESTED", on: "2026-03-03", deadline: "2026-03-13", 补正事项: "请写明文号\n请写明年份" }, at("2026-03-03")));
    must(await recordClockEvent(b.people.office, r.id, { type: "CORRECTION_RECEIVED", on: "2026-03-05" }, at("2026-03-05")));
    must(await recordClockEvent(b.people.office, r.id, { type: "EXTENDED", on: "2026-03-20", days: 10, approver: "郑主任", 延期理由: "需调取档案" }, at("2026-03-20")));
    const events = await db().requestEvent.findMany({ where: { requestId: r.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.kind)).toEqual(["RECEIVED", "CORRECTION_REQUESTED", "CORRECTION_RECEIVED", "EXTENDED"]);
    expect(events[1].data).toMatchObject({ deadline: "2026-03-13", 补正事项: "请写明文号\n请写明年份" });
    expect(events[3].data).toMatchObject({ days: 10, approver: "郑主任", 延期理由: "需调取档案" });
    const notices = await db().requestDocument.findMany({ where: { requestId: r.id, kind: { in: ["CORRECTION_NOTICE", "EXTENSION_NOTICE"] } }, orderBy: { createdAt: "asc" } });
    expect(notices.map((n) => n.fields)).toEqual([
      expect.objectContaining({ 补正事项: "请写明文号\n请写明年份" }),
      expect.objectContaining({ 延期理由: "需调取档案" }),
    ]);
    const v = await view(b.people.office, r.id);
    expect(v.clock?.explanation.map((s) => s.kind)).toContain("restart");
  });

  test("补正事项 over 2000 characters is refused in Chinese", async () => {
    const r = await seedRequest(b, "IN_PROGRESS");
    const result = await recordClockEvent(b.people.office, r.id, { type: "CORRECTION_REQUESTED", on: "2026-03-03", deadline: "2026-03-13", 补正事项: "补".repeat(2001) }, at("2026-03-03"));
    expect(result).toMatchObject({ ok: false, fieldErrors: { 补正事项: ["补正事项不能超过 2000 个字"] } });
  });
});

describe("delivery", () => {
  test("a day before the approval is refused; the way it was delivered is kept", async () => {
    const r = await seedRequest(b, "IN_PROGRESS", "2026-03-02");
    must(await draftReply(b.people.liaison, r.id, { outcome: "granted" }, at("2026-03-05")));
    must(await approveReply(b.people.head, r.id, at("2026-03-09")));
    const early = await deliverReply(b.people.office, r.id, "2026-03-06", at("2026-03-10"), "post");
    expect(early).toMatchObject({ ok: false, fieldErrors: { deliveredOn: [expect.stringContaining("不能早于答复审核同意之日")] } });
    expect((await requestRow(r.id)).status).toBe("REPLY_APPROVED");
    const badWay = await deliverReply(b.people.office, r.id, "2026-03-09", at("2026-03-10"), "pigeon");
    expect(badWay).toMatchObject({ ok: false, fieldErrors: { method: ["请选择送达方式"] } });
    must(await deliverReply(b.people.office, r.id, "2026-03-09", at("2026-03-10"), "post"));
    const replied = await db().requestEvent.findFirstOrThrow({ where: { requestId: r.id, kind: "REPLIED" } });
    expect(replied.data).toMatchObject({ method: "post" });
    expect((await requestRow(r.id)).closedOn?.toISOString().slice(0, 10)).toBe("2026-03-09");
  });

  test("on the day of approval it is accepted", async () => {
    const r = await seedRequest(b, "REPLY_APPROVED", "2026-03-02");
    must(await deliverReply(b.people.office, r.id, "2026-03-02", at("2026-03-02", 18), "in_person"));
    expect((await requestRow(r.id)).status).toBe("CLOSED");
  });
});

describe("queues", () => {
  test("the open queue gives a short description and the 征求意见中 flag", async () => {
    const long = `关于${"科技计划项目".repeat(20)}的信息`;
    const r = must(await registerRequest(b.people.office, walkIn("2026-03-02", { description: long }), at("2026-03-02")));
    must(await assignRequest(b.people.office, r.id, b.dept.id));
    must(await recordClockEvent(b.people.office, r.id, { type: "CONSULTATION_STARTED", on: "2026-03-03", party: "agency", name: "市财政局" }, at("2026-03-03")));
    const rows = must(await listRequestQueue(b.people.liaison, at("2026-03-04")));
    const row = rows.find((x) => x.id === r.id)!;
    expect(row.description).toBe(shortDescription(long));
    expect([...row.description]).toHaveLength(41);
    expect(row.description.endsWith("…")).toBe(true);
    expect(row.consulting).toBe(true);
    expect(row.paused).toBe(true);
  });

  test("已办结 lists the closed requests of one's scope only", async () => {
    const r = await seedRequest(b, "CLOSED", "2026-03-02");
    const mine = must(await listClosedRequests(b.people.liaison));
    expect(mine.find((x) => x.id === r.id)).toMatchObject({ outcome: "granted", closedOn: "2026-03-02", replyNumber: expect.stringMatching(/^〔2026〕第\d+号$/) });
    expect(mine.find((x) => x.id === r.id)?.applicantName).toMatch(/^张\*+$/);
    expect(must(await listClosedRequests(b.people.otherLiaison)).some((x) => x.id === r.id)).toBe(false);
    expect(must(await listClosedRequests(b.people.leader)).some((x) => x.id === r.id)).toBe(true);
    expect(must(await listClosedRequests(b.people.otherLeader)).some((x) => x.id === r.id)).toBe(false);
    expect((await listClosedRequests(b.people.sysadmin)).ok).toBe(false);
  });
});

describe("registration from the console form", () => {
  test("暂不分办 (an empty 承办处室) registers an unassigned request, not a broken reference", async () => {
    const r = must(await registerRequest(b.people.office, walkIn("2026-03-02", { departmentId: "", idCopyFileId: "" }), at("2026-03-02")));
    const row = await requestRow(r.id);
    expect(row).toMatchObject({ status: "REGISTERED", assignedDepartmentId: null, idCopyFileId: null });
  });
});

describe("站点设置 → 答复期限起算方式 (the bureau may count from the day of receipt)", () => {
  test("same_day moves every open request's due date one working day earlier and says why; next_day is the default", async () => {
    // Received Monday 2026-03-02: next-day counting gives day 1 = Tue 03-03 and day 20 = Mon 03-30.
    const r = must(await registerRequest(b.people.office, walkIn("2026-03-02"), at("2026-03-02")));
    const before = await view(b.people.office, r.id, "2026-03-04");
    expect(before.clock!.due).toBe("2026-03-30");
    try {
      await db().siteSetting.upsert({ where: { key: "requests.dayOne" }, create: { key: "requests.dayOne", value: "same_day" }, update: { value: "same_day" } });
      const after = await view(b.people.office, r.id, "2026-03-04");
      expect(after.clock!.due).toBe("2026-03-27");
      expect(after.clock!.explanation.map((s) => s.text).join("\n")).toContain("按本机关规定，起算日当日为工作日的计入期限：第1个工作日为2026年3月2日");
      const queued = must(await listRequestQueue(b.people.office, at("2026-03-04", 18))).find((q) => q.id === r.id)!;
      expect(queued.due).toBe("2026-03-27");
    } finally {
      await db().siteSetting.deleteMany({ where: { key: "requests.dayOne" } });
    }
  });
});
