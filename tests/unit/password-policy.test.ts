import { describe, expect, test } from "vitest";
import { COMMON_PASSWORDS, COMMON_WORDS } from "@/lib/domain/common-passwords";
import {
  characterClasses,
  checkPassword,
  containsUsername,
  isCommonPassword,
  minLengthFor,
  PASSWORD_POLICY,
  passwordChangeReason,
  passwordProblemMessage,
  type PasswordProblem,
} from "@/lib/domain/password-policy";
import type { Role } from "@/lib/domain/roles";
import { accountDuty, formatRecoveryCode, parseRecoveryCode, parseTotpCode, totpRequired } from "@/lib/domain/second-factor";

/** Issue 10 §3 (sec-auth): the password policy and the account duties, as pure rules. */

const liaison = { username: "liaison.gx", roles: ["LIAISON"] as Role[] };
const sysadmin = { username: "sysadmin", roles: ["SYSADMIN"] as Role[] };

describe("checkPassword", () => {
  test.each<[string, { username: string; roles: Role[] }, PasswordProblem[]]>([
    ["Abcdef12!x", liaison, []],
    ["Abcdef12!", liaison, ["too_short", "common"]],
    ["kvtrmbqx12", liaison, ["too_few_classes"]],
    ["KVTRMBQX12", liaison, ["too_few_classes"]],
    ["kvtrmbqx!!", liaison, ["too_few_classes"]],
    ["Abcdefghij", liaison, ["too_few_classes", "common"]],
    ["1234567890", liaison, ["too_few_classes", "common"]],
    ["kvtrmbqX12", liaison, []],
    ["kvtrmbqx1!", liaison, []],
    ["KVTRMBQX1!", liaison, []],
    ["Abcdef12!x", sysadmin, ["too_short"]],
    ["Abcdef12!xyz", sysadmin, []],
    ["Abcdef12!xy", { username: "auditor", roles: ["AUDITOR"] }, ["too_short"]],
    ["Abcdef12!xy", { username: "secadmin", roles: ["SECADMIN"] }, ["too_short"]],
    ["Abcdef12!xy", { username: "office", roles: ["OFFICE"] }, []],
    ["Liaison.gx2026", liaison, ["contains_username"]],
    ["MyLIAISON#2026", liaison, ["contains_username"]],
    ["ｌｉａｉｓｏｎ#2026Ab", liaison, ["contains_username"]],
    ["Sysadmin@2026!", sysadmin, ["common", "contains_username"]],
    ["Woaini1314520", liaison, ["common"]],
    ["Qwertyuiop1", liaison, ["common"]],
    ["Password1234", liaison, ["common"]],
    ["a".repeat(129) + "A1", liaison, ["too_long"]],
    ["政务公开平台2026ab", liaison, []],
    ["短密码Ab1", liaison, ["too_short"]],
    ["Gongkai@2026", sysadmin, ["common"]],
    ["Zhangwei@1988", liaison, ["common"]],
    ["Kvtr@1988mbqx", sysadmin, []],
    ["correct horse battery staple 7", liaison, []],
    ["", liaison, ["too_short", "too_few_classes"]],
  ])("%j for %j → %j", (password, user, problems) => {
    expect(checkPassword(password, user)).toEqual(problems);
  });
});

describe("character classes", () => {
  test.each([
    ["abc", 1],
    ["abcABC", 2],
    ["abcABC123", 3],
    ["abcABC123!", 4],
    ["汉字", 1],
    ["ab 汉字", 2],
    ["    ", 1],
  ])("%j has %i", (password, n) => {
    expect(characterClasses(password)).toBe(n);
  });
});

describe("the common-password list", () => {
  test("is bundled: whole passwords of 10–64 characters and letters-only words, lower case, without duplicates", () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThan(1_000);
    expect(COMMON_WORDS.length).toBeGreaterThan(10_000);
    for (const [list, min, max] of [[COMMON_PASSWORDS, 10, 64], [COMMON_WORDS, 4, 9]] as const) {
      expect(new Set(list).size).toBe(list.length);
      for (const p of list) {
        expect(p).toBe(p.toLowerCase());
        expect(p.length).toBeGreaterThanOrEqual(min);
        expect(p.length).toBeLessThanOrEqual(max);
      }
    }
  });

  test.each([
    "woaini1314", "5201314520", "qq123456789", "1qaz2wsx3edc", "1q2w3e4r5t", "zxcvbnm123", "iloveyou12", "abc123456789",
    // 拼音 phrases, places, 姓名拼音 and the service's own name (NIST 800-63B: context-specific words)
    "Woaini@1314", "@@Zhongguo2008", "Jilin#123456", "Wangxiuying88", "Liuyang.1990", "Gongkai@2026", "Admin@123456", "Sunshine@2020",
    // keyboard walks with their shifted and reversed forms
    "!QAZ@WSX#EDC", "Zaq12wsx!@", "Qazwsxedc123", "Asdfghjkl;1",
  ])("%s is common, in any case", (p) => {
    expect(isCommonPassword(p)).toBe(true);
    expect(isCommonPassword(p.toUpperCase())).toBe(true);
  });

  test.each(["Kj$8fQ2#pLmZ", "政务公开平台2026ab", "Tram-Hong9Kq", "Wang7Xiu#Ying", "Zhang-Wei-1988-Q"])("%s is not", (p) => {
    expect(isCommonPassword(p)).toBe(false);
  });

  test("an empty password is too short, not common", () => {
    expect(isCommonPassword("")).toBe(false);
  });
});

