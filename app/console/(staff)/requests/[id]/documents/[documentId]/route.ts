import { letterDownload } from "@/lib/server/requests/document-http";
import { renderRequestDocument } from "@/lib/server/requests/documents";

/** GET /console/requests/{id}/documents/{documentId}?format=pdf|docx: the 答复书 (草稿 until approved). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; documentId: string }> }) {
  const { id, documentId } = await params;
  return letterDownload(request, (actor, format) => renderRequestDocument(actor, id, documentId, format));
}
