import { beforeAll, describe, expect, test, vi } from "vitest";
import type { Actor } from "@/lib/server/platform/actor";
import { db } from "@/lib/server/platform/db";
import { seedBureau, type Bureau } from "../support/bureau";

/**
 * The 台账 upload route (POST /console/requests/import/preview): the permission is checked before
 * the body is read, so no other role can make the server buffer a file. The session is the one
 * thing stood in for (next-auth needs a browser); the permission, the audit and the preview are real.
 */

let signedIn: Actor | null = null;
vi.mock("@/lib/server/platform/auth", () => ({ getActor: async () => signedIn }));
const { POST } = await import("@/app/console/(staff)/requests/import/preview/route");

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});

/** A request whose body records whether anyone started reading it. */
function upload(text: string) {
  const body = { read: false };
  const bytes = new TextEncoder().encode(text);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      body.read = true;
      controller.enqueue(bytes);
      controller.close();
    },
  }, { highWaterMark: 0 });
  const request = new Request("http://localhost:3000/console/requests/import/preview?kind=requests", {
    method: "POST",
    headers: { origin: "http://localhost:3000", host: "localhost:3000", "x-file-name": encodeURIComponent("台账.csv") },
    body: stream,
    duplex: "half",
  } as RequestInit);
  return { request, body };
}

const CSV = "\uFEFF编号,收到日期,申请方式,申请人类型,申请人,申请内容,办理结果,办结日期,承办处室\r\n,2024-05-06,当面,自然人,李四,,,,\r\n";

describe("台账 upload route", () => {
  test("a 联络员 is refused (403, audited) before the body is read", async () => {
    signedIn = b.people.liaison;
    const { request, body } = upload(CSV);
    const response = await POST(request);
    expect(response.status).toBe(403);
    expect((await response.json()).message).toContain("权限");
    expect(body.read).toBe(false);
    expect(await db().auditEvent.count({ where: { actorId: b.people.liaison.id, action: "request.import", result: "DENIED" } })).toBe(1);
  });

  test("no session: 401, the body unread", async () => {
    signedIn = null;
    const { request, body } = upload(CSV);
    expect((await POST(request)).status).toBe(401);
    expect(body.read).toBe(false);
  });

  test("the office gets its preview", async () => {
    signedIn = b.people.office;
    const { request, body } = upload(CSV);
    const response = await POST(request);
    expect(response.status).toBe(200);
    expect(body.read).toBe(true);
    expect(await response.json()).toMatchObject({ rows: 1, errors: [], uploadId: expect.any(String) });
  });
});
