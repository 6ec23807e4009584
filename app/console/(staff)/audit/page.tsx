import Link from "next/link";
import { forbidden } from "next/navigation";
import { AuditFilterForm } from "@/components/admin/audit-filter";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { formatChineseDateTime } from "@/lib/domain/dates";
import type { AuditResult } from "@/lib/domain/audit";
import {
  actionLabel,
  AUDIT_ENTITY_LABELS,
  AUDIT_RESULT_LABELS,
  auditLogStatus,
  entityLabel,
  listAuditEvents,
  parseAuditFilter,
  rolesLabel,
  type AuditFilter,
} from "@/lib/server/admin/audit-log";
import { requireActor } from "@/lib/server/platform/auth";
import { DataTable } from "@/components/ui/data-table";

export const metadata = { title: "审计日志" };

type Params = Record<string, string | string[] | undefined>;

function query(filter: AuditFilter, page?: number): string {
  const q = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string"));
  if (page && page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `?${s}` : "";
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requireActor();
  const params = await searchParams;
  const { filter, errors } = parseAuditFilter(params);
  const page = Number(Array.isArray(params.page) ? params.page[0] : (params.page ?? 1));
  const [log, status] = await Promise.all([listAuditEvents(actor, filter, page), auditLogStatus(actor)]);
  if (!log || !status) forbidden();
  return (
    <div className="space-y-4">
      <AuditStatus status={status} />
      <Card title="筛选">
        <AuditFilterForm filter={filter} errors={errors} entityLabels={AUDIT_ENTITY_LABELS as Record<string, string>} />
      </Card>
      <Card title={`审计日志（符合条件 ${log.total} 条）`}>
        <p className="mb-3 text-sm">
          <a href={`/console/audit/export${query(filter)}`} className="text-gov-red underline" download>
            导出为 CSV（当前筛选结果）
          </a>
        </p>
        <DataTable columns={["编号", "时间", "用户", "操作", "对象", "结果", "IP"]}>
          {log.events.map((e) => (
            <tr key={e.id}>
              <td className="py-2 pe-3 font-mono text-xs">{e.id}</td>
              <td className="py-2 pe-3 whitespace-nowrap">{formatChineseDateTime(e.at)}</td>
              <td className="py-2 pe-3">
                {e.actorName ?? "—"}
                {e.roles && <span className="block text-xs text-gray-600">{rolesLabel(e.roles)}</span>}
              </td>
              <td className="py-2 pe-3" title={e.action}>{actionLabel(e.action)}</td>
              <td className="py-2 pe-3 text-xs">{e.entity ? `${entityLabel(e.entity)} ${e.entityId ?? ""}` : "—"}</td>
              <td className="py-2 pe-3">
                {AUDIT_RESULT_LABELS[e.result as AuditResult] ?? e.result}
                {e.result !== "SUCCESS" && typeof (e.detail as { reason?: unknown } | null)?.reason === "string" && (
                  <span className="block text-xs text-gray-600">{String((e.detail as { reason: string }).reason)}</span>
                )}
              </td>
              <td className="py-2 font-mono text-xs">{e.ip ?? "—"}</td>
            </tr>
          ))}
        </DataTable>
        <nav aria-label="分页" className="mt-4 flex gap-4 text-sm">
          {log.page > 1 && <Link href={`/console/audit${query(filter, log.page - 1)}`}>上一页</Link>}
          <span>
            第 {log.page} / {log.pageCount} 页
          </span>
          {log.page < log.pageCount && <Link href={`/console/audit${query(filter, log.page + 1)}`}>下一页</Link>}
        </nav>
      </Card>
    </div>
  );
}

/** Problems first: a failed hourly verification stays on the page until a later one passes. */
function AuditStatus({ status }: { status: NonNullable<Awaited<ReturnType<typeof auditLogStatus>>> }) {
  const { chain, lastWhole, checkpoint, scope } = status;
  const when = (iso: string) => formatChineseDateTime(new Date(iso));
  if (lastWhole && !lastWhole.ok) {
    return <Alert>最近一次完整校验（{when(lastWhole.at)}）未通过：{lastWhole.failure?.message ?? "审计日志校验失败。"}</Alert>;
  }
  if (!chain.ok) return <Alert>{chain.failure?.message ?? "审计日志校验失败。"}</Alert>;
  if (scope === "whole" || !checkpoint) {
    return (
      <Alert tone="success">
        审计日志校验通过：共 {chain.checked} 条记录，密钥链完整，未发现篡改。尚无检查点（每小时自动生成，或运行 npm run audit:verify），暂无法核对末尾记录是否被删除。
      </Alert>
    );
  }
  return (
    <Alert tone="success">
      审计日志校验通过：最近一次完整校验于 {when(lastWhole?.at ?? checkpoint.writtenAt)}，核对 {lastWhole?.checked ?? checkpoint.count} 条记录，密钥链完整，检查点为第 {checkpoint.lastId} 号记录；此后新增的 {chain.checked} 条记录已在本次打开页面时逐条核对，未发现篡改。
    </Alert>
  );
}
