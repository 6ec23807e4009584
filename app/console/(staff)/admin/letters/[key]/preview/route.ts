import { formValues } from "@/lib/form-state";
import { EXPORT_MIME } from "@/lib/export";
import { getActor } from "@/lib/server/platform/auth";
import { previewLetterTemplate, templateEditFromForm } from "@/lib/server/requests/templates";
import { siteUrl } from "@/lib/env";

/** POST /console/admin/letters/{key}/preview: the edit form, unsaved, as a sample PDF (草稿). */
export async function POST(request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const actor = await getActor();
  if (!actor) return Response.redirect(new URL("/console/login", siteUrl()), 303);
  const form = await request.formData().catch(() => null);
  const result = form ? await previewLetterTemplate(actor, key, templateEditFromForm(formValues(form))) : null;
  if (!result?.ok) {
    const status = !result ? 400 : result.error === "invalid" ? 422 : 404;
    return new Response(result?.message ?? "请求无效。", { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  return new Response(new Uint8Array(result.value), {
    headers: { "Content-Type": EXPORT_MIME.pdf.contentType, "Content-Disposition": "inline", "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}
