import { reportCsv } from "@/lib/export/report";
import { getActor } from "@/lib/server/platform/auth";
import { attachmentDisposition } from "@/lib/export";
import { recordDirectExport } from "@/lib/server/reports/exports";
import { reportView } from "@/lib/server/reports/store";

/**
 * GET /console/reports/{year}/export/json|csv: the office's copy of the report as it stands (a
 * draft is computed now; a published or imported year is its frozen copy). Small and fast, so
 * served directly; DOCX and PDF go through the job queue.
 */
const TEXT = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };

export async function GET(_: Request, { params }: { params: Promise<{ year: string; kind: string }> }) {
  const { year: raw, kind } = await params;
  const actor = await getActor();
  const year = Number(raw);
  if (!actor || !/^\d{4}$/.test(raw) || (kind !== "json" && kind !== "csv")) return new Response("未找到该页面，或您无权查看。", { status: 404, headers: TEXT });
  const view = await reportView(actor, year);
  if (!view.ok) return new Response(view.message, { status: view.error === "forbidden" ? 403 : 404, headers: TEXT });
  const draft = view.value.state !== "published" && view.value.state !== "imported";
  const name = `${year}年政府信息公开工作年度报告${draft ? "（草稿）" : ""}`;
  await recordDirectExport(actor, year, kind, view.value.state);
  const body = kind === "json" ? JSON.stringify(view.value.data, null, 2) : reportCsv(view.value.data, "all");
  return new Response(body, {
    headers: {
      "Content-Type": kind === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      "Content-Disposition": attachmentDisposition(name, kind),
      "Cache-Control": "no-store",
    },
  });
}
