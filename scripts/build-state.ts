import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Whether `.next` is missing or older than any source that goes into it (the launcher and the bench rebuild then). */
export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "prisma", "next.config.js", "package-lock.json", "instrumentation.ts"];
  return sources.some((s) => newerThan(path.join(root, s), builtAt));
}

function newerThan(p: string, t: number): boolean {
  if (!existsSync(p)) return false;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs > t;
  if (p.endsWith(`${path.sep}generated`)) return false;
  return readdirSync(p).some((name) => newerThan(path.join(p, name), t));
}
