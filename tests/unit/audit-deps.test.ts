import { describe, expect, test } from "vitest";
import { blockingAdvisories } from "@/scripts/audit-deps.mjs";

/** The release policy of docs/security-policy.md, over npm audit's JSON report. */
const report = (severity: string, source = 1001) => ({
  vulnerabilities: { lib: { via: [{ source, severity, title: "Prototype pollution", url: `https://github.com/advisories/GHSA-${source}` }, "other-lib"] } },
});

describe("blockingAdvisories", () => {
  test.each([
    ["critical", 1],
    ["high", 1],
    ["moderate", 0],
    ["low", 0],
  ])("a %s advisory in a production dependency: %i blocking", (severity, n) => {
    expect(blockingAdvisories(report(severity), [], "2026-12-01")).toHaveLength(n);
  });

  test("an allowlist entry with a reason and a future expiry lets it through; past its expiry it blocks again", () => {
    const entry = { id: "1001", reason: "not reachable: we never call the vulnerable function", expires: "2027-01-31" };
    expect(blockingAdvisories(report("high"), [entry], "2026-12-01")).toEqual([]);
    expect(blockingAdvisories(report("high"), [entry], "2027-02-01")).toMatchObject([{ id: "1001", expired: true }]);
  });

  test("an entry without a reason allows nothing", () => {
    expect(blockingAdvisories(report("high"), [{ id: "1001", reason: "", expires: "2099-01-01" }], "2026-12-01")).toHaveLength(1);
  });
});
