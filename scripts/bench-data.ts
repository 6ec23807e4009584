/**
 * Bulk-loads benchmark items straight into the tables (100,000 items through the workflow's use
 * cases would take hours): for each public item a DisclosureItem, its published ItemRevision
 * (bodyText filled) and the three approvals, exactly the rows publishItem leaves behind. Around
 * them, items no public surface may show: drafts, withdrawn, scheduled for later, 依申请公开, and
 * published items with a newer draft revision. The search documents come from the database's own
 * trigger, as in production.
 */
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { plainTextToHtml } from "../lib/domain/item";
import { makeCorpus, rng } from "./bench-corpus";

export interface BenchLoadResult {
  publicItems: number;
  hiddenItems: number;
  revisions: number;
  seconds: number;
}

type Kind = "public" | "draft" | "withdrawn" | "scheduled" | "onRequest" | "publicWithDraft";

/** Of every 100 items: 93 public (8 of them with a newer draft), 4 drafts, 1 withdrawn, 1 scheduled, 1 依申请公开. */
function kindOf(i: number): Kind {
  const k = i % 100;
  if (k < 4) return "draft";
  if (k === 4) return "withdrawn";
  if (k === 5) return "scheduled";
  if (k === 6) return "onRequest";
  if (k < 15) return "publicWithDraft";
  return "public";
}

const id = () => `b${randomBytes(12).toString("hex")}`;
const CHINA_OFFSET_MS = 8 * 3600_000;
const chinaYear = (d: Date) => new Date(d.getTime() + CHINA_OFFSET_MS).getUTCFullYear();

