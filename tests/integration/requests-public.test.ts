import { randomUUID } from "node:crypto";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { beforeAll, describe, expect, test } from "vitest";
import { DESCRIPTION_MAX } from "@/lib/domain/requests/application-schema";
import type { ApplyState } from "@/lib/domain/requests/public-application";
import { createChallenge, verifyAndSpendChallenge } from "@/lib/server/platform/challenge";
import { trackingCodeHash } from "@/lib/server/platform/crypto";
import { db } from "@/lib/server/platform/db";
import { consumeRateLimit, RATE_LIMITS, type RateLimitPolicy } from "@/lib/server/platform/rate-limit";
import { idCopyOf } from "@/lib/server/requests/id-copy";
import { assignRequest, confirmApplication, NOT_TRACKABLE, registerRequest } from "@/lib/server/requests/intake";
import { applyOnline, trackPublic, type ApplicationForm } from "@/lib/server/requests/public";
import { POST as downloadReply } from "@/app/(public)/track/reply/route";
import { seedBureau, type Bureau } from "../support/bureau";
import { approveReply, deliverReply, draftReply } from "@/lib/server/requests/reply";
import { applicationInput, at, must, walkIn } from "../support/requests";
import { sampleExe, samplePng } from "../support/sample-files";

/** The public side of 依申请公开 against a real PostgreSQL: rate limits, the challenge, the application. */

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});

