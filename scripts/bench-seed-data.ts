/**
 * The bench data generator (issue 11 §1): N disclosure items and M 依申请公开 requests of a city
 * science bureau over six years (more for more than 270,000 items), deterministic for a seed, loaded in bulk.
 *
 * Items: DisclosureItem + ItemRevision + the approvals publishItem leaves behind (部门负责人,
 * 分管领导 where the column asks for one, 保密审查) — so publicItemWhere() shows them — with
 * 5 % carrying an attachment (StoredFile + Attachment over a few small real PDFs written once
 * into the blob store), 规章/规范性文件 with 成文/生效/废止日期 on some, channels, and around them
 * items no public surface may show (drafts, withdrawn, scheduled, 依申请公开).
 *
 * Speed: the search index is normally kept row by row by two triggers (DisclosureItem_search,
 * ReviewRecord_search → gongkai_search_refresh). Inside the one loading transaction those two are
 * disabled, and every secondary index and foreign key of the loaded tables set aside (setAside);
 * the rows go in by `COPY … FROM STDIN` (scripts/bench/copy-from.ts), SearchEntry's among them with
 * the grams gongkai_search_refresh would write (searchGrams); then the indexes are built once over
 * all rows (the GIN index last), the foreign keys checked by one join each, the triggers enabled
 * again — all before COMMIT, so no other session ever sees the triggers off or an index missing.
 * tests/integration/bench-seed.test.ts proves the rows equal what the trigger path writes and that
 * the app's own writes afterwards are indexed and numbered after the generated rows. The
 * append-only and audit triggers are never touched: the loader only inserts, and it records itself
 * as one AuditEvent through the chain trigger.
 *
 * Requests: every one of the 21 outcomes, open ones in every open status, six applicant types,
 * appeals of the three kinds with the four results, some fees. Personal data is sealed like the
 * demo's (lib/server/platform/crypto.ts) when PII_ENCRYPTION_KEY is set; without a key the rows
 * carry masked placeholders only (personalData null), as imported history does.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { auditHmacKey } from "../lib/env";
import { appendAuditEvent } from "../lib/server/platform/audit-chain";
import { contentHash, plainTextToHtml } from "../lib/domain/item";
import { chinaYear } from "../lib/domain/dates";
import { formatIndexNumber } from "../lib/domain/index-number";
import { OUTCOME_KEYS, OUTCOMES, type Outcome } from "../lib/domain/requests/outcomes";
import { isOrganisation, type ApplicantType } from "../lib/domain/requests/vocabulary";
import { maskIdNumber, maskName } from "../lib/domain/requests/masking";
import { normalizeSearchText } from "../lib/domain/search-text";
import { makeCorpus, rng, type Rng } from "./bench-corpus";
import { copyFrom } from "./bench/copy-from";

export interface SeedOptions {
  items: number;
  requests: number;
  orgCode: string;
  seed?: number;
  /** The clock the six years end at (tests pass a fixed one). */
  now?: Date;
  /** Attachment bytes go here (the configured blob store); null = rows only. */
  putBlob?: ((bytes: Uint8Array) => Promise<{ sha256: string; size: number }>) | null;
  /** Seals personal data (lib/server/platform/crypto.ts seal/applicantKey); null = masked placeholders. */
  sealer?: { seal(value: unknown): string; applicantKey(idType: string, idNumber: string): string } | null;
  log?: (m: string) => void;
}

export interface SeedSummary {
  items: { total: number; public: number; hidden: number; revisions: number; reviews: number; attachments: number; searchEntries: number };
  requests: { total: number; closed: number; open: number; outcomes: number; appeals: number; fees: number; sealed: boolean };
  years: number[];
  seconds: Record<string, number>;
  /** CPU seconds per phase: this process, and its PostgreSQL backend when that runs on this machine (null otherwise). */
  cpuSeconds: Record<string, { node: number; postgres: number | null }>;
}

const DAY = 86_400_000;
const BATCH = 2000;
/** Generated rows' ids start with this: a second run can tell the database already holds them. */
export const SEED_ID_PREFIX = "gs";

