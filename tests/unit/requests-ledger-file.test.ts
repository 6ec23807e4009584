import { readFileSync } from "node:fs";
import path from "node:path";
import { createDeflateRaw } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { parseAppealLedger, parseRequestLedger } from "@/lib/domain/requests/ledger-parse";
import { appealLedgerTemplate, requestLedgerTemplate } from "@/lib/export/ledger-template";
import { FORMULA_MESSAGE, LEDGER_MAX_BYTES, LEDGER_MAX_ROWS, XLSX_MAX_INFLATED_BYTES, readLedgerFile } from "@/lib/server/requests/ledger-file";
import { sampleDocx, sampleExe, samplePdf } from "../support/sample-files";

const today = "2026-06-01";
const HEADER = ["编号", "收到日期", "申请方式", "申请人类型", "申请人", "申请内容", "办理结果", "办结日期", "承办处室"];
const good = (n: number) => [`GK-${n}`, "2026-03-05", "信函", "自然人", `申请人${n}`, "申请公开项目清单", "不予公开-属于国家秘密", "2026-03-20", "办公室"];

async function xlsx(rows: ExcelJS.CellValue[][], sheets: (wb: ExcelJS.Workbook) => void = () => {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  sheets(wb);
  const ws = wb.addWorksheet("台账");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
const utf8 = (text: string) => new TextEncoder().encode(text);
const csv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(",")).join("\r\n");

async function readRequests(bytes: Uint8Array, name = "台账.xlsx") {
  const file = await readLedgerFile(bytes, name);
  if (!file.ok) throw new Error(file.message);
  return parseRequestLedger(file.header, file.rows, { today });
}

describe("XLSX", () => {
  test("cells become text: a date cell as YYYY-MM-DD, numbers as text, rich text and hyperlinks flattened", async () => {
    const bytes = await xlsx([
      HEADER,
      [20260001, new Date(Date.UTC(2026, 2, 5)), "信函", "自然人", { richText: [{ text: "张" }, { text: "三", font: { bold: true } }] }, { text: "链接文字", hyperlink: "http://x" }, "", "", ""],
    ]);
    const file = await readLedgerFile(bytes, "a.xlsx");
    expect(file.ok && file.format).toBe("xlsx");
    expect(file.ok && file.rows[0].cells.slice(0, 6)).toEqual(["20260001", "2026-03-05", "信函", "自然人", "张三", "链接文字"]);
  });

  test("the first worksheet is read, whatever the others hold", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("台账").addRows([HEADER, good(2)]);
    wb.addWorksheet("其他").addRows([["x"], ["y"]]);
    const result = await readRequests(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(result.ok && result.records.length).toBe(1);
  });

  test("three bad rows are listed with the row numbers Excel shows (blank rows counted, not reported)", async () => {
    const bad1 = good(3);
    bad1[1] = "2026-02-30";
    const bad2 = good(6);
    bad2[3] = "个人";
    const bad3 = good(7);
    bad3[7] = "";
    const result = await readRequests(await xlsx([HEADER, good(2), bad1, [], good(5), bad2, bad3]));
    expect(result.ok ? [] : result.errors.map((e) => [e.row, e.column])).toEqual([[3, "收到日期"], [6, "申请人类型"], [7, "办结日期"]]);
  });

  test("a formula cell is refused as a row error, its cached result not trusted", async () => {
    const row = good(2);
    const result = await readRequests(await xlsx([[...HEADER, "备注"], [...row.slice(0, 4), { formula: 'CONCAT("张","三")', result: "张三" }, ...row.slice(5), { formula: "1+1", result: 2 }]]));
    expect(result.ok ? [] : result.errors).toEqual([{ row: 2, column: "申请人", message: FORMULA_MESSAGE }]);
  });

  test('=HYPERLINK("http://x") typed as text in 申请人 is kept as text', async () => {
    const row = good(2);
    row[4] = '=HYPERLINK("http://x")';
    const result = await readRequests(await xlsx([HEADER, row]));
    expect(result.ok && result.records[0].applicantName).toBe('=HYPERLINK("http://x")');
  });

  test("an error value (#N/A) is a row error", async () => {
    const row: ExcelJS.CellValue[] = good(2);
    row[8] = { error: "#N/A" } as ExcelJS.CellErrorValue;
    const result = await readRequests(await xlsx([HEADER, row]));
    expect(result.ok ? [] : result.errors.map((e) => [e.row, e.column])).toEqual([[2, "承办处室"]]);
  });

  test(`more than ${LEDGER_MAX_ROWS} data rows are refused`, async () => {
    const rows = Array.from({ length: LEDGER_MAX_ROWS + 1 }, () => ["x"]);
    const file = await readLedgerFile(await xlsx([["编号"], ...rows]), "big.xlsx");
    expect(file).toEqual({ ok: false, message: expect.stringContaining(`上限`) });
  }, 60_000);
});

describe("CSV", () => {
  test.each([
    ["UTF-8", utf8(csv([HEADER, good(2)]))],
    ["UTF-8 with BOM", utf8("\uFEFF" + csv([HEADER, good(2)]))],
  ])("%s", async (_, bytes) => {
    const result = await readRequests(bytes, "a.csv");
    expect(result.ok && result.records[0]).toMatchObject({ number: "GK-2", applicantName: "申请人2", outcome: "deny_1_state_secret" });
  });

  test("GBK as Excel on Chinese Windows saves it: the hanzi survive", async () => {
    const bytes = new Uint8Array(readFileSync(path.resolve(import.meta.dirname, "../fixtures/ledger/requests-gbk.csv")));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const file = await readLedgerFile(bytes, "台账.csv");
    expect(file.ok && file.encoding).toBe("gb18030");
    const result = file.ok ? parseRequestLedger(file.header, file.rows, { today }) : null;
    expect(result?.ok && result.records).toMatchObject([
      { number: "GK-2025-001", receivedOn: "2025-03-05", channel: "registered_mail", applicantName: "张三", content: "申请公开本局2024年度科技计划项目立项清单，含项目名称、承担单位", outcome: "deny_1_state_secret", closedOn: "2025-03-20", departmentName: "办公室" },
      { number: "GK-2025-002", channel: "in_person", applicantType: "legal_service", applicantName: "吉林某律师事务所", content: "关于“专精特新”企业认定的文件", outcome: null },
    ]);
  });

  test("quoted fields with commas, quotes and line breaks; a record with a line break is one row", async () => {
    const multi = good(2);
    multi[5] = '第一行，含逗号, "引号"\r\n第二行';
    const result = await readRequests(utf8(csv([HEADER, multi, good(3)])), "a.csv");
    expect(result.ok && result.records.map((r) => [r.row, r.content])).toEqual([[2, multi[5]], [3, "申请公开项目清单"]]);
  });

  test('=HYPERLINK("http://x") in 申请人 is kept as text', async () => {
    const row = good(2);
    row[4] = '=HYPERLINK("http://x")';
    const result = await readRequests(utf8(csv([HEADER, row])), "a.csv");
    expect(result.ok && result.records[0].applicantName).toBe('=HYPERLINK("http://x")');
  });
});

describe("what is not a 台账 is refused by its bytes", () => {
  test.each([
    ["a Word document renamed .xlsx", () => sampleDocx([{ text: "申请" }]), "申请.xlsx", "Word"],
    ["a Word document renamed .csv", () => sampleDocx([{ text: "申请" }]), "申请.csv", "Word"],
    ["a program renamed .csv", async () => sampleExe(), "台账.csv", "可执行程序"],
    ["a PDF", async () => samplePdf(), "台账.csv", "PDF"],
    ["random binary", async () => Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), "台账.csv", "不是文本文件"],
    ["UTF-16 text", async () => new Uint8Array([0xff, 0xfe, 0x16, 0x7f, 0xf7, 0x53]), "台账.csv", "UTF-16"],
    ["an empty file", async () => new Uint8Array(0), "台账.csv", "空文件"],
  ])("%s", async (_, make, name, message) => {
    const file = await readLedgerFile(await make(), name);
    expect(file).toEqual({ ok: false, message: expect.stringContaining(message) });
  });

  test(`a file over ${LEDGER_MAX_BYTES / 1024 / 1024} MB is refused before it is read`, async () => {
    const file = await readLedgerFile(new Uint8Array(LEDGER_MAX_BYTES + 1).fill(0x61), "big.csv");
    expect(file).toEqual({ ok: false, message: expect.stringContaining("MB") });
  });
});

