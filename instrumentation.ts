/**
 * Runs once when a Next.js server starts: validates the environment and applies pending
 * migrations (under an advisory lock, so several instances starting together migrate once).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { databaseUrl, env } = await import("./lib/env");
  env();
  const { migrate } = await import("./lib/db/migrate");
  const applied = await migrate(databaseUrl());
  if (applied.length) console.log(`[gongkai] applied migrations: ${applied.join(", ")}`);
}
