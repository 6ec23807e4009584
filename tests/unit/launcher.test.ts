import { describe, expect, test } from "vitest";
import { describeStartupError } from "@/lib/db/startup-error";
import { parseEnv } from "@/lib/env";
import { demoAccountRows } from "@/prisma/demo-bureau";

describe("start-up failures are described, never printed as undefined", () => {
  test.each([
    ["an error", new Error("数据库连接失败"), "数据库连接失败"],
    ["a string", "端口被占用", "端口被占用"],
  ])("%s keeps its message", (_, error, message) => {
    expect(describeStartupError(error)).toBe(message);
  });
  test.each([undefined, null, new Error(""), { code: 1 }])("%s gets a sentence", (error) => {
    const text = describeStartupError(error);
    expect(text).toContain("启动失败");
    expect(text).not.toMatch(/^undefined|\bundefined\b/);
  });
});

describe("the demo listens on loopback unless told otherwise", () => {
  test("HOSTNAME defaults to 127.0.0.1 and can be set (next start -H)", () => {
    expect(parseEnv({}).HOSTNAME).toBe("127.0.0.1");
    expect(parseEnv({ HOSTNAME: "0.0.0.0" }).HOSTNAME).toBe("0.0.0.0");
  });
});

describe("the printed demo accounts", () => {
  test("each 分管领导 with the departments they cover", () => {
    const rows = demoAccountRows();
    expect(rows.find((r) => r.includes("leader.liu"))).toContain("分管领导（分管：计划财务科、成果转化科）");
    expect(rows.find((r) => r.includes("leader.guo"))).toContain("分管领导（分管：高新技术科、机关党委）");
    expect(rows.find((r) => r.includes("liaison.gx"))).toMatch(/张敏\s+高新技术科\s+联络员$/);
  });
});
