import { chinaDate } from "./dates";

/**
 * Login lockout (DESIGN §8): 5 failures within 15 minutes lock for 30 minutes. The clerk is told
 * that the account is locked and when it opens again — and an unknown user name gets the same
 * answer after the same failures, so the message never tells which names exist (ASVS 6.3.8).
 */
export const LOCKOUT = { maxFailures: 5, windowMinutes: 15, lockMinutes: 30 } as const;

/** What the login form receives as next-auth's error code: `Locked:<epoch ms>`. */
export const LOCKED_ERROR_PREFIX = "Locked:";

/** The code when a login rate limit holds (lib/server/platform/rate-limit.ts): `RateLimited:<seconds>`. */
export const RATE_LIMITED_ERROR_PREFIX = "RateLimited:";

/** "尝试过于频繁，请 N 分钟后再试" — whole minutes, at least one. */
export function rateLimitedLoginMessage(retryAfterSeconds: number): string {
  return `尝试过于频繁，请 ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} 分钟后再试。`;
}

/** One key per person typing a name: "Liaison.GX " and "liaison.gx" count together. NUL never reaches SQL (22021). */
export function normalizeUsername(username: string): string {
  return username.replaceAll("\u0000", "").normalize("NFKC").trim().toLowerCase().slice(0, 64);
}

/**
 * When the lock started by these failure times ends, or null if none is in force at `now`. The
 * same rule as the User row's counter: a failure more than the window after the previous one
 * starts a new count; the count that reaches the maximum locks and starts again from zero.
 * Attempts refused as locked are not failures and must not be passed in.
 */
export function lockedUntilFromFailures(failures: Date[], now: Date): Date | null {
  let count = 0;
  let last: number | null = null;
  let until: number | null = null;
  for (const t of failures.map((d) => d.getTime()).sort((a, b) => a - b)) {
    if (t > now.getTime() || (until !== null && t < until)) continue;
    count = last === null || t - last > LOCKOUT.windowMinutes * 60_000 ? 1 : count + 1;
    last = t;
    if (count >= LOCKOUT.maxFailures) {
      until = t + LOCKOUT.lockMinutes * 60_000;
      count = 0;
    }
  }
  return until !== null && until > now.getTime() ? new Date(until) : null;
}

/** How far back failures can still matter for a lock in force now. */
export const LOCKOUT_LOOKBACK_MS = (LOCKOUT.windowMinutes + LOCKOUT.lockMinutes) * 60_000;

/** "账户已锁定，将于 14:35 自动解锁" in Beijing time; the date too when it is not today there. */
export function lockedMessage(until: Date, now: Date): string {
  const time = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(until);
  const day = chinaDate(until);
  const when = day === chinaDate(now) ? time : `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日 ${time}`;
  return `登录失败次数过多，账户已锁定，将于 ${when}（北京时间）自动解锁。`;
}

/** The login form's message for next-auth's error code. */
export function loginErrorMessage(code: string | null | undefined, now: Date): string {
  if (code?.startsWith(RATE_LIMITED_ERROR_PREFIX)) {
    const seconds = Number(code.slice(RATE_LIMITED_ERROR_PREFIX.length));
    if (Number.isFinite(seconds) && seconds > 0) return rateLimitedLoginMessage(seconds);
  }
  if (code?.startsWith(LOCKED_ERROR_PREFIX)) {
    const until = new Date(Number(code.slice(LOCKED_ERROR_PREFIX.length)));
    if (!Number.isNaN(until.getTime())) return lockedMessage(until, now);
  }
  return `用户名或密码错误。连续失败 ${LOCKOUT.maxFailures} 次，账户将被锁定 ${LOCKOUT.lockMinutes} 分钟。`;
}
