import "server-only";
import { createHash } from "node:crypto";
import { activeContentWarning } from "@/lib/domain/active-content";
import { allClearSecrecyFields } from "@/lib/domain/review";
import { FLAG_LABELS, maskMatch, scanText } from "@/lib/domain/secrecy-scan";
import { db } from "@/lib/server/platform/db";

/**
 * The automatic scan that 保密审查 sees: personal data and 密级 words in the title, 内容概述, body
 * and the text of every attachment of one revision. Each flag has a stable id (source + kind +
 * matched text), so the reviewer's acknowledgement binds to exactly what was flagged; a revision
 * is immutable, so its flags never change under the reviewer.
 */
export interface SecrecyFlag {
  id: string;
  kind: string;
  label: string;
  source: string;
  masked: string;
  context: string;
  /** Cannot be acknowledged: 同意公开 is refused while it stands (文本提取中). */
  blocking?: boolean;
}

/** An attachment whose text the extract-text job has not produced yet (lib/server/jobs). */
export const PENDING_EXTRACTION = "PENDING_EXTRACTION";

/** An attachment that can act when opened (StoredFile.activeContent). */
export const ACTIVE_CONTENT = "ACTIVE_CONTENT";

export async function secrecyFlags(revisionId: string): Promise<SecrecyFlag[]> {
  const revision = await db().itemRevision.findUnique({
    where: { id: revisionId },
    select: {
      title: true,
      summary: true,
      documentNumber: true,
      publisher: true,
      keywords: true,
      bodyText: true,
      attachments: { orderBy: { sortOrder: "asc" }, select: { file: { select: { fileName: true, text: true, textStatus: true, activeContent: true } } } },
    },
  });
  if (!revision) return [];
  const sources: { source: string; text: string }[] = [
    { source: "标题", text: revision.title },
    { source: "内容概述", text: revision.summary ?? "" },
    { source: "文号", text: revision.documentNumber ?? "" },
    { source: "发布机构", text: revision.publisher },
    { source: "关键词", text: revision.keywords.join("，") },
    // File names are published too (the download's name).
    ...revision.attachments.map((a) => ({ source: "附件名称", text: a.file.fileName })),
    { source: "正文", text: revision.bodyText },
    ...revision.attachments.map((a) => ({ source: `附件「${a.file.fileName}」`, text: a.file.text ?? "" })),
  ];
  const flags = new Map<string, SecrecyFlag>();
  // A file still being read (文本提取中) cannot be judged yet: a blocking flag, so 同意公开 waits.
  for (const a of revision.attachments.filter((a) => a.file.textStatus === "PENDING")) {
    const id = createHash("sha256").update(`pending\u0000${a.file.fileName}`).digest("hex").slice(0, 16);
    flags.set(id, { id, kind: PENDING_EXTRACTION, label: "文本提取中", source: `附件「${a.file.fileName}」`, masked: a.file.fileName, context: "正在提取附件文字，完成后才能同意公开；请稍后刷新", blocking: true });
  }
  // A file whose text could not be read (an image, a spreadsheet, a scanned PDF, an extraction
  // that failed or timed out) is a flag too: nothing was checked automatically, so a person must open it.
  for (const a of revision.attachments.filter((a) => !a.file.text && a.file.textStatus !== "PENDING")) {
    const id = createHash("sha256").update(`unscanned\u0000${a.file.fileName}`).digest("hex").slice(0, 16);
    const context = a.file.textStatus === "FAILED" ? "无法读取，需人工核对（文字提取失败或超时）" : "无法提取文字，请打开附件人工核对";
    flags.set(id, { id, kind: "UNSCANNED", label: "未能自动检测", source: `附件「${a.file.fileName}」`, masked: a.file.fileName, context });
  }
  // A PDF that can act when opened (JavaScript, /Launch …): a person decides, and acknowledges it.
  for (const a of revision.attachments.filter((a) => a.file.activeContent.length > 0)) {
    const id = createHash("sha256").update(`active\u0000${a.file.fileName}\u0000${a.file.activeContent.join(",")}`).digest("hex").slice(0, 16);
    flags.set(id, { id, kind: ACTIVE_CONTENT, label: a.file.activeContent.includes("javascript") ? "附件含有脚本" : "附件需审慎核查", source: `附件「${a.file.fileName}」`, masked: a.file.fileName, context: activeContentWarning(a.file.activeContent) });
  }
  for (const { source, text } of sources) {
    for (const f of scanText(text)) {
      const id = createHash("sha256").update(`${source}\u0000${f.kind}\u0000${f.match}`).digest("hex").slice(0, 16);
      if (flags.has(id)) continue;
      flags.set(id, { id, kind: f.kind, label: FLAG_LABELS[f.kind], source, masked: maskMatch(f.kind, f.match), context: f.context });
    }
  }
  return [...flags.values()];
}

/** The fields of a 保密审查 approval that confirms every question and acknowledges every flag (seed, tests). */
export async function allClearApproval(revisionId: string): Promise<Record<string, string>> {
  return allClearSecrecyFields((await secrecyFlags(revisionId)).map((f) => f.id));
}
