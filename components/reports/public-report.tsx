import Link from "next/link";
import { formatChineseDate } from "@/lib/domain/dates";
import { REPORT_TABLE_KEYS, REPORT_TABLE_NAMES } from "@/lib/export/report";

/** What the public report page needs of a report: its versions (newest first) and the one shown. */
interface ReportVersions {
  year: number;
  versions: { number: number; note: string; publishedAt: string | null }[];
  shown: { number: number };
  isLatest: boolean;
}

const published = (at: string | null) => (at ? formatChineseDate(at) : "（日期不详）");

/**
 * 更正: each corrected version says when and why, and every version stays reachable (issue 9 §7:
 * "a corrected version can be issued with a note and both stay visible").
 */
export function ReportVersionNotes({ report }: { report: ReportVersions }) {
  const { versions, shown, year, isLatest } = report;
  if (versions.length < 2) return null;
  return (
    <section aria-label="版本与更正说明" className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950" data-testid="report-versions">
      {!isLatest && (
        <p role="status" className="mb-2 font-semibold">
          您正在查看第{shown.number}版（已被更正）。<Link href={`/annual-reports/${year}`} className="text-gov-red underline">查看最新版本</Link>
        </p>
      )}
      <ul className="space-y-1">
        {versions.map((v) => (
          <li key={v.number}>
            {/* Only a version with a 更正说明 is a correction; one sent again after a withdrawal is not. */}
            {v.note ? `本报告于${published(v.publishedAt)}更正（第${v.number}版），更正说明：${v.note}` : `第${v.number}版于${published(v.publishedAt)}公开。`}
            {v.number !== shown.number && (
              <>
                {" "}
                <Link href={v === versions[0] ? `/annual-reports/${year}` : `/annual-reports/${year}?version=${v.number}`} className="text-gov-red underline">
                  查看第{v.number}版
                </Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Word, PDF, JSON and the three tables as CSV, of the version shown. */
export function ReportDownloads({ report }: { report: ReportVersions }) {
  const query = report.isLatest ? "" : `?version=${report.shown.number}`;
  const href = (kind: string) => `/annual-reports/${report.year}/download/${kind}${query}`;
  const links = [
    { kind: "docx", label: "Word（.docx）" },
    { kind: "pdf", label: "PDF" },
    { kind: "json", label: "JSON（结构化数据）" },
    ...REPORT_TABLE_KEYS.map((k) => ({ kind: `csv-${k}`, label: `${REPORT_TABLE_NAMES[k]}（CSV）` })),
  ];
  return (
    <nav aria-label="下载年度报告" className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm print:hidden" data-testid="report-downloads">
      <span className="text-gray-700">下载：</span>
      {links.map((l) => (
        <a key={l.kind} href={href(l.kind)} className="text-gov-red underline" download>
          {l.label}
        </a>
      ))}
    </nav>
  );
}
