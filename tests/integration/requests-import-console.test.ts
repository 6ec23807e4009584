import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { importLedgerJob } from "@/lib/server/jobs/import-ledger";
import { importRequests } from "@/lib/server/requests/import";
import { confirmLedgerImport, ledgerUploadStatus, previewLedger, runLedgerImport } from "@/lib/server/requests/ledger-upload";
import { db } from "@/lib/server/platform/db";
import { setRaceSeam } from "@/lib/server/platform/use-case";
import { seedBureau, type Bureau } from "../support/bureau";
import { raceBarrier } from "../support/race";
import { must } from "../support/requests";

/** The console's 台账 import: preview, the confirmation guard, the job's run and its progress. */

let b: Bureau;
beforeAll(async () => {
  b = await seedBureau();
});
afterEach(() => setRaceSeam(null));

const HEADER = "编号,收到日期,申请方式,申请人类型,申请人,申请内容,办理结果,办结日期,承办处室";
const csv = (lines: string[]) => new TextEncoder().encode(`\uFEFF${[HEADER, ...lines].join("\r\n")}\r\n`);
const goodLines = (n: number, dept = b.dept.name) =>
  Array.from({ length: n }, (_, i) =>
    i % 2 === 0 ? `${b.tag}-${i},2024-03-0${(i % 9) + 1},信函,自然人,张三,申请内容${i},予以公开,2024-03-20,${dept}` : `${b.tag}-${i},2024-04-01,当面,商业企业,某公司,,,,`,
  );
const queued: string[] = [];
const enqueue = async (id: string) => void queued.push(id);

describe("preview", () => {
  test("two bad rows: both listed by row and column, nothing kept, nothing imported", async () => {
    const lines = goodLines(4);
    lines[1] = `${b.tag}-x,2024-02-30,当面,商业企业,某公司,,,,`;
    lines[3] = `${b.tag}-y,2024-04-01,当面,外星人,某公司,,,,`;
    const before = await db().ledgerUpload.count();
    const preview = must(await previewLedger(b.people.office, "requests", "bad.csv", csv(lines)));
    expect(preview.uploadId).toBeNull();
    expect(preview.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "收到日期"],
      [5, "申请人类型"],
    ]);
    expect(await db().ledgerUpload.count()).toBe(before);
    expect(await db().disclosureRequest.count({ where: { number: { startsWith: `${b.tag}-` } } })).toBe(0);
  });

  test("a file that is not a 台账 is refused with its reason", async () => {
    const result = await previewLedger(b.people.office, "requests", "x.csv", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]));
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("x.csv") });
  });

  test("only the office imports", async () => {
    expect(await previewLedger(b.people.liaison, "requests", "a.csv", csv(goodLines(2)))).toMatchObject({ ok: false, error: "forbidden" });
  });
});