describe("containsUsername", () => {
  test.each([
    ["xxliaison.gxxx", "liaison.gx", true],
    ["xxLIAISONxx", "liaison.gx", true],
    ["gx-only-Abc1!", "liaison.gx", false],
    ["ab", "ab", false],
    ["head1234!Ab", "head.bgs", true],
  ])("%j with user %j → %s", (password, username, expected) => {
    expect(containsUsername(password, username)).toBe(expected);
  });
});

describe("messages are Chinese and name the numbers", () => {
  test.each<PasswordProblem>(["too_short", "too_long", "too_few_classes", "common", "contains_username", "reused"])("%s", (p) => {
    const message = passwordProblemMessage(p, 12);
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(message).not.toMatch(/undefined/);
  });
  test("the minimum of the user's roles", () => {
    expect(passwordProblemMessage("too_short", minLengthFor(["SECADMIN"]))).toContain("12");
    expect(passwordProblemMessage("too_short", minLengthFor(["LIAISON"]))).toContain("10");
    expect(passwordProblemMessage("reused", 10)).toContain(String(PASSWORD_POLICY.historySize));
  });
});

describe("rotation and account duties", () => {
  const now = new Date("2026-12-01T00:00:00Z");
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
  test.each<[boolean, number, "one_time" | "expired" | null]>([
    [false, 0, null],
    [false, 89, null],
    [false, 90, "expired"],
    [false, 400, "expired"],
    [true, 0, "one_time"],
    [true, 100, "one_time"],
  ])("mustChange=%s, changed %i days ago → %s", (mustChangePassword, days, reason) => {
    expect(passwordChangeReason({ mustChangePassword, passwordChangedAt: daysAgo(days) }, now)).toBe(reason);
  });

  const admins: Role[] = ["SYSADMIN", "SECADMIN", "AUDITOR"];
  test.each<[Role[], boolean, boolean, number, Role[], string | null]>([
    [["SYSADMIN"], false, false, 1, admins, "enrol_totp"],
    [["SYSADMIN"], false, true, 1, admins, null],
    [["SYSADMIN"], true, false, 1, admins, "change_password"],
    [["SYSADMIN"], false, false, 95, admins, "change_password"],
    [["LIAISON"], false, false, 1, admins, null],
    [["LIAISON"], false, false, 1, [...admins, "LIAISON"], "enrol_totp"],
    [["SYSADMIN"], false, false, 1, [], null],
    [["OFFICE", "DEPT_HEAD"], false, false, 1, ["DEPT_HEAD"], "enrol_totp"],
  ])("roles %j, must=%s, totp=%s, %i days, policy %j → %s", (roles, mustChangePassword, totpEnabled, days, policy, duty) => {
    expect(accountDuty({ roles, mustChangePassword, passwordChangedAt: daysAgo(days), totpEnabled }, policy, now)).toBe(duty);
  });

  test("totpRequired", () => {
    expect(totpRequired(["SECRECY"], ["SECRECY"])).toBe(true);
    expect(totpRequired(["SECRECY"], admins)).toBe(false);
  });
});

describe("second-factor input", () => {
  test.each([
    ["123456", "123456"],
    [" 123 456 ", "123456"],
    ["12345", null],
    ["1234567", null],
    ["12a456", null],
    ["", null],
  ])("TOTP %j → %j", (input, code) => {
    expect(parseTotpCode(input)).toBe(code);
  });
  test.each([
    ["ABCD-EFGH-IJKL-MNOP", "ABCDEFGHIJKLMNOP"],
    ["abcd efgh ijkl mnop", "ABCDEFGHIJKLMNOP"],
    ["ABCD-EFGH-IJKL-MNO", null],
    ["ABCD-EFGH-IJKL-MN01", null],
    ["123456", null],
  ])("recovery %j → %j", (input, code) => {
    expect(parseRecoveryCode(input)).toBe(code);
  });
  test("recovery codes are shown in groups of four", () => {
    expect(formatRecoveryCode("ABCDEFGHIJKLMNOP")).toBe("ABCD-EFGH-IJKL-MNOP");
  });
});
