import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

/**
 * `npm run demo` when its embedded PostgreSQL port is taken (another demo still running, a local
 * PostgreSQL): it must say what is wrong and what to do, never "[gongkai] undefined".
 */
let occupier: Server;
let port: number;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "gongkai-launcher-"));

beforeAll(async () => {
  port = await freePort();
  occupier = createServer();
  await new Promise<void>((resolve) => occupier.listen(port, "127.0.0.1", resolve));
});
afterAll(async () => {
  await new Promise((resolve) => occupier.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the embedded PostgreSQL port is taken", () => {
  test("starting the database says which port, why, and how to choose another", async () => {
    const error = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port, quiet: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(`端口 ${port} 已被占用`);
    expect(message).toMatch(/EMBEDDED_PG_PORT=\d+ npm run demo/);
    expect(message).toContain(`port ${port} is already in use`);
    expect(message).not.toContain("undefined");
  });

  test("the launcher prints that message and exits 1", async () => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_PG_PORT: String(port), DATA_DIR: dataDir, NODE_ENV: "production" };
    delete childEnv.DATABASE_URL;
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/gongkai.ts", "start"], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(output).toContain(`[gongkai] 嵌入式 PostgreSQL 无法启动：端口 ${port} 已被占用`);
    expect(output).not.toContain("undefined");
  }, 90_000);
});
