import "server-only";
import type { Actor } from "@/lib/server/platform/actor";
import { getActor } from "@/lib/server/platform/auth";
import type { Result } from "@/lib/server/platform/result";
import { fileResponse, isDocumentFormat, type RenderedFile } from "./documents";
import { siteUrl } from "@/lib/env";

/**
 * The console's letter downloads (GET …?format=docx|pdf, pdf by default): signed out → the login
 * page; a bad format → 400; not found or out of scope → 404; a letter missing a field → 422 with
 * the fields to fill, in Chinese. Never a 500 for anything the user sent.
 */

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });

const STATUS = { not_found: 404, forbidden: 404, invalid: 422, conflict: 409 } as const;

export async function letterDownload(request: Request, render: (actor: Actor, format: "docx" | "pdf") => Promise<Result<RenderedFile>>): Promise<Response> {
  const actor = await getActor();
  if (!actor) return Response.redirect(new URL("/console/login", siteUrl()), 303);
  const format = new URL(request.url).searchParams.get("format") ?? "pdf";
  if (!isDocumentFormat(format)) return text("不支持的文件格式，请选择 PDF 或 DOCX（?format=pdf 或 ?format=docx）。", 400);
  const result = await render(actor, format);
  if (!result.ok) return text(result.message, STATUS[result.error]);
  return fileResponse(result.value);
}
