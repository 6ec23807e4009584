import { letterDownload } from "@/lib/server/requests/document-http";
import { renderRequestNotice } from "@/lib/server/requests/documents";

/** GET /console/requests/{id}/notices/{seq}?format=pdf|docx: the notice the clock event {seq} sent. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; seq: string }> }) {
  const { id, seq } = await params;
  const n = /^\d{1,6}$/.test(seq) ? Number(seq) : NaN;
  return letterDownload(request, (actor, format) => renderRequestNotice(actor, id, n, format));
}