type Kind = "public" | "draft" | "withdrawn" | "scheduled" | "onRequest";
/** Of every 200 items: 194 public, 2 drafts, 2 withdrawn, 1 scheduled, 1 依申请公开. */
function kindOf(i: number): Kind {
  const k = i % 200;
  if (k === 17 || k === 117) return "draft";
  if (k === 42 || k === 142) return "withdrawn";
  if (k === 77) return "scheduled";
  if (k === 99) return "onRequest";
  return "public";
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const pad = (n: number, w: number) => String(n).padStart(w, "0");
const columns = (rows: unknown[][], n: number) => Array.from({ length: n }, (_, c) => rows.map((row) => row[c]));

export async function generatedRowsPresent(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query(`SELECT 1 FROM "DisclosureItem" WHERE "id" LIKE $1 LIMIT 1`, [`${SEED_ID_PREFIX}i%`]);
  return rows.length > 0;
}

/**
 * The CPU seconds the connection's backend process has used so far, read from /proc: only when
 * PostgreSQL runs on this machine (an embedded or local cluster); null otherwise.
 */
async function backendCpu(client: pg.Client): Promise<() => number | null> {
  const { rows } = await client.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
  const ticks = 100; // USER_HZ on Linux
  return () => {
    try {
      const fields = readFileSync(`/proc/${rows[0].pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      return (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      return null;
    }
  };
}

export async function seedBenchData(databaseUrl: string, options: SeedOptions): Promise<SeedSummary> {
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const seconds: Record<string, number> = {};
  const cpuSeconds: Record<string, { node: number; postgres: number | null }> = {};
  const backend = await backendCpu(client);
  // On a shared machine wall time says little: each phase's CPU seconds, of this process and of its PostgreSQL backend, say what it costs.
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const node = process.cpuUsage();
    const pgBefore = backend();
    const value = await work();
    seconds[name] = Math.round((performance.now() - t) / 100) / 10;
    const used = process.cpuUsage(node);
    const pgAfter = backend();
    cpuSeconds[name] = {
      node: Math.round((used.user + used.system) / 1e5) / 10,
      postgres: pgBefore === null || pgAfter === null ? null : Math.round((pgAfter - pgBefore) * 10) / 10,
    };
    log(`${name}: ${seconds[name]} s (CPU: node ${cpuSeconds[name].node} s, postgres ${cpuSeconds[name].postgres ?? "?"} s)`);
    return value;
  };
  try {
    if (await generatedRowsPresent(client)) throw new Error("数据库中已有生成的数据：请换一个空数据库，或对内置集群使用 --fresh。");
    const bureau = await loadBureau(client);
    const now = options.now ?? new Date();
    const seed = options.seed ?? 20261201;
    const files = await phase("blobs", () => attachmentFiles(options.putBlob ?? null));
    await client.query("BEGIN");
    // Another session writing items meanwhile waits on these locks rather than skip the index.
    await client.query(`ALTER TABLE "DisclosureItem" DISABLE TRIGGER "DisclosureItem_search"`);
    await client.query(`ALTER TABLE "ReviewRecord" DISABLE TRIGGER "ReviewRecord_search"`);
    const aside = await setAside(client, LOADED_TABLES);
    const items = await phase("items", () => loadItems(client, bureau, files, { ...options, now, seed, log }));
    await client.query("SET LOCAL maintenance_work_mem = '512MB'");
    await client.query("SET LOCAL max_parallel_maintenance_workers = 2");
    await phase("indexes", () => aside.restoreIndexes((name) => !name.endsWith("_grams_idx")));
    await phase("searchIndex", () => aside.restoreIndexes(() => true));
    await phase("constraints", () => aside.restoreConstraints());
    const searchEntries = items.searchEntries;
    await client.query(`ALTER TABLE "DisclosureItem" ENABLE TRIGGER "DisclosureItem_search"`);
    await client.query(`ALTER TABLE "ReviewRecord" ENABLE TRIGGER "ReviewRecord_search"`);
    const requests = await phase("requests", () => loadRequests(client, bureau, { ...options, now, seed: seed + 1 }));
    // The load is on the record like any bulk write (an import): one event, keyed into the chain.
    await appendAuditEvent(
      { query: async <R>(text: string, params?: unknown[]) => ({ rows: (await client.query(text, params)).rows as R[] }) },
      { actorId: null, actorName: "bench:seed", roles: null, action: "bench.seed", entity: "DisclosureItem", entityId: null, result: "ok", ip: null, userAgent: null, detail: { items: items.total, requests: requests.total, seed } },
      auditHmacKey(),
    );
    await phase("commit", () => client.query("COMMIT"));
    await phase("analyze", () => client.query(`ANALYZE`));
    return { items: { ...items, searchEntries }, requests, years: items.years, seconds, cpuSeconds };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** The tables the item load fills; their secondary indexes and foreign keys are built once, after it. */
const LOADED_TABLES = ["DisclosureItem", "ItemRevision", "ReviewRecord", "StoredFile", "Attachment", "SearchEntry"];

/**
 * Sets aside what makes a load slow row by row — every index but the primary keys and those a
 * constraint stands on, and the foreign keys of these tables (each checked by a lookup per row) —
 * and gives each back exactly as it was defined (pg_get_indexdef / pg_get_constraintdef): an index
 * built over all rows at once, a foreign key checked by one join. All inside the loading
 * transaction, so no other session sees them missing and a failure rolls the whole load back;
 * re-adding a unique index or a foreign key fails the load if a row broke it.
 */
async function setAside(client: pg.Client, tables: string[]) {
  const regclasses = tables.map((t) => `"${t}"`);
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY c.relname`,
    [regclasses],
  );
  const { rows: constraints } = await client.query<{ table: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[]) ORDER BY conname`,
    [regclasses],
  );
  for (const c of constraints) await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT "${c.name}"`);
  for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
  const pending = [...indexes];
  return {
    async restoreIndexes(which: (name: string) => boolean) {
      for (const index of pending.filter((i) => which(i.name))) {
        await client.query(index.def);
        pending.splice(pending.indexOf(index), 1);
      }
    },
    async restoreConstraints() {
      for (const c of constraints) await client.query(`ALTER TABLE ${c.table} ADD CONSTRAINT "${c.name}" ${c.def}`);
    },
  };
}

const ASTRAL = /[\uD800-\uDFFF]/;

/** Adds the distinct runs of one, two and three characters of each word: gongkai_search_grams() without its ORDER BY. */
function addGrams(normalized: string, prefix: string, out: Set<string>) {
  for (const w of normalized.split(" ")) {
    // Slicing UTF-16 is the common case; a word with characters beyond the BMP goes by code points.
    const c = ASTRAL.test(w) ? [...w] : null;
    const n = c ? c.length : w.length;
    const at = (i: number, k: number) => (c ? c.slice(i, i + k).join("") : w.slice(i, i + k));
    for (let i = 0; i < n; i++) {
      out.add(prefix + at(i, 1));
      if (i < n - 1) out.add(prefix + at(i, 2));
      if (i < n - 2) out.add(prefix + at(i, 3));
    }
  }
}

/**
 * The grams column gongkai_search_refresh() writes for a title and body: the title's grams marked
 * '#', then the grams of title and body. Same elements as the SQL function; the order inside each
 * part differs (the SQL sorts, which costs 2× the rest here) and nothing reads it: search asks
 * `grams @> query`. tests/integration/bench-seed.test.ts compares the two on a sample.
 */
export function searchGrams(title: string, body: string): string[] {
  const t = normalizeSearchText(title);
  const head = new Set<string>();
  addGrams(t, "#", head);
  const all = new Set<string>();
  addGrams(`${t} ${normalizeSearchText(body)}`.trim(), "", all);
  return [...head, ...all];
}

interface Bureau {
  departments: { id: string; code: string }[];
  columns: { id: string; code: string; requiresLeader: boolean; requiresDeptHead: boolean }[];
  byRole: (role: string) => string[];
  liaisonOf: (departmentId: string) => string | undefined;
}

async function loadBureau(client: pg.Client): Promise<Bureau> {
  const { rows: departments } = await client.query<{ id: string; code: string }>(`SELECT id, code FROM "Department" ORDER BY "sortOrder"`);
  const { rows: cols } = await client.query<Bureau["columns"][number]>(
    `SELECT id, code, "requiresLeader", "requiresDeptHead" FROM "Column" ORDER BY "sortOrder"`,
  );
  const { rows: users } = await client.query<{ id: string; roles: string[]; departmentId: string | null }>(
    `SELECT id, roles::text[] AS roles, "departmentId" FROM "User" ORDER BY username`,
  );
  if (!departments.length || !cols.length || !users.length) throw new Error("请先建立演示机关（科室、栏目、用户）：npm run db:seed。");
  const byRole = (role: string) => {
    const ids = users.filter((u) => u.roles.includes(role)).map((u) => u.id);
    if (!ids.length) throw new Error(`没有角色为 ${role} 的用户`);
    return ids;
  };
  return {
    departments,
    columns: cols,
    byRole,
    liaisonOf: (departmentId) => users.find((u) => u.departmentId === departmentId && u.roles.includes("LIAISON"))?.id,
  };
}

interface BlobFile {
  sha256: string;
  size: number;
  mimeType: string;
  fileName: string;
  text: string;
}

/** A few small real files, written once: the 5 % of items with an attachment share their bytes, as re-uploads do. */
async function attachmentFiles(putBlob: SeedOptions["putBlob"]): Promise<BlobFile[]> {
  const { tinyPdf } = await import("../tests/support/tiny-pdf");
  const specs = [
    { fileName: "申报指南.pdf", rows: ["市级科技发展计划项目申报指南", "一、支持方向", "二、申报条件", "三、申报材料"] },
    { fileName: "拟立项项目名单.pdf", rows: ["拟立项项目名单", "序号 项目名称 承担单位", "1 新材料关键技术研究 吉林市某科技有限公司"] },
    { fileName: "申报书模板.pdf", rows: ["项目申报书", "项目名称：", "承担单位：", "联系人："] },
    { fileName: "政策文件全文.pdf", rows: ["吉林市促进科技成果转化若干措施", "第一条 为加快科技成果转化", "第二条 支持技术转移机构建设"] },
  ];
  const out: BlobFile[] = [];
  for (const s of specs) {
    const bytes = tinyPdf([s.rows], "ucs2");
    const stored = putBlob ? await putBlob(bytes) : { sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length };
    out.push({ ...stored, mimeType: "application/pdf", fileName: s.fileName, text: s.rows.join("\n") });
  }
  return out;
}

/** Columns weighted as a 科技局's output: mostly notices and news. */
const COLUMN_WEIGHTS: Record<string, number> = { tzgg: 30, kjdt: 30, tpxw: 12, kjdj: 10, zcjd: 8, gzzd: 5, zcfg: 4, ndbg: 1 };
/** Which department writes for a column, weighted. */
const COLUMN_DEPARTMENTS: Record<string, string[]> = {
  tzgg: ["GXJS", "GXJS", "CGZH", "NCSF", "JHCW", "BGS"],
  kjdt: ["GXJS", "CGZH", "NCSF", "BGS"],
  tpxw: ["BGS"],
  kjdj: ["JGDW"],
  zcjd: ["CGZH", "GXJS", "BGS"],
  gzzd: ["BGS"],
  zcfg: ["BGS", "JHCW"],
  ndbg: ["BGS"],
};

async function loadItems(client: pg.Client, bureau: Bureau, files: BlobFile[], o: SeedOptions & { now: Date; seed: number; log: (m: string) => void }) {
  const r = rng(o.seed);
  const nextDoc = makeCorpus(o.seed);
  const deptId = new Map(bureau.departments.map((d) => [d.code, d.id]));
  const columnBag = bureau.columns.flatMap((c) => Array<typeof c>(COLUMN_WEIGHTS[c.code] ?? 3).fill(c));
  const liaisons = bureau.byRole("LIAISON");
  const [heads, leaders, secrecy] = ["DEPT_HEAD", "LEADER", "SECRECY"].map(bureau.byRole);
  const end = o.now.getTime();
  // Six calendar years in Beijing time: the current one and the five before it — more for more
  // items, so that no year holds more than its 索引号 can number (99,999 a year, index-number.ts):
  // the newest of n years holds ≈ 2/n of the items (sqrt below), so 1,000,000 span 23 years.
  const lastYear = chinaYear(o.now);
  const spanYears = Math.max(6, Math.ceil(o.items / 45_000));
  const from = Date.UTC(lastYear - (spanYears - 1), 0, 1) - 8 * 3600_000;
  const { rows: taken } = await client.query<{ year: number; lastValue: number }>(
    `SELECT "year", "lastValue" FROM "IndexNumberSequence" WHERE "orgCode" = $1`,
    [o.orgCode],
  );
  const serials = new Map(taken.map((t) => [t.year, t.lastValue]));
  const years = new Set<number>();
  const counts = { total: 0, public: 0, hidden: 0, revisions: 0, reviews: 0, attachments: 0, searchEntries: 0 };

  const loadedAt = new Date();
  let inFlight: Promise<unknown> = Promise.resolve();
  for (let start = 0; start < o.items; start += BATCH) {
    const sends: (() => Promise<unknown>)[] = [];
    const items: unknown[][] = [];
    const revs: unknown[][] = [];
    const reviews: unknown[][] = [];
    const stored: unknown[][] = [];
    const attachments: unknown[][] = [];
    const entries: unknown[][] = [];
    for (let i = start; i < Math.min(o.items, start + BATCH); i++) {
      if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      const kind = kindOf(i);
      const column = r.pick(columnBag);
      const dept = deptId.get(r.pick(COLUMN_DEPARTMENTS[column.code] ?? ["BGS"])) ?? r.pick(bureau.departments).id;
      const author = bureau.liaisonOf(dept) ?? r.pick(liaisons);
      // Later years hold more items, as a site grows; a scheduled one goes out within a month.
      const publishAt = new Date(kind === "scheduled" ? end + (1 + r.int(30)) * DAY : from + (end - from) * Math.sqrt(r.next()));
      const year = chinaYear(publishAt);
      years.add(year);
      const doc = nextDoc(year, r.next() < 0.01 ? 6000 : 500);
      const itemId = `${SEED_ID_PREFIX}i${pad(i, 7)}`;
      const revId = `${SEED_ID_PREFIX}r${pad(i, 7)}`;
      const isDraft = kind === "draft";
      if (kind === "public") counts.public++;
      else counts.hidden++;
      counts.total++;
      const serial = (serials.get(year) ?? 0) + 1;
      if (!isDraft) serials.set(year, serial);
      const indexNumber = isDraft ? null : formatIndexNumber(o.orgCode, year, serial);
      const status = isDraft ? "DRAFT" : kind === "withdrawn" ? "WITHDRAWN" : "PUBLISHED";
      const withdrawnAt = kind === "withdrawn" ? new Date(publishAt.getTime() + (1 + r.int(60)) * DAY) : null;
      const formed = new Date(publishAt.getTime() - (1 + r.int(20)) * DAY);
      const stages = [column.requiresDeptHead && "DEPT_HEAD", column.requiresLeader && "LEADER", "SECRECY"].filter(Boolean) as string[];
      items.push([itemId, indexNumber, dept, column.id, author, status, isDraft ? null : publishAt, isDraft ? null : publishAt,
        withdrawnAt, withdrawnAt ? "内容已过时效，予以撤回" : null, stages, isDraft ? null : formed,
        // Both revision links at once: the foreign keys that would ask for the revision row first are set aside during the load.
        revId, isDraft ? null : revId, isDraft ? loadedAt : formed, loadedAt]);

      // 规章 and 规范性文件 live in the policy columns; a third of them have been repealed since.
      const policy = column.code === "gzzd" || column.code === "zcfg";
      const documentType = policy && r.next() < 0.5 ? (r.next() < 0.15 ? "REGULATION" : "NORMATIVE") : "OTHER";
      const formal = documentType !== "OTHER";
      const repealed = formal && r.next() < 0.33 && publishAt.getTime() + 400 * DAY < end;
      const signedOn = formal ? ymd(new Date(formed.getTime() - r.int(10) * DAY)) : null;
      const effectiveOn = formal ? ymd(new Date(publishAt.getTime() + 30 * DAY)) : null;
      const repealedOn = repealed ? ymd(new Date(publishAt.getTime() + (365 + r.int(Math.max(1, Math.floor((end - publishAt.getTime()) / DAY) - 365))) * DAY)) : null;
      const validity = formal ? (repealed ? "REPEALED" : "VALID") : null;
      const documentNumber = formal || r.next() < 0.25 ? `吉市科${formal ? "规" : "发"}〔${year}〕${1 + r.int(60)}号` : null;
      const a20 = r.next() < 0.45 ? null : 1 + Math.floor(15 * r.next() ** 1.5);
      const channels = ["website", ...(r.next() < 0.3 ? ["portal"] : []), ...(r.next() < 0.2 ? ["wechat"] : [])];
      const attribute = kind === "onRequest" ? "ON_REQUEST" : "PROACTIVE";
      const attributeReason = kind === "onRequest" ? "属于依申请公开的政府信息" : null;
      const bodyHtml = plainTextToHtml(doc.body);
      const file = !isDraft && r.next() < 0.05 ? r.pick(files) : null;
      const hash = contentHash({
        title: doc.title, documentNumber, publisher: "", summary: null, columnId: column.id, topic: null, keywords: [],
        attribute, attributeReason, article20Item: a20, documentType, signedOn, effectiveOn, repealedOn, validity,
        formedOn: ymd(formed), channels, bodyHtml, attachments: file ? [{ sha256: file.sha256, fileName: file.fileName }] : [],
      });
      revs.push([revId, itemId, 1, doc.title, documentNumber, bodyHtml, doc.body, ymd(formed), attribute, attributeReason, a20,
        documentType, signedOn, effectiveOn, repealedOn, validity, channels, hash, author, formed]);
      counts.revisions++;
      if (file) {
        const fileId = `${SEED_ID_PREFIX}f${pad(i, 7)}`;
        // Scanned as the extract-text job would have (activeContentScannedAt), or the daily job rescans them all.
        stored.push([fileId, file.sha256, file.size, file.mimeType, file.fileName, file.text, "DONE", author, formed, formed]);
        attachments.push([`${SEED_ID_PREFIX}a${pad(i, 7)}`, revId, fileId, 0]);
        counts.attachments++;
      }
      // The publishability rule without its time condition, as gongkai_search_refresh() checks it.
      if (!isDraft && !withdrawnAt && attribute === "PROACTIVE") {
        entries.push([itemId, revId, publishAt, column.id, dept, a20, searchGrams(doc.title, doc.body)]);
        counts.searchEntries++;
      }
      if (!isDraft) {
        const reviewer: Record<string, string> = { DEPT_HEAD: r.pick(heads), LEADER: r.pick(leaders), SECRECY: r.pick(secrecy) };
        stages.forEach((stage, k) => {
          reviews.push([`${SEED_ID_PREFIX}v${pad(i, 7)}${k}`, itemId, revId, hash, stage, "APPROVE", reviewer[stage], new Date(formed.getTime() + (k + 1) * 3600_000)]);
          counts.reviews++;
        });
      }
    }
    sends.push(() => copyFrom(client, "DisclosureItem", ["id", "indexNumber", "departmentId", "columnId", "authorId", "status", "publishAt", "publishedAt",
      "withdrawnAt", "withdrawReason", "reviewStages", "firstSubmittedAt", "currentRevisionId", "publishedRevisionId", "createdAt", "updatedAt"], items));
    sends.push(() => copyFrom(client, "ItemRevision", ["id", "itemId", "number", "title", "documentNumber", "bodyHtml", "bodyText", "formedOn", "attribute",
      "attributeReason", "article20Item", "documentType", "signedOn", "effectiveOn", "repealedOn", "validity", "channels", "contentHash", "authorId", "createdAt"], revs));
    sends.push(() => copyFrom(client, "StoredFile", ["id", "sha256", "size", "mimeType", "fileName", "text", "textStatus", "uploadedById", "createdAt", "activeContentScannedAt"], stored));
    sends.push(() => copyFrom(client, "Attachment", ["id", "revisionId", "fileId", "sortOrder"], attachments));
    sends.push(() => copyFrom(client, "ReviewRecord", ["id", "itemId", "revisionId", "contentHash", "stage", "decision", "reviewerId", "createdAt"], reviews));
    sends.push(() => copyFrom(client, "SearchEntry", ["itemId", "revisionId", "publishAt", "columnId", "departmentId", "article20Item", "grams"], entries));
    // PostgreSQL inserts this batch while the next is generated: each statement is sent when the
    // one before it is done (the generating loop yields for that), one at a time as pg wants;
    // at most two batches are in memory.
    const previous = inFlight;
    inFlight = sends.reduce<Promise<unknown>>((chain, send) => chain.then(send), previous);
    inFlight.catch(() => {}); // a failure surfaces at the next await; never as an unhandled rejection
    await previous;
    if ((start / BATCH) % 10 === 9) o.log(`${start + BATCH} items`);
  }
  await inFlight;
  for (const [year, serial] of serials) {
    await client.query(
      `INSERT INTO "IndexNumberSequence" ("orgCode","year","lastValue") VALUES ($1,$2,$3)
       ON CONFLICT ("orgCode","year") DO UPDATE SET "lastValue" = GREATEST("IndexNumberSequence"."lastValue", EXCLUDED."lastValue")`,
      [o.orgCode, year, serial],
    );
  }
  return { ...counts, years: [...years].sort() };
}

const REQUEST_SUBJECTS = [
  (r: Rng, y: number) => `${y}年度市级科技发展计划项目立项名单及资助金额`,
  (r: Rng, y: number) => `${y}年${r.pick(["高新技术企业", "科技型中小企业", "众创空间", "科技企业孵化器"])}认定的评审意见及专家名单`,
  (r: Rng, y: number) => `${y}年度科技经费预算执行情况及结余资金使用情况`,
  (r: Rng) => `${r.pick(["吉化", "北华", "松江", "江城", "长白"])}${r.pick(["科技有限公司", "研究院", "股份有限公司"])}承担的科技项目验收报告`,
  (r: Rng, y: number) => `${y}年度科技特派员选派名单及考核结果`,
  (r: Rng) => `市科技局关于${r.pick(["人参产业", "碳纤维", "新材料", "现代农业", "生物医药"])}领域专项资金的分配方案`,
  (r: Rng, y: number) => `${y}年市科技局政府采购项目的招标文件及中标结果`,
  (_r: Rng) => `本人申报的科技成果登记材料的审核情况`,
];
const SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华辉鹏飞宇浩";
const ORGS = ["吉林市恒远律师事务所", "北华大学", "吉林市鑫达科技有限公司", "吉林日报社", "吉林市环保志愿者协会", "长白山研究院"];
const OPEN_STATUSES = ["REGISTERED", "CORRECTION_REQUESTED", "IN_PROGRESS", "REPLY_DRAFTED", "REPLY_APPROVED"] as const;
const CHANNEL_BAG = ["online", "online", "online", "online", "online", "registered_mail", "ordinary_mail", "in_person", "in_person", "email", "fax", "other"];
const TYPE_BAG: ApplicantType[] = [...Array<ApplicantType>(14).fill("natural_person"), "commercial", "commercial", "commercial", "research", "public_welfare", "legal_service", "other"];
/** Outcome weights as a 科技局's reports show them: most granted, then partial, 无法提供, 不予处理. */
const OUTCOME_WEIGHT = (k: Outcome) => ({ granted: 40, partial: 6, unable_1_not_held: 10, noproc_2_repeat: 3, deny_6_process: 3 })[k as string] ?? 1;
const APPEAL_KINDS = ["review", "litigation_direct", "litigation_after_review"] as const;
const APPEAL_RESULTS = ["upheld", "corrected", "other", "pending"] as const;

async function loadRequests(client: pg.Client, bureau: Bureau, o: SeedOptions & { now: Date; seed: number }) {
  const r = rng(o.seed);
  const office = bureau.byRole("OFFICE")[0];
  const handlers = bureau.departments.filter((d) => ["GXJS", "BGS", "CGZH", "JHCW", "NCSF"].includes(d.code)).map((d) => d.id);
  const outcomeBag = OUTCOME_KEYS.flatMap((k) => Array<Outcome>(OUTCOME_WEIGHT(k)).fill(k));
  const today = Date.UTC(o.now.getUTCFullYear(), o.now.getUTCMonth(), o.now.getUTCDate());
  const lastYear = chinaYear(o.now);
  const from = Date.UTC(lastYear - 5, 0, 1);
  // Numbers continue the bureau's own (the demo's requests hold 2026-0001 …), like item serials.
  const { rows: taken } = await client.query<{ year: number; lastValue: number }>(`SELECT "year", "lastValue" FROM "RequestSequence" WHERE "kind" = 'request'`);
  const numbers = new Map<number, number>(taken.map((t) => [t.year, t.lastValue]));
  const rows: unknown[][] = [];
  const events: unknown[][] = [];
  const appeals: unknown[][] = [];
  const fees: unknown[][] = [];
  let closed = 0;
  let open = 0;
  const seen = new Set<string>();
  for (let n = 0; n < o.requests; n++) {
    const id = `${SEED_ID_PREFIX}q${pad(n, 6)}`;
    // The last 40 days hold the open ones; the first requests cover every outcome once.
    const received = n < 40 && n >= OUTCOME_KEYS.length + 2 ? today - (n % 30) * DAY : from + Math.floor((today - from) * Math.sqrt(r.next()) / DAY) * DAY;
    const year = new Date(received).getUTCFullYear();
    const channel = r.pick(CHANNEL_BAG);
    const type = r.pick(TYPE_BAG);
    const org = isOrganisation(type);
    const name = org ? r.pick(ORGS) : r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.next() < 0.6 ? r.pick([...GIVEN]) : "");
    const idType = org ? "credit_code" : "resident_id";
    const idNumber = org ? `91220200MA${pad(r.int(1e8), 8)}` : `220202${1960 + r.int(45)}${pad(1 + r.int(12), 2)}${pad(1 + r.int(28), 2)}${pad(r.int(10000), 4)}`;
    const person = { name, idNumber, phone: `13${pad(r.int(1e9), 9)}`, address: `吉林省吉林市${r.pick(["船营区", "昌邑区", "丰满区", "龙潭区"])}某街道${1 + r.int(200)}号`, postcode: "132000" };
    const handle = received + (1 + r.int(40)) * DAY;
    const unconfirmed = channel === "online" && received > today - 5 * DAY && n % 3 === 0;
    const isClosed = n < OUTCOME_KEYS.length || (!unconfirmed && handle <= today);
    const outcome = isClosed ? (n < OUTCOME_KEYS.length ? OUTCOME_KEYS[n] : r.pick(outcomeBag)) : null;
    const status = unconfirmed ? "RECEIVED_ONLINE" : isClosed ? "CLOSED" : OPEN_STATUSES[n % OPEN_STATUSES.length];
    const closedOn = isClosed ? ymd(new Date(Math.min(handle, today))) : null;
    if (outcome) seen.add(outcome);
    if (isClosed) closed++;
    else open++;
    const serial = (numbers.get(year) ?? 0) + 1;
    if (!unconfirmed) numbers.set(year, serial);
    rows.push([
      id, unconfirmed ? null : `${year}-${pad(serial, 4)}`, channel, type, idType,
      o.sealer ? o.sealer.seal(person) : null, maskName(name, org), maskIdNumber(idNumber), o.sealer ? o.sealer.applicantKey(idType, idNumber) : null,
      `申请公开${r.pick(REQUEST_SUBJECTS)(r, year - (r.next() < 0.5 ? 1 : 0))}。`, r.pick(["科研需要", "了解政策", "企业经营参考", "维护自身合法权益", ""]),
      r.next() < 0.6 ? "electronic" : "paper", r.next() < 0.6 ? "email" : "post",
      new Date(received + 9 * 3600_000), unconfirmed ? null : ymd(new Date(received)), status, unconfirmed ? null : r.pick(handlers),
      outcome, closedOn, channel === "online" ? null : office,
    ]);
    if (!unconfirmed) events.push([`${id}e1`, id, 1, "RECEIVED", ymd(new Date(received)), JSON.stringify({ generated: true }), office]);
    if (closedOn) events.push([`${id}e2`, id, 2, "REPLIED", closedOn, JSON.stringify({ generated: true }), office]);
    // Appeals follow refusals mostly; every kind meets every result.
    if (closedOn && outcome && (OUTCOMES[outcome].group !== "granted" ? r.next() < 0.08 : r.next() < 0.005)) {
      const k = appeals.length;
      const filed = Date.parse(closedOn) + (10 + r.int(50)) * DAY;
      if (filed <= today) {
        const result = APPEAL_RESULTS[k % 4]; // 3 and 4 are coprime: the first 12 appeals meet every kind × result
        const concluded = result === "pending" ? null : filed + (30 + r.int(60)) * DAY;
        appeals.push([`${SEED_ID_PREFIX}c${pad(k, 6)}`, APPEAL_KINDS[k % 3], id, ymd(new Date(filed)), result,
          concluded && concluded <= today ? ymd(new Date(concluded)) : null, office]);
      }
    }
    // 信息处理费: rare, on granted or partial replies, mostly paid.
    if (closedOn && (outcome === "granted" || outcome === "partial") && r.next() < 0.02) {
      const notice = Date.parse(closedOn) - 10 * DAY;
      const perPage = r.next() < 0.7;
      fees.push([`${SEED_ID_PREFIX}p${pad(n, 6)}`, id, perPage ? "per_page" : "per_piece", perPage ? 31 + r.int(300) : 11 + r.int(20),
        perPage ? 100 * (1 + r.int(10)) : 100, ymd(new Date(Math.max(received, notice))), r.next() < 0.9 ? closedOn : null, office]);
    }
  }
  for (let start = 0; start < rows.length; start += BATCH) {
    const chunk = rows.slice(start, start + BATCH);
    await client.query(
      `INSERT INTO "DisclosureRequest" ("id","number","channel","applicantType","idType","personalData","applicantNameMasked","idNumberMasked","applicantKey",
                                        "description","purpose","deliveryForm","deliveryMethod","submittedAt","receivedOn","status","assignedDepartmentId",
                                        "outcome","closedOn","createdById","updatedAt")
       SELECT a, b, c, d, e, f, g, h, i, j, k, l, m, sub, rcv::date, st::"RequestStatus", dept, oc, cl::date, cr, now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                     $12::text[], $13::text[], $14::timestamp[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[])
           AS x(a, b, c, d, e, f, g, h, i, j, k, l, m, sub, rcv, st, dept, oc, cl, cr)`,
      columns(chunk, 20),
    );
  }
  for (let start = 0; start < events.length; start += BATCH * 2) {
    await client.query(
      `INSERT INTO "RequestEvent" ("id","requestId","seq","kind","on","data","actorId")
       SELECT id, rid, seq, kind, d::date, data::jsonb, actor FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[])
         AS x(id, rid, seq, kind, d, data, actor)`,
      columns(events.slice(start, start + BATCH * 2), 7),
    );
  }
  if (appeals.length) {
    await client.query(
      `INSERT INTO "AppealCase" ("id","kind","requestId","filedOn","result","concludedOn","createdById","updatedAt")
       SELECT id, kind, rid, filed::date, result, concluded::date, cr, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         AS x(id, kind, rid, filed, result, concluded, cr)`,
      columns(appeals, 7),
    );
  }
  if (fees.length) {
    await client.query(
      `INSERT INTO "FeeCharge" ("id","requestId","method","quantity","amountYuan","noticeOn","paidOn","issuedById")
       SELECT id, rid, m, q, a, n::date, p::date, i FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[])
         AS x(id, rid, m, q, a, n, p, i)`,
      columns(fees, 8),
    );
  }
  // The app numbers the next request after these (nextSerial), not over them.
  for (const [year, lastValue] of numbers) {
    await client.query(
      `INSERT INTO "RequestSequence" ("kind", "year", "lastValue") VALUES ('request', $1, $2)
       ON CONFLICT ("kind", "year") DO UPDATE SET "lastValue" = GREATEST("RequestSequence"."lastValue", $2)`,
      [year, lastValue],
    );
  }
  return { total: rows.length, closed, open, outcomes: seen.size, appeals: appeals.length, fees: fees.length, sealed: !!o.sealer };
}