describe("confirm and run", () => {
  test("double confirmation: one claim wins; the job imports, marks DONE, drops the file; the same file is refused after", async () => {
    const bytes = csv(goodLines(6));
    const preview = must(await previewLedger(b.people.office, "requests", "good.csv", bytes));
    expect(preview).toMatchObject({ rows: 6, errors: [], format: "CSV（UTF-8）" });
    expect(preview.sample[0]).toEqual(["2", `${b.tag}-0`, "2024-03-01", "信函（挂号信）", "自然人", "张三", "申请内容0", "予以公开", "2024-03-20", b.dept.name]);
    const id = preview.uploadId!;

    queued.length = 0;
    raceBarrier("request.import", 2);
    const claims = await Promise.all([confirmLedgerImport(b.people.office, id, enqueue), confirmLedgerImport(b.people.office, id, enqueue)]);
    setRaceSeam(null);
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
    expect(claims.find((c) => !c.ok)).toMatchObject({ error: "conflict" });
    expect(queued).toEqual([id]);

    expect(await runLedgerImport(id)).toEqual({ status: "DONE" });
    expect(await runLedgerImport(id)).toEqual({ status: "DONE" }); // a retried job does nothing
    expect(await db().disclosureRequest.count({ where: { number: { startsWith: `${b.tag}-` } } })).toBe(6);
    const row = await db().ledgerUpload.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "DONE", progress: 100, content: null, result: { imported: 6, closed: 3, open: 3 } });
    expect(await ledgerUploadStatus(b.people.office, id)).toMatchObject({ status: "DONE", result: { imported: 6 } });

    const again = await previewLedger(b.people.office, "requests", "good-again.csv", bytes);
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining("不能重复导入") });
  });

  test("two previews of one file: the second confirmation is refused once the first is importing", async () => {
    const bytes = csv([`${b.tag}-t1,2024-05-06,当面,自然人,李四,,,,`]);
    const first = must(await previewLedger(b.people.office, "requests", "a.csv", bytes));
    const second = must(await previewLedger(b.people.office2, "requests", "a.csv", bytes));
    must(await confirmLedgerImport(b.people.office, first.uploadId!, enqueue));
    expect(await confirmLedgerImport(b.people.office2, second.uploadId!, enqueue)).toMatchObject({ ok: false, message: expect.stringContaining("正在导入") });
  });

  test("two previews of one file confirmed at the same moment: one claim wins (the claim lock)", async () => {
    const bytes = csv([`${b.tag}-c1,2024-05-07,当面,自然人,李四,,,,`]);
    const first = must(await previewLedger(b.people.office, "requests", "a.csv", bytes));
    const second = must(await previewLedger(b.people.office2, "requests", "a.csv", bytes));
    raceBarrier("request.import", 2);
    const claims = await Promise.all([
      confirmLedgerImport(b.people.office, first.uploadId!, enqueue),
      confirmLedgerImport(b.people.office2, second.uploadId!, enqueue),
    ]);
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
  });

  test("a job run twice at once (a retry racing the first): the rows land once", async () => {
    // No 编号: nothing but the upload's own status stops a second import of these rows.
    const marker = `重复运行-${b.tag}`;
    const bytes = csv([`,2024-05-08,当面,自然人,李四,${marker},,,`, `,2024-05-08,当面,自然人,王五,${marker},,,`]);
    const preview = must(await previewLedger(b.people.office, "requests", "twice.csv", bytes));
    must(await confirmLedgerImport(b.people.office, preview.uploadId!, enqueue));
    await Promise.all([runLedgerImport(preview.uploadId!), runLedgerImport(preview.uploadId!)]);
    expect(await db().disclosureRequest.count({ where: { description: marker } })).toBe(2);
    expect((await db().ledgerUpload.findUniqueOrThrow({ where: { id: preview.uploadId! } })).status).toBe("DONE");
  });

  test("a row the database refuses (no such 处室): FAILED with its row, nothing imported, file dropped", async () => {
    const preview = must(await previewLedger(b.people.office, "requests", "dept.csv", csv(goodLines(3, "不存在的处室").map((l) => l.replace(`${b.tag}-`, `${b.tag}-d`)))));
    must(await confirmLedgerImport(b.people.office, preview.uploadId!, enqueue));
    expect(await runLedgerImport(preview.uploadId!)).toEqual({ status: "FAILED" });
    const row = await db().ledgerUpload.findUniqueOrThrow({ where: { id: preview.uploadId! } });
    expect(row.content).toBeNull();
    expect((row.result as { errors: { row: number; column: string }[] }).errors.map((e) => [e.row, e.column])).toEqual([
      [2, "承办处室"],
      [4, "承办处室"],
    ]);
    expect(await db().disclosureRequest.count({ where: { number: `${b.tag}-0`, assignedDepartment: { name: "不存在的处室" } } })).toBe(0);
  });

  test("a stalled import (IMPORTING for over 15 minutes) no longer blocks its file; the new claim marks it FAILED", async () => {
    const bytes = csv([`${b.tag}-s1,2024-05-09,当面,自然人,李四,,,,`]);
    const first = must(await previewLedger(b.people.office, "requests", "s.csv", bytes));
    must(await confirmLedgerImport(b.people.office, first.uploadId!, enqueue));
    // Still fresh: the file is 正在导入.
    expect(await previewLedger(b.people.office2, "requests", "s.csv", bytes)).toMatchObject({ ok: false, message: expect.stringContaining("正在导入") });
    await db().$executeRaw`UPDATE "LedgerUpload" SET "updatedAt" = now() - interval '16 minutes' WHERE "id" = ${first.uploadId!}`;
    expect(await ledgerUploadStatus(b.people.office, first.uploadId!)).toMatchObject({ status: "IMPORTING", stalled: true });
    const second = must(await previewLedger(b.people.office2, "requests", "s.csv", bytes));
    must(await confirmLedgerImport(b.people.office2, second.uploadId!, enqueue));
    expect(await db().ledgerUpload.findUniqueOrThrow({ where: { id: first.uploadId! } })).toMatchObject({ status: "FAILED", content: null });
    // The stalled job, were it to wake, imports nothing; the new one imports the file once.
    expect(await runLedgerImport(first.uploadId!)).toEqual({ status: "FAILED" });
    expect(await runLedgerImport(second.uploadId!)).toEqual({ status: "DONE" });
    expect(await db().disclosureRequest.count({ where: { number: `${b.tag}-s1` } })).toBe(1);
  });

  test("the job's last attempt throws: the upload is FAILED, not 正在导入 for ever", async () => {
    const bytes = csv([`${b.tag}-j1,2024-05-10,当面,自然人,李四,,,,`]);
    const preview = must(await previewLedger(b.people.office, "requests", "j.csv", bytes));
    must(await confirmLedgerImport(b.people.office, preview.uploadId!, enqueue));
    setRaceSeam(async (target) => {
      if (target.action === "request.import") throw new Error("数据库连接中断");
    });
    const job = (lastAttempt: boolean) => importLedgerJob({ id: "j", name: "import-ledger", payload: { uploadId: preview.uploadId! }, attempt: lastAttempt ? 2 : 1, lastAttempt });
    await expect(job(false)).rejects.toThrow("数据库连接中断");
    expect((await db().ledgerUpload.findUniqueOrThrow({ where: { id: preview.uploadId! } })).status).toBe("IMPORTING");
    await expect(job(true)).rejects.toThrow("数据库连接中断");
    setRaceSeam(null);
    expect(await db().ledgerUpload.findUniqueOrThrow({ where: { id: preview.uploadId! } })).toMatchObject({ status: "FAILED", content: null });
    // The file may be uploaded again.
    must(await previewLedger(b.people.office, "requests", "j.csv", bytes));
  });

  test("someone else's preview is not found", async () => {
    const preview = must(await previewLedger(b.people.office, "requests", "mine.csv", csv([`${b.tag}-m1,2024-05-06,当面,自然人,王五,,,,`])));
    expect(await confirmLedgerImport(b.people.office2, preview.uploadId!, enqueue)).toMatchObject({ ok: false, error: "not_found" });
  });
});

describe("import hooks", () => {
  const records = (n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => ({
      row: i + 2,
      number: `${tag}-h${i}`,
      receivedOn: "2024-06-03",
      channel: "other" as const,
      applicantType: "natural_person" as const,
      applicantName: null,
      content: null,
      outcome: null,
      closedOn: null,
      departmentName: null,
    }));

  test("progress is heard batch by batch up to the whole", async () => {
    const shares: number[] = [];
    must(await importRequests(b.people.office, records(2500, b.tag), new Date(), { onProgress: async (s) => void shares.push(s) }));
    expect(shares.length).toBeGreaterThanOrEqual(5);
    expect(shares).toEqual([...shares].sort((x, y) => x - y));
    expect(shares.at(-1)).toBe(1);
  });

  test("a refusal inside the transaction rolls the whole import back", async () => {
    const tag = `${b.tag}r`;
    const { expectOne } = await import("@/lib/server/platform/use-case");
    const result = await importRequests(b.people.office, records(10, tag), new Date(), { inTransaction: async () => expectOne(0, "已由另一任务完成") });
    expect(result).toMatchObject({ ok: false, error: "conflict" });
    expect(await db().disclosureRequest.count({ where: { number: { startsWith: `${tag}-` } } })).toBe(0);
  });
});
