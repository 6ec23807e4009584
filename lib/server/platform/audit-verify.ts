import "server-only";
import { createHmac } from "node:crypto";
import { auditMac, legacyDigest, MAC_PREFIX, ROW_COLUMNS, sameMac, subKey, type Queryable, type StoredAuditRow } from "./audit-chain";

/**
 * `npm run audit:verify`: walks the chain in id order and compares its head with the signed
 * checkpoint kept outside the database. Names the first bad row and what was done to it.
 */
export type TamperKind = "edit" | "insert" | "delete" | "delete_tail" | "reorder" | "recompute" | "checkpoint";

export const TAMPER_LABELS: Record<TamperKind, { zh: string; en: string }> = {
  edit: { zh: "记录内容被修改", en: "a row was edited" },
  insert: { zh: "插入了伪造的记录", en: "a forged row was inserted" },
  delete: { zh: "中间的记录被删除", en: "rows were deleted in the middle" },
  delete_tail: { zh: "末尾的记录被删除或日志被清空", en: "rows were deleted at the tail (or the log was truncated)" },
  reorder: { zh: "记录的顺序被调换", en: "rows were reordered" },
  recompute: { zh: "哈希值被不持有密钥者重新计算（如用数据库的 sha256 函数）", en: "hashes were recomputed without the key (e.g. with the database's sha256)" },
  checkpoint: { zh: "检查点文件的签名无效", en: "the checkpoint's signature is invalid" },
};

/** The chain head, HMAC-signed, kept in DATA_DIR/audit and the log (audit-checkpoint.ts). */
export interface AuditCheckpoint {
  version: 1;
  lastId: string;
  lastMac: string;
  /** Rows from the chain's start (or the last purge) through lastId. */
  count: number;
  /** The purge record the chain starts from, or null. */
  anchorId: string | null;
  writtenAt: string;
  signature: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  head: { id: string; mac: string } | null;
  anchorId: string | null;
  failure: { kind: TamperKind; id: string | null; message: string } | null;
  checkpoint: "verified" | "missing" | "failed";
}

function checkpointBody(c: Omit<AuditCheckpoint, "signature">): string {
  return JSON.stringify([c.version, c.lastId, c.lastMac, c.count, c.anchorId, c.writtenAt]);
}

export function signCheckpoint(key: Buffer, c: Omit<AuditCheckpoint, "signature" | "version">): AuditCheckpoint {
  const body = { version: 1 as const, ...c };
  return { ...body, signature: createHmac("sha256", subKey(key, "checkpoint")).update(checkpointBody(body)).digest("hex") };
}

export function checkpointSignatureOk(key: Buffer, c: AuditCheckpoint): boolean {
  return typeof c?.signature === "string" && sameMac(signCheckpoint(key, c).signature, c.signature);
}

export function failureMessage(kind: TamperKind, id: string | null): string {
  const l = TAMPER_LABELS[kind];
  return `审计日志校验失败：${id ? `第 ${id} 号记录处` : ""}${l.zh}。/ Audit log verification failed${id ? ` at event ${id}` : ""}: ${l.en}.`;
}

const BATCH = 2000;

/** The newest purge record with a valid MAC: the chain starts after the rows it removed. */
async function purgeAnchor(q: Queryable, key: Buffer) {
  const { rows } = await q.query<StoredAuditRow>(`SELECT ${ROW_COLUMNS} FROM "AuditEvent" e WHERE "action" = 'audit.purge' ORDER BY e."id" DESC LIMIT 1`);
  const row = rows[0];
  if (!row || !sameMac(row.hash, auditMac(key, row))) return null;
  const d = row.detail as { purgedThroughId?: string; purgedThroughHash?: string };
  return d?.purgedThroughHash ? { id: row.id, throughId: String(d.purgedThroughId), throughHash: d.purgedThroughHash } : null;
}

export async function verifyAuditLog(q: Queryable, options: { key: Buffer; checkpoint: AuditCheckpoint | null }): Promise<AuditVerification> {
  const { key, checkpoint } = options;
  const anchor = await purgeAnchor(q, key);
  let prev: StoredAuditRow | null = null;
  let keyedSeen = false;
  let checked = 0;
  let atCheckpoint: { hash: string; count: number } | null = null;
  const fail = (kind: TamperKind, id: string | null, head: StoredAuditRow | null): AuditVerification => ({
    ok: false, checked, head: head && { id: head.id, mac: head.hash }, anchorId: anchor?.id ?? null,
    failure: { kind, id, message: failureMessage(kind, id) }, checkpoint: "failed",
  });
  const macOf = (r: StoredAuditRow) => (r.hash.startsWith(MAC_PREFIX) ? auditMac(key, r) : keyedSeen ? null : legacyDigest(r));
  if (checkpoint && !checkpointSignatureOk(key, checkpoint)) return fail("checkpoint", null, null);

  for (let after = anchor ? anchor.throughId : "0"; ; ) {
    const { rows } = await q.query<StoredAuditRow>(`SELECT ${ROW_COLUMNS} FROM "AuditEvent" e WHERE e."id" > $1::bigint ORDER BY e."id" LIMIT ${BATCH}`, [after]);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      checked++;
      const expectedPrev = prev ? prev.hash : (anchor?.throughHash ?? "GENESIS");
      const expected = macOf(row);
      const macOk = expected !== null && sameMac(row.hash, expected);
      const linkOk = row.prevHash === expectedPrev;
      if (!macOk || !linkOk) {
        const kind = await classify(q, row, prev, expectedPrev, { macOk, linkOk, keyedSeen, key, checkpoint });
        return fail(kind, row.id, prev);
      }
      if (row.hash.startsWith(MAC_PREFIX)) keyedSeen = true;
      prev = row;
      if (checkpoint && row.id === checkpoint.lastId) atCheckpoint = { hash: row.hash, count: checked };
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1].id;
  }

  if (checkpoint) {
    const sameAnchor = checkpoint.anchorId === (anchor?.id ?? null);
    if (!atCheckpoint) return fail("delete_tail", checkpoint.lastId, prev);
    if (!sameMac(atCheckpoint.hash, checkpoint.lastMac)) return fail("recompute", checkpoint.lastId, prev);
    if (sameAnchor && atCheckpoint.count !== checkpoint.count) return fail("delete", null, prev);
  }
  return {
    ok: true, checked, head: prev && { id: prev.id, mac: prev.hash }, anchorId: anchor?.id ?? null, failure: null,
    checkpoint: checkpoint ? "verified" : "missing",
  };
}

