import { beforeAll, describe, expect, test } from "vitest";
import { ROLES, type Role } from "@/lib/domain/roles";
import { REQUEST_TRANSITIONS, decideRequest, type RequestEventName, type RequestFacts } from "@/lib/domain/requests/status";
import { PERMISSIONS, type Permission } from "@/lib/server/platform/authz";
import type { Actor } from "@/lib/server/platform/actor";
import { db } from "@/lib/server/platform/db";
import { createDraft } from "@/lib/server/items/drafts";
import { storeUpload } from "@/lib/server/items/attachments";
import { timelinessDashboard } from "@/lib/server/items/dashboard";
import { listUsers, setUserStatus, unlockUser } from "@/lib/server/admin/users";
import { exportAuditCsv, listAuditEvents } from "@/lib/server/admin/audit-log";
import { setTotpPolicy } from "@/lib/server/account/security-policy";
import { assignRoles, createUser, resetPassword } from "@/lib/server/admin/accounts";
import { revokeMySession } from "@/lib/server/account/my-sessions";
import { resetTotp } from "@/lib/server/account/totp";
import { createDepartment } from "@/lib/server/admin/departments";
import { createColumn } from "@/lib/server/admin/columns";
import { createChannel } from "@/lib/server/admin/channels";
import { saveTargets } from "@/lib/server/admin/targets";
import { updateSiteSettings } from "@/lib/server/admin/site-settings";
import { setCalendarDay } from "@/lib/server/admin/calendar";
import { jobsOverview } from "@/lib/server/jobs/dead-letters";
import { registerRequest } from "@/lib/server/requests/intake";
import { importRequests } from "@/lib/server/requests/import";
import { listRequestQueue } from "@/lib/server/requests/views";
import { createAppeal } from "@/lib/server/requests/appeals";
import { saveLetterTemplate } from "@/lib/server/requests/templates";
import { issueFeeNotice } from "@/lib/server/requests/fees";
import { listReportYears } from "@/lib/server/reports/views";
import { saveSections } from "@/lib/server/reports/store";

/**
 * Server actions' authorisation (issue 10 "Proof"): for every PERMISSIONS key, the use case the
 * console's action calls is called directly by one person of each of the 8 roles. Roles outside
 * the key are refused — a refusal (forbidden, or nothing for a list) and, for writes, a DENIED
 * audit row with reason wrong_role; roles inside it get past the gate (with input invalid on
 * purpose, so nothing is written: the answer is "invalid", never "forbidden"). A key without a
 * probe here fails the test, so a new permission cannot be added unproved.
 */

type Outcome = "refused" | "allowed";
interface ProbeSpec {
  /** Calls the use case; answers whether the gate let the actor through. */
  run: (actor: Actor) => Promise<Outcome>;
  /** The audit action a refused write records (null: a read, which is refused silently or by its own audit). */
  audited: string | null;
}

const refusedResult = (r: { ok: boolean; error?: string } | null | undefined): Outcome => (!r || (!r.ok && r.error === "forbidden") ? "refused" : "allowed");

/**
 * The 依申请公开 keys are decided per request by REQUEST_TRANSITIONS (lib/domain/requests/status.ts):
 * the key and the events it stands for must name the same roles, and decideRequest must agree.
 */
const REQUEST_EVENTS_OF: Partial<Record<Permission, RequestEventName[]>> = {
  "request.confirm": ["confirm"],
  "request.assign": ["accept"],
  "request.clock": ["clock_event", "request_correction", "receive_correction", "withdraw"],
  "request.handle": ["draft_reply"],
  "request.approveReply": ["approve_reply", "return_reply"],
  "request.deliver": ["deliver_reply"],
};

let people: Record<Role, Actor>;
let departmentId: string;

beforeAll(async () => {
  const tag = Math.random().toString(36).slice(2, 8);
  const dept = await db().department.create({ data: { code: `SEC-${tag}`, name: `权限矩阵科-${tag}` } });
  departmentId = dept.id;
  const entries = await Promise.all(
    ROLES.map(async (role) => {
      const u = await db().user.create({ data: { username: `perm-${role.toLowerCase()}-${tag}`, displayName: `矩阵${role}`, passwordHash: "x", roles: [role], departmentId: dept.id } });
      return [role, { id: u.id, username: u.username, displayName: u.displayName, roles: [role], departmentId: dept.id, departmentName: dept.name, sessionId: "perm" } satisfies Actor] as const;
    }),
  );
  people = Object.fromEntries(entries) as Record<Role, Actor>;
});

