import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/server/platform/actor";
import { trackingCodeHash } from "@/lib/server/platform/crypto";
import { db } from "@/lib/server/platform/db";
import { storeUpload } from "@/lib/server/items/attachments";
import { idCopyDownload } from "@/lib/server/requests/id-copy-http";
import { assignRequest, confirmApplication, registerRequest } from "@/lib/server/requests/intake";
import { applyOnline } from "@/lib/server/requests/public";
import { getRequestForStaff } from "@/lib/server/requests/views";
import { seedBureau, type Bureau } from "../support/bureau";
import { applicationInput, at, must, walkIn } from "../support/requests";
import { samplePdf, samplePng } from "../support/sample-files";
import { siteUrl } from "@/lib/env";

// Staff uploads of this file go to a folder of its own (lib/env.ts reads DATA_DIR on first use).
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "gongkai-id-copy-"));

/**
 * GET /console/requests/{id}/id-copy (idCopyDownload, the route's whole body) against a real
 * PostgreSQL: the 身份证明复印件 for the staff handling the request, a Chinese 404 for everyone
 * else, the login page for the signed-out; and the request page's flag for its link.
 */
let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});

const get = (requestId: string, actor: Actor | null) =>
  idCopyDownload(new Request(`http://127.0.0.1:3000/console/requests/${encodeURIComponent(requestId)}/id-copy`), requestId, async () => actor);

/** An online application with a PNG copy, confirmed (it gets its number) and assigned to the bureau's 处室. */
async function onlineWithCopy() {
  const values = Object.fromEntries(Object.entries(applicationInput()).map(([k, v]) => [k, String(v)]));
  const png = samplePng();
  const state = await applyOnline({ values, idCopy: { name: "身份证.png", size: png.length, bytes: async () => png }, challenge: null }, { ip: `203.0.113.${randomUUID()}`, userAgent: "test" });
  if (state.status !== "received") throw new Error("application refused");
  const row = await db().disclosureRequest.findUniqueOrThrow({ where: { trackingCodeHash: trackingCodeHash(state.receipt.trackingCode) } });
  const { number } = must(await confirmApplication(b.people.office, row.id));
  must(await assignRequest(b.people.office, row.id, b.dept.id));
  return { id: row.id, number, png };
}

async function expectNotFoundPage(response: Response) {
  expect(response.status).toBe(404);
  expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(response.headers.get("content-disposition")).toBeNull();
  const html = await response.text();
  expect(html).toContain("未找到身份证明复印件");
  expect(html).toContain("无权查看");
}

describe("the applicant's ID copy in the console", () => {
  test("the staff handling an online application download its sealed copy under a Chinese name, never cached or sniffed, and each download is audited", async () => {
    const r = await onlineWithCopy();
    const before = await db().auditEvent.count({ where: { entityId: r.id, action: "request.view", result: "SUCCESS" } });
    for (const actor of [b.people.office, b.people.liaison, b.people.head]) {
      const response = await get(r.id, actor);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(response.headers.get("content-disposition")).toBe(
        `attachment; filename="____-${r.number}.png"; filename*=UTF-8''${encodeURIComponent(`身份证明-${r.number}.png`)}`,
      );
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), Buffer.from(r.png))).toBe(0);
    }
    expect(await db().auditEvent.count({ where: { entityId: r.id, action: "request.view", result: "SUCCESS" } })).toBe(before + 3);
  });

  test("a file staff attached when registering a walk-in is served too, with its own extension", async () => {
    const upload = must(await storeUpload(b.people.liaison, { fileName: "扫描件.pdf", bytes: samplePdf(`身份证明 ${b.tag}`) }));
    const r = must(await registerRequest(b.people.office, walkIn("2026-03-02", { departmentId: b.dept.id, idCopyFileId: upload.id }), at("2026-03-02")));
    const response = await get(r.id, b.people.liaison);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toContain(encodeURIComponent(`身份证明-${r.number}.pdf`));
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  test("anyone who does not handle the request, a request without a copy and an unknown id all get the same Chinese 404; the signed-out go to the login page", async () => {
    const r = await onlineWithCopy();
    // The 分管领导 sees the request but does not handle it; another 处室 does not see it at all.
    await expectNotFoundPage(await get(r.id, b.people.leader));
    await expectNotFoundPage(await get(r.id, b.people.otherLiaison));
    await expectNotFoundPage(await get(r.id, b.people.auditor));
    const without = must(await registerRequest(b.people.office, walkIn("2026-03-02"), at("2026-03-02")));
    await expectNotFoundPage(await get(without.id, b.people.office));
    await expectNotFoundPage(await get("no-such-request", b.people.office));
    await expectNotFoundPage(await get(`"><script>alert(1)</script>${"x".repeat(300)}`, b.people.office));

    const signedOut = await get(r.id, null);
    expect(signedOut.status).toBe(303);
    // Absolute links come from NEXTAUTH_URL alone (issue 10 §5), never from the request's Host.
    expect(signedOut.headers.get("location")).toBe(new URL("/console/login", siteUrl()).href);
  });

  test("the request page offers the link only to the staff handling a request that has a copy", async () => {
    const r = await onlineWithCopy();
    const without = must(await registerRequest(b.people.office, walkIn("2026-03-02", { departmentId: b.dept.id }), at("2026-03-02")));
    expect(must(await getRequestForStaff(b.people.office, r.id)).hasIdCopy).toBe(true);
    expect(must(await getRequestForStaff(b.people.liaison, r.id)).hasIdCopy).toBe(true);
    expect(must(await getRequestForStaff(b.people.leader, r.id)).hasIdCopy).toBe(false);
    expect(must(await getRequestForStaff(b.people.office, without.id)).hasIdCopy).toBe(false);
  });
});
