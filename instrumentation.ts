/**
 * Runs once when a Next.js server starts: validates the environment, applies pending migrations
 * (under an advisory lock, so several instances starting together migrate once), then starts the
 * job queue's workers and schedules (lib/server/jobs). On SIGTERM/SIGINT the workers stop
 * fetching at once and running jobs get until Next.js has closed its server (Next.js then exits;
 * a job cut short stays active until its expiry and is retried — every handler is idempotent).
 * `next build` does not call register(); the phase check keeps it so should that change.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { databaseUrl, env, siteUrl } = await import("./lib/env");
  env();
  siteUrl(); // NEXTAUTH_URL is required in production: absolute links and the Origin check depend on it.
  const { migrate } = await import("./lib/db/migrate");
  const applied = await migrate(databaseUrl());
  if (applied.length) console.log(`[gongkai] applied migrations: ${applied.join(", ")}`);
  const { startJobs, stopJobsOnSignals } = await import("./lib/server/jobs/queue");
  const { JOB_HANDLERS } = await import("./lib/server/jobs/handlers");
  await startJobs(JOB_HANDLERS);
  stopJobsOnSignals();
}
