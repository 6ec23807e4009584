import { attachmentDisposition } from "@/lib/export";
import { chinaDate } from "@/lib/domain/dates";
import { exportAuditCsv, parseAuditFilter } from "@/lib/server/admin/audit-log";
import { getActor } from "@/lib/server/platform/auth";

const plain = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });

/** GET /console/audit/export?<the page's filters>: the filtered audit log as CSV (audit.export; audited). */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return plain("请先登录。", 401);
  const { filter, errors } = parseAuditFilter(Object.fromEntries(new URL(request.url).searchParams));
  if (Object.keys(errors).length) return plain(`筛选条件有误：${Object.values(errors).flat().join("；")}`, 400);
  const result = await exportAuditCsv(actor, filter);
  if (!result.ok) return plain(result.message, result.error === "forbidden" ? 403 : 400);
  return new Response(result.value.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentDisposition(`审计日志-${chinaDate(new Date())}`, "csv"),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
