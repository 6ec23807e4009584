import "server-only";
import { attachmentDisposition } from "@/lib/export";
import type { Actor } from "@/lib/server/platform/actor";
import { getActor } from "@/lib/server/platform/auth";
import { idCopyOf } from "./id-copy";
import { siteUrl } from "@/lib/env";

/**
 * GET /console/requests/{id}/id-copy: the applicant's 身份证明复印件 as a download, for the staff
 * handling the request (idCopyOf decides and audits). Signed out → the login page, like the
 * letter downloads; out of scope, not handled by the actor, no copy, or its bytes gone → one
 * Chinese 404 page, so a refusal does not tell whether a copy exists. Never cached, never sniffed.
 * `actorOf` is the session by default; tests pass the actor.
 */
export async function idCopyDownload(request: Request, requestId: string, actorOf: () => Promise<Actor | null> = getActor): Promise<Response> {
  const actor = await actorOf();
  if (!actor) return Response.redirect(new URL("/console/login", siteUrl()), 303);
  const result = await idCopyOf(actor, requestId);
  if (!result.ok || !result.value) return notFoundPage(requestId);
  const { bytes, mimeType, fileName } = result.value;
  const dot = fileName.lastIndexOf(".");
  const disposition = dot > 0 ? attachmentDisposition(fileName.slice(0, dot), { extension: fileName.slice(dot) }) : attachmentDisposition(fileName, { extension: "" });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": mimeType,
      "Content-Length": String(bytes.length),
      "Content-Disposition": disposition,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

function notFoundPage(requestId: string): Response {
  // The id came from the URL: percent-encoded it carries no markup into the page.
  const back = `/console/requests/${encodeURIComponent(requestId.slice(0, 64))}`;
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>身份证明复印件</title></head><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.8"><h1 style="font-size:1.25rem">未找到身份证明复印件</h1><p role="alert">该申请没有身份证明复印件，或您不是该申请的承办人员，无权查看。</p><p><a href="${back}">返回申请</a> · <a href="/console/requests">返回依申请公开</a></p></body></html>`;
  return new Response(html, {
    status: 404,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}
