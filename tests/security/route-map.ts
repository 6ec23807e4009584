import type { Permission } from "@/lib/server/platform/authz";
import { ADMIN_AREAS } from "@/components/admin/areas";

/**
 * Every page and route handler of app/, and the answer each person must get (issue 10 "Proof",
 * permission matrix). The answers are not written per role: they follow from PERMISSIONS
 * (lib/server/platform/authz.ts), the workflow table (edit rights) and itemScope/requestScope, as
 * tests/security/seed-states.ts evaluated them for each seeded account and record. A new page or
 * route without an entry here fails route-map.spec.ts.
 *
 * Answers: a status code, or "login" (a redirect to /console/login).
 */
export type Answer = number | "login";

export interface Fixtures {
  items: Record<string, string>;
  requests: Record<string, string>;
  reportYears: number[];
  appealId: string | null;
  columnId: string;
  publicAttachmentId: string | null;
  /** A 联络员's account, for the 用户管理 page of one user. */
  userId: string;
  users: Record<string, Who>;
}

export interface Who {
  username: string;
  roles: string[];
  departmentCode: string | null;
  items: Record<string, { visible: boolean; editable: boolean }>;
  requests: Record<string, boolean>;
  permissions: string[];
}

export interface Probe {
  method?: "GET" | "POST";
  path: string;
  /** null: anonymous. */
  expect: (who: Who | null) => Answer;
  /** The state this probe stands for, for the cell's name. */
  state?: string;
  /** Rate-limited per address (RATE_LIMITS): a 429 with Retry-After is also the right answer. */
  rateLimited?: boolean;
}

const has = (who: Who | null, ...ps: Permission[]) => !!who && ps.some((p) => who.permissions.includes(p));
/** A console page behind `permissions` (any of): 200, the 403 page, or the login page. */
const gated =
  (...ps: Permission[]) =>
  (who: Who | null): Answer =>
    !who ? "login" : has(who, ...ps) ? 200 : 403;
/** A console page open to all staff. */
const staff = (who: Who | null): Answer => (who ? 200 : "login");
/** Public: the same for everybody. */
const anyone =
  (status: number = 200) =>
  (): Answer =>
    status;

const FORGED = "cforged0000000000000000000";
const thisYear = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));

