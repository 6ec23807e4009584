import { contentDisposition, findDownload } from "@/lib/server/items/attachments";
import { PUBLIC_CACHE } from "@/lib/server/platform/http";
import { getActor } from "@/lib/server/platform/auth";
import { blobStore } from "@/lib/server/files/storage";

/**
 * GET /attachments/{attachmentId}: the only way to a file's bytes. Public for the attachments of a
 * public revision, staff-only (in scope) otherwise, 404 for everyone else (findDownload).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const file = await findDownload(id, getActor);
  const bytes = file ? await blobStore().get(file.sha256) : null;
  if (!file || !bytes) return new Response("未找到该附件。", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(bytes.length),
      "Content-Disposition": contentDisposition(file.fileName),
      "X-Content-Type-Options": "nosniff",
      // Like public pages: a withdrawn file leaves shared caches within about two minutes.
      "Cache-Control": file.audience === "public" ? PUBLIC_CACHE : "private, no-store",
      ETag: `"${file.sha256}"`,
    },
  });
}
