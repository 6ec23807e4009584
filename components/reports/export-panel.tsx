/**
 * 导出: JSON and CSV download at once (small, computed in milliseconds); Word and PDF are built on
 * the job queue (requestExport, lib/server/reports/exports.ts) with their progress shown here.
 */
export function ExportLinks({ year }: { year: number }) {
  const link = "inline-flex items-center rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-inset ring-gray-300 hover:bg-gray-50";
  return (
    <span className="inline-flex flex-wrap gap-2">
      <a href={`/console/reports/${year}/export/json`} className={link} download>
        导出 JSON
      </a>
      <a href={`/console/reports/${year}/export/csv`} className={link} download>
        导出 CSV
      </a>
    </span>
  );
}
