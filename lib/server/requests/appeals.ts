import "server-only";
import { z } from "zod";
import { APPEAL_KIND_LABELS, APPEAL_RESULT_LABELS } from "@/lib/domain/requests/ledger-columns";
import { APPEAL_KINDS, APPEAL_RESULTS, type AppealKind, type AppealResult } from "@/lib/domain/requests/ledger-records";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can, requestScope } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { invalid, ok, type Failure, type Result } from "@/lib/server/platform/result";
import { expectOne, refuse, refuseNotFound, write, type Target } from "@/lib/server/platform/use-case";
import { dateSchema, dateValue, isoDate, todayOf } from "./shared";

/**
 * 行政复议 and 行政诉讼 about disclosure (条例 第五十一条), the cases of 年报 table 四: kind, the
 * request it concerns (by 编号, optional), filed date, result and concluded date. The office keeps
 * them (authz "appeal.manage"); an edit carries the version it was made on, so a stale form is
 * refused instead of overwriting someone else's conclusion.
 */

export { APPEAL_KIND_LABELS, APPEAL_RESULT_LABELS };
/** 行政复议 / 行政诉讼·未经复议直接起诉 / 行政诉讼·复议后起诉 as table 四 groups them. */
export const APPEAL_KIND_TITLES: Record<AppealKind, string> = {
  review: "行政复议",
  litigation_direct: "行政诉讼·未经复议直接起诉",
  litigation_after_review: "行政诉讼·复议后起诉",
};

const optionalDate = (label: string) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), dateSchema(label).optional());

export const appealInputSchema = z.object({
  kind: z.enum(APPEAL_KINDS, { error: "请选择类型" }),
  requestNumber: z
    .string()
    .trim()
    .max(50, "申请编号不能超过 50 个字")
    .optional()
    .transform((v) => v || null),
  filedOn: dateSchema("收到日期"),
  result: z.enum(APPEAL_RESULTS, { error: "请选择结果" }),
  concludedOn: optionalDate("审结日期"),
  note: z.string().trim().max(2000, "备注不能超过 2000 个字").default(""),
});
export type AppealInput = z.infer<typeof appealInputSchema>;

/** The dates' rules: nothing in the future; 审结日期 exactly when concluded, not before filing. */
function dateErrors(input: AppealInput, today: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (input.filedOn > today) errors.filedOn = ["收到日期不能晚于今天"];
  if (input.result === "pending") {
    if (input.concludedOn) errors.concludedOn = ["尚未审结的案件不填写审结日期"];
  } else if (!input.concludedOn) errors.concludedOn = ["已审结的案件请填写审结日期"];
  else if (input.concludedOn > today) errors.concludedOn = ["审结日期不能晚于今天"];
  else if (input.concludedOn < input.filedOn) errors.concludedOn = ["审结日期不能早于收到日期"];
  return errors;
}

const fieldErrors = (error: z.ZodError) => z.flattenError(error).fieldErrors as Record<string, string[]>;

/** Parses and checks the input and resolves the 编号 within the actor's scope, or the field errors. */
async function checked(actor: Actor, input: unknown, now: Date): Promise<Failure | { ok: true; data: AppealInput; requestId: string | null }> {
  const parsed = appealInputSchema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const errors = dateErrors(parsed.data, todayOf(now));
  let requestId: string | null = null;
  if (parsed.data.requestNumber) {
    const request = await db().disclosureRequest.findFirst({ where: { AND: [{ number: parsed.data.requestNumber }, requestScope(actor)] }, select: { id: true } });
    // Out of scope reads exactly like "no such number".
    if (!request) errors.requestNumber = [`没有编号为“${parsed.data.requestNumber}”的申请`];
    else requestId = request.id;
  }
  if (Object.keys(errors).length) return invalid(errors);
  return { ok: true, data: parsed.data, requestId };
}

const columns = (data: AppealInput, requestId: string | null) => ({
  kind: data.kind,
  requestId,
  filedOn: dateValue(data.filedOn),
  result: data.result,
  concludedOn: data.concludedOn ? dateValue(data.concludedOn) : null,
  note: data.note,
});

export async function createAppeal(actor: Actor, input: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  const target: Target = { action: "appeal.create", entity: "AppealCase" };
  if (!can(actor, "appeal.manage")) return refuse(actor, target, "wrong_role");
  const c = await checked(actor, input, now);
  if (!c.ok) return c;
  return write(actor, target, async (tx) => {
    const row = await tx.appealCase.create({ data: { ...columns(c.data, c.requestId), createdById: actor.id } });
    await audit(tx, { actor, ...target, entityId: row.id, detail: { kind: c.data.kind, result: c.data.result, requestNumber: c.data.requestNumber } });
    return ok({ id: row.id });
  });
}

