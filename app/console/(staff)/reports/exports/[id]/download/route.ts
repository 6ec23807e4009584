import { attachmentDisposition } from "@/lib/export";
import { getActor } from "@/lib/server/platform/auth";
import { exportFile } from "@/lib/server/reports/exports";

/** GET /console/reports/exports/{id}/download: a finished export (report.manage only; 404 otherwise). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  const file = actor ? await exportFile(actor, (await params).id) : null;
  if (!file) return new Response("未找到该导出文件。", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": attachmentDisposition(file.baseName, file.format),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
