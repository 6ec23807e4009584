import { retryAfterMessage } from "@/lib/domain/retry-after";
import { tooManyRequests } from "@/lib/server/platform/rate-limit";

/**
 * GET /search/busy?wait=N: where /search sends a visitor it cannot answer (a page cannot set its
 * own status): the search limit's 429 (issue 10 §6), or with `cause=load` a 503 when the database
 * could not answer in time (lib/server/platform/overload.ts). Both with Retry-After and a Chinese page.
 */
export function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const wait = Number(params.get("wait"));
  const retryAfterSeconds = Number.isInteger(wait) && wait > 0 ? Math.min(wait, 86_400) : 60;
  if (params.get("cause") === "load") {
    const page = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>检索繁忙</title></head><body><h1>检索繁忙</h1><p>当前检索的人较多，请 ${retryAfterSeconds} 秒后再试。</p><p><a href="/">返回首页</a></p></body></html>`;
    return new Response(page, { status: 503, headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store", "Content-Type": "text/html; charset=utf-8" } });
  }
  return tooManyRequests({ ok: false, retryAfterSeconds, message: retryAfterMessage(retryAfterSeconds, new Date()) }, "html");
}
