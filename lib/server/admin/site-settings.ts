import "server-only";
import { cache } from "react";
import { z } from "zod";
import {
  DEFAULT_SITE_SETTINGS,
  SITE_SETTING_KEYS,
  siteSettingsSchema,
  type SiteSettingField,
  type SiteSettings,
} from "@/lib/domain/site-settings";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db, type DbOrTx } from "@/lib/server/platform/db";
import { conflict, forbidden, invalid, ok, type Result } from "@/lib/server/platform/result";
import { LOCKS, refuse, write, type Target } from "@/lib/server/platform/use-case";

/** Settings of the public site (政府信息公开指南), edited by the disclosure office. */

const FIELDS = Object.keys(SITE_SETTING_KEYS) as SiteSettingField[];
const KEYS = FIELDS.map((f) => SITE_SETTING_KEYS[f]);

export interface LoadedSettings {
  settings: SiteSettings;
  /** When the settings last changed (ISO), or "" if never: the form sends it back. */
  version: string;
}

export async function getSiteSettings(tx: DbOrTx = db()): Promise<LoadedSettings> {
  const rows = await tx.siteSetting.findMany({ where: { key: { in: KEYS } } });
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const settings: Record<string, unknown> = { ...DEFAULT_SITE_SETTINGS };
  for (const field of FIELDS) {
    const value = byKey.get(SITE_SETTING_KEYS[field]);
    if (typeof value === "string") settings[field] = value;
  }
  const latest = rows.reduce<Date | null>((max, r) => (!max || r.updatedAt > max ? r.updatedAt : max), null);
  return { settings: settings as SiteSettings, version: latest?.toISOString() ?? "" };
}

/** For pages: the layout and the page share one read per request. */
export const siteSettings = cache(() => getSiteSettings());

/**
 * Saves the guide's settings. `version` is what the form was opened on: if another member of the
 * office saved in between, nothing is overwritten and the user is told.
 */
export async function updateSiteSettings(actor: Actor, input: Record<string, unknown>): Promise<Result<{ changed: string[] }>> {
  const target: Target = { action: "site.settings.update", entity: "SiteSetting" };
  if (!can(actor, "site.settings")) return refuse(actor, target, "wrong_role", forbidden("只有政务公开办公室可以修改站点设置。"));
  const parsed = siteSettingsSchema.safeParse(input);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const columns = await db().column.findMany({
    where: { code: { in: [parsed.data.systemColumn, parsed.data.annualReportColumn] } },
    select: { code: true },
  });
  const known = new Set(columns.map((c) => c.code));
  const fieldErrors: Record<string, string[]> = {};
  for (const f of ["systemColumn", "annualReportColumn"] as const) {
    if (!known.has(parsed.data[f])) fieldErrors[f] = ["所选栏目不存在，请重新选择"];
  }
  if (Object.keys(fieldErrors).length) return invalid(fieldErrors);
  const expected = typeof input.version === "string" ? input.version : "";

  // The lock serialises saves, so the "changed since you opened it" guard cannot race.
  return write(actor, target, async (tx) => {
    const before = await getSiteSettings(tx);
    if (before.version !== expected) return conflict("站点设置已被他人修改，您的修改未保存。请刷新页面后重新编辑。");
    const changed = FIELDS.filter((f) => (before.settings[f] ?? "") !== (parsed.data[f] ?? ""));
    for (const field of changed) {
      const key = SITE_SETTING_KEYS[field];
      const value = parsed.data[field] ?? "";
      await tx.siteSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
    }
    await audit(tx, {
      actor,
      ...target,
      detail: Object.fromEntries(changed.map((f) => [f, { from: before.settings[f] ?? "", to: parsed.data[f] ?? "" }])),
    });
    return ok({ changed });
  }, { lock: LOCKS.siteSettings });
}