describe("zip bomb", () => {
  /** `mib` MiB of zeros, deflated a MiB at a time (the expansion is never held). */
  async function deflatedZeros(mib: number): Promise<Buffer> {
    const deflate = createDeflateRaw({ level: 9 });
    const out: Buffer[] = [];
    deflate.on("data", (c: Buffer) => out.push(c));
    const done = new Promise((resolve) => deflate.on("end", resolve));
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < mib; i++) if (!deflate.write(chunk)) await new Promise((r) => deflate.once("drain", r));
    deflate.end();
    await done;
    return Buffer.concat(out);
  }

  /** A real XLSX with one more part that inflates to `mib` MiB while its header claims 1 KB. */
  async function bomb(mib: number): Promise<Uint8Array> {
    const base = Buffer.from(await xlsx([HEADER, good(2)]));
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(base);
    const parts = await Promise.all(Object.values(zip.files).map(async (f) => ({ name: f.name, data: await f.async("nodebuffer"), method: 0, size: 0 })));
    parts.push({ name: "xl/media/image1.bin", data: await deflatedZeros(mib), method: 8, size: 1024 });
    return buildZip(parts);
  }

  test("an XLSX that expands past the limit is refused, without holding the expansion", async () => {
    const mib = XLSX_MAX_INFLATED_BYTES / 1024 / 1024 + 56;
    const bytes = await bomb(mib);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage();
    const file = await readLedgerFile(bytes, "bomb.xlsx");
    const after = process.memoryUsage();
    expect(after.rss - before.rss).toBeLessThan(64 * 1024 * 1024);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(16 * 1024 * 1024);
    expect(file).toEqual({ ok: false, message: "文件“bomb.xlsx”不能导入：压缩包内的“xl/media/image1.bin”解压后超过其声明的大小，可能是恶意压缩包。" });
  }, 60_000);

  test("the guard counts what entries really inflate to, not what they declare: 8 MiB declared as 1 KB", async () => {
    expect(await readLedgerFile(await bomb(8), "bomb.xlsx")).toEqual({ ok: false, message: expect.stringContaining("解压后超过其声明的大小") });
  });
});

