import { fillLetter, type FilledLetter, type LetterFields, type LetterProblem, type LetterTemplate } from "../../domain/requests/letters";
import type { Block, ExportDocument } from "../document";

/*
 * 答复书 and 告知书 as ExportDocuments: lib/domain fills the template (pure text), this lays it
 * out GB/T 9704-style — red 版头 with the organ and 文号, title, 称谓 without indent, the text,
 * the 落款 (organ and date), then the 附注 line such as （此件依申请公开）.
 */

export type LetterDocumentResult = { ok: true; document: ExportDocument } | { ok: false; problems: LetterProblem[]; message: string };

/** The filled letter as the document model the DOCX and PDF renderers take. */
export function letterDocument(letter: FilledLetter, options: { draft?: boolean } = {}): ExportDocument {
  const blocks: Block[] = [
    { kind: "paragraph", runs: [{ text: letter.salutation }], indent: false },
    ...letter.paragraphs.map((p): Block => ({ kind: "paragraph", runs: [{ text: p.text }], indent: p.indent })),
    { kind: "signature", organ: letter.organ, date: letter.date },
  ];
  if (letter.attribute) blocks.push({ kind: "paragraph", runs: [{ text: letter.attribute }], indent: true });
  return {
    title: letter.title,
    titleBlock: { organ: letter.organ, docNumber: letter.docNumber ?? undefined },
    draft: options.draft,
    blocks,
  };
}

/**
 * A template and a request's fields → the document, or every missing field, unknown placeholder
 * and bad value at once with a Chinese message; never a document with a placeholder left in it.
 */
export function fillTemplate(template: LetterTemplate, fields: LetterFields, options: { draft?: boolean } = {}): LetterDocumentResult {
  const filled = fillLetter(template, fields);
  return filled.ok ? { ok: true, document: letterDocument(filled.letter, options) } : filled;
}
