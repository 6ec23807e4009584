import type { LoadResult } from "./load";

/** Issue 11 §5's targets on this machine at 100,000 items. */
export const TARGETS = {
  /** Cached public pages through the app alone. */
  cachedPage: { minReqPerSec: 1000, maxP99Ms: 50, minRatio: 0.1 },
  /** The same pages through the nginx deployment (its cache on). */
  nginx: { minRatio: 0.5 },
  /** Search over HTTP at 10 connections. */
  search: { maxP95Ms: 100 },
  /** The console's queue and review page with 50 concurrent staff sessions. */
  staff: { maxP95Ms: 150 },
  reportComputeMs: 2000,
  reportDocxMs: 5000,
  peakRssMb: 512,
} as const;

export interface Scenario {
  name: string;
  path: string;
  kind: "cachedPage" | "search" | "staff";
  /** One cookie per connection (staff sessions). */
  cookies?: string[];
  connections?: number;
  /** Each session's mean think time between pages (runSessions); absent = each connection asks again at once. */
  thinkSeconds?: number;
  /** Measured and reported, judged against no target (a saturation run, a cache's misses). */
  informational?: boolean;
  /** Each request asks another URL (a search nobody asked before): the path is only the first of them. */
  paths?: () => string;
}

export interface BenchEntry {
  name: string;
  kind: Scenario["kind"] | "nginx" | "report" | "import";
  path: string | null;
  connections?: number;
  /** Each staff session's mean think time between pages, when the load was paced (runSessions). */
  thinkSeconds?: number;
  reqPerSec: number | null;
  /** Milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  samples?: number;
  bytes?: number;
  peakRssMb?: number;
  sqlStatements?: number;
  baseline: { staticReqPerSec: number; staticP50: number; staticP99: number; sqlMs: number } | null;
  /** App req/s ÷ the static server's req/s for the same bytes. */
  ratio: number | null;
  target: Record<string, number> | null;
  met: boolean | null;
  note?: string;
}

export function evaluate(
  scenario: Scenario,
  app: LoadResult,
  ceiling: LoadResult,
  sql: { ms: number; statements: number },
  peakRssMb: number,
  bytes: number,
): BenchEntry {
  const ratio = ceiling.reqPerSec ? Math.round((app.reqPerSec / ceiling.reqPerSec) * 1000) / 1000 : null;
  let target: Record<string, number>;
  let met: boolean;
  if (scenario.kind === "cachedPage") {
    target = { ...TARGETS.cachedPage };
    met = app.reqPerSec >= TARGETS.cachedPage.minReqPerSec && app.p99 <= TARGETS.cachedPage.maxP99Ms && (ratio ?? 0) >= TARGETS.cachedPage.minRatio;
  } else if (scenario.kind === "search") {
    target = { ...TARGETS.search };
    met = app.p95 <= TARGETS.search.maxP95Ms;
  } else {
    target = { ...TARGETS.staff };
    met = app.p95 <= TARGETS.staff.maxP95Ms;
  }
  if (scenario.informational) {
    const note = scenario.paths
      ? "a cache miss every time: each request another search nobody asked before, rendered per request and counted against its visitor's limit (no target; the judged search rows are repeated searches, served from the page cache)"
      : "saturation: every connection asks again the moment it has its answer (no target; the judged run is the human-paced one)";
    return { ...entryOf(scenario, app, ceiling, sql, peakRssMb, bytes, ratio), target: null, met: null, note };
  }
  return {
    ...entryOf(scenario, app, ceiling, sql, peakRssMb, bytes, ratio),
    target,
    // A run in which nothing came back has met nothing, whatever its (empty) percentiles say.
    met: met && app.requests > 0 && app.errors === 0 && peakRssMb <= TARGETS.peakRssMb,
  };
}

function entryOf(scenario: Scenario, app: LoadResult, ceiling: LoadResult, sql: { ms: number; statements: number }, peakRssMb: number, bytes: number, ratio: number | null): BenchEntry {
  return {
    name: scenario.name,
    kind: scenario.kind,
    path: scenario.path,
    connections: scenario.connections ?? undefined,
    ...(scenario.thinkSeconds ? { thinkSeconds: scenario.thinkSeconds } : {}),
    reqPerSec: app.reqPerSec,
    p50: app.p50,
    p95: app.p95,
    p99: app.p99,
    errors: app.errors,
    samples: app.requests,
    bytes,
    peakRssMb,
    sqlStatements: sql.statements,
    baseline: { staticReqPerSec: ceiling.reqPerSec, staticP50: ceiling.p50, staticP99: ceiling.p99, sqlMs: sql.ms },
    ratio,
    target: null,
    met: null,
  };
}

