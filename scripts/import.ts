/**
 * Imports a bureau's 台账 (issue #8 §9), or a past year's annual report (issue 9 §6):
 *   npm run import -- requests FILE [--dry-run] [--as USERNAME]
 *   npm run import -- appeals  FILE [--dry-run] [--as USERNAME]
 *   npm run import -- report   FILE.json [--dry-run] [--as USERNAME]
 * Reads an XLSX or CSV (UTF-8 or GBK), checks every row, and imports all or nothing: any bad row
 * is printed as "第N行 列名：消息" on stderr, nothing is written and the exit code is 1. A report
 * is the JSON of /api/v1/reports/schema.json; each problem is printed as its path ("table3.granted.
 * commercial：应为数字"), and nothing is saved.
 * --dry-run stops after the check and never touches a database. Otherwise the records go to
 * DATABASE_URL, or to the demo's embedded database in .data/pg when it is unset, imported as the
 * first active 公开办 (OFFICE) user or the user named by --as.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { chinaDate } from "../lib/domain/dates";
import { parseAppealLedger, parseRequestLedger, type LedgerError } from "../lib/domain/requests/ledger-parse";
import type { LedgerAppealRecord, LedgerRequestRecord } from "../lib/domain/requests/ledger-records";
import { parseReportImport } from "../lib/domain/reports/import-shape";
import { readLedgerFile } from "../lib/server/requests/ledger-file";
import type { Actor } from "../lib/server/platform/actor";
import { connectCliDatabase } from "./cli-database";

type Kind = "requests" | "appeals" | "report";

type StoreResult = { ok: true; value: { imported: number } } | { ok: false; message: string };

const USAGE = "用法：npm run import -- requests|appeals|report 文件 [--dry-run] [--as 用户名]";

function parseArgs(argv: string[]) {
  const positional = argv.filter((a, i) => !a.startsWith("--") && argv[i - 1] !== "--as");
  const asIndex = argv.indexOf("--as");
  const kind = positional[0];
  if ((kind !== "requests" && kind !== "appeals" && kind !== "report") || positional.length !== 2 || (asIndex >= 0 && !argv[asIndex + 1])) return null;
  return { kind: kind as Kind, file: positional[1], dryRun: argv.includes("--dry-run"), as: asIndex >= 0 ? argv[asIndex + 1] : null };
}

function formatError(e: LedgerError): string {
  return e.column ? `第${e.row}行 ${e.column}：${e.message}` : `第${e.row}行：${e.message}`;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) return fail(USAGE, 2);
  if (!existsSync(args.file)) return fail(`找不到文件：${args.file}`, 2);
  if (args.kind === "report") return importReportFile(args);
  const started = performance.now();
  const file = await readLedgerFile(new Uint8Array(readFileSync(args.file)), path.basename(args.file));
  if (!file.ok) return fail(file.message, 1);
  const options = { today: chinaDate(new Date()) };
  const parsed = args.kind === "requests" ? parseRequestLedger(file.header, file.rows, options) : parseAppealLedger(file.header, file.rows, options);
  if (!parsed.ok) {
    for (const e of parsed.errors) console.error(formatError(e));
    const rows = new Set(parsed.errors.map((e) => e.row)).size;
    return fail(`共 ${parsed.errors.length} 处错误（${rows} 行），文件未导入。请改正后重新导入。`, 1);
  }
  const how = file.format === "csv" ? `CSV，${file.encoding === "gb18030" ? "GBK/GB18030" : "UTF-8"} 编码` : "Excel";
  console.log(`${path.basename(args.file)}（${how}）：${parsed.records.length} 条记录检查通过（${Math.round(performance.now() - started)} 毫秒）。`);
  if (parsed.ignoredColumns.length) console.log(`以下列不在模板中，已忽略：${parsed.ignoredColumns.join("、")}`);
  if (args.dryRun) {
    console.log("试运行（--dry-run）：未写入数据库。");
    return 0;
  }
  return withDatabase(async (actor) => {
    const store = await import("@/lib/server/requests/import");
    return args.kind === "requests"
      ? store.importRequests(actor, parsed.records as LedgerRequestRecord[])
      : store.importAppeals(actor, parsed.records as LedgerAppealRecord[]);
  }, args.as);
}

/** A past year's report: the shape checked before any database is touched, then stored as imported. */
async function importReportFile(args: { file: string; dryRun: boolean; as: string | null }): Promise<number> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(args.file, "utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    return fail(`${path.basename(args.file)} 不是有效的 JSON 文件：${(error as Error).message}`, 1);
  }
  const parsed = parseReportImport(json, new Date(), "");
  if (!parsed.ok) {
    for (const line of parsed.lines) console.error(line);
    return fail(`共 ${parsed.lines.length} 处错误，文件未导入。请改正后重新导入。`, 1);
  }
  const { year, format } = parsed.data;
  console.log(`${path.basename(args.file)}：${year} 年度报告（${format}）检查通过。`);
  if (args.dryRun) {
    console.log("试运行（--dry-run）：未写入数据库。");
    return 0;
  }
  return withDatabase(
    async (actor) => {
      const { importReport } = await import("@/lib/server/reports/import");
      const result = await importReport(actor, json);
      return result.ok ? { ok: true, value: { imported: 1 } } : result;
    },
    args.as,
    (actor) => `已导入 ${year} 年度报告（${format}，操作人：${actor.displayName}），状态为“已导入”。`,
  );
}

/** Connects (DATABASE_URL, or the demo's embedded cluster), finds the actor, runs the import, disconnects. */
async function withDatabase(
  run: (actor: Actor) => Promise<StoreResult>,
  username: string | null,
  success = (actor: Actor, imported: number) => `已导入 ${imported} 条记录（操作人：${actor.displayName}）。`,
): Promise<number> {
  const embedded = await connectCliDatabase();
  if (typeof embedded === "string") return fail(embedded, 1);
  const { db } = await import("@/lib/server/platform/db");
  try {
    const actor = await findActor(username);
    if (typeof actor === "string") return fail(actor, 1);
    const result = await run(actor);
    if (!result.ok) return fail(`导入失败，未写入任何记录：${result.message}`, 1);
    console.log(success(actor, result.value.imported));
    return 0;
  } finally {
    await db().$disconnect();
    await embedded?.stop();
  }
}

/** The import is done by a person: --as USERNAME, or the first active 公开办 user. */
async function findActor(username: string | null): Promise<Actor | string> {
  const { db } = await import("@/lib/server/platform/db");
  const user = await db().user.findFirst({
    where: { status: "ACTIVE", roles: { has: "OFFICE" }, ...(username ? { username } : {}) },
    orderBy: { createdAt: "asc" },
    include: { department: { select: { name: true } } },
  });
  if (!user) return username ? `没有名为 ${username} 的在用公开办（OFFICE）用户。` : "数据库中没有在用的公开办（OFFICE）用户，无法确定操作人；请用 --as 指定。";
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: [...user.roles],
    departmentId: user.departmentId,
    departmentName: user.department?.name ?? null,
    sessionId: "cli-import",
  };
}

function fail(message: string, code: number): number {
  console.error(message);
  return code;
}

process.exitCode = await main();
