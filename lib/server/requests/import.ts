import "server-only";
import { randomUUID } from "node:crypto";
import type { LedgerAppealRecord, LedgerRequestRecord } from "@/lib/domain/requests/ledger-records";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { seal } from "@/lib/server/platform/crypto";
import type { Tx } from "@/lib/server/platform/db";
import { invalid, ok, type Result } from "@/lib/server/platform/result";
import { refuse, write, type Target } from "@/lib/server/platform/use-case";
import { dateValue, formatRequestNumber, maskName } from "./shared";
import { isOrganisation } from "@/lib/domain/requests/vocabulary";

/**
 * Import of a bureau's 台账 (issue 8 §9): records already read and checked cell by cell by the
 * parser; here what needs the database — 承办处室 names, 编号 and 关联申请编号 — is checked
 * under one lock, and everything is written in one transaction with batched inserts, or nothing
 * is. A refused file is audited with its error count; a landed one with its counts.
 */

/** Imports serialise: two files with the same 编号 cannot both pass the check. */
const IMPORT_LOCK = 72910300;
const BATCH = 1000;
/** A 10,000-row file takes a few seconds; Prisma's default 5 s would abort it on a busy server. */
const IMPORT_TIMEOUT_MS = 120_000;

/** Row errors, keyed by the spreadsheet's row number: "12" → ["承办处室：…"]. */
export type RowErrors = Record<string, string[]>;

function addError(errors: RowErrors, row: number, column: string, message: string) {
  (errors[String(row)] ??= []).push(`${column}：${message}`);
}

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>, written?: (count: number) => Promise<void>) {
  for (let i = 0; i < rows.length; i += BATCH) {
    await insert(rows.slice(i, i + BATCH));
    await written?.(Math.min(BATCH, rows.length - i));
  }
}

/**
 * For the console's import page (lib/server/requests/ledger-upload.ts): `onProgress` hears the
 * share of rows written so far (0–1) while the transaction runs; `inTransaction` writes inside
 * it, after the rows and before the commit, so its effect and the import stand or fall together.
 */
export interface ImportHooks {
  onProgress?: (share: number) => Promise<void>;
  inTransaction?: (tx: Tx) => Promise<void>;
}

function progress(total: number, hooks: ImportHooks) {
  let done = 0;
  return hooks.onProgress ? (count: number) => hooks.onProgress!((done += count) / total) : undefined;
}

/** Moves the 登记编号 counter of each year past the imported numbers of the form YYYY-NNNN. */
async function bumpSequences(tx: Tx, numbers: string[]) {
  const highest = new Map<number, number>();
  for (const n of numbers) {
    const m = /^(\d{4})-(\d{1,9})$/.exec(n);
    if (m) highest.set(Number(m[1]), Math.max(highest.get(Number(m[1])) ?? 0, Number(m[2])));
  }
  for (const [year, value] of highest) {
    await tx.$executeRaw`
      INSERT INTO "RequestSequence" ("kind", "year", "lastValue") VALUES ('request', ${year}, ${value})
      ON CONFLICT ("kind", "year") DO UPDATE SET "lastValue" = GREATEST("RequestSequence"."lastValue", ${value})`;
  }
}

/** Takes `count` serials of `year` at once. */
async function takeSerials(tx: Tx, year: number, count: number): Promise<number> {
  const [row] = await tx.$queryRaw<{ lastValue: number }[]>`
    INSERT INTO "RequestSequence" ("kind", "year", "lastValue") VALUES ('request', ${year}, ${count})
    ON CONFLICT ("kind", "year") DO UPDATE SET "lastValue" = "RequestSequence"."lastValue" + ${count}
    RETURNING "lastValue"`;
  return row.lastValue - count + 1;
}

