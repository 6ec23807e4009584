/**
 * The annual report's computation at scale (issue 9 "Done when"): a throwaway embedded PostgreSQL
 * (or BENCH_DATABASE_URL's local server, in a new database), migrated, then bulk-filled with
 * INSERT … SELECT generate_series — REPORT_ITEMS published items (default 100,000; most in the
 * year, some the year before, a few withdrawn, 1.5% 规范性文件/规章), REPORT_REQUESTS requests
 * (default 10,000, with outcomes, some carried over and some still open), appeals and fees — and
 * times computeYear over several rounds. Prints JSON on standard output; not part of `npm run bench`.
 *
 *   node --conditions=react-server --import tsx scripts/bench-report.ts
 *
 * The public-search trigger is disabled in this throwaway database: search documents for 100,000
 * items take minutes to build and the report never reads them.
 */
import pg from "pg";
import { migrate } from "../lib/db/migrate";
import { OUTCOME_KEYS } from "../lib/domain/requests/outcomes";
import { APPLICANT_TYPES } from "../lib/domain/requests/vocabulary";
import { createDatabase, dropDatabase, isLocalDatabaseUrl, randomSuffix, startThrowawayDatabase } from "../tests/support/throwaway-db";

const ITEMS = Number(process.env.REPORT_ITEMS ?? 100_000);
const REQUESTS = Number(process.env.REPORT_REQUESTS ?? 10_000);
const ROUNDS = Number(process.env.REPORT_ROUNDS ?? 7);
const YEAR = 2025;
const log = (m: string) => process.stderr.write(`[bench-report] ${m}\n`);

async function database(): Promise<{ url: string; stop: () => Promise<void> }> {
  const external = process.env.BENCH_DATABASE_URL;
  if (!external) return startThrowawayDatabase("gongkai_bench_report");
  if (!isLocalDatabaseUrl(external)) throw new Error("BENCH_DATABASE_URL must point at localhost");
  const name = `gongkai_bench_report_${randomSuffix()}`;
  return { url: await createDatabase(external, name), stop: () => dropDatabase(external, name) };
}

