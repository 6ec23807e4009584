import Link from "next/link";
import { forbidden } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { formatChineseDateTime } from "@/lib/domain/dates";
import { verifyAuditChain } from "@/lib/server/platform/audit";
import { requireActor } from "@/lib/server/platform/auth";
import { listAuditEvents } from "@/lib/server/admin/users";

export const metadata = { title: "审计日志" };

const RESULTS: Record<string, string> = { SUCCESS: "成功", FAILURE: "失败", DENIED: "拒绝" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireActor();
  const log = await listAuditEvents(actor, Number((await searchParams).page ?? 1));
  if (!log) forbidden();
  const chain = await verifyAuditChain();
  return (
    <div className="space-y-4">
      {chain.ok ? (
        <Alert tone="success">哈希链校验通过：共 {chain.checked} 条记录，未发现篡改。</Alert>
      ) : (
        <Alert>哈希链校验失败：记录 {chain.firstBrokenId} 处链条断开，日志可能被篡改。</Alert>
      )}
      <Card title={`审计日志（共 ${log.total} 条）`}>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-gray-200 text-gray-600">
              <tr>
                <th scope="col" className="py-2 pe-3">时间</th>
                <th scope="col" className="py-2 pe-3">用户</th>
                <th scope="col" className="py-2 pe-3">操作</th>
                <th scope="col" className="py-2 pe-3">对象</th>
                <th scope="col" className="py-2 pe-3">结果</th>
                <th scope="col" className="py-2">IP</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {log.events.map((e) => (
                <tr key={e.id}>
                  <td className="py-2 pe-3 whitespace-nowrap">{formatChineseDateTime(e.at)}</td>
                  <td className="py-2 pe-3">{e.actorName ?? "—"}</td>
                  <td className="py-2 pe-3 font-mono">{e.action}</td>
                  <td className="py-2 pe-3 font-mono text-xs">{e.entity ? `${e.entity}:${e.entityId ?? ""}` : "—"}</td>
                  <td className="py-2 pe-3">{RESULTS[e.result] ?? e.result}</td>
                  <td className="py-2 font-mono text-xs">{e.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <nav aria-label="分页" className="mt-4 flex gap-4 text-sm">
          {log.page > 1 && <Link href={`?page=${log.page - 1}`}>上一页</Link>}
          <span>第 {log.page} / {log.pageCount} 页</span>
          {log.page < log.pageCount && <Link href={`?page=${log.page + 1}`}>下一页</Link>}
        </nav>
      </Card>
    </div>
  );
}
