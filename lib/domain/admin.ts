import { z } from "zod";

/**
 * What the disclosure office (公开办) types into its administration forms: 处室, 栏目, 发布渠道 and
 * 月度目标. Plain zod, no database: uniqueness, "is this user a 分管领导" and "does this column
 * hold items" are checked by the use cases in lib/server/admin/.
 */

const id = z.string({ error: "缺少编号" }).trim().min(1, "缺少编号").max(64, "编号无效");

/** An empty select or text field means "none". */
const optionalId = z
  .string()
  .trim()
  .max(64, "编号无效")
  .optional()
  .transform((v) => v || null);

/** An HTML checkbox sends "on" when ticked and nothing otherwise; tests and callers may pass booleans. */
const checkbox = z
  .union([z.boolean(), z.enum(["on", "true", "false", ""])])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

const name = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不能超过 ${max} 个字`);

/** 栏目 and 渠道 codes appear in public URLs and stored data: lower-case letters, digits, hyphens. */
export const SLUG_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slugCode = (what: string) =>
  z
    .string({ error: `请填写${what}代码` })
    .trim()
    .min(1, `请填写${what}代码`)
    .max(40, `${what}代码不能超过 40 个字符`)
    .regex(SLUG_CODE, `${what}代码只能使用小写字母、数字和连字符（如 tzgg、zcfg-jd）`);

/**
 * The version of what a form showed (a row's last change, or a digest of a list): a write whose
 * rows changed since is refused rather than overwriting someone else's work.
 */
export const versionSchema = z.string({ error: "页面已过期，请刷新后重试" }).trim().min(1, "页面已过期，请刷新后重试").max(64, "页面已过期，请刷新后重试");

export const moveSchema = z.object({
  id,
  direction: z.enum(["up", "down"], { error: "移动方向无效" }),
  version: versionSchema,
});
export type MoveInput = z.infer<typeof moveSchema>;

// ── 处室 ────────────────────────────────────────────────────────────────────────────────────

export const departmentCreateSchema = z.object({
  code: z
    .string({ error: "请填写处室代码" })
    .trim()
    .min(1, "请填写处室代码")
    .max(32, "处室代码不能超过 32 个字符")
    .regex(/^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/, "处室代码只能使用字母、数字和连字符（如 GXJS）"),
  name: name("处室名称", 50),
  leaderId: optionalId,
});
export type DepartmentCreateInput = z.infer<typeof departmentCreateSchema>;

export const departmentUpdateSchema = z.object({ id, version: versionSchema, name: name("处室名称", 50), leaderId: optionalId });
export type DepartmentUpdateInput = z.infer<typeof departmentUpdateSchema>;

// ── 栏目 ────────────────────────────────────────────────────────────────────────────────────

const columnFields = {
  code: slugCode("栏目"),
  name: name("栏目名称", 50),
  parentId: optionalId,
  description: z
    .string()
    .trim()
    .max(500, "栏目说明不能超过 500 个字")
    .optional()
    .transform((v) => v || null),
  /** 处室负责人审核 */
  requiresDeptHead: checkbox,
  /** 分管领导审核. 保密审查 has no switch: it is never skipped (条例第十七条, 先审查、后公开). */
  requiresLeader: checkbox,
};

export const columnCreateSchema = z.object(columnFields);
export type ColumnCreateInput = z.infer<typeof columnCreateSchema>;

export const columnUpdateSchema = z.object({ id, version: versionSchema, ...columnFields });
export type ColumnUpdateInput = z.infer<typeof columnUpdateSchema>;

export const columnDeleteSchema = z.object({ id, version: versionSchema });

// ── 发布渠道 ─────────────────────────────────────────────────────────────────────────────────

export const channelCreateSchema = z.object({ code: slugCode("渠道"), name: name("渠道名称", 50) });
export type ChannelCreateInput = z.infer<typeof channelCreateSchema>;

export const channelUpdateSchema = z.object({ id, version: versionSchema, name: name("渠道名称", 50), active: checkbox });
export type ChannelUpdateInput = z.infer<typeof channelUpdateSchema>;

// ── 月度目标 ─────────────────────────────────────────────────────────────────────────────────

export const TARGET_MAX = 999;
export const TARGET_YEARS = { min: 2019, max: 2100 } as const;

export const targetYearSchema = z.coerce
  .number({ error: "年份无效" })
  .int("年份无效")
  .min(TARGET_YEARS.min, `年份应在 ${TARGET_YEARS.min}–${TARGET_YEARS.max} 之间`)
  .max(TARGET_YEARS.max, `年份应在 ${TARGET_YEARS.min}–${TARGET_YEARS.max} 之间`);

/** One cell of the departments × months table; empty means "no target set". */
const targetValueSchema = z
  .string()
  .trim()
  .regex(/^\d{0,3}$/, `请填写 0–${TARGET_MAX} 的整数，或留空`)
  .transform((v) => (v === "" ? null : Number(v)));

/** The form field of one cell: `target:<departmentId>:<month>`. */
export const targetField = (departmentId: string, month: number) => `target:${departmentId}:${month}`;
const TARGET_FIELD = /^target:([^:]{1,64}):(\d{1,2})$/;

export interface TargetCell {
  departmentId: string;
  month: number;
  target: number | null;
}

export type TargetsParse =
  | { ok: true; year: number; version: string; cells: TargetCell[] }
  | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * The whole table in one go: the year and every `target:<dept>:<month>` cell of the form. Each
 * bad cell gets its own error, keyed by its field name so the form shows it next to the cell.
 */
export function parseTargetsForm(values: Record<string, unknown>): TargetsParse {
  const fieldErrors: Record<string, string[]> = {};
  const year = targetYearSchema.safeParse(values.year);
  if (!year.success) fieldErrors.year = year.error.issues.map((i) => i.message);
  const version = versionSchema.safeParse(values.version);
  if (!version.success) fieldErrors.version = version.error.issues.map((i) => i.message);
  const cells: TargetCell[] = [];
  for (const [key, raw] of Object.entries(values)) {
    const match = TARGET_FIELD.exec(key);
    if (!match) continue;
    const month = Number(match[2]);
    const value = targetValueSchema.safeParse(typeof raw === "number" ? String(raw) : raw ?? "");
    if (month < 1 || month > 12) fieldErrors[key] = ["月份无效"];
    else if (!value.success) fieldErrors[key] = value.error.issues.map((i) => i.message);
    else cells.push({ departmentId: match[1], month, target: value.data });
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return { ok: true, year: year.data!, version: version.data!, cells };
}

// ── Order and the column tree ────────────────────────────────────────────────────────────────

/** Swaps `id` with its neighbour; null when it is already first (up) or last (down). */
export function moveInOrder(ids: readonly string[], id: string, direction: "up" | "down"): string[] | null {
  const i = ids.indexOf(id);
  const j = direction === "up" ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= ids.length) return null;
  const next = [...ids];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

export interface TreeRow {
  id: string;
  parentId: string | null;
  sortOrder: number;
}

/** 栏目 are at most two levels deep: 政策法规 › 规章制度. */
export const MAX_COLUMN_DEPTH = 2;

/**
 * Depth-first order: each top-level column followed by its children, siblings by sortOrder.
 * Every write renumbers sortOrder to this position, so any reader that simply sorts by
 * sortOrder (the editor's column list, the public site) gets the tree in order.
 */
export function flattenTree<T extends TreeRow>(rows: readonly T[]): T[] {
  const sorted = [...rows].sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id));
  const out: T[] = [];
  const visit = (parentId: string | null, depth: number) => {
    if (depth > MAX_COLUMN_DEPTH) return;
    for (const row of sorted) {
      if (row.parentId !== parentId) continue;
      out.push(row);
      visit(row.id, depth + 1);
    }
  };
  visit(null, 1);
  return out;
}

/** The sortOrder each column gets: its position in the depth-first order. */
export function numberTree(rows: readonly TreeRow[]): Map<string, number> {
  return new Map(flattenTree(rows).map((r, i) => [r.id, i]));
}

/** Moves a column among its siblings; null when it cannot move that way. */
export function moveInColumnTree(rows: readonly TreeRow[], id: string, direction: "up" | "down"): Map<string, number> | null {
  const row = rows.find((r) => r.id === id);
  if (!row) return null;
  const siblings = flattenTree(rows).filter((r) => r.parentId === row.parentId).map((r) => r.id);
  const moved = moveInOrder(siblings, id, direction);
  if (!moved) return null;
  const local = new Map(moved.map((s, i) => [s, i]));
  return numberTree(rows.map((r) => ({ ...r, sortOrder: local.get(r.id) ?? r.sortOrder })));
}

export type ParentProblem = "self" | "not_found" | "too_deep" | "has_children";

export const PARENT_MESSAGES: Record<ParentProblem, string> = {
  self: "栏目不能以自己为上级栏目",
  not_found: "所选上级栏目不存在",
  too_deep: "栏目最多两级：所选上级栏目本身是子栏目",
  has_children: "该栏目下有子栏目，不能再放到其他栏目之下",
};

/** May `id` (null for a new column) sit under `parentId`, keeping the tree two levels deep? */
export function checkParent(rows: readonly TreeRow[], id: string | null, parentId: string | null): ParentProblem | null {
  if (!parentId) return null;
  if (parentId === id) return "self";
  const parent = rows.find((r) => r.id === parentId);
  if (!parent) return "not_found";
  if (parent.parentId !== null) return "too_deep";
  if (id && rows.some((r) => r.parentId === id)) return "has_children";
  return null;
}