async function load(client: pg.Client) {
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
  await q(`ALTER TABLE "DisclosureItem" DISABLE TRIGGER "DisclosureItem_search"`);
  await q(`INSERT INTO "Department" ("id", "code", "name", "updatedAt") VALUES ('bd', 'BGS', '办公室', now())`);
  await q(`INSERT INTO "User" ("id", "username", "displayName", "passwordHash", "roles", "departmentId", "updatedAt")
           VALUES ('bu', 'office', '郑妍', 'x', '{OFFICE}', 'bd', now())`);
  await q(`INSERT INTO "Column" ("id", "code", "name", "parentId", "sortOrder", "updatedAt") VALUES
           ('c0','tpxw','图片新闻',NULL,0,now()), ('c1','kjdt','科技动态',NULL,1,now()), ('c2','ndbg','年度报告',NULL,2,now()),
           ('c3','tzgg','通知公告',NULL,3,now()), ('c4','zcfg','政策法规',NULL,4,now()), ('c5','gzzd','规章制度','c4',5,now()),
           ('c6','zcjd','政策解读','c4',6,now()), ('c7','kjdj','科技党建',NULL,7,now())`);
  await q(`INSERT INTO "Channel" ("id", "code", "name", "sortOrder", "updatedAt") VALUES
           ('h0','website','本机关网站',0,now()), ('h1','portal','市政务公开专栏',1,now()), ('h2','wechat','微信公众号',2,now())`);
  // Items: 85% published in the year, the rest the year before; every 100th withdrawn; 1 in 70 a
  // 规范性文件, 1 in 500 a 规章, some of them repealed.
  const started = performance.now();
  await q(
    `INSERT INTO "DisclosureItem" ("id", "indexNumber", "departmentId", "columnId", "authorId", "status", "publishAt", "publishedAt", "withdrawnAt", "updatedAt")
     SELECT 'i' || n, 'BENCH/' || n, 'bd', 'c' || (n % 8), 'bu',
            CASE WHEN n % 100 = 0 THEN 'WITHDRAWN' ELSE 'PUBLISHED' END::"ItemStatus", p, p,
            CASE WHEN n % 100 = 0 THEN p + interval '20 days' END, now()
       FROM (SELECT n, (make_date($1::int - CASE WHEN n % 100 < 15 THEN 1 ELSE 0 END, 1, 1)::timestamp
                        + (n * 7919 % 365) * interval '1 day' + interval '1 hour') AS p
               FROM generate_series(1, $2::int) n) s`,
    [YEAR, ITEMS],
  );
  await q(
    `INSERT INTO "ItemRevision" ("id", "itemId", "number", "title", "bodyHtml", "formedOn", "documentType", "signedOn", "repealedOn", "channels", "contentHash", "authorId")
     SELECT 'r' || n, 'i' || n, 1, '测试信息' || n, '<p>正文</p>', i."publishedAt"::date - 3,
            t::"DocumentType",
            CASE WHEN t <> 'OTHER' THEN i."publishedAt"::date - 5 END,
            CASE WHEN t <> 'OTHER' AND n % 3 = 0 THEN make_date($1::int, 6, 30) END,
            CASE WHEN n % 10 = 0 THEN ARRAY['website','portal'] WHEN n % 10 = 1 THEN ARRAY['website','wechat'] ELSE ARRAY['website'] END,
            md5(n::text), 'bu'
       FROM generate_series(1, $2::int) n
       JOIN "DisclosureItem" i ON i."id" = 'i' || n
       CROSS JOIN LATERAL (SELECT CASE WHEN n % 500 = 3 THEN 'REGULATION' WHEN n % 70 = 1 THEN 'NORMATIVE' ELSE 'OTHER' END AS t) tt`,
    [YEAR, ITEMS],
  );
  await q(
    `INSERT INTO "ReviewRecord" ("id", "itemId", "revisionId", "contentHash", "stage", "decision", "reviewerId")
     SELECT 'v' || n, 'i' || n, 'r' || n, md5(n::text), 'SECRECY', 'APPROVE', 'bu' FROM generate_series(1, $1::int) n`,
    [ITEMS],
  );
  await q(`UPDATE "DisclosureItem" SET "currentRevisionId" = 'r' || substr("id", 2), "publishedRevisionId" = 'r' || substr("id", 2)`);
  const itemsSeconds = (performance.now() - started) / 1000;
  // Requests: received from 1 December of the year before to 31 December, answered 0–59 days later
  // (those past 31 December still open then), every 40th never answered, every 200th an
  // unconfirmed online application.
  await q(
    `INSERT INTO "DisclosureRequest" ("id", "channel", "applicantType", "submittedAt", "receivedOn", "status", "outcome", "closedOn", "updatedAt")
     SELECT 'q' || n, 'online', ($3::text[])[1 + n % 6], rcv::timestamp,
            CASE WHEN n % 200 = 0 THEN NULL ELSE rcv END,
            (CASE WHEN n % 200 = 0 THEN 'RECEIVED_ONLINE' WHEN n % 40 = 0 THEN 'IN_PROGRESS' ELSE 'CLOSED' END)::"RequestStatus",
            CASE WHEN n % 200 <> 0 AND n % 40 <> 0 THEN ($4::text[])[1 + n * 31 % 21] END,
            CASE WHEN n % 200 <> 0 AND n % 40 <> 0 THEN rcv + (n * 13 % 60) END,
            now()
       FROM (SELECT n, make_date($1::int - 1, 12, 1) + (n * 7 % 396) AS rcv FROM generate_series(1, $2::int) n) s`,
    [YEAR, REQUESTS, [...APPLICANT_TYPES], [...OUTCOME_KEYS]],
  );
  await q(
    `INSERT INTO "AppealCase" ("id", "kind", "requestId", "filedOn", "result", "concludedOn", "updatedAt")
     SELECT 'a' || n, (ARRAY['review','litigation_direct','litigation_after_review'])[1 + n % 3], 'q' || (n * 50),
            make_date($1::int, 1, 1) + (n % 365), (ARRAY['upheld','corrected','other','pending'])[1 + n % 4],
            CASE WHEN n % 4 <> 3 THEN make_date($1::int, 1, 1) + (n % 365) + 30 END, now()
       FROM generate_series(1, $2::int / 50) n`,
    [YEAR, REQUESTS],
  );
  await q(
    `INSERT INTO "FeeCharge" ("id", "requestId", "method", "quantity", "amountYuan", "noticeOn", "paidOn", "issuedById")
     SELECT 'f' || n, 'q' || (n * 100 - 1), 'per_page', 40, 100 + n % 5 * 100, make_date($1::int, 1, 1) + (n % 300), make_date($1::int, 1, 1) + (n % 300) + 5, 'bu'
       FROM generate_series(1, $2::int / 100) n`,
    [YEAR, REQUESTS],
  );
  await q(`ANALYZE`);
  return { itemsSeconds, seconds: (performance.now() - started) / 1000 };
}