/** `version` is the updatedAt the form was loaded with (ISO); a later save by anyone makes it stale. */
export async function updateAppeal(actor: Actor, id: string, input: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  const target: Target = { action: "appeal.update", entity: "AppealCase", entityId: id };
  if (!can(actor, "appeal.manage")) return refuse(actor, target, "wrong_role");
  const version = typeof input === "object" && input !== null ? (input as { version?: unknown }).version : undefined;
  const at = typeof version === "string" ? new Date(version) : null;
  if (!at || Number.isNaN(at.getTime())) return invalid({}, "表单已过期，请刷新后重新填写。");
  const c = await checked(actor, input, now);
  if (!c.ok) return c;
  if (typeof id !== "string" || id.length > 64 || !(await db().appealCase.findUnique({ where: { id }, select: { id: true } }))) return refuseNotFound(actor, target);
  return write(actor, target, async (tx) => {
    const { count } = await tx.appealCase.updateMany({ where: { id, updatedAt: at }, data: columns(c.data, c.requestId) });
    expectOne(count, "该案件已被他人修改，请刷新后查看最新内容再修改。");
    await audit(tx, { actor, ...target, detail: { kind: c.data.kind, result: c.data.result, concludedOn: c.data.concludedOn ?? null } });
    return ok({ id });
  });
}

export interface AppealRow {
  id: string;
  kind: AppealKind;
  kindLabel: string;
  result: AppealResult;
  resultLabel: string;
  filedOn: string;
  concludedOn: string | null;
  note: string;
  imported: boolean;
  request: { id: string; number: string | null } | null;
  version: string;
}

function rowOf(a: {
  id: string;
  kind: string;
  result: string;
  filedOn: Date;
  concludedOn: Date | null;
  note: string;
  imported: boolean;
  updatedAt: Date;
  request: { id: string; number: string | null } | null;
}): AppealRow {
  const kind = a.kind as AppealKind;
  const result = a.result as AppealResult;
  return {
    id: a.id,
    kind,
    kindLabel: APPEAL_KIND_TITLES[kind] ?? a.kind,
    result,
    resultLabel: APPEAL_RESULT_LABELS[result] ?? a.result,
    filedOn: isoDate(a.filedOn),
    concludedOn: a.concludedOn ? isoDate(a.concludedOn) : null,
    note: a.note,
    imported: a.imported,
    request: a.request,
    version: a.updatedAt.toISOString(),
  };
}

const appealSelect = { id: true, kind: true, result: true, filedOn: true, concludedOn: true, note: true, imported: true, updatedAt: true, request: { select: { id: true, number: true } } } as const;

/** kind × result counts, table 四's shape: [kind][result] and a total per kind. */
export type AppealCounts = Record<AppealKind, Record<AppealResult | "total", number>>;

/** The cases filed in `year`, newest first, with their counts by kind × result. Null without the permission. */
export async function listAppeals(actor: Actor, year: number): Promise<{ rows: AppealRow[]; counts: AppealCounts; years: number[] } | null> {
  if (!can(actor, "appeal.manage")) return null;
  const rows = (
    await db().appealCase.findMany({
      where: { filedOn: { gte: dateValue(`${year}-01-01`), lt: dateValue(`${year + 1}-01-01`) } },
      select: appealSelect,
      orderBy: [{ filedOn: "desc" }, { createdAt: "desc" }],
    })
  ).map(rowOf);
  const counts = Object.fromEntries(
    APPEAL_KINDS.map((k) => [k, Object.fromEntries([...APPEAL_RESULTS, "total"].map((r) => [r, 0]))]),
  ) as AppealCounts;
  for (const r of rows) {
    counts[r.kind][r.result] += 1;
    counts[r.kind].total += 1;
  }
  const years = await db().$queryRaw<{ year: number }[]>`SELECT DISTINCT EXTRACT(YEAR FROM "filedOn")::int AS year FROM "AppealCase" ORDER BY year DESC`;
  return { rows, counts, years: years.map((y) => y.year) };
}

export async function getAppeal(actor: Actor, id: string): Promise<AppealRow | null> {
  if (!can(actor, "appeal.manage") || typeof id !== "string" || id.length > 64) return null;
  const row = await db().appealCase.findUnique({ where: { id }, select: appealSelect });
  return row ? rowOf(row) : null;
}