const FORGED = "cforged0000000000000000000";
const PROBES: Record<Permission, ProbeSpec | "page-only" | "request-workflow"> = {
  // Entering the console is the layout's requireActor (every role has it): the HTTP matrix covers it.
  "console.enter": "page-only",
  "item.create": { audited: "item.create", run: async (a) => refusedResult(await createDraft(a, { title: "" } as never)) },
  "file.upload": { audited: "file.upload", run: async (a) => refusedResult(await storeUpload(a, { fileName: "x.exe", bytes: new Uint8Array([1]) })) },
  "user.list": { audited: null, run: async (a) => refusedResult((await listUsers(a)) ? { ok: true } : null) },
  "user.setStatus": { audited: "user.disable", run: async (a) => refusedResult(await setUserStatus(a, { userId: FORGED, status: "DISABLED" })) },
  "user.unlock": { audited: "user.unlock", run: async (a) => refusedResult(await unlockUser(a, { userId: FORGED })) },
  "user.create": { audited: "user.create", run: async (a) => refusedResult(await createUser(a, {})) },
  "user.resetPassword": { audited: "user.resetPassword", run: async (a) => refusedResult(await resetPassword(a, {})) },
  "user.assignRoles": { audited: "user.assignRoles", run: async (a) => refusedResult(await assignRoles(a, {})) },
  "account.sessions": { audited: "session.revoke", run: async (a) => refusedResult(await revokeMySession(a, {})) },
  "user.resetTotp": { audited: "user.totp.reset", run: async (a) => refusedResult(await resetTotp(a, { userId: "" })) },
  "security.policy": { audited: "security.policy.update", run: async (a) => refusedResult(await setTotpPolicy(a, { roles: "x" })) },
  "audit.read": { audited: null, run: async (a) => refusedResult((await listAuditEvents(a)) ? { ok: true } : null) },
  "audit.export": { audited: "audit.export", run: async (a) => refusedResult(await exportAuditCsv(a, {})) },
  "department.manage": { audited: "department.create", run: async (a) => refusedResult(await createDepartment(a, { code: "", name: "" })) },
  "column.manage": { audited: "column.create", run: async (a) => refusedResult(await createColumn(a, { code: "", name: "" })) },
  "channel.manage": { audited: "channel.create", run: async (a) => refusedResult(await createChannel(a, { code: "", name: "" })) },
  "target.manage": { audited: "target.save", run: async (a) => refusedResult(await saveTargets(a, { year: "1" })) },
  "site.settings": { audited: "site.settings.update", run: async (a) => refusedResult(await updateSiteSettings(a, {})) },
  "calendar.manage": { audited: "calendar.set", run: async (a) => refusedResult(await setCalendarDay(a, { date: "x" })) },
  "job.manage": { audited: null, run: async (a) => refusedResult((await jobsOverview(a)) ? { ok: true } : null) },
  // Either dashboard key opens the page (the department one scoped): both are probed through it.
  "dashboard.office": {
    audited: null,
    run: async (a) => {
      const r = await timelinessDashboard(a, {});
      return r.ok && r.value.mayOffice ? "allowed" : "refused";
    },
  },
  "dashboard.department": { audited: null, run: async (a) => refusedResult(await timelinessDashboard(a, {})) },
  "request.register": { audited: "request.register", run: async (a) => refusedResult(await registerRequest(a, {})) },
  "request.assign": "request-workflow",
  "request.confirm": "request-workflow",
  "request.clock": "request-workflow",
  "request.handle": "request-workflow",
  "request.approveReply": "request-workflow",
  "request.deliver": "request-workflow",
  "request.fee": { audited: "request.fee.notice", run: async (a) => refusedResult(await issueFeeNotice(a, FORGED, { method: "per_piece", quantity: "1", noticeOn: "2026-12-01" })) },
  "request.import": { audited: "request.import", run: async (a) => refusedResult(await importRequests(a, [])) },
  "request.queue": { audited: null, run: async (a) => refusedResult(await listRequestQueue(a)) },
  "appeal.manage": { audited: "appeal.create", run: async (a) => refusedResult(await createAppeal(a, {})) },
  "letter.manage": { audited: "letter.template.save", run: async (a) => refusedResult(await saveLetterTemplate(a, "no-such-template", {})) },
  "report.manage": { audited: "report.sections.save", run: async (a) => refusedResult(await saveSections(a, 2099, { revision: -1, sections: {} })) },
  "report.read": { audited: null, run: async (a) => refusedResult(await listReportYears(a)) },
};

test("every PERMISSIONS key has a probe here", () => {
  expect(Object.keys(PERMISSIONS).filter((k) => !(k in PROBES))).toEqual([]);
});

describe.each(Object.entries(PROBES).filter((e): e is [Permission, ProbeSpec] => typeof e[1] === "object"))("%s", (permission, spec) => {
  test.each([...ROLES])("%s", async (role) => {
    const actor = people[role];
    const allowed = (PERMISSIONS[permission] as readonly Role[]).includes(role);
    const since = new Date();
    const outcome = await spec.run(actor);
    expect(outcome, `${role} × ${permission}`).toBe(allowed ? "allowed" : "refused");
    if (!allowed && spec.audited) {
      const denied = await db().auditEvent.findMany({ where: { actorId: actor.id, action: spec.audited, result: "DENIED", at: { gte: since } } });
      expect(denied.map((d) => d.detail), `${role} × ${permission}: the refusal is audited`).toContainEqual({ reason: "wrong_role" });
    }
  });
});

describe("依申请公开 keys: REQUEST_TRANSITIONS names the same roles, and decideRequest agrees for every role", () => {
  const facts = (status: RequestFacts["status"]): RequestFacts => ({ status, assignedDepartmentId: departmentId, draftedById: null, correctionRequested: false });
  for (const [permission, events] of Object.entries(REQUEST_EVENTS_OF) as [Permission, RequestEventName[]][]) {
    test.each([...ROLES])(`${permission} × %s`, (role) => {
      const allowed = (PERMISSIONS[permission] as readonly Role[]).includes(role);
      for (const event of events) {
        expect([...REQUEST_TRANSITIONS[event].roles].sort(), `${event} vs ${permission}`).toEqual([...PERMISSIONS[permission]].sort());
        const decision = decideRequest(facts(REQUEST_TRANSITIONS[event].from[0]), event, people[role]);
        expect(decision.ok, `${role} × ${event}`).toBe(allowed);
      }
    });
  }
});
