import { readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, test, vi } from "vitest";

/**
 * The layer rules of eslint.config.mjs fail the build on a deliberate violation: each case lints a
 * real file of the project with one offending import added (nothing is written to disk).
 */
const root = path.resolve(__dirname, "../..");
// Import resolution reads real modules (the generated Prisma client among them): seconds, not ms.
vi.setConfig({ testTimeout: 60_000 });
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function errorsOf(file: string, addedLine: string): Promise<string[]> {
  const source = readFileSync(path.join(root, file), "utf8");
  const [result] = await eslint.lintText(`${addedLine}\n${source}`, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe("layer rules", () => {
  test("the files as they are pass", async () => {
    expect(await errorsOf("components/admin/move-buttons.tsx", "")).toEqual([]);
    expect(await errorsOf("lib/domain/workflow.ts", "")).toEqual([]);
  });

  test.each([
    ["components/admin/move-buttons.tsx", 'import { db } from "@/lib/server/platform/db";', "import/no-restricted-paths"],
    ["app/robots.ts", 'import { PrismaClient } from "@/lib/generated/prisma/client";', "import/no-restricted-paths"],
    ["app/robots.ts", 'import pg from "pg";', "no-restricted-imports"],
  ])("%s may not import the database (%s)", async (file, line, rule) => {
    expect((await errorsOf(file, line)).join("\n")).toContain(rule);
  });

  test.each([
    ['import { db } from "@/lib/server/platform/db";', "import/no-restricted-paths"],
    ['import { audit } from "../server/platform/audit";', "import/no-restricted-paths"],
    ['import { headers } from "next/headers";', "no-restricted-imports"],
    ['import type { Prisma } from "@/lib/generated/prisma/client";', "import/no-restricted-paths"],
  ])("lib/domain may not import %s", async (line, rule) => {
    expect((await errorsOf("lib/domain/workflow.ts", line)).join("\n")).toContain(rule);
  });

  test("lib/server may not import a page's or a component's module", async () => {
    expect(await errorsOf("lib/server/requests/documents.ts", "")).toEqual([]);
    const line = 'import { FeePanel } from "@/components/console/requests/fee-panel";';
    expect((await errorsOf("lib/server/requests/documents.ts", line)).join("\n")).toContain("import/no-restricted-paths");
  });

  test("a module cycle fails (tests/fixtures/lint/cycle-a.ts ↔ cycle-b.ts)", async () => {
    const [result] = await new ESLint({ cwd: root, ignore: false }).lintFiles([path.join(root, "tests/fixtures/lint/cycle-a.ts")]);
    expect(result.messages.map((m) => m.ruleId)).toContain("import/no-cycle");
  });
});
