import "server-only";
import { checkAttachment } from "@/lib/domain/file-kind";
import { sanitizeBodyHtml } from "@/lib/domain/html";
import { splitDocumentTitle } from "@/lib/domain/word-title";
import { runIsolated } from "@/lib/server/files/isolated";
import { DOCX_LIMITS, rezipStored, safeUnzip } from "@/lib/server/files/safe-zip";
import type { Actor } from "@/lib/server/platform/actor";
import { can } from "@/lib/server/platform/authz";
import { forbidden, invalid, ok, type Result } from "@/lib/server/platform/result";

/** 从 Word 导入: a .docx becomes body HTML (mammoth), through the same allowlist as every save. */

/** A docx is a ZIP: a small file can inflate a lot, so imports get a tighter cap than attachments. */
export const DOCX_IMPORT_MAX_MB = 20;

// The Title style becomes h1 only until splitDocumentTitle has looked for it; the allowlist then
// turns any h1 left into h2 (the page title is the only h1).
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='标题'] => h1:fresh",
  "p[style-name='heading 1'] => h2:fresh",
  "p[style-name='heading 2'] => h3:fresh",
  "p[style-name='heading 3'] => h4:fresh",
  "p[style-name='标题 1'] => h2:fresh",
  "p[style-name='标题 2'] => h3:fresh",
  "p[style-name='标题 3'] => h4:fresh",
];

/**
 * `html` is the whole document; when it has a title (splitDocumentTitle), `title` is it and
 * `htmlWithoutTitle` the rest, for a form whose 标题 is still empty.
 */
export interface DocxImport {
  html: string;
  title: string | null;
  htmlWithoutTitle: string;
  notes: string[];
}

export async function importDocx(actor: Actor, fileName: string, bytes: Uint8Array): Promise<Result<DocxImport>> {
  if (!can(actor, "item.create")) return forbidden("只有处室联络员可以导入 Word 文档。");
  if (bytes.length > DOCX_IMPORT_MAX_MB * 1024 * 1024) return invalid({ file: [`Word 文档超过 ${DOCX_IMPORT_MAX_MB} MB，不能导入。`] }, `Word 文档超过 ${DOCX_IMPORT_MAX_MB} MB，不能导入。`);
  const check = await checkAttachment(fileName, bytes);
  if (!check.ok || check.kind !== "docx") {
    const message = check.ok ? "只能导入 .docx 文件。.doc 或 .wps 文件请先在 Word 或 WPS 中另存为 .docx。" : check.message;
    return invalid({ file: [message] }, message);
  }
  // 安全解压 first (bounded by the bytes actually inflated); mammoth then gets only the stored
  // re-zip of what was measured, and runs in a worker with a heap limit and a timeout.
  const unzipped = await safeUnzip(bytes, DOCX_LIMITS);
  if (!unzipped.ok) {
    const message = unzipped.reason === "corrupt" ? "无法读取该 Word 文档，文件可能已损坏。" : `不能导入：${unzipped.message}。请检查文件，或将内容复制粘贴到正文。`;
    return invalid({ file: [message] }, message);
  }
  const converted = await runIsolated<{ html: string; images: number }>("docx-html", { bytes: await rezipStored(unzipped.entries), styleMap: STYLE_MAP });
  if (!converted.ok) {
    const message = converted.reason === "error" ? "无法读取该 Word 文档，文件可能已损坏。" : `不能导入：该 Word 文档${converted.message}。请检查文件，或将内容复制粘贴到正文。`;
    return invalid({ file: [message] }, message);
  }
  const { html, images } = converted.value;
  const { title, body } = splitDocumentTitle(html);
  const notes = images ? [`文档中的 ${images} 张图片未导入正文，如需公开请作为附件上传。`] : [];
  return ok({ html: sanitizeBodyHtml(html), title, htmlWithoutTitle: title ? sanitizeBodyHtml(body) : sanitizeBodyHtml(html), notes });
}
