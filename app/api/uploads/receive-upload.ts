import "server-only";
import { NextResponse } from "next/server";
import type { Actor } from "@/lib/server/platform/actor";
import { isSameOrigin } from "@/lib/server/items/attachments";
import { audit } from "@/lib/server/platform/audit";
import { getActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { consumeRateLimit, RATE_LIMITS, tooManyRequests } from "@/lib/server/platform/rate-limit";
import type { Failure } from "@/lib/server/platform/result";

/**
 * The shared front of the upload handlers. The browser sends the file as the raw request body
 * (the name in X-File-Name, URI-encoded), so the size cap is enforced while reading, before the
 * whole body is in memory.
 */
export async function receiveUpload(request: Request, maxBytes: number): Promise<{ actor: Actor; fileName: string; bytes: Uint8Array } | NextResponse> {
  if (!isSameOrigin(request)) return error(403, "请求来源无效，请刷新页面后重试。");
  const actor = await getActor();
  if (!actor) return error(401, "登录已过期，请重新登录后再上传。");
  if (!can(actor, "file.upload")) {
    // Refused before the body is read, so no other role can make the server buffer a file.
    await audit(null, { actor, action: "file.upload", entity: "StoredFile", result: "DENIED", detail: { route: new URL(request.url).pathname } });
    return error(403, "只有处室联络员可以上传文件。");
  }
  const limit = await consumeRateLimit(RATE_LIMITS.upload, actor.id);
  if (!limit.ok) return tooManyRequests(limit, "json");
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooBig = `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限，不能上传。`;
  if (declared > maxBytes) return error(413, tooBig);
  let fileName: string;
  try {
    fileName = decodeURIComponent(request.headers.get("x-file-name") ?? "");
  } catch {
    return error(400, "文件名无效。");
  }
  if (!fileName) return error(400, "缺少文件名。");
  const bytes = await readCapped(request, maxBytes);
  if (!bytes) return error(413, tooBig);
  return { actor, fileName, bytes };
}

/** The body, read up to `maxBytes`; null (and the rest of the stream cancelled) past it. */
export async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

export function error(status: number, message: string) {
  return NextResponse.json({ error: message }, { status, headers: { "Cache-Control": "no-store" } });
}

const STATUS: Record<Failure["error"], number> = { not_found: 404, forbidden: 403, conflict: 409, invalid: 422 };
export function failure(f: Failure) {
  return error(STATUS[f.error], f.message);
}