/** Route file (relative to app/) → the probes that exercise it. */
export const ROUTES: Record<string, (fx: Fixtures) => Probe[]> = {
  // ── public site: the same answer for every visitor ─────────────────────────────────────────
  "(public)/s/[site]/[query]/page.tsx": () => [{ path: "/", expect: anyone() }],
  // The cached pages live at an internal address proxy.ts rewrites to; only its canonical form renders.
  "(public)/s/[site]/[query]/browse/page.tsx": () => [
    { path: "/browse", expect: anyone() },
    { path: "/s/main/zzz1/browse", state: "a forged internal address", expect: anyone(404) },
  ],
  "(public)/s/[site]/[query]/guide/page.tsx": () => [{ path: "/guide", expect: anyone() }],
  "(public)/s/[site]/[query]/system/page.tsx": () => [{ path: "/system", expect: anyone() }],
  "(public)/search/page.tsx": () => [{ path: "/search?q=%E7%A7%91%E6%8A%80", expect: anyone() }],
  // A search from the page cache (lib/server/platform/search-admission.ts): its public URL; an
  // internal address not served from the cache goes to its public URL.
  "(public)/s/[site]/[query]/search/page.tsx": () => [
    { path: "/search?q=%E9%A1%B9%E7%9B%AE", expect: anyone() },
    { path: "/s/main/zzz1/search", state: "an internal address not held", expect: anyone(307) },
  ],
  // Where a refused search is sent: always the 429 page.
  "(public)/search/busy/route.ts": () => [
    { path: "/search/busy?wait=30", expect: anyone(429) },
    { path: "/search/busy?wait=30&cause=load", expect: anyone(503) },
  ],
  "(public)/apply/page.tsx": () => [{ path: "/apply", expect: anyone() }],
  "(public)/track/page.tsx": () => [{ path: "/track", expect: anyone() }],
  "(public)/track/reply/route.ts": () => [{ method: "POST", path: "/track/reply", expect: anyone(400), state: "empty form", rateLimited: true }],
  "(public)/apply/challenge/route.ts": () => [{ path: "/apply/challenge", expect: anyone() }],
  "(public)/apply/challenge/worker/route.ts": () => [{ path: "/apply/challenge/worker", expect: anyone() }],
  "(public)/s/[site]/[query]/columns/[code]/page.tsx": () => [
    { path: "/columns/tzgg", expect: anyone() },
    { path: "/columns/no-such-column", expect: anyone(404), state: "unknown" },
  ],
  "(public)/columns/[code]/feed.xml/route.ts": () => [
    { path: "/columns/tzgg/feed.xml", expect: anyone() },
    { path: "/columns/no-such-column/feed.xml", expect: anyone(404), state: "unknown" },
  ],
  // The public site shows published items only, whoever asks (a signed-in author included).
  // A withdrawn item keeps its address with a 已撤回 notice (and 410 Gone in the API).
  "(public)/s/[site]/[query]/items/[id]/page.tsx": (fx) =>
    Object.entries(fx.items).map(([state, id]) => ({ path: `/items/${id}`, state, expect: anyone(/\.(published|withdrawn)$/.test(state) ? 200 : 404) })),
  "(public)/s/[site]/[query]/annual-reports/page.tsx": () => [{ path: "/annual-reports", expect: anyone() }],
  "(public)/s/[site]/[query]/annual-reports/[year]/page.tsx": () => [
    { path: "/annual-reports/2025", state: "published", expect: anyone() },
    { path: `/annual-reports/${thisYear}`, state: "draft", expect: anyone(404) },
    { path: "/annual-reports/2031", state: "none", expect: anyone(404) },
  ],
  "(public)/annual-reports/[year]/print/route.ts": () => [
    { path: "/annual-reports/2025/print", state: "published", expect: anyone() },
    { path: `/annual-reports/${thisYear}/print`, state: "draft", expect: anyone(404) },
  ],
  "(public)/annual-reports/[year]/download/[kind]/route.ts": () => [
    { path: `/annual-reports/${thisYear}/download/json`, state: "draft", expect: anyone(404) },
    { path: "/annual-reports/2031/download/csv", state: "none", expect: anyone(404) },
  ],
  "feed.xml/route.ts": () => [{ path: "/feed.xml", expect: anyone() }],
  "sitemap.xml/route.ts": () => [{ path: "/sitemap.xml", expect: anyone() }],
  "sitemaps/[file]/route.ts": () => [{ path: "/sitemaps/no-such.xml", state: "unknown", expect: anyone(404) }],
  "attachments/[id]/route.ts": (fx) => [
    ...(fx.publicAttachmentId ? [{ path: `/attachments/${fx.publicAttachmentId}`, state: "published", expect: anyone() }] : []),
    { path: `/attachments/${FORGED}`, state: "forged", expect: anyone(404) },
  ],
  // ── JSON API (public, read-only) ─────────────────────────────────────────────────────────────
  "api/health/route.ts": () => [{ path: "/api/health", expect: anyone() }],
  "api/ready/route.ts": () => [{ path: "/api/ready", expect: anyone() }],
  "api/v1/columns/route.ts": () => [{ path: "/api/v1/columns", expect: anyone() }],
  "api/v1/departments/route.ts": () => [{ path: "/api/v1/departments", expect: anyone() }],
  "api/v1/openapi.json/route.ts": () => [{ path: "/api/v1/openapi.json", expect: anyone() }],
  "api/v1/items/route.ts": () => [{ path: "/api/v1/items", expect: anyone() }],
  "api/v1/items/[id]/route.ts": (fx) =>
    Object.entries(fx.items).map(([state, id]) => ({ path: `/api/v1/items/${id}`, state, expect: anyone(state.endsWith(".published") ? 200 : state.endsWith(".withdrawn") ? 410 : 404) })),
  "api/v1/reports/route.ts": () => [{ path: "/api/v1/reports", expect: anyone() }],
  "api/v1/reports/schema.json/route.ts": () => [{ path: "/api/v1/reports/schema.json", expect: anyone() }],
  "api/v1/reports/[year]/route.ts": () => [
    { path: "/api/v1/reports/2025", state: "published", expect: anyone() },
    { path: `/api/v1/reports/${thisYear}`, state: "draft", expect: anyone(404) },
  ],
  "api/auth/[...nextauth]/route.ts": () => [{ path: "/api/auth/csrf", expect: anyone() }],
  // Uploads are for the 联络员 drafting: signed out 401, other roles 403 (JSON answers).
  "api/uploads/route.ts": () => [{ method: "POST", path: "/api/uploads", state: "no file", expect: (w) => (!w ? 401 : has(w, "file.upload") ? 400 : 403) }],
  "api/uploads/docx/route.ts": () => [{ method: "POST", path: "/api/uploads/docx", state: "no file", expect: (w) => (!w ? 401 : has(w, "item.create") ? 400 : 403) }],
  // ── console ──────────────────────────────────────────────────────────────────────────────────
  "console/login/page.tsx": () => [{ path: "/console/login", expect: (w) => (w ? 307 : 200) }],
  "console/(staff)/page.tsx": () => [{ path: "/console", expect: staff }],
  "console/(staff)/admin/page.tsx": () => [{ path: "/console/admin", expect: gated(...ADMIN_AREAS.map((a) => a.permission)) }],
  "console/(staff)/admin/departments/page.tsx": () => [{ path: "/console/admin/departments", expect: gated("department.manage") }],
  "console/(staff)/admin/channels/page.tsx": () => [{ path: "/console/admin/channels", expect: gated("channel.manage") }],
  "console/(staff)/admin/targets/page.tsx": () => [{ path: "/console/admin/targets", expect: gated("target.manage") }],
  "console/(staff)/admin/columns/page.tsx": () => [{ path: "/console/admin/columns", expect: gated("column.manage") }],
  "console/(staff)/admin/columns/new/page.tsx": () => [{ path: "/console/admin/columns/new", expect: gated("column.manage") }],
  "console/(staff)/admin/columns/[id]/page.tsx": (fx) => [
    { path: `/console/admin/columns/${fx.columnId}`, state: "existing", expect: gated("column.manage") },
    { path: `/console/admin/columns/${FORGED}`, state: "forged", expect: (w) => (!w ? "login" : has(w, "column.manage") ? 404 : 403) },
  ],
  "console/(staff)/admin/letters/page.tsx": () => [{ path: "/console/admin/letters", expect: gated("letter.manage") }],
  "console/(staff)/admin/letters/[key]/page.tsx": () => [
    { path: "/console/admin/letters/granted", state: "existing", expect: gated("letter.manage") },
    { path: "/console/admin/letters/no-such-key", state: "unknown", expect: (w) => (!w ? "login" : has(w, "letter.manage") ? 404 : 403) },
  ],
  "console/(staff)/admin/letters/[key]/preview/route.ts": () => [
    { method: "POST", path: "/console/admin/letters/granted/preview", state: "empty form", expect: (w) => (!w ? "login" : has(w, "letter.manage") ? 422 : 404) },
  ],
  "console/(staff)/audit/page.tsx": () => [{ path: "/console/audit", expect: gated("audit.read") }],
  // A CSV download for a script-less link: 401 signed out, 403 without the permission.
  "console/(staff)/audit/export/route.ts": () => [{ path: "/console/audit/export?result=DENIED", expect: (w) => (!w ? 401 : has(w, "audit.export") ? 200 : 403) }],
  "console/(staff)/users/page.tsx": () => [{ path: "/console/users", expect: gated("user.list") }],
  "console/(staff)/users/[id]/page.tsx": (fx) => [
    { path: `/console/users/${fx.userId}`, state: "existing", expect: gated("user.list") },
    { path: `/console/users/${FORGED}`, state: "forged", expect: (w) => (!w ? "login" : has(w, "user.list") ? 404 : 403) },
  ],
  "console/(staff)/security/page.tsx": () => [{ path: "/console/security", expect: gated("security.policy") }],
  // Every signed-in person's own: their sessions, password and 动态口令.
  "console/(staff)/account/sessions/page.tsx": () => [{ path: "/console/account/sessions", expect: staff }],
  "console/(account)/account/password/page.tsx": () => [{ path: "/console/account/password", expect: staff }],
  "console/(account)/account/totp/page.tsx": () => [{ path: "/console/account/totp", expect: staff }],
  "console/(staff)/calendar/page.tsx": () => [{ path: "/console/calendar", expect: gated("calendar.manage") }],
  "console/(staff)/jobs/page.tsx": () => [{ path: "/console/jobs", expect: gated("job.manage") }],
  "console/(staff)/settings/page.tsx": () => [{ path: "/console/settings", expect: gated("site.settings") }],
  "console/(staff)/dashboard/page.tsx": () => [{ path: "/console/dashboard", expect: gated("dashboard.department", "dashboard.office") }],
  "console/(staff)/items/new/page.tsx": () => [{ path: "/console/items/new", expect: gated("item.create") }],
  // Records: in scope → 200; out of scope or forged → 404 (never 403: that would confirm it exists).
  "console/(staff)/items/[id]/page.tsx": (fx) => [
    ...Object.entries(fx.items).map(([state, id]) => ({ path: `/console/items/${id}`, state, expect: (w: Who | null): Answer => (!w ? "login" : w.items[state].visible ? 200 : 404) })),
    { path: `/console/items/${FORGED}`, state: "forged", expect: (w) => (!w ? "login" : 404) },
  ],
  "console/(staff)/items/[id]/edit/page.tsx": (fx) =>
    Object.entries(fx.items).map(([state, id]) => ({ path: `/console/items/${id}/edit`, state, expect: (w: Who | null): Answer => (!w ? "login" : w.items[state].editable ? 200 : 404) })),
  "console/(staff)/requests/page.tsx": () => [{ path: "/console/requests", expect: gated("request.queue") }],
  "console/(staff)/requests/new/page.tsx": () => [{ path: "/console/requests/new", expect: gated("request.register") }],
  "console/(staff)/requests/import/page.tsx": () => [{ path: "/console/requests/import", expect: gated("request.import") }],
  // A file download: refused as "not found" (404), signed out included.
  "console/(staff)/requests/import/template/route.ts": () => [
    { path: "/console/requests/import/template?kind=requests", expect: (w) => (has(w, "request.import") ? 200 : 404) },
    { path: "/console/requests/import/template?kind=appeals&format=csv", expect: (w) => (has(w, "request.import") ? 200 : 404) },
  ],
  // JSON for the import page's script: 401 signed out, 403 without the permission (before the body is read).
  "console/(staff)/requests/import/preview/route.ts": () => [
    { method: "POST", path: "/console/requests/import/preview?kind=requests", state: "no file", expect: (w) => (!w ? 401 : has(w, "request.import") ? 400 : 403) },
  ],
  "console/(staff)/requests/[id]/page.tsx": (fx) => [
    ...Object.entries(fx.requests).map(([state, id]) => ({ path: `/console/requests/${id}`, state, expect: (w: Who | null): Answer => (!w ? "login" : w.requests[state] ? 200 : 404) })),
    { path: `/console/requests/${FORGED}`, state: "forged", expect: (w) => (!w ? "login" : 404) },
  ],
  "console/(staff)/requests/[id]/id-copy/route.ts": (fx) =>
    Object.entries(fx.requests).map(([state, id]) => ({ path: `/console/requests/${id}/id-copy`, state, expect: (w: Who | null): Answer => (!w ? "login" : 404) })),
  "console/(staff)/requests/[id]/documents/[documentId]/route.ts": (fx) =>
    Object.entries(fx.requests).map(([state, id]) => ({ path: `/console/requests/${id}/documents/${FORGED}`, state: `${state}, forged document`, expect: (w: Who | null): Answer => (!w ? "login" : 404) })),
  "console/(staff)/requests/[id]/notices/[seq]/route.ts": (fx) =>
    Object.entries(fx.requests).map(([state, id]) => ({ path: `/console/requests/${id}/notices/999999`, state: `${state}, no such notice`, expect: (w: Who | null): Answer => (!w ? "login" : 404) })),
  "console/(staff)/appeals/page.tsx": () => [{ path: "/console/appeals", expect: gated("appeal.manage") }],
  "console/(staff)/appeals/new/page.tsx": () => [{ path: "/console/appeals/new", expect: gated("appeal.manage") }],
  "console/(staff)/appeals/[id]/page.tsx": (fx) => [
    ...(fx.appealId ? [{ path: `/console/appeals/${fx.appealId}`, state: "existing", expect: gated("appeal.manage") }] : []),
    { path: `/console/appeals/${FORGED}`, state: "forged", expect: (w) => (!w ? "login" : has(w, "appeal.manage") ? 404 : 403) },
  ],
  "console/(staff)/reports/page.tsx": () => [{ path: "/console/reports", expect: gated("report.read") }],
  "console/(staff)/reports/[year]/page.tsx": (fx) => [
    ...fx.reportYears.map((y) => ({ path: `/console/reports/${y}`, state: `year ${y}`, expect: gated("report.read") })),
    { path: "/console/reports/20x5", state: "malformed year", expect: (w) => (!w ? "login" : 404) },
  ],
  "console/(staff)/reports/[year]/preview/page.tsx": (fx) => fx.reportYears.map((y) => ({ path: `/console/reports/${y}/preview`, state: `year ${y}`, expect: gated("report.read") })),
  "console/(staff)/reports/[year]/past/page.tsx": () => [{ path: "/console/reports/2019/past", state: "year 2019", expect: gated("report.manage") }],
  "console/(staff)/reports/[year]/export/[kind]/route.ts": (fx) =>
    fx.reportYears.map((y) => ({ path: `/console/reports/${y}/export/json`, state: `year ${y}`, expect: (w: Who | null): Answer => (!w ? 404 : has(w, "report.read") ? 200 : 403) })),
  "console/(staff)/reports/exports/[id]/status/route.ts": () => [{ path: `/console/reports/exports/${FORGED}/status`, state: "forged", expect: anyone(404) }],
  "console/(staff)/reports/exports/[id]/download/route.ts": () => [{ path: `/console/reports/exports/${FORGED}/download`, state: "forged", expect: anyone(404) }],
};
