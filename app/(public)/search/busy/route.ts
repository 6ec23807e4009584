import { retryAfterMessage } from "@/lib/domain/retry-after";
import { tooManyRequests } from "@/lib/server/platform/rate-limit";

/** GET /search/busy?wait=N: the search limit's 429, with Retry-After and a Chinese page (see /search). */
export function GET(request: Request) {
  const wait = Number(new URL(request.url).searchParams.get("wait"));
  const retryAfterSeconds = Number.isInteger(wait) && wait > 0 ? Math.min(wait, 86_400) : 60;
  return tooManyRequests({ ok: false, retryAfterSeconds, message: retryAfterMessage(retryAfterSeconds, new Date()) }, "html");
}
