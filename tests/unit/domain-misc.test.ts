import { describe, expect, test } from "vitest";
import { chinaDate, chinaYear, formatChineseDate } from "@/lib/domain/dates";
import { formatIndexNumber, parseIndexNumber } from "@/lib/domain/index-number";
import { checkRoleSet } from "@/lib/domain/roles";

describe("索引号", () => {
  test.each([
    ["11220200013544447F", 2026, 1, "11220200013544447F/2026-00001"],
    ["KJJ", 2019, 162, null],
    ["ABCD", 2020, 99999, "ABCD/2020-99999"],
  ])("%s %i %i", (org, year, serial, expected) => {
    if (expected === null) {
      expect(parseIndexNumber(`${org}/${year}-${serial}`)).toBeNull();
    } else {
      expect(formatIndexNumber(org, year, serial)).toBe(expected);
      expect(parseIndexNumber(expected)).toEqual({ orgCode: org, year, serial });
    }
  });
  test.each([0, 100_000, 1.5])("serial %d is out of range", (serial) => {
    expect(() => formatIndexNumber("ABCD", 2026, serial)).toThrow(RangeError);
  });
});

describe("Beijing dates", () => {
  test("16:30 UTC on 31 Dec is already the next year in Beijing", () => {
    const instant = new Date("2025-12-31T16:30:00Z");
    expect(chinaDate(instant)).toBe("2026-01-01");
    expect(chinaYear(instant)).toBe(2026);
  });
  test("formats as 年月日", () => expect(formatChineseDate("2026-03-05")).toBe("2026年3月5日"));
});

describe("三员分立", () => {
  test.each([
    [["LIAISON", "DEPT_HEAD"], null],
    [["SYSADMIN"], null],
    [[], "empty"],
    [["SYSADMIN", "AUDITOR"], "admin_roles_combined"],
    [["SECADMIN", "SECRECY"], "admin_with_business_role"],
  ] as const)("%o → %s", (roles, problem) => {
    expect(checkRoleSet([...roles])).toBe(problem);
  });
});
