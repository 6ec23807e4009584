/**
 * 附件含有脚本: the kinds of active content a PDF can carry (found by
 * lib/server/files/pdf-active-content.ts, stored on StoredFile.activeContent), and the one
 * sentence 保密审查 and the attachment list show for them.
 */
export const ACTIVE_CONTENT_LABELS = {
  javascript: "脚本（JavaScript）",
  "open-action-javascript": "打开文件时自动运行的脚本（/OpenAction）",
  launch: "启动外部程序的动作（/Launch）",
  "additional-actions": "自动触发的动作（/AA）",
  "embedded-file": "嵌入的文件（/EmbeddedFile）",
  encrypted: "加密内容，无法检查是否含有脚本",
  oversized: "解压后过大的内容，可能是恶意文件，未能全部检查",
} as const;

export type PdfActiveContent = keyof typeof ACTIVE_CONTENT_LABELS;

/** "附件含有脚本（JavaScript），请审慎核查", naming whatever else was found; "" when nothing was. */
export function activeContentWarning(found: readonly string[]): string {
  const known = (Object.keys(ACTIVE_CONTENT_LABELS) as PdfActiveContent[]).filter((k) => found.includes(k));
  if (known.length === 0) return "";
  const others = known.filter((k) => k !== "javascript").map((k) => ACTIVE_CONTENT_LABELS[k]);
  if (known.includes("javascript")) return `附件含有脚本（JavaScript），请审慎核查${others.length ? `；另含${others.join("、")}` : ""}`;
  return `附件含有${others.join("、")}，请审慎核查`;
}
