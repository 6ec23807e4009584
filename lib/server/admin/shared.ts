import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Tx } from "@/lib/server/platform/db";
import { conflict, invalid, type Failure } from "@/lib/server/platform/result";
import { LOCKS, Refusal, type WriteOptions } from "@/lib/server/platform/use-case";

/**
 * What every office-administration write (处室, 栏目, 渠道, 月度目标) shares: one advisory lock so
 * that two office staff reordering or renaming at once are serialised (uniqueness and order are
 * read and written under it), and version tokens: a form sends back the version of what it showed,
 * and a write whose rows changed since then is refused instead of overwriting someone else's work.
 */
export const ADMIN_LOCK: WriteOptions = { lock: LOCKS.administration };

/** A row's version: when it last changed. */
export const rowVersion = (row: { updatedAt: Date }) => row.updatedAt.toISOString();

/** A list's version (its order, or a year's targets): a digest of what the form showed. */
export function listVersion(parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 22);
}

/** The rows changed since the form was opened: nothing is written, the user is told to reload. */
export function staleForm(what: string): Refusal {
  return new Refusal("stale_version", conflict(`${what}已被他人修改，您的修改未保存。请刷新页面后重新操作。`));
}

/** Before/after of the fields an audit row should show: only those that changed. */
export function changes<T extends Record<string, unknown>>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] !== undefined && after[key] !== before[key]) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

/**
 * Writes new positions without touching `updatedAt` (Prisma sets @updatedAt itself; raw SQL does
 * not): a row's version token is its content, so a colleague's reorder or a new column elsewhere
 * does not make every open edit form of an untouched row stale. The order has its own token.
 */
export async function saveSortOrders(tx: Tx, table: "Department" | "Column" | "Channel", updates: readonly { id: string; sortOrder: number }[]) {
  for (const u of updates) await tx.$executeRawUnsafe(`UPDATE "${table}" SET "sortOrder" = $1 WHERE "id" = $2`, u.sortOrder, u.id);
}

/** The new sortOrder of each row whose position changed, as update calls. */
export function renumber(rows: readonly { id: string; sortOrder: number }[], order: Map<string, number>) {
  return rows.filter((r) => order.has(r.id) && order.get(r.id) !== r.sortOrder).map((r) => ({ id: r.id, sortOrder: order.get(r.id)! }));
}

/**
 * Parses an administration form. A missing or malformed version is not a field the user can fix:
 * it is answered as a stale page, not as a red field.
 */
export function parseForm<S extends z.ZodType>(schema: S, raw: unknown): { ok: true; data: z.infer<S> } | { ok: false; failure: Failure } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
  if (fieldErrors.version) return { ok: false, failure: conflict(fieldErrors.version[0]) };
  return { ok: false, failure: invalid(fieldErrors) };
}
