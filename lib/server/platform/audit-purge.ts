import "server-only";
import { appendAuditEvent, type Queryable } from "./audit-chain";
import { verifyAuditLog, type AuditCheckpoint } from "./audit-verify";

/**
 * Retention (网络安全法 第二十一条: network logs kept no less than six months). Older rows may be
 * purged; younger ones never — refused here and, whatever the caller, by the DELETE trigger of
 * migration 20261204100000. The purge is itself an audit row that anchors the rest of the chain.
 */
export const RETENTION_MONTHS = 6;

/** The latest `before` date allowed: the same day six calendar months ago (UTC midnight). */
export function latestPurgeBefore(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - RETENTION_MONTHS, now.getUTCDate()));
  // 31 August minus six months is 3 March, not 28 February: go back to the month's last day.
  if (d.getUTCDate() !== now.getUTCDate()) d.setUTCDate(0);
  return d;
}

export type PurgeOutcome =
  | { ok: true; purged: number; throughId: string | null; recordId: string | null }
  | { ok: false; message: string };

/** Runs in one transaction on `q` (a dedicated client: BEGIN/COMMIT are issued here). */
export async function purgeAuditLog(
  q: Queryable,
  options: { before: Date; now?: Date; key: Buffer; checkpoint: AuditCheckpoint | null; actorName: string },
): Promise<PurgeOutcome> {
  const now = options.now ?? new Date();
  const latest = latestPurgeBefore(now);
  if (Number.isNaN(options.before.getTime())) return { ok: false, message: "日期无效，请按 YYYY-MM-DD 填写。" };
  if (options.before > latest) {
    return { ok: false, message: `审计日志至少保存六个月：只能清理 ${latest.toISOString().slice(0, 10)} 之前的记录。` };
  }
  // A broken log is evidence: it is never purged.
  const check = await verifyAuditLog(q, { key: options.key, checkpoint: options.checkpoint });
  if (!check.ok) return { ok: false, message: `${check.failure!.message} 已拒绝清理。` };

  await q.query("BEGIN");
  try {
    const { rows } = await q.query<{ id: string; hash: string }>(
      `SELECT "id"::text AS id, "hash" FROM "AuditEvent"
       WHERE "id" < coalesce((SELECT min("id") FROM "AuditEvent" WHERE "at" >= $1::timestamp(3)), 9223372036854775807)
       ORDER BY "id" DESC LIMIT 1`,
      [options.before.toISOString().slice(0, 23)],
    );
    const through = rows[0];
    if (!through) {
      await q.query("ROLLBACK");
      return { ok: true, purged: 0, throughId: null, recordId: null };
    }
    const { rows: removed } = await q.query<{ n: string }>(`SELECT gongkai_audit_purge($1::bigint)::text AS n`, [through.id]);
    const purged = Number(removed[0].n);
    const record = await appendAuditEvent(
      q,
      {
        actorId: null, actorName: options.actorName, roles: null, action: "audit.purge", entity: "AuditEvent", entityId: through.id,
        result: "SUCCESS", ip: null, userAgent: null,
        detail: { before: options.before.toISOString().slice(0, 10), purged, purgedThroughId: through.id, purgedThroughHash: through.hash },
      },
      options.key,
    );
    await q.query("COMMIT");
    return { ok: true, purged, throughId: through.id, recordId: record.id };
  } catch (error) {
    await q.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
