import { describe, expect, test } from "vitest";
import { LOCKED_ERROR_PREFIX, LOCKOUT, lockedMessage, lockedUntilFromFailures, loginErrorMessage, normalizeUsername } from "@/lib/domain/lockout";

const t0 = new Date("2026-12-01T06:00:00Z"); // 14:00 in Beijing
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe("a lock from failure times (names without a counter of their own)", () => {
  test.each([
    ["five within the window lock for 30 minutes from the fifth", [0, 1, 2, 3, 4], 5, at(4 + LOCKOUT.lockMinutes)],
    ["four are not enough", [0, 1, 2, 3], 5, null],
    ["the lock is over after 30 minutes", [0, 1, 2, 3, 4], 4 + LOCKOUT.lockMinutes, null],
    ["a gap longer than the window starts the count again", [0, 1, 2, 3, 20, 21], 22, null],
    ["the count restarts after a lock", [0, 1, 2, 3, 4, 40, 41], 42, null],
    ["failures after now are not counted", [0, 1, 2, 3, 4], 3, null],
  ])("%s", (_, minutes, now, expected) => {
    expect(lockedUntilFromFailures(minutes.map(at), at(now))).toEqual(expected);
  });
});

describe("what the login form says", () => {
  test("the lock's end in Beijing time, the date too when it is not today there", () => {
    expect(lockedMessage(at(35), t0)).toBe("登录失败次数过多，账户已锁定，将于 14:35（北京时间）自动解锁。");
    expect(lockedMessage(new Date("2026-12-01T16:10:00Z"), new Date("2026-12-01T15:50:00Z"))).toBe("登录失败次数过多，账户已锁定，将于 12月2日 00:10（北京时间）自动解锁。");
  });
  test("a lock code, a plain failure and a malformed code", () => {
    expect(loginErrorMessage(`${LOCKED_ERROR_PREFIX}${at(35).getTime()}`, t0)).toContain("将于 14:35");
    for (const code of ["CredentialsSignin", `${LOCKED_ERROR_PREFIX}soon`, null]) {
      expect(loginErrorMessage(code, t0)).toBe("用户名或密码错误。连续失败 5 次，账户将被锁定 30 分钟。");
    }
  });
  test("names are counted case- and width-insensitively", () => {
    expect(normalizeUsername(" Ｌｉａｉｓｏｎ.GX ")).toBe("liaison.gx");
  });
});
