// No "server-only": the bulk loader (scripts/bench-seed-data.ts) runs outside the react-server condition.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * The audit log's keyed chain (审计记录防篡改, 等保 2.0 L3-CES1-14; issue 10 §2).
 *
 * Each row's `hash` is `k1:` + HMAC-SHA256 over its own fields and the previous row's `hash`, with a
 * key from the environment (AUDIT_HMAC_KEY) that the database never sees: someone with SQL can edit
 * a row, but cannot compute a MAC that verifies, and recomputing with sha256() or the old
 * gongkai_audit_digest() leaves rows without a valid MAC. The app computes the MAC inside the
 * writing transaction, under the same advisory lock the trigger takes, so id order is chain order.
 *
 * Rows written before the key existed (plain SHA-256 links from migration 20261124000000) keep
 * verifying as legacy links: they may only precede the first keyed row, and that first keyed row's
 * MAC covers the last legacy hash, so the legacy prefix is anchored by the key from then on.
 *
 * Works over any `Queryable` (a pg client or a Prisma transaction), so the app, the CLI and the
 * tests on a throwaway database run the same code.
 */
export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** The advisory lock of migration 20261124000000's chain trigger: one writer at a time appends. */
export const AUDIT_CHAIN_LOCK = 7291001;
export const MAC_PREFIX = "k1:";
const AT_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.MS'`;

export interface AuditRowFields {
  actorId: string | null;
  actorName: string | null;
  roles: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  result: string;
  detail: unknown;
  ip: string | null;
  userAgent: string | null;
}

export interface StoredAuditRow extends AuditRowFields {
  id: string;
  /** UTC wall time as stored, to the millisecond: 2026-12-01T09:00:00.123. */
  at: string;
  /** jsonb's own text of detail: the legacy digest hashed that. */
  detailText: string | null;
  prevHash: string;
  hash: string;
}

/** Separate keys for the chain and the checkpoint, so that one MAC can never pass for the other. */
export function subKey(key: Buffer, purpose: "chain" | "checkpoint"): Buffer {
  return createHmac("sha256", key).update(`gongkai audit ${purpose} v1`).digest();
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as PostgreSQL will hand it back: no NUL (refused in text), and no lone UTF-16 surrogate —
 * UTF-8 cannot carry one, so the driver stores U+FFFD, and a MAC computed over the JavaScript
 * string would never match the stored row again (a name cut in the middle of an emoji, one
 * anonymous login, would "break" the chain for good). Both are made what the database keeps.
 */
export function storableText(value: string): string {
  return value.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\uFFFD");
}

/** JSON with sorted keys, text made storable: the same text before the insert and after jsonb's round trip. */
export function canonicalJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const plain = JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "string" ? storableText(v) : v)) ?? "null");
  if (plain === null) return null;
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [storableText(k), sort((v as Record<string, unknown>)[k])]))
        : v;
  return JSON.stringify(sort(plain));
}

/** A JSON array, not a separator-joined string: no field's content can shift into the next one. */
export function auditMac(key: Buffer, row: AuditRowFields & { id: string; at: string; prevHash: string }): string {
  const message = JSON.stringify([
    "gongkai-audit-v1", row.id, row.at, row.actorId, row.actorName, row.roles, row.action, row.entity, row.entityId,
    row.result, canonicalJson(row.detail), row.ip, row.userAgent, row.prevHash,
  ]);
  return MAC_PREFIX + createHmac("sha256", subKey(key, "chain")).update(message).digest("hex");
}

/** gongkai_audit_digest() of migration 20261124000000, recomputed here (the database's copy could be replaced). */
export function legacyDigest(row: StoredAuditRow): string {
  const fields = [
    row.prevHash, row.id, row.at, row.actorId ?? "", row.actorName ?? "", row.roles ?? "", row.action, row.entity ?? "",
    row.entityId ?? "", row.result, row.detailText ?? "", row.ip ?? "", row.userAgent ?? "",
  ];
  return createHash("sha256").update(fields.join("\x1f"), "utf8").digest("hex");
}

export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const stripNul = (v: string | null | undefined) => (v == null ? null : storableText(v));

/**
 * Appends one row. Must run inside a transaction: the advisory lock is held until it commits, so
 * the next writer reads this row as its predecessor. `at` is the database's clock, never earlier
 * than the previous row's, so purging "before a date" removes a prefix of the chain.
 * `options.at` is for tests and imports of history only.
 */
export async function appendAuditEvent(q: Queryable, fields: AuditRowFields, key: Buffer, options: { at?: Date } = {}): Promise<{ id: string; hash: string }> {
  await q.query(`SELECT 1 AS locked FROM pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const now = options.at ? `$1::timestamp(3)` : `date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'UTC')`;
  const { rows } = await q.query<{ id: string; prev: string; at: string }>(
    `WITH last AS (SELECT "hash", "at" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1)
     SELECT nextval(pg_get_serial_sequence('"AuditEvent"', 'id'))::text AS id,
            coalesce((SELECT "hash" FROM last), 'GENESIS') AS prev,
            to_char(greatest(${now}, (SELECT "at" FROM last)), ${AT_FORMAT}) AS at`,
    options.at ? [options.at.toISOString().slice(0, 23)] : [],
  );
  const head = rows[0];
  const row = {
    ...fields,
    roles: stripNul(fields.roles),
    action: storableText(fields.action),
    entity: stripNul(fields.entity),
    result: storableText(fields.result),
    actorId: stripNul(fields.actorId),
    actorName: stripNul(fields.actorName),
    entityId: stripNul(fields.entityId),
    ip: stripNul(fields.ip),
    userAgent: stripNul(fields.userAgent),
    id: head.id,
    at: head.at,
    prevHash: head.prev,
  };
  const hash = auditMac(key, row);
  await q.query(
    `INSERT INTO "AuditEvent" ("id", "at", "actorId", "actorName", "roles", "action", "entity", "entityId", "result", "detail", "ip", "userAgent", "prevHash", "hash")
     VALUES ($1::bigint, $2::timestamp(3), $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14)`,
    [row.id, row.at, row.actorId, row.actorName, row.roles, row.action, row.entity, row.entityId, row.result, canonicalJson(row.detail), row.ip, row.userAgent, row.prevHash, hash],
  );
  return { id: row.id, hash };
}

/** A row as the verifier reads it. Queries using it must say `ORDER BY e."id"`: a bare "id" would sort the text alias. */
export const ROW_COLUMNS = `"id"::text AS id, to_char("at", ${AT_FORMAT}) AS at, "actorId", "actorName", "roles", "action", "entity", "entityId",
  "result", "detail", "detail"::text AS "detailText", "ip", "userAgent", "prevHash", "hash"`;

/** A Prisma client or transaction as a Queryable ($n placeholders, rows as objects). */
export function prismaQueryable(client: { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> }): Queryable {
  return {
    async query<R>(text: string, params: unknown[] = []) {
      return { rows: await client.$queryRawUnsafe<R[]>(text, ...params) };
    },
  };
}
