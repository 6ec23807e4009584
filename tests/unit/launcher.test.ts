import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { describeStartupError } from "@/lib/db/startup-error";
import { ROLE_LABELS, ROLES } from "@/lib/domain/roles";
import { parseEnv } from "@/lib/env";
import { PERMISSIONS } from "@/lib/server/platform/authz";
import { DEPARTMENTS, demoAccountRows, USERS } from "@/prisma/demo-bureau";
import { appNodeOptions } from "@/scripts/app-heap";

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
    // An exported but empty HOSTNAME must not stop the app at start-up.
    expect(parseEnv({ HOSTNAME: " " }).HOSTNAME).toBe("127.0.0.1");
    expect(parseEnv({ HOSTNAME: "0.0.0.0" }).HOSTNAME).toBe("0.0.0.0");
    expect(parseEnv({ HOSTNAME: "::" }).HOSTNAME).toBe("::");
    // A machine name exported by the shell (RHEL, Kylin) is not an instruction to listen on the LAN.
    expect(parseEnv({ HOSTNAME: "kylin-office-pc" }).HOSTNAME).toBe("127.0.0.1");
  });
});

describe("ALLOWED_ORIGINS", () => {
  test("origins, comma-separated, normalised; empty by default; anything else refused by name", () => {
    expect(parseEnv({}).ALLOWED_ORIGINS).toEqual([]);
    expect(parseEnv({ ALLOWED_ORIGINS: " http://192.168.1.20:3000/ , https://gk.example.gov.cn " }).ALLOWED_ORIGINS).toEqual(["http://192.168.1.20:3000", "https://gk.example.gov.cn"]);
    expect(() => parseEnv({ ALLOWED_ORIGINS: "192.168.1.20" })).toThrow(/ALLOWED_ORIGINS: "192.168.1.20" is not an http\(s\) origin/);
    expect(() => parseEnv({ ALLOWED_ORIGINS: "ftp://x" })).toThrow(/ALLOWED_ORIGINS/);
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

describe("the README a new clerk reads", () => {
  const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
  test("points to nothing outside the clone", () => {
    expect(readme).not.toMatch(/\.\.\/shared/);
  });
  test("its account table names each 分管领导's departments as the seed assigns them", () => {
    for (const u of USERS.filter((u) => (u.roles as readonly string[]).includes("LEADER"))) {
      const covered = DEPARTMENTS.filter((d) => d.leader === u.username).map((d) => d.name).join("、");
      expect(readme).toContain(`| \`${u.username}\` | ${u.displayName} | 办公室 | 分管领导（分管：${covered}） |`);
    }
  });
  test("says who sees 公开时效统计 as the permission table does: every role without it is named with 403", () => {
    const paragraph = readme.slice(readme.indexOf("公开时效统计 (`/console/dashboard`)"), readme.indexOf("(403)") + 5);
    expect(paragraph.length).toBeGreaterThan(20);
    const without = ROLES.filter((r) => !(PERMISSIONS["dashboard.department"] as readonly string[]).includes(r));
    expect(without.length).toBeGreaterThan(0);
    for (const role of without) expect(paragraph).toContain(ROLE_LABELS[role]);
    expect(readme).not.toContain("everyone sees the");
  });
});

describe("appNodeOptions (scripts/app-heap.ts)", () => {
  test("the production server gets a heap limit that grows with the public cache", () => {
    expect(appNodeOptions(undefined, 64)).toBe("--max-old-space-size=448");
    expect(appNodeOptions("--enable-source-maps", 512)).toBe("--enable-source-maps --max-old-space-size=896");
  });
  test("an operator's own limit wins", () => {
    expect(appNodeOptions("--max-old-space-size=2048", 64)).toBe("--max-old-space-size=2048");
    expect(appNodeOptions("--max_old_space_size=2048", 64)).toBe("--max_old_space_size=2048");
  });
});
