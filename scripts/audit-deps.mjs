#!/usr/bin/env node
// Supply-chain gate (docs/security-policy.md): `npm audit` over production dependencies; a high or
// critical advisory fails unless docs/audit-allowlist.json lists it with a reason and an expiry
// date not yet past. Then writes the CycloneDX SBOM of the production dependencies to
// sbom/gongkai.cdx.json (`npm sbom`, built into npm 10+, offline; gitignored — a build artifact).
// The audit needs the registry's advisory endpoint: when it cannot be reached (some mirrors and
// proxies refuse it) the step says so and passes, unless AUDIT_REQUIRED=1 — set for a release,
// where an unchecked dependency tree must not ship. `--sbom-only` skips the audit.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const BLOCKING = new Set(["high", "critical"]);
const today = new Date().toISOString().slice(0, 10);

/** Advisories that block: high/critical in production dependencies, not allowed (or allowed past expiry). */
export function blockingAdvisories(report, allowlist, on = today) {
  const allowed = new Map(allowlist.map((a) => [a.id, a]));
  const found = [];
  for (const [pkg, v] of Object.entries(report.vulnerabilities ?? {})) {
    for (const via of v.via ?? []) {
      if (typeof via !== "object" || !BLOCKING.has(via.severity)) continue;
      const id = String(via.source ?? via.url ?? via.title);
      const entry = allowed.get(id) ?? allowed.get(via.url);
      if (entry && entry.reason && entry.expires >= on) continue;
      found.push({ pkg, id, severity: via.severity, title: via.title, url: via.url, expired: Boolean(entry) });
    }
  }
  return found;
}

function writeSbom() {
  const sbom = spawnSync("npm", ["sbom", "--omit=dev", "--sbom-format", "cyclonedx"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (sbom.status !== 0) {
    console.error(`npm sbom failed: ${sbom.stderr.slice(0, 500)}`);
    return false;
  }
  mkdirSync("sbom", { recursive: true });
  writeFileSync("sbom/gongkai.cdx.json", sbom.stdout);
  console.log(`SBOM: sbom/gongkai.cdx.json (${JSON.parse(sbom.stdout).components?.length ?? 0} components, CycloneDX)`);
  return true;
}

function unavailable(why) {
  const required = process.env.AUDIT_REQUIRED === "1";
  console[required ? "error" : "warn"](`npm audit unavailable (${why}); ${required ? "AUDIT_REQUIRED=1: failing" : "not checked — set AUDIT_REQUIRED=1 to make this fail"}`);
  return required ? 1 : 0;
}

function main() {
  if (!writeSbom()) return 1;
  if (process.argv.includes("--sbom-only")) return 0;
  const audit = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  let report;
  try {
    report = JSON.parse(audit.stdout);
  } catch {
    return unavailable(`no report: ${audit.stderr.slice(0, 200)}`);
  }
  if (report.error || report.statusCode) return unavailable(report.message ?? report.error?.summary ?? "error");
  const allowlist = JSON.parse(readFileSync("docs/audit-allowlist.json", "utf8"));
  const blocking = blockingAdvisories(report, allowlist);
  const counts = report.metadata?.vulnerabilities ?? {};
  console.log(`npm audit (production): ${JSON.stringify(counts)}`);
  for (const b of blocking) console.error(`BLOCKING ${b.severity} in ${b.pkg}: ${b.title} ${b.url ?? ""}${b.expired ? " (allowlist entry expired)" : ""}`);
  return blocking.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main());
