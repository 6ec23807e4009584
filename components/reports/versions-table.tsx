import Link from "next/link";
import { formatChineseDate, formatChineseDateTime } from "@/lib/domain/dates";
import type { ReportVersionSummary } from "@/lib/server/reports/store";
import { VERSION_STATUS_LABELS } from "./labels";

/** 版本记录: each frozen version, its review item and its note; a correction keeps the earlier one visible. */
export function VersionsTable({ versions }: { versions: ReportVersionSummary[] }) {
  if (versions.length === 0) return <p className="text-sm text-gray-600">尚未送审，没有版本记录。</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm" data-testid="report-versions">
        <caption className="sr-only">版本记录</caption>
        <thead className="border-b border-gray-200 text-gray-600">
          <tr>
            <th scope="col" className="px-2 py-2 font-medium">版本</th>
            <th scope="col" className="px-2 py-2 font-medium">状态</th>
            <th scope="col" className="px-2 py-2 font-medium">审核信息</th>
            <th scope="col" className="px-2 py-2 font-medium">说明</th>
            <th scope="col" className="px-2 py-2 font-medium">送审时间</th>
            <th scope="col" className="px-2 py-2 font-medium">公布日期</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id} className="border-b border-gray-100">
              <th scope="row" className="px-2 py-2 font-medium">第 {v.number} 版</th>
              <td className="px-2 py-2">{VERSION_STATUS_LABELS[v.status]}</td>
              <td className="px-2 py-2">
                {v.itemId ? (
                  <Link href={`/console/items/${v.itemId}`} className="text-gov-red hover:underline">
                    {v.itemStatus ?? "查看信息"}
                  </Link>
                ) : (
                  "—"
                )}
              </td>
              <td className="px-2 py-2">{v.note || "—"}</td>
              <td className="px-2 py-2">{formatChineseDateTime(new Date(v.createdAt))}</td>
              <td className="px-2 py-2">{v.publishedAt ? formatChineseDate(new Date(v.publishedAt)) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
