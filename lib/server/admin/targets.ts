import "server-only";
import { parseTargetsForm } from "@/lib/domain/admin";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import type { DbOrTx } from "@/lib/server/platform/db";
import { conflict, invalid, ok, type Result } from "@/lib/server/platform/result";
import { refuse, Refusal, write, type Target } from "@/lib/server/platform/use-case";
import { ADMIN_LOCK, listVersion, staleForm } from "./shared";

/**
 * 月度目标 (公开办): how many items each department should publish each month (the seed report's
 * monthly quota). One table per year, saved in one go: one transaction, one audit row listing
 * every cell that changed. An empty cell means "no target" and removes the row.
 */

export async function getTargets(actor: Actor, year: number) {
  if (!can(actor, "target.manage")) return null;
  const [departments, rows] = await Promise.all([
    db().department.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
    yearRows(db(), year),
  ]);
  const values: Record<string, Record<number, number>> = {};
  for (const r of rows) (values[r.departmentId] ??= {})[r.month] = r.target;
  return { year, departments, values, version: targetsVersion(rows) };
}

const yearRows = (client: DbOrTx, year: number) =>
  client.monthlyTarget.findMany({ where: { year }, orderBy: [{ departmentId: "asc" }, { month: "asc" }], select: { departmentId: true, month: true, target: true } });

/** The year's table as the form showed it. */
const targetsVersion = (rows: readonly { departmentId: string; month: number; target: number }[]) =>
  listVersion(rows.map((r) => `${r.departmentId}:${r.month}:${r.target}`));

export interface TargetChange {
  department: string;
  month: number;
  before: number | null;
  after: number | null;
}

export async function saveTargets(actor: Actor, raw: Record<string, unknown>): Promise<Result<{ year: number; changed: number }>> {
  const target: Target = { action: "target.save", entity: "MonthlyTarget" };
  if (!can(actor, "target.manage")) return refuse(actor, target, "wrong_role");
  const parsed = parseTargetsForm(raw);
  if (!parsed.ok) return parsed.fieldErrors.version ? conflict(parsed.fieldErrors.version[0]) : invalid(parsed.fieldErrors);
  const { year, cells, version } = parsed;
  return write(actor, { ...target, entityId: String(year) }, async (tx) => {
    // The guard: under the administration lock, the year's table must still be what the form showed.
    if (targetsVersion(await yearRows(tx, year)) !== version) throw staleForm(`${year} 年的月度目标`);
    const departments = await tx.department.findMany({ where: { id: { in: [...new Set(cells.map((c) => c.departmentId))] } }, select: { id: true, code: true } });
    const code = new Map(departments.map((d) => [d.id, d.code]));
    if (cells.some((c) => !code.has(c.departmentId))) throw new Refusal("unknown_department", invalid({}, "表格中的处室已不存在，请刷新后重新填写。"));
    const existing = await tx.monthlyTarget.findMany({ where: { year, departmentId: { in: [...code.keys()] } } });
    const before = new Map(existing.map((r) => [`${r.departmentId}:${r.month}`, r.target]));
    const changed: TargetChange[] = [];
    for (const c of cells) {
      const was = before.get(`${c.departmentId}:${c.month}`) ?? null;
      if (was === c.target) continue;
      const key = { departmentId_year_month: { departmentId: c.departmentId, year, month: c.month } };
      if (c.target === null) await tx.monthlyTarget.delete({ where: key });
      else await tx.monthlyTarget.upsert({ where: key, create: { departmentId: c.departmentId, year, month: c.month, target: c.target }, update: { target: c.target } });
      changed.push({ department: code.get(c.departmentId)!, month: c.month, before: was, after: c.target });
    }
    if (changed.length) await audit(tx, { actor, ...target, entityId: String(year), detail: { year, changes: changed } });
    return ok({ year, changed: changed.length });
  }, ADMIN_LOCK);
}
