/**
 * The bench's 10,000-row 台账 import (issue 11 §4): an XLSX in the template's columns
 * (lib/domain/requests/ledger-columns.ts), read, checked and imported exactly as
 * `npm run import -- requests FILE` does — readLedgerFile, parseRequestLedger, importRequests in
 * one transaction. The transaction is rolled back at its very end (ImportHooks.inTransaction, after
 * every row is written and before the audit event and COMMIT), so each bench run imports into the
 * same data; the commit itself is the one step not timed.
 */
import ExcelJS from "exceljs";
import { REQUEST_COLUMNS } from "../../lib/domain/requests/ledger-columns";
import { OUTCOME_KEYS, outcomeLedgerLabel } from "../../lib/domain/requests/outcomes";
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES } from "../../lib/domain/requests/vocabulary";

const CHANNELS = ["在线", "信函", "当面", "传真", "电子邮件", "其他"];
const ROLLED_BACK = "bench: rolled back on purpose";

/** A 台账 of `rows` requests received in `year`, four in five of them closed. */
export async function ledgerWorkbook(rows: number, year: number, departments: string[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("依申请公开台账");
  sheet.addRow(REQUEST_COLUMNS.map((c) => c.name));
  for (let i = 0; i < rows; i++) {
    const month = String((i % 11) + 1).padStart(2, "0");
    const day = String((i % 28) + 1).padStart(2, "0");
    const closed = i % 5 !== 0;
    sheet.addRow([
      "", // 编号: numbered by the system, as most imported history is
      `${year}-${month}-${day}`,
      CHANNELS[i % CHANNELS.length],
      APPLICANT_TYPE_LABELS[APPLICANT_TYPES[i % APPLICANT_TYPES.length]],
      i % 3 === 0 ? "" : `申请人${i}`,
      `申请公开${year}年度科技项目第${i}号的立项及验收材料`,
      closed ? outcomeLedgerLabel(OUTCOME_KEYS[i % OUTCOME_KEYS.length]) : "",
      closed ? `${year}-12-${day}` : "",
      i % 2 === 0 && departments.length ? departments[i % departments.length] : "",
    ]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Reads, checks and imports the file as the CLI does, then rolls back; the milliseconds it took. */
export async function timedImport(bytes: Uint8Array): Promise<{ ms: number; rows: number }> {
  const { readLedgerFile } = await import("../../lib/server/requests/ledger-file");
  const { parseRequestLedger } = await import("../../lib/domain/requests/ledger-parse");
  const { importRequests } = await import("../../lib/server/requests/import");
  const { chinaDate } = await import("../../lib/domain/dates");
  const { db } = await import("../../lib/server/platform/db");
  const office = await db().user.findFirst({ where: { status: "ACTIVE", roles: { has: "OFFICE" } }, orderBy: { createdAt: "asc" } });
  if (!office) throw new Error("the bench's import needs an active 公开办 (OFFICE) user (the demo bureau has one)");
  const actor = { id: office.id, username: office.username, displayName: office.displayName, roles: [...office.roles], departmentId: office.departmentId, departmentName: null, sessionId: "bench-import" };

  const started = performance.now();
  const file = await readLedgerFile(bytes, "bench-ledger.xlsx");
  if (!file.ok) throw new Error(`the bench's ledger did not read: ${file.message}`);
  const parsed = parseRequestLedger(file.header, file.rows, { today: chinaDate(new Date()) });
  if (!parsed.ok) throw new Error(`the bench's ledger did not check: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  let written = false;
  try {
    const result = await importRequests(actor, parsed.records, new Date(), {
      inTransaction: async () => {
        written = true;
        throw new Error(ROLLED_BACK);
      },
    });
    if (!result.ok) throw new Error(`the bench's import was refused: ${result.message}`);
  } catch (error) {
    if (!(error instanceof Error && error.message === ROLLED_BACK)) throw error;
  }
  if (!written) throw new Error("the bench's import never reached its last step");
  return { ms: performance.now() - started, rows: parsed.records.length };
}