/** A fresh client address per test, so budgets never leak between tests. */
const address = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 8)}`;
const metaOf = (ip: string) => ({ ip, userAgent: "test" });
const policy = (points: number, seconds: number): RateLimitPolicy => ({ name: `test-${randomUUID()}`, windows: [{ points, seconds }] });

const form = (over: Partial<ApplicationForm> & { values?: Record<string, unknown> } = {}): ApplicationForm => ({
  values: Object.fromEntries(Object.entries({ ...applicationInput(), ...over.values }).map(([k, v]) => [k, String(v)])),
  idCopy: over.idCopy ?? null,
  challenge: over.challenge ?? null,
});
const file = (name: string, bytes: Uint8Array) => ({ name, size: bytes.length, bytes: async () => bytes });

function received(state: ApplyState) {
  if (state.status !== "received") throw new Error(`not received: ${JSON.stringify(state).slice(0, 300)}`);
  return state.receipt;
}
function editing(state: ApplyState) {
  if (state.status !== "editing") throw new Error("unexpectedly received");
  return state;
}

async function solvedPayload(now = new Date()): Promise<string> {
  const challenge = await createChallenge(now);
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("could not solve");
  return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
}

describe("rate limits in PostgreSQL", () => {
  test("the limit reached is refused with when to try again; another address has its own budget", async () => {
    const p = policy(3, 60);
    for (let i = 1; i <= 3; i++) expect(await consumeRateLimit(p, "a")).toEqual({ ok: true, consumed: i });
    const refused = await consumeRateLimit(p, "a");
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(refused.message).toMatch(/请 \d+ (秒|分钟)后再试/);
    }
    expect((await consumeRateLimit(p, "b")).ok).toBe(true);
  });

  test("once the window has passed the address is allowed again", async () => {
    const p = policy(2, 1);
    await consumeRateLimit(p, "a");
    await consumeRateLimit(p, "a");
    expect((await consumeRateLimit(p, "a")).ok).toBe(false);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await consumeRateLimit(p, "a")).toEqual({ ok: true, consumed: 1 });
  });

  test("concurrent hits never exceed the limit", async () => {
    const p = policy(5, 60);
    const results = await Promise.all(Array.from({ length: 24 }, () => consumeRateLimit(p, "burst")));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
  });

  test("every window of a policy holds: 10 a minute and 100 a day for /track", async () => {
    const ip = address();
    for (let i = 0; i < 10; i++) expect((await trackPublic("GK-0000-0000-0000-0000-0", metaOf(ip))).status).toBe("refused");
    const eleventh = await trackPublic("GK-0000-0000-0000-0000-0", metaOf(ip));
    expect(eleventh).toMatchObject({ status: "refused", message: expect.stringMatching(/操作过于频繁/) });
    expect(RATE_LIMITS.track.windows).toEqual([{ points: 10, seconds: 60 }, { points: 100, seconds: 86_400 }]);
  });
});

describe("the challenge from the third application in a day", () => {
  test("two applications pass without it; the third is held until a valid, unspent solution comes", async () => {
    const ip = address();
    received(await applyOnline(form(), metaOf(ip)));
    const second = await applyOnline(form(), metaOf(ip));
    // The receipt tells the page to show the widget for the next one straight away.
    expect(second).toMatchObject({ status: "received", challenge: true });

    const before = await db().disclosureRequest.count();
    const missing = editing(await applyOnline(form(), metaOf(ip)));
    expect(missing).toMatchObject({ challenge: true, fieldErrors: { altcha: [expect.stringContaining("人机验证")] } });
    // What was typed comes back.
    expect(missing.values?.description).toBe(applicationInput().description);

    const garbage = editing(await applyOnline(form({ challenge: "bm90IGpzb24=" }), metaOf(ip)));
    expect(garbage.fieldErrors?.altcha?.[0]).toContain("未通过");

    const good = await solvedPayload();
    const parsed = JSON.parse(Buffer.from(good, "base64").toString());
    parsed.challenge.parameters.cost = 1; // tampered parameters: the signature no longer matches
    const tampered = editing(await applyOnline(form({ challenge: Buffer.from(JSON.stringify(parsed)).toString("base64") }), metaOf(ip)));
    expect(tampered.fieldErrors?.altcha?.[0]).toContain("未通过");

    const expired = editing(await applyOnline(form({ challenge: await solvedPayload(new Date(Date.now() - 3_600_000)) }), metaOf(ip)));
    expect(expired.fieldErrors?.altcha?.[0]).toContain("过期");
    expect(await db().disclosureRequest.count()).toBe(before);

    received(await applyOnline(form({ challenge: good }), metaOf(ip)));
    const replayed = editing(await applyOnline(form({ challenge: good }), metaOf(ip)));
    expect(replayed.fieldErrors?.altcha?.[0]).toContain("已经使用过");
    expect(await db().disclosureRequest.count()).toBe(before + 1);
  });

  test("one solution sent twice at once is spent once", async () => {
    const payload = await solvedPayload();
    const results = await Promise.all([verifyAndSpendChallenge(payload), verifyAndSpendChallenge(payload)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ reason: "replayed" });
  });

  test("a refused challenge does not use up the day's budget", async () => {
    const ip = address();
    received(await applyOnline(form(), metaOf(ip)));
    received(await applyOnline(form(), metaOf(ip)));
    for (let i = 0; i < 3; i++) editing(await applyOnline(form(), metaOf(ip)));
    const counter = await db().rateLimit.findUniqueOrThrow({ where: { key: `${RATE_LIMITS.applySubmitted.name}:86400:${ip}` } });
    expect(counter.points).toBe(2);
    received(await applyOnline(form({ challenge: await solvedPayload() }), metaOf(ip)));
  });
});

describe("an online application", () => {
  test("is stored unconfirmed with its personal data sealed, and the receipt masks the ID number", async () => {
    const ip = address();
    const input = applicationInput();
    const receipt = received(await applyOnline(form({ values: input, idCopy: file("身份证.png", samplePng()) }), metaOf(ip)));
    expect(receipt.trackingCode).toMatch(/^GK-[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-.$/);
    expect(receipt.receiptRule).toContain("以双方确认之日为收到申请之日");
    expect(receipt.summary.idNumber).not.toBe(input.idNumber);
    expect(receipt.summary.idNumber).toBe(`${input.idNumber.slice(0, 4)}**********${input.idNumber.slice(-4)}`);
    expect(JSON.stringify(receipt)).not.toContain(input.idNumber);
    expect(receipt.summary.idCopy).toBe(true);

    const row = await db().disclosureRequest.findUniqueOrThrow({ where: { trackingCodeHash: trackingCodeHash(receipt.trackingCode) }, include: { idCopy: true } });
    expect(row).toMatchObject({ status: "RECEIVED_ONLINE", channel: "online", receivedOn: null, number: null });
    expect(row.personalData).toMatch(/^v1\./);
    for (const secret of [input.idNumber, input.phone, input.email, input.address]) expect(JSON.stringify(row)).not.toContain(secret);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: row.id, action: "request.submit" } });
    expect(audit).toMatchObject({ actorName: "公众", ip, result: "SUCCESS" });

    // The ID copy: sealed at rest, opened for the staff handling the request only.
    expect(row.idCopy).toMatchObject({ mimeType: "image/png", size: samplePng().length });
    expect(Buffer.from(row.idCopy!.sealed).includes(Buffer.from(samplePng().subarray(0, 8)))).toBe(false);
    const opened = must(await idCopyOf(b.people.office, row.id));
    expect(opened && Buffer.compare(opened.bytes, Buffer.from(samplePng()))).toBe(0);
    expect(opened?.mimeType).toBe("image/png");
    expect(await db().auditEvent.count({ where: { entityId: row.id, action: "request.view", result: "SUCCESS" } })).toBe(1);
    // Before assignment a 处室's liaison cannot see the request at all.
    expect(await idCopyOf(b.people.liaison, row.id)).toMatchObject({ ok: false, error: "not_found" });
    // Assigned: the 处室's liaison handles it and may open it; its 分管领导 sees the request but not the copy.
    must(await confirmApplication(b.people.office, row.id));
    must(await assignRequest(b.people.office, row.id, b.dept.id));
    expect(must(await idCopyOf(b.people.liaison, row.id))?.mimeType).toBe("image/png");
    expect(await idCopyOf(b.people.leader, row.id)).toMatchObject({ ok: false, error: "forbidden" });
    expect(await db().auditEvent.count({ where: { entityId: row.id, action: "request.view", result: "DENIED" } })).toBe(2);
  });

  test("an ID copy that is not an image or PDF, or too large, is refused on its field with everything else kept", async () => {
    const ip = address();
    const exe = editing(await applyOnline(form({ idCopy: file("身份证.jpg", sampleExe()) }), metaOf(ip)));
    expect(exe.fieldErrors?.idCopy?.[0]).toMatch(/可执行程序|不符/);
    expect(exe.values?.name).toBe(applicationInput().name);
    const docLike = editing(await applyOnline(form({ idCopy: file("身份证.zip", new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)])) }), metaOf(ip)));
    expect(docLike.fieldErrors?.idCopy?.[0]).toContain("只能是");
    const big = editing(await applyOnline(form({ idCopy: { name: "大.png", size: 6 * 1024 * 1024, bytes: async () => new Uint8Array(0) } }), metaOf(ip)));
    expect(big.fieldErrors?.idCopy?.[0]).toContain("5 MB");
  });

  test("a bad 身份证 check digit and a 10 MB description are refused on their fields", async () => {
    const ip = address();
    const good = applicationInput();
    const wrongCheck = good.idNumber.slice(0, 17) + (good.idNumber[17] === "1" ? "2" : "1");
    const state = editing(await applyOnline(form({ values: { idNumber: wrongCheck, description: "情".repeat(10 * 1024 * 1024) } }), metaOf(ip)));
    expect(state.fieldErrors?.idNumber?.[0]).toContain("居民身份证号码不正确");
    expect(state.fieldErrors?.description?.[0]).toContain(`不能超过 ${DESCRIPTION_MAX} 个字`);
    expect(state.values?.idNumber).toBe(wrongCheck);
    expect(state.values?.description.length).toBeLessThan(100_000);
  });
});

describe("/track", () => {
  test("a malformed code, a random code and an unconfirmed application get the same answer; a confirmed one shows status and dates only", async () => {
    const ip = address();
    const receipt = received(await applyOnline(form(), metaOf(ip)));
    const answers = await Promise.all(
      ["GK-1234", "GK-0000-0000-0000-0000-0", receipt.trackingCode, receipt.trackingCode.toLowerCase().replace(/-/g, " ")].map((c) => trackPublic(c, metaOf(address()))),
    );
    for (const a of answers) expect(a).toMatchObject({ status: "refused", message: NOT_TRACKABLE });

    const row = await db().disclosureRequest.findUniqueOrThrow({ where: { trackingCodeHash: trackingCodeHash(receipt.trackingCode) } });
    must(await confirmApplication(b.people.office, row.id));
    const found = await trackPublic(`  ${receipt.trackingCode.toLowerCase()} `, metaOf(address()));
    expect(found.status).toBe("found");
    if (found.status === "found") {
      expect(Object.keys(found.answer).sort()).toEqual(["closedOn", "dueOn", "provisional", "receivedOn", "replyReady", "statusLabel"]);
      expect(found.answer).toMatchObject({ statusLabel: "已登记", replyReady: false, closedOn: null });
      expect(found.answer.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe("/track/reply: the delivered 答复书 for the holder of the code", () => {
  const post = (fields: Record<string, string>, origin: string | null = "http://127.0.0.1:3000", withLength = true) => {
    const body = new URLSearchParams(fields).toString();
    return downloadReply(
      new Request("http://127.0.0.1:3000/track/reply", {
        method: "POST",
        headers: {
          host: "127.0.0.1:3000",
          ...(origin ? { origin } : {}),
          ...(withLength ? { "content-length": String(Buffer.byteLength(body)) } : {}),
          "content-type": "application/x-www-form-urlencoded",
        },
        body,
      }),
    );
  };

  /** A walk-in whose granted reply is drafted with the fields its letter needs, then approved and (if asked) delivered. */
  async function replied(deliver: boolean) {
    await db().siteSetting.createMany({ data: [{ key: "letters.reviewAuthority", value: "吉林市人民政府" }], skipDuplicates: true });
    const r = must(await registerRequest(b.people.office, walkIn("2026-03-02"), at("2026-03-02")));
    must(await assignRequest(b.people.office, r.id, b.dept.id));
    const fields = { 信息名称: "2025年度科技计划项目立项名单", 提供方式: "电子邮件发送至您预留的邮箱" };
    must(await draftReply(b.people.liaison, r.id, { outcome: "granted", body: "", fields }, at("2026-03-05")));
    must(await approveReply(b.people.head, r.id, at("2026-03-06")));
    if (deliver) must(await deliverReply(b.people.office, r.id, "2026-03-09", at("2026-03-09")));
    return r;
  }

  test("a closed request offers and serves its reply as PDF and DOCX; anything else is one not-found, refused before a 500", async () => {
    const closed = await replied(true);
    const found = await trackPublic(closed.trackingCode, metaOf(address()));
    expect(found).toMatchObject({ status: "found", answer: { statusLabel: "已办结", replyReady: true } });
    const open = await replied(false);
    expect(await trackPublic(open.trackingCode, metaOf(address()))).toMatchObject({ status: "found", answer: { replyReady: false } });

    const pdf = await post({ code: closed.trackingCode.toLowerCase(), format: "pdf" });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("cache-control")).toContain("no-store");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    const docx = await post({ code: closed.trackingCode, format: "docx" });
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-disposition")).toContain(".docx");

    for (const [fields, status] of [
      [{ code: open.trackingCode, format: "pdf" }, 404],
      [{ code: "GK-0000-0000-0000-0000-0", format: "pdf" }, 404],
      [{ code: "nonsense", format: "pdf" }, 404],
      [{ code: closed.trackingCode, format: "exe" }, 400],
    ] as const) {
      const response = await post(fields);
      expect(response.status).toBe(status);
      expect(await response.text()).toMatch(status === 404 ? NOT_TRACKABLE : /不支持的文件格式/);
    }
    expect((await post({ code: closed.trackingCode, format: "pdf" }, null)).status).toBe(403);
    // A body of unannounced size (chunked) is not read at all.
    expect((await post({ code: closed.trackingCode, format: "pdf" }, undefined, false)).status).toBe(411);
    expect((await post({ code: closed.trackingCode, format: "pdf" }, "https://evil.example")).status).toBe(403);
  });

  test("downloads are rate-limited: 429 with Retry-After and a Chinese message", async () => {
    let last: Response | undefined;
    for (let i = 0; i < RATE_LIMITS.trackDownload.windows[0].points + 1; i++) last = await post({ code: "GK-0000-0000-0000-0000-0", format: "pdf" });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await last!.text()).toContain("操作过于频繁");
  });
});
