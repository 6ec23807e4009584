import { isSameOrigin } from "@/lib/server/items/attachments";
import { requestMeta } from "@/lib/server/platform/request-context";
import { clientKey, consumeRateLimit, RATE_LIMITS, retryAfterHeaders } from "@/lib/server/platform/rate-limit";
import { fileResponse, isDocumentFormat, renderTrackedReply } from "@/lib/server/requests/documents";
import { NOT_TRACKABLE } from "@/lib/server/requests/intake";

/**
 * POST /track/reply (form fields `code`, `format`): the applicant's delivered 答复书 as PDF or DOCX.
 * A POST so the 查询码 stays out of URLs; rate-limited per address like /track; every failure is
 * a short Chinese page with the way back, never a 500.
 */

const MAX_BODY = 4 * 1024;

function page(status: number, message: string, headers: Record<string, string> = {}) {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>下载答复书</title></head><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.8"><h1 style="font-size:1.25rem">下载答复书</h1><p role="alert">${message}</p><p><a href="/track">返回查询页面</a></p></body></html>`;
  return new Response(html, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", ...headers },
  });
}

export async function POST(request: Request) {
  if (!isSameOrigin(request)) return page(403, "请求来源无效，请在本网站的查询页面重新查询后下载。");
  // A browser's form post always says its length; a chunked body of unknown size is not read at all.
  const length = request.headers.get("content-length");
  if (length === null || !/^\d{1,7}$/.test(length)) return page(411, "请求格式不正确，请在查询页面重新查询后下载。");
  if (Number(length) > MAX_BODY) return page(413, "请求内容过大。");
  const limit = await consumeRateLimit(RATE_LIMITS.trackDownload, clientKey((await requestMeta()).ip));
  if (!limit.ok) return page(429, limit.message, retryAfterHeaders(limit));
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return page(400, "请求格式不正确，请在查询页面重新查询后下载。");
  }
  const format = form.get("format");
  if (!isDocumentFormat(format)) return page(400, "不支持的文件格式，请选择 PDF 或 Word（DOCX）。");
  const code = form.get("code");
  const result = await renderTrackedReply(typeof code === "string" ? code : "", format);
  if (!result.ok) return page(404, NOT_TRACKABLE);
  return fileResponse(result.value);
}
