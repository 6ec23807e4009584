/**
 * The annual report's current figures (a draft, computed now) from the command line, so a bureau
 * can script it (issue 9 §2):
 *   npm run report -- --year Y [--json|--docx|--pdf|--csv] [--table 2|3|4] [--out FILE]
 * Against DATABASE_URL, or the demo's database when it is unset. Without --out the document goes
 * to standard output and nothing else does: every message goes to standard error, console.log
 * included, so `npm run -s report -- --year 2025 --json > 2025.json` is the JSON alone.
 */
import { writeFileSync } from "node:fs";
import { connectCliDatabase } from "./cli-database";

// Anything a library prints with console.log must not end up inside the document on stdout.
console.log = (...args: unknown[]) => console.error(...args);

const FORMATS = ["json", "docx", "pdf", "csv"] as const;
type Format = (typeof FORMATS)[number];
const USAGE = "用法：npm run report -- --year 年份 [--json|--docx|--pdf|--csv] [--table 2|3|4] [--out 文件]";

export function parseReportArgs(argv: string[]): { year: number; format: Format; table: "table2" | "table3" | "table4" | "all"; out: string | null } | string {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? (argv[i + 1] ?? "") : null;
  };
  const known = new Set(["--year", "--out", "--table", ...FORMATS.map((f) => `--${f}`)]);
  const unknown = argv.filter((a, i) => a.startsWith("--") && !known.has(a) && !["--year", "--out", "--table"].includes(argv[i - 1]));
  if (unknown.length) return `未知参数：${unknown.join(" ")}\n${USAGE}`;
  const yearText = value("--year");
  if (yearText === null) return `缺少 --year。\n${USAGE}`;
  const year = Number(yearText);
  const thisYear = new Date().getFullYear();
  if (!/^\d{4}$/.test(yearText) || year < 2008 || year > thisYear) return `年份应为 2008—${thisYear} 之间的四位数字，收到“${yearText}”。`;
  const formats = FORMATS.filter((f) => argv.includes(`--${f}`));
  if (formats.length > 1) return `只能选择一种格式，收到：${formats.map((f) => `--${f}`).join(" ")}`;
  const tableText = value("--table");
  if (tableText !== null && !["2", "3", "4"].includes(tableText)) return "--table 应为 2、3 或 4。";
  if (tableText !== null && formats[0] !== "csv") return "--table 只用于 --csv。";
  const out = value("--out");
  if (out === "") return `--out 后应为文件名。\n${USAGE}`;
  return { year, format: formats[0] ?? "json", table: tableText ? (`table${tableText}` as "table2") : "all", out };
}

async function main(): Promise<number> {
  const args = parseReportArgs(process.argv.slice(2));
  if (typeof args === "string") {
    console.error(args);
    return 2;
  }
  const embedded = await connectCliDatabase();
  if (typeof embedded === "string") {
    console.error(embedded);
    return 1;
  }
  const { db } = await import("@/lib/server/platform/db");
  try {
    const started = performance.now();
    const { draftReportData } = await import("@/lib/server/reports/store");
    const data = await draftReportData(args.year);
    const bytes = await render(data, args.format, args.table);
    if (args.out) writeFileSync(args.out, bytes);
    else await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (e) => (e ? reject(e) : resolve())));
    const blocking = data.checks.filter((c) => c.severity === "error" && !c.overridden).length;
    console.error(
      `${args.year} 年度报告（${data.format}，草稿）已生成${args.out ? `：${args.out}` : ""}，${bytes.length} 字节，用时 ${Math.round(performance.now() - started)} 毫秒；` +
        (blocking ? `有 ${blocking} 项校验未通过。` : "校验全部通过。"),
    );
    return 0;
  } finally {
    await db().$disconnect();
    await embedded?.stop();
  }
}

async function render(data: import("@/lib/domain/reports/shape").ReportData, format: Format, table: "table2" | "table3" | "table4" | "all"): Promise<Buffer> {
  const { reportCsv, reportDocument } = await import("@/lib/export/report");
  const { renderDocument } = await import("@/lib/export");
  if (format === "json") return Buffer.from(`${JSON.stringify(data, null, 2)}\n`);
  if (format === "csv") return Buffer.from(reportCsv(data, table));
  return renderDocument(reportDocument(data, { draft: true }), format);
}

const isMain = process.argv[1]?.endsWith("report.ts");
if (isMain) process.exitCode = await main();
