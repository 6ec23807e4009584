import { describe, expect, test } from "vitest";
import { z } from "zod";
import { residentIdCheckChar } from "@/lib/domain/id-numbers";
import { applicationSchema } from "@/lib/domain/requests/application-schema";
import { maskIdNumber } from "@/lib/domain/requests/masking";
import { ID_COPY_MAX_BYTES, idCopyPrecheck } from "@/lib/domain/requests/id-copy";
import { retryAfterMessage } from "@/lib/domain/retry-after";

const now = new Date("2026-12-02T02:00:00Z"); // 10:00 Beijing time

describe("retryAfterMessage: when a refused visitor may try again", () => {
  test.each([
    [0.2, "操作过于频繁，请 1 秒后再试。"],
    [42, "操作过于频繁，请 42 秒后再试。"],
    [60, "操作过于频繁，请 1 分钟后再试。"],
    [61, "操作过于频繁，请 2 分钟后再试。"],
    [3599, "操作过于频繁，请 60 分钟后再试。"],
    [3 * 3600, "操作次数已达上限，请于今天 13:00（北京时间）以后再试。"],
    [20 * 3600, "操作次数已达上限，请于明天 06:00（北京时间）以后再试。"],
    [3 * 86400, "操作次数已达上限，请于2026-12-05 10:00（北京时间）以后再试。"],
  ])("%s s → %s", (seconds, message) => {
    expect(retryAfterMessage(seconds, now)).toBe(message);
  });
});

describe("idCopyPrecheck: what the browser refuses before sending", () => {
  test.each([
    [{ name: "身份证.JPG", size: 100 }, null],
    [{ name: "scan.pdf", size: ID_COPY_MAX_BYTES }, null],
    [{ name: "photo.webp", size: 1 }, null],
    [{ name: "photo.heic", size: 1 }, "只能是"],
    [{ name: "id.docx", size: 1 }, "只能是"],
    [{ name: "big.png", size: ID_COPY_MAX_BYTES + 1 }, "不能超过 5 MB"],
  ])("%o", (file, expected) => {
    const problem = idCopyPrecheck(file);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toContain(expected);
  });
});

describe("maskIdNumber: never more than a third of a short number, 4 + 4 of an 18-character one", () => {
  test.each([
    ["220202198506151234", "2202**********1234"],
    ["91220200123456789X", "9122**********789X"],
    ["E12345678", "E******78"],
    ["C1234567", "C******7"],
    ["A2345", "*****"],
    ["1234", "****"],
  ])("%s → %s", (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
    const shown = [...masked].filter((c) => c !== "*").length;
    expect(shown / id.length).toBeLessThanOrEqual(id.length >= 15 ? 0.45 : 1 / 3);
  });
});

const VALID_APPLICATION = {
  applicantType: "natural_person", name: "张三", idType: "resident_id", idNumber: "11010519491231002" + residentIdCheckChar("11010519491231002"),
  phone: "13912345678", description: "2025年度本局科技项目立项清单", deliveryForm: "electronic", deliveryMethod: "email", email: "a@example.cn",
};

describe("application form: control characters are refused on their field, never passed to PostgreSQL", () => {
  test.each(["abc\u0000def", "abc\u0007def", "abc\u007fdef"])("%j", (description) => {
    const parsed = applicationSchema.safeParse({ ...VALID_APPLICATION, description });
    expect(parsed.success).toBe(false);
    expect(z.flattenError(parsed.error!).fieldErrors.description).toEqual(["所需信息的内容描述含有无法显示的控制字符，请删除后重新填写"]);
  });

  test("line breaks and tabs stay allowed", () => {
    expect(applicationSchema.safeParse({ ...VALID_APPLICATION, description: "第一项\r\n第二项\t（附表）" }).success).toBe(true);
  });
});