export async function importRequests(actor: Actor, records: LedgerRequestRecord[], now = new Date(), hooks: ImportHooks = {}): Promise<Result<{ imported: number; closed: number; open: number }>> {
  const target: Target = { action: "request.import", entity: "DisclosureRequest" };
  if (!can(actor, "request.import")) return refuse(actor, target, "wrong_role");
  if (!Array.isArray(records) || records.length === 0) return invalid({ file: ["文件中没有数据行"] }, "文件中没有数据行。");
  // Sealing and shaping thousands of rows happen before the transaction, which then only checks and inserts.
  const { prepared, events } = prepareRequests(actor, records);
  return write(
    actor,
    target,
    async (tx) => {
      const errors: RowErrors = {};
      const departments = new Map((await tx.department.findMany({ select: { id: true, name: true } })).map((d) => [d.name, d.id]));
      const given = records.map((r) => r.number).filter((n): n is string => !!n);
      const taken = new Set((await tx.disclosureRequest.findMany({ where: { number: { in: given } }, select: { number: true } })).map((r) => r.number));
      const seen = new Set<string>();
      for (const r of records) {
        if (r.departmentName && !departments.has(r.departmentName)) addError(errors, r.row, "承办处室", `没有名为“${r.departmentName}”的处室`);
        if (r.number && taken.has(r.number)) addError(errors, r.row, "编号", `编号“${r.number}”已存在`);
        if (r.number && seen.has(r.number)) addError(errors, r.row, "编号", `编号“${r.number}”在文件中重复`);
        if (r.number) seen.add(r.number);
      }
      if (Object.keys(errors).length) return invalid(errors, `有 ${Object.keys(errors).length} 行不能导入，文件未导入任何数据。`);

      await bumpSequences(tx, given);
      const unnumbered = new Map<number, number>();
      for (const r of records) if (!r.number) unnumbered.set(Number(r.receivedOn.slice(0, 4)), (unnumbered.get(Number(r.receivedOn.slice(0, 4))) ?? 0) + 1);
      const next = new Map<number, number>();
      for (const [year, count] of unnumbered) next.set(year, await takeSerials(tx, year, count));

      const requests = prepared.map((p) => {
        const year = Number(p.record.receivedOn.slice(0, 4));
        let number = p.record.number;
        if (!number) {
          const serial = next.get(year)!;
          next.set(year, serial + 1);
          number = formatRequestNumber(year, serial);
        }
        const departmentId = p.record.departmentName ? departments.get(p.record.departmentName)! : null;
        return { ...p.row, number, assignedDepartmentId: departmentId, status: p.record.outcome ? ("CLOSED" as const) : departmentId ? ("IN_PROGRESS" as const) : ("REGISTERED" as const) };
      });
      const written = progress(requests.length + events.length, hooks);
      await inBatches(requests, (batch) => insertRequests(tx, batch, now), written);
      await inBatches(events, (batch) => insertEvents(tx, batch), written);
      await hooks.inTransaction?.(tx);
      const closed = records.filter((r) => r.outcome).length;
      const counts = { imported: records.length, closed, open: records.length - closed };
      await audit(tx, { actor, ...target, detail: { ...counts, at: now.toISOString() } });
      return ok(counts);
    },
    { lock: IMPORT_LOCK, timeout: IMPORT_TIMEOUT_MS },
  );
}

const col = <T, V>(rows: T[], f: (r: T) => V) => rows.map(f);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

type PreparedRow = ReturnType<typeof prepareRequests>["prepared"][number]["row"] & {
  number: string;
  assignedDepartmentId: string | null;
  status: "CLOSED" | "IN_PROGRESS" | "REGISTERED";
};

/**
 * One INSERT … SELECT FROM unnest(arrays) per batch: a statement with one parameter per column, not
 * per cell, so 10,000 rows take a few round trips instead of Prisma's per-row bind lists.
 */
/** `importedAt` is the row's createdAt: the day the 台账 came in, which tells live cases from history. */
async function insertRequests(tx: Tx, rows: PreparedRow[], importedAt: Date) {
  await tx.$executeRaw`
    INSERT INTO "DisclosureRequest" ("id", "number", "channel", "applicantType", "personalData", "applicantNameMasked", "description",
      "submittedAt", "receivedOn", "status", "assignedDepartmentId", "outcome", "closedOn", "createdById", "imported", "createdAt", "updatedAt")
    SELECT id, num, channel, atype, pd, masked, descr, received::timestamp(3), received::date, status::"RequestStatus", dept, outcome, closed::date, ${rows[0].createdById}, true, ${importedAt}, CURRENT_TIMESTAMP
    FROM unnest(${col(rows, (r) => r.id)}::text[], ${col(rows, (r) => r.number)}::text[], ${col(rows, (r) => r.channel)}::text[],
      ${col(rows, (r) => r.applicantType)}::text[], ${col(rows, (r) => r.personalData)}::text[], ${col(rows, (r) => r.applicantNameMasked)}::text[],
      ${col(rows, (r) => r.description)}::text[], ${col(rows, (r) => day(r.receivedOn))}::text[], ${col(rows, (r) => r.status)}::text[],
      ${col(rows, (r) => r.assignedDepartmentId)}::text[], ${col(rows, (r) => r.outcome)}::text[], ${col(rows, (r) => day(r.closedOn))}::text[])
      AS t(id, num, channel, atype, pd, masked, descr, received, status, dept, outcome, closed)`;
}