export function nginxEntry(scenario: Scenario, run: LoadResult, ceiling: { reqPerSec: number; p50: number; p99: number }): BenchEntry {
  const ratio = ceiling.reqPerSec ? Math.round((run.reqPerSec / ceiling.reqPerSec) * 1000) / 1000 : null;
  return {
    name: `${scenario.name} via nginx`,
    kind: "nginx",
    path: scenario.path,
    reqPerSec: run.reqPerSec,
    p50: run.p50,
    p95: run.p95,
    p99: run.p99,
    errors: run.errors,
    samples: run.requests,
    baseline: { staticReqPerSec: ceiling.reqPerSec, staticP50: ceiling.p50, staticP99: ceiling.p99, sqlMs: 0 },
    ratio,
    target: { ...TARGETS.nginx },
    met: run.requests > 0 && run.errors === 0 && (ratio ?? 0) >= TARGETS.nginx.minRatio,
    note: "HTTPS (TLS 1.3, keep-alive) through deploy/nginx/gongkai.conf with its public cache; the ceiling is the plain-HTTP static server",
  };
}

interface Report {
  date: string;
  data: Record<string, number>;
  method: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  app: { idleRssMb: number; peakRssMb: number };
  seconds: number;
  results: BenchEntry[];
}

const cell = (v: number | null | undefined) => (v === null || v === undefined ? "–" : v.toLocaleString("en-US"));

function targetText(e: BenchEntry): string {
  const t = e.target;
  if (!t) return "–";
  const parts: string[] = [];
  if (t.minReqPerSec) parts.push(`≥ ${t.minReqPerSec.toLocaleString("en-US")} req/s`);
  if (t.maxP99Ms) parts.push(`p99 ≤ ${t.maxP99Ms} ms`);
  if (t.minRatio) parts.push(`≥ ${t.minRatio * 100} % of static`);
  if (t.maxP95Ms) parts.push(`p95 ≤ ${t.maxP95Ms} ms`);
  if (t.maxMs) parts.push(`≤ ${t.maxMs.toLocaleString("en-US")} ms`);
  return parts.join(", ");
}

export function benchMarkdown(r: Report): string {
  const rows = r.results.map((e) =>
    [
      e.thinkSeconds ? `${e.name} (${e.connections} sessions, a page every ${e.thinkSeconds} s each)` : e.connections ? `${e.name} (${e.connections} connections)` : e.name,
      e.path ? `\`${e.path.length > 48 ? `${e.path.slice(0, 45)}…` : e.path}\`` : "in process",
      cell(e.reqPerSec),
      `${cell(e.p50)} / ${cell(e.p95)} / ${cell(e.p99)}`,
      cell(e.errors),
      e.baseline ? cell(e.baseline.staticReqPerSec) : "–",
      e.ratio === null ? "–" : `${(e.ratio * 100).toFixed(1)} %`,
      e.baseline && e.sqlStatements !== undefined ? `${e.baseline.sqlMs} (${e.sqlStatements})` : "–",
      cell(e.peakRssMb),
      targetText(e),
      e.met === null ? "–" : e.met ? "yes" : "**no**",
    ].join(" | "),
  );
  return `# Benchmarks

Written by \`npm run bench\` (scripts/bench.ts) on ${r.date.slice(0, 10)}; the same figures with more detail are in
[benchmarks.json](benchmarks.json). Data: ${cell(r.data.items)} items (${cell(r.data.publicItems)} public), ${cell(r.data.requests)} requests.

${r.method}

| scenario | path | req/s | p50 / p95 / p99 ms | errors | static req/s | ratio | SQL ms (statements) | peak RSS MB | target | met |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.map((row) => `| ${row} |`).join("\n")}

The app's resident memory: ${r.app.idleRssMb} MB idle, ${r.app.peakRssMb} MB at its peak (target ≤ 512 MB).

**The machine while it ran:** ${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.memoryGb} GB, Node ${r.machine.node}; load
average ${r.machine.loadAverageAtStart.join(" / ")} at the start and ${r.machine.loadAverageAtEnd.join(" / ")} at the end (1 / 5 / 15 min). The load
generator, the app and PostgreSQL share these cores, so every figure is a floor for a machine of the same size that
serves only the app. The run took ${r.seconds} s.
`;
}