/**
 * The rows written since a checkpoint, checked link by link from the checkpoint's head: what the
 * 审计管理员's page runs on every view, in time proportional to the new rows only. The rows up to
 * the checkpoint are the hourly job's (verifyAndCheckpoint, the whole chain); this catches the head
 * row rewritten or deleted and every row after it edited, inserted, deleted or reordered.
 */
export async function verifyAuditTail(q: Queryable, options: { key: Buffer; checkpoint: AuditCheckpoint }): Promise<AuditVerification> {
  const { key, checkpoint } = options;
  let checked = 0;
  let prev: StoredAuditRow | null = null;
  const fail = (kind: TamperKind, id: string | null): AuditVerification => ({
    ok: false, checked, head: prev && { id: prev.id, mac: prev.hash }, anchorId: checkpoint.anchorId,
    failure: { kind, id, message: failureMessage(kind, id) }, checkpoint: "failed",
  });
  if (!checkpointSignatureOk(key, checkpoint)) return fail("checkpoint", null);
  const { rows: heads } = await q.query<StoredAuditRow>(`SELECT ${ROW_COLUMNS} FROM "AuditEvent" e WHERE e."id" = $1::bigint`, [checkpoint.lastId]);
  const head = heads[0];
  if (!head) return fail("delete_tail", checkpoint.lastId);
  if (!sameMac(head.hash, checkpoint.lastMac) || !sameMac(head.hash, auditMac(key, head))) return fail("recompute", checkpoint.lastId);
  prev = head;
  for (let after = head.id; ; ) {
    const { rows } = await q.query<StoredAuditRow>(`SELECT ${ROW_COLUMNS} FROM "AuditEvent" e WHERE e."id" > $1::bigint ORDER BY e."id" LIMIT ${BATCH}`, [after]);
    for (const row of rows) {
      checked++;
      const macOk = row.hash.startsWith(MAC_PREFIX) && sameMac(row.hash, auditMac(key, row));
      const linkOk = row.prevHash === prev.hash;
      if (!macOk || !linkOk) return fail(await classify(q, row, prev, prev.hash, { macOk, linkOk, keyedSeen: true, key, checkpoint }), row.id);
      prev = row;
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1].id;
  }
  return { ok: true, checked, head: { id: prev.id, mac: prev.hash }, anchorId: checkpoint.anchorId, failure: null, checkpoint: "verified" };
}

/** What was most likely done, judged from the first bad row and its neighbours. */
async function classify(
  q: Queryable,
  row: StoredAuditRow,
  prev: StoredAuditRow | null,
  expectedPrev: string,
  s: { macOk: boolean; linkOk: boolean; keyedSeen: boolean; key: Buffer; checkpoint: AuditCheckpoint | null },
): Promise<TamperKind> {
  const { rows: next } = await q.query<StoredAuditRow>(`SELECT ${ROW_COLUMNS} FROM "AuditEvent" e WHERE e."id" > $1::bigint ORDER BY e."id" LIMIT 1`, [row.id]);
  const following = next[0];
  if (!s.linkOk) {
    // Its predecessor sits after it: rows swapped places.
    const { rows: later } = await q.query(`SELECT 1 FROM "AuditEvent" WHERE "hash" = $1 AND "id" > $2::bigint LIMIT 1`, [row.prevHash, row.id]);
    if (later.length) return "reorder";
  }
  // The chain steps over this row: its successor links to its predecessor.
  if (following && following.prevHash === expectedPrev && following.prevHash !== row.hash) return "insert";
  if (!s.linkOk) {
    if (s.macOk) return prev && !prev.hash.startsWith(MAC_PREFIX) && row.hash.startsWith(MAC_PREFIX) ? "recompute" : "delete";
    return "edit";
  }
  if (s.keyedSeen && !row.hash.startsWith(MAC_PREFIX)) return "recompute";
  if (following) {
    // Its successor still links to it and fails too: the later hashes were rewritten to match.
    const followingOk = following.hash.startsWith(MAC_PREFIX) && sameMac(following.hash, auditMac(s.key, following));
    return followingOk ? "edit" : "recompute";
  }
  if (s.checkpoint && BigInt(row.id) > BigInt(s.checkpoint.lastId)) return "insert";
  if (s.checkpoint?.lastId === row.id && !sameMac(row.hash, s.checkpoint.lastMac)) return "recompute";
  return "edit";
}