/** A ZIP written by hand, so an entry can lie about its size. */
function buildZip(entries: { name: string; data: Buffer; method: number; size: number }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const size = e.method === 0 ? e.data.length : e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(crc32(e.method === 0 ? e.data : Buffer.alloc(0)), 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    local.copy(central, 16, 14, 26);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe("templates", () => {
  test.each(["xlsx", "csv"] as const)("the %s templates have the exact headers and an example row that imports", async (format) => {
    for (const [template, parse, header] of [
      [requestLedgerTemplate, parseRequestLedger, HEADER],
      [appealLedgerTemplate, parseAppealLedger, ["类型", "收到日期", "结果", "审结日期", "关联申请编号"]],
    ] as const) {
      const bytes = await template(format);
      if (format === "csv") expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const file = await readLedgerFile(new Uint8Array(bytes), `模板.${format}`);
      if (!file.ok) throw new Error(file.message);
      expect(file.header).toEqual(header);
      expect(parse(file.header, file.rows, { today }).ok).toBe(true);
    }
  });

  test("the XLSX has a 填写说明 sheet listing every accepted outcome", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await requestLedgerTemplate("xlsx")) as unknown as ExcelJS.Buffer);
    const help = wb.getWorksheet("填写说明");
    const text = JSON.stringify(help?.getSheetValues());
    for (const word of ["予以公开", "不予公开-属于国家秘密", "deny_1_state_secret", "other_3_other", "法律服务机构", "电子邮件"]) expect(text).toContain(word);
  });
});

describe("10,000 rows", () => {
  test.each(["xlsx", "csv"] as const)("a good %s file of 10,000 rows parses (the time is printed)", async (format) => {
    const rows = Array.from({ length: 10_000 }, (_, i) => good(i + 2));
    const bytes = format === "xlsx" ? await xlsx([HEADER, ...rows]) : utf8(csv([HEADER, ...rows]));
    const started = performance.now();
    const result = await readRequests(bytes, `big.${format}`);
    const ms = performance.now() - started;
    console.log(`10,000-row ${format} (${(bytes.length / 1024).toFixed(0)} KB): read and checked in ${ms.toFixed(0)} ms`);
    expect(result.ok && result.records.length).toBe(10_000);
  }, 60_000);
});
