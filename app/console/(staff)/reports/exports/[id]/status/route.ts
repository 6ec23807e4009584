import { getActor } from "@/lib/server/platform/auth";
import { exportStatus } from "@/lib/server/reports/exports";

/** GET /console/reports/exports/{id}/status: where a queued export stands, polled by the report page. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  const status = actor ? await exportStatus(actor, (await params).id) : null;
  if (!status) return Response.json({ message: "未找到该导出任务。" }, { status: 404, headers: { "Cache-Control": "no-store" } });
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
}
