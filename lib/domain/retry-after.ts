import { chinaDate, chinaDateTimeLocal } from "./dates";

/**
 * What a refused visitor reads when a rate limit holds (lib/server/platform/rate-limit.ts): when
 * to try again, in words a person can act on — seconds, minutes, or the Beijing clock time once
 * the wait is long enough that "in 713 minutes" would mean nothing.
 */
export function retryAfterMessage(retryAfterSeconds: number, now: Date): string {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  if (seconds < 60) return `操作过于频繁，请 ${seconds} 秒后再试。`;
  if (seconds < 3600) return `操作过于频繁，请 ${Math.ceil(seconds / 60)} 分钟后再试。`;
  const at = new Date(now.getTime() + seconds * 1000);
  const time = chinaDateTimeLocal(at).slice(11, 16);
  const day = chinaDate(at) === chinaDate(now) ? "今天" : chinaDate(at) === chinaDate(new Date(now.getTime() + 86_400_000)) ? "明天" : chinaDate(at);
  return `操作次数已达上限，请于${day} ${time}（北京时间）以后再试。`;
}