async function insertEvents(tx: Tx, rows: ReturnType<typeof prepareRequests>["events"]) {
  await tx.$executeRaw`
    INSERT INTO "RequestEvent" ("id", "requestId", "seq", "kind", "on", "data", "actorId")
    SELECT id, rid, seq, kind, "on"::date, data::jsonb, ${rows[0].actorId}
    FROM unnest(${col(rows, (r) => r.id)}::text[], ${col(rows, (r) => r.requestId)}::text[], ${col(rows, (r) => r.seq)}::int[],
      ${col(rows, (r) => r.kind)}::text[], ${col(rows, (r) => day(r.on))}::text[], ${col(rows, (r) => JSON.stringify(r.data))}::text[])
      AS t(id, rid, seq, kind, "on", data)`;
}

function prepareRequests(actor: Actor, records: LedgerRequestRecord[]) {
  const prepared = [];
  const events = [];
  for (const r of records) {
    const id = randomUUID();
    prepared.push({
      record: r,
      row: {
        id,
        channel: r.channel,
        applicantType: r.applicantType,
        personalData: r.applicantName ? seal({ name: r.applicantName }) : null,
        applicantNameMasked: r.applicantName ? maskName(r.applicantName, isOrganisation(r.applicantType)) : "",
        description: r.content ?? "",
        submittedAt: dateValue(r.receivedOn),
        receivedOn: dateValue(r.receivedOn),
        outcome: r.outcome,
        closedOn: r.closedOn ? dateValue(r.closedOn) : null,
        createdById: actor.id,
        imported: true,
      },
    });
    events.push({ id: randomUUID(), requestId: id, seq: 1, kind: "RECEIVED", on: dateValue(r.receivedOn), data: { imported: true, row: r.row }, actorId: actor.id });
    if (r.closedOn) events.push({ id: randomUUID(), requestId: id, seq: 2, kind: "REPLIED", on: dateValue(r.closedOn), data: { imported: true, row: r.row }, actorId: actor.id });
  }
  return { prepared, events };
}

/** 行政复议/诉讼 cases; a 关联申请编号 must name a request already in the system. */
export async function importAppeals(actor: Actor, records: LedgerAppealRecord[], hooks: ImportHooks = {}): Promise<Result<{ imported: number }>> {
  const target: Target = { action: "appeal.import", entity: "AppealCase" };
  if (!can(actor, "appeal.manage")) return refuse(actor, target, "wrong_role");
  if (!Array.isArray(records) || records.length === 0) return invalid({ file: ["文件中没有数据行"] }, "文件中没有数据行。");
  return write(
    actor,
    target,
    async (tx) => {
      const numbers = records.map((r) => r.requestNumber).filter((n): n is string => !!n);
      const requests = new Map(
        (await tx.disclosureRequest.findMany({ where: { number: { in: numbers } }, select: { id: true, number: true } })).map((r) => [r.number, r.id]),
      );
      const errors: RowErrors = {};
      for (const r of records) {
        if (r.requestNumber && !requests.has(r.requestNumber)) addError(errors, r.row, "关联申请编号", `没有编号为“${r.requestNumber}”的申请`);
      }
      if (Object.keys(errors).length) return invalid(errors, `有 ${Object.keys(errors).length} 行不能导入，文件未导入任何数据。`);
      const rows = records.map((r) => ({
        kind: r.kind,
        requestId: r.requestNumber ? requests.get(r.requestNumber)! : null,
        filedOn: dateValue(r.filedOn),
        result: r.result,
        concludedOn: r.concludedOn ? dateValue(r.concludedOn) : null,
        imported: true,
        createdById: actor.id,
      }));
      await inBatches(rows, (batch) => tx.appealCase.createMany({ data: batch }), progress(rows.length, hooks));
      await hooks.inTransaction?.(tx);
      await audit(tx, { actor, ...target, detail: { imported: rows.length } });
      return ok({ imported: rows.length });
    },
    { lock: IMPORT_LOCK, timeout: IMPORT_TIMEOUT_MS },
  );
}