export async function loadBenchItems(
  databaseUrl: string,
  options: { publicItems: number; orgCode: string; seed?: number; batch?: number; log?: (m: string) => void },
): Promise<BenchLoadResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: departments } = await client.query<{ id: string }>(`SELECT id FROM "Department" ORDER BY "sortOrder"`);
    const { rows: itemColumns } = await client.query<{ id: string; code: string }>(`SELECT id, code FROM "Column" ORDER BY "sortOrder"`);
    const { rows: users } = await client.query<{ id: string; roles: string }>(`SELECT id, roles::text FROM "User"`);
    const userWith = (role: string) => users.find((u) => u.roles.includes(role))!.id;
    const [author, head, leader, secrecy] = ["LIAISON", "DEPT_HEAD", "LEADER", "SECRECY"].map(userWith);
    if (!departments.length || !itemColumns.length) throw new Error("seed the demo bureau first");
    // Columns weighted as a 科技局's output: mostly notices and news.
    const weights: Record<string, number> = { tzgg: 30, kjdt: 30, tpxw: 12, kjdj: 10, zcjd: 8, gzzd: 6, ndbg: 1, zcfg: 3 };
    const columnBag = itemColumns.flatMap((c) => Array<string>(weights[c.code] ?? 3).fill(c.id));

    // A GIN index is far faster built once than grown row by row: set it aside while loading.
    const { rows: gin } = await client.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'SearchEntry' AND indexdef ILIKE '%USING gin%'`,
    );
    for (const index of gin) await client.query(`DROP INDEX "${index.name}"`);

    const r = rng(options.seed ?? 20261126);
    const nextDoc = makeCorpus(options.seed ?? 20261126);
    const now = Date.now();
    const from = Date.UTC(2019, 0, 1);
    const total = Math.ceil((options.publicItems * 100) / 93) + 200;
    const batch = options.batch ?? 500;
    const { rows: taken } = await client.query<{ year: number; lastValue: number }>(
      `SELECT "year", "lastValue" FROM "IndexNumberSequence" WHERE "orgCode" = $1`,
      [options.orgCode],
    );
    const serials = new Map(taken.map((t) => [t.year, t.lastValue]));
    let publicItems = 0;
    let hiddenItems = 0;
    let revisions = 0;

    for (let start = 0; start < total && publicItems < options.publicItems; start += batch) {
      const items: unknown[][] = [];
      const revs: unknown[][] = [];
      const reviews: unknown[][] = [];
      const links: [string, string | null, string | null][] = [];
      for (let i = start; i < Math.min(total, start + batch); i++) {
        const kind = kindOf(i);
        if (publicItems >= options.publicItems && (kind === "public" || kind === "publicWithDraft")) continue;
        // Later years hold more items, as the site grows.
        const publishAt = new Date(kind === "scheduled" ? now + (1 + r.int(30)) * 86_400_000 : from + (now - from) * Math.sqrt(r.next()));
        const year = chinaYear(publishAt);
        const doc = nextDoc(year, r.next() < 0.01 ? 8000 : 1200);
        const itemId = id();
        const revId = id();
        const isDraft = kind === "draft";
        const isPublic = kind === "public" || kind === "publicWithDraft";
        if (isPublic) publicItems++;
        else hiddenItems++;
        const serial = (serials.get(year) ?? 0) + 1;
        if (!isDraft) serials.set(year, serial);
        const indexNumber = isDraft ? null : `${options.orgCode}/${year}-${String(serial).padStart(5, "0")}`;
        const status = isDraft ? "DRAFT" : kind === "withdrawn" ? "WITHDRAWN" : kind === "publicWithDraft" ? "DRAFT" : "PUBLISHED";
        const withdrawnAt = kind === "withdrawn" ? new Date(publishAt.getTime() + 86_400_000) : null;
        items.push([itemId, indexNumber, r.pick(departments).id, r.pick(columnBag), author, status, isDraft ? null : publishAt, isDraft ? null : publishAt, withdrawnAt]);
        const a20 = r.next() < 0.45 ? null : 1 + Math.floor(15 * r.next() ** 1.5);
        const formedOn = new Date(publishAt.getTime() - (1 + r.int(20)) * 86_400_000).toISOString().slice(0, 10);
        const hash = createHash("sha256").update(doc.title + doc.body).digest("hex");
        const attribute = kind === "onRequest" ? "ON_REQUEST" : "PROACTIVE";
        revs.push([revId, itemId, 1, doc.title, r.next() < 0.3 ? `吉市科发〔${year}〕${1 + r.int(60)}号` : null, plainTextToHtml(doc.body), doc.body, formedOn, attribute, a20, hash, author]);
        revisions++;
        let current = revId;
        if (kind === "publicWithDraft") {
          current = id();
          const draft = nextDoc(year);
          revs.push([current, itemId, 2, `${doc.title}（修订稿）`, null, plainTextToHtml(draft.body), draft.body, formedOn, "PROACTIVE", a20, hash + "2", author]);
          revisions++;
        }
        links.push([itemId, current, isDraft ? null : revId]);
        if (!isDraft) {
          for (const [stage, reviewer] of [["DEPT_HEAD", head], ["LEADER", leader], ["SECRECY", secrecy]]) {
            reviews.push([id(), itemId, revId, hash, stage, reviewer, publishAt]);
          }
        }
      }
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO "DisclosureItem" ("id","indexNumber","departmentId","columnId","authorId","status","publishAt","publishedAt","withdrawnAt","updatedAt")
         SELECT x.*, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::"ItemStatus"[], $7::timestamp[], $8::timestamp[], $9::timestamp[]) AS x`,
        columns(items, 9),
      );
      await client.query(
        `INSERT INTO "ItemRevision" ("id","itemId","number","title","documentNumber","bodyHtml","bodyText","formedOn","attribute","article20Item","contentHash","authorId")
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::"DisclosureAttribute"[], $10::int[], $11::text[], $12::text[])`,
        columns(revs, 12),
      );
      await client.query(
        `UPDATE "DisclosureItem" i SET "currentRevisionId" = x.c, "publishedRevisionId" = x.p
           FROM unnest($1::text[], $2::text[], $3::text[]) AS x(id, c, p) WHERE i.id = x.id`,
        columns(links, 3),
      );
      await client.query(
        `INSERT INTO "ReviewRecord" ("id","itemId","revisionId","contentHash","stage","decision","reviewerId","createdAt")
         SELECT x.id, x.item, x.rev, x.hash, x.stage, 'APPROVE', x.reviewer, x.at
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::"ReviewStage"[], $6::text[], $7::timestamp[]) AS x(id, item, rev, hash, stage, reviewer, at)`,
        columns(reviews, 7),
      );
      await client.query("COMMIT");
      if ((start / batch) % 20 === 0) log(`${publicItems} public + ${hiddenItems} hidden items, ${Math.round((Date.now() - started) / 1000)} s`);
    }
    for (const [year, serial] of serials) {
      await client.query(
        `INSERT INTO "IndexNumberSequence" ("orgCode","year","lastValue") VALUES ($1,$2,$3)
         ON CONFLICT ("orgCode","year") DO UPDATE SET "lastValue" = EXCLUDED."lastValue"`,
        [options.orgCode, year, serial],
      );
    }
    log("building the GIN index");
    await client.query("SET maintenance_work_mem = '256MB'");
    for (const index of gin) await client.query(index.def);
    log("VACUUM ANALYZE");
    await client.query(`VACUUM ANALYZE "DisclosureItem", "ItemRevision", "ReviewRecord", "SearchEntry"`);
    return { publicItems, hiddenItems, revisions, seconds: Math.round((Date.now() - started) / 1000) };
  } finally {
    await client.end();
  }
}

function columns(rows: unknown[][], n: number): unknown[][] {
  return Array.from({ length: n }, (_, c) => rows.map((row) => row[c]));
}
