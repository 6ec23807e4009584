/**
 * Renders every default 答复书 and 告知书 with the sample fields, to look at them by eye:
 *   node --import tsx scripts/letter-samples.ts [outDir] [--pdf-only]
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderDocument } from "@/lib/export";
import { fillTemplate } from "@/lib/export/letters";
import { SAMPLE_LETTER_FIELDS } from "@/lib/export/letters/samples";
import { DEFAULT_NOTICE_TEMPLATES } from "@/lib/domain/requests/letters-notices";
import { DEFAULT_REPLY_TEMPLATES } from "@/lib/domain/requests/letters-replies";

const args = process.argv.slice(2);
const pdfOnly = args.includes("--pdf-only");
const dirArg = args.find((a) => !a.startsWith("--"));
const outDir = dirArg ? path.resolve(dirArg) : mkdtempSync(path.join(os.tmpdir(), "gongkai-letters-"));
mkdirSync(outDir, { recursive: true });

const templates = { ...DEFAULT_REPLY_TEMPLATES, ...DEFAULT_NOTICE_TEMPLATES };
const fieldsFor = (key: string) => (key === "other_3_other" ? { ...SAMPLE_LETTER_FIELDS, 法律依据: "《中华人民共和国政府信息公开条例》第三十六条" } : SAMPLE_LETTER_FIELDS);
const creationDate = new Date("2026-11-30T00:00:00Z");

for (const [key, template] of Object.entries(templates)) {
  const filled = fillTemplate(template, fieldsFor(key));
  if (!filled.ok) throw new Error(`${key}: ${filled.message}`);
  for (const format of pdfOnly ? (["pdf"] as const) : (["pdf", "docx"] as const)) {
    const file = path.join(outDir, `${key}.${format}`);
    writeFileSync(file, await renderDocument(filled.document, format, { creationDate }));
    console.log(file);
  }
}
