import { describe, expect, test } from "vitest";
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
