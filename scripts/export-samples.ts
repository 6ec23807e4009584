/**
 * Writes the sample 答复书 and 年度报告 table in every export format, to look at them by eye:
 *   node --import tsx scripts/export-samples.ts [outDir]      (npm run export:samples)
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderDocument, tableToCsv, toJson } from "@/lib/export";
import { reportCsv, reportDocument } from "@/lib/export/report";
import { reportPrintPage } from "@/lib/export/report-print";
import { sampleAnnualTable, sampleReplyLetter, sampleReportData, sampleTableDocument } from "@/lib/export/samples";

const outDir = process.argv[2] ? path.resolve(process.argv[2]) : mkdtempSync(path.join(os.tmpdir(), "gongkai-export-"));
mkdirSync(outDir, { recursive: true });

const files: [string, string | Buffer][] = [
  ["reply-letter.docx", await renderDocument(sampleReplyLetter(), "docx")],
  ["reply-letter.pdf", await renderDocument(sampleReplyLetter(), "pdf")],
  ["reply-letter-draft.docx", await renderDocument(sampleReplyLetter({ draft: true }), "docx")],
  ["reply-letter-draft.pdf", await renderDocument(sampleReplyLetter({ draft: true }), "pdf")],
  ["reply-letter.json", toJson(sampleReplyLetter())],
  ["annual-table.docx", await renderDocument(sampleTableDocument(), "docx")],
  ["annual-table.pdf", await renderDocument(sampleTableDocument(), "pdf")],
  ["annual-table.csv", tableToCsv(sampleAnnualTable())],
  ["annual-table.json", toJson(sampleAnnualTable())],
  ["annual-report.docx", await renderDocument(reportDocument(sampleReportData(), { draft: false }), "docx")],
  ["annual-report.pdf", await renderDocument(reportDocument(sampleReportData(), { draft: false }), "pdf")],
  ["annual-report-draft.pdf", await renderDocument(reportDocument(sampleReportData({ status: "draft" }), { draft: true }), "pdf")],
  ["annual-report.csv", reportCsv(sampleReportData(), "all")],
  ["annual-report.json", toJson(sampleReportData())],
  ["annual-report-print.html", reportPrintPage(sampleReportData(), { publishedAt: "2020-01-14" })],
];
for (const [name, content] of files) {
  writeFileSync(path.join(outDir, name), content);
  console.log(`${path.join(outDir, name)}  ${Buffer.byteLength(content)} bytes`);
}
