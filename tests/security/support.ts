import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import type { Fixtures } from "./route-map";

/** Files shared between the security-setup project and the batteries (one set per port). */
const port = Number(process.env.E2E_PORT ?? 3100);
export const STATE_FILE = path.join(os.tmpdir(), `gongkai-e2e-${port}.json`);
export const WORK_DIR = path.join(os.tmpdir(), `gongkai-security-${port}`);
export const FIXTURES_FILE = path.join(WORK_DIR, "fixtures.json");
export const storageStateOf = (username: string) => path.join(WORK_DIR, `${username.replace(/[^a-z0-9.-]/gi, "_")}.json`);

export function fixtures(): Fixtures {
  return JSON.parse(readFileSync(FIXTURES_FILE, "utf8")) as Fixtures;
}

export function databaseUrl(): string {
  return (JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string }).databaseUrl;
}

/** Runs `work` over `items`, `limit` at a time (the app is one `next start` on 2 cores). */
export async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** Signs in through next-auth's credentials endpoint (what the login form posts). */
export async function signInOver(request: APIRequestContext, username: string, password: string): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, username, password, callbackUrl: "/console", json: "true" },
    maxRedirects: 0,
  });
  // /api/auth/session carries no name by design (sec-login): the console itself tells.
  const console = await request.get("/console", { maxRedirects: 0 });
  if (console.status() !== 200) throw new Error(`signing in ${username} failed (${response.status()} ${await response.text()})`);
}