async function main() {
  const { url, stop } = await database();
  process.env.DATABASE_URL = url;
  try {
    await migrate(url, { log });
    const client = new pg.Client({ connectionString: url });
    // The server stops in `finally`: a dying connection must not hide the error that stopped us.
    client.on("error", () => {});
    await client.connect();
    log(`loading ${ITEMS} items and ${REQUESTS} requests`);
    const loaded = await load(client);
    await client.end();
    log(`loaded in ${loaded.seconds.toFixed(1)} s`);
    const { computeYear } = await import("../lib/server/reports/compute");
    const { db } = await import("../lib/server/platform/db");
    const samples: number[] = [];
    let result = await computeYear(YEAR);
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      result = await computeYear(YEAR);
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    // The whole draft as the console, the CLI and an export read it (figures, overrides, checks
    // against last year), then each document rendered from it: what "compute and export a year" costs.
    const { draftReportData } = await import("../lib/server/reports/store");
    const { reportDocument } = await import("../lib/export/report");
    const { renderDocument } = await import("../lib/export");
    const timed = async <T,>(work: () => Promise<T>): Promise<[T, number]> => {
      const t = performance.now();
      const value = await work();
      return [value, performance.now() - t];
    };
    const [draft, draftMs] = await timed(() => draftReportData(YEAR));
    const [docx, docxMs] = await timed(() => renderDocument(reportDocument(draft, { draft: true }), "docx"));
    const [pdf, pdfMs] = await timed(() => renderDocument(reportDocument(draft, { draft: true }), "pdf"));
    const exportMs = { draftReport: Math.round(draftMs), docx: Math.round(docxMs), pdf: Math.round(pdfMs), docxBytes: docx.length, pdfBytes: pdf.length, checks: draft.checks.length };
    const t3 = result.table3;
    const balanced = Object.keys(t3.new_received).every(
      (c) => t3.new_received[c as "total"] + t3.carried_over[c as "total"] === t3.total_processed[c as "total"] + t3.carried_forward[c as "total"],
    );
    await db().$disconnect();
    const ms = (n: number) => Math.round(n * 10) / 10;
    process.stdout.write(
      `${JSON.stringify(
        {
          year: YEAR,
          items: ITEMS,
          requests: REQUESTS,
          loadSeconds: ms(loaded.seconds),
          computeYearMs: { min: ms(samples[0]), p50: ms(samples[Math.floor(samples.length / 2)]), max: ms(samples.at(-1)!), rounds: ROUNDS },
          exportMs,
          figures: {
            itemsPublished: result.statistics.items_published,
            byChannel: result.statistics.by_channel,
            normativeDocuments: result.table2.normative_documents,
            regulations: result.table2.regulations,
            received: t3.new_received.total,
            carriedOver: t3.carried_over.total,
            processed: t3.total_processed.total,
            carriedForward: t3.carried_forward.total,
            balanced,
            appeals: Object.fromEntries(Object.entries(result.table4).map(([k, v]) => [k, v.total])),
            feesYuan: result.statistics.fees_collected_yuan,
          },
          machine: `${(await import("node:os")).cpus().length} cores`,
        },
        null,
        2,
      )}\n`,
    );
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
