import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { reportDataSchema } from "@/lib/domain/reports/shape";

/**
 * `npm run report` is a contract other tools script against (issue 9 §2): the document alone on
 * standard output — npm's own banner included, which .npmrc silences — and every message on
 * standard error. Run through npm exactly as a bureau would.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), "gongkai-report-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  const child = spawn("npm", ["run", "report", "--", ...args], { env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] });
  const out: Buffer[] = [];
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout: Buffer.concat(out), stderr })));
}

describe("npm run report", () => {
  test("--json prints the year's draft report and nothing else on stdout", async () => {
    const { code, stdout, stderr } = await run(["--year", "2019", "--json"]);
    expect(stderr).toContain("2019 年度报告");
    expect(code).toBe(0);
    const data = reportDataSchema.parse(JSON.parse(stdout.toString("utf8")));
    expect(data).toMatchObject({ year: 2019, format: "GB2019", status: "draft" });
  }, 120_000);

  test("--csv --table 3 is table 三 with a BOM; --docx --out writes the file and leaves stdout empty", async () => {
    const csv = await run(["--year", "2025", "--csv", "--table", "3"]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.stdout.toString("utf8")).toContain("本年新收政府信息公开申请数量");
    const file = path.join(dir, "2025.docx");
    const docx = await run(["--year", "2025", "--docx", "--out", file]);
    expect(docx.code).toBe(0);
    expect(docx.stdout.length).toBe(0);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");
  }, 120_000);

  test.each([
    [["--year", "abc"], "年份应为"],
    [["--json"], "缺少 --year"],
    [["--year", "2019", "--json", "--pdf"], "只能选择一种格式"],
    [["--year", "2019", "--table", "3"], "--table 只用于 --csv"],
    [["--year", "2019", "--bogus"], "未知参数"],
  ])("%j is refused in Chinese on stderr, exit 2, nothing on stdout", async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout.length).toBe(0);
    expect(stderr).toContain(message);
  }, 60_000);
});
