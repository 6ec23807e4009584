/*
 * The print view of a report (issue 9 §8, "an HTML print view"): one self-contained page — the
 * report's HTML and an A4 print stylesheet after GB/T 9704 (margins, 仿宋 body, 黑体 headings,
 * bordered tables whose head repeats on each printed page) — with no site chrome and no script.
 */
import { formatChineseDate } from "@/lib/domain/dates";
import type { ReportData } from "@/lib/domain/reports/shape";
import { DRAFT_MARK } from "./document";
import { reportHtml, reportTitle } from "./report";

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

export const PRINT_CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html { background: #fff; color: #000; }
body { margin: 0 auto; max-width: 156mm; padding: 12mm 0; font-family: "FangSong", "仿宋", "STFangsong", "Noto Serif SC", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28pt; }
h1 { font-family: "方正小标宋简体", "STZhongsong", "Noto Serif SC", "Noto Serif CJK SC", serif; font-size: 22pt; line-height: 1.5; text-align: center; font-weight: bold; margin: 0 0 28pt; }
h2 { font-family: "SimHei", "黑体", "Noto Sans SC", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; break-after: avoid; }
h3, h4 { font-family: "KaiTi", "楷体", "Noto Serif SC", serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; break-after: avoid; }
p { margin: 0; text-indent: 2em; text-align: justify; }
ol, ul { margin: 0; padding-left: 4em; }
.meta { text-align: center; font-size: 12pt; line-height: 1.6; margin: -18pt 0 18pt; }
.draft { color: #c00; font-weight: bold; text-align: center; text-indent: 0; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 14pt; font-size: 10.5pt; line-height: 1.4; page-break-inside: auto; }
caption { font-weight: bold; padding-bottom: 4pt; font-size: 12pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.75pt solid #000; padding: 2pt 3pt; font-weight: normal; vertical-align: middle; }
thead th { font-weight: bold; }
@media screen { body { padding: 12mm 8mm; } }
`;

/** The whole print page; `publishedAt` is printed under the title when known. */
export function reportPrintPage(data: ReportData, options: { publishedAt?: string | null; edition?: string } = {}): string {
  const title = reportTitle(data);
  const meta = [options.publishedAt ? `${formatChineseDate(options.publishedAt)}公开` : "", options.edition ?? ""].filter(Boolean).join(" · ");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}${data.status === "draft" ? `（${DRAFT_MARK}）` : ""}</title><style>${PRINT_CSS}</style></head>
<body><h1>${esc(title)}</h1>${meta ? `<p class="meta">${esc(meta)}</p>` : ""}
${data.status === "draft" ? `<p class="draft">${DRAFT_MARK}</p>` : ""}
${reportHtml(data)}
</body></html>`;
}
