import type { Instrumentation } from "next";

/**
 * Runs once when a Next.js server starts: validates the environment, applies pending migrations
 * (under an advisory lock, so several instances starting together migrate once) with pg-boss's
 * schema and the app role's grants (lib/server/platform/database-setup.ts), then starts the
 * job queue's workers and schedules (lib/server/jobs). On SIGTERM/SIGINT the workers stop
 * fetching at once and running jobs get until Next.js has closed its server (Next.js then exits;
 * a job cut short stays active until its expiry and is retried — every handler is idempotent).
 * `next build` does not call register(); the phase check keeps it so should that change.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { auditHmacKey, databaseUrl, env, migrationDatabaseUrl, siteUrl } = await import("./lib/env");
  env();
  auditHmacKey();
  siteUrl(); // NEXTAUTH_URL is required in production: absolute links and the Origin check depend on it.
  const { log } = await import("./lib/server/platform/log");
  const { prepareDatabase } = await import("./lib/server/platform/database-setup");
  // As the owner when MIGRATION_DATABASE_URL is given; as the app role (nothing to do) otherwise.
  const { applied } = await prepareDatabase({ ownerUrl: migrationDatabaseUrl(), appUrl: databaseUrl() });
  if (applied.length) log.info({ migrations: applied }, "applied migrations");
  // The public pages' cache (issue 11 §2): first read of the shared invalidations, then every 5 s.
  const { publicCache } = await import("./lib/server/platform/public-cache");
  await publicCache()?.start();
  const { startJobs, stopJobsOnSignals } = await import("./lib/server/jobs/queue");
  const { JOB_HANDLERS } = await import("./lib/server/jobs/handlers");
  await startJobs(JOB_HANDLERS);
  stopJobsOnSignals();
}

/**
 * Every error Next.js catches while rendering or handling a request, as one JSON log line with
 * the request id the edge set (lib/server/platform/log.ts): what, where, which request. The path
 * is logged without its query string, which may carry search terms or tokens.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log, REQUEST_ID_HEADER } = await import("./lib/server/platform/log");
  const sent = request.headers[REQUEST_ID_HEADER];
  // proxy.ts set it (a trusted proxy's or a fresh UUID); anything else is not ours to log.
  const requestId = typeof sent === "string" && /^[A-Za-z0-9._:-]{8,128}$/.test(sent) ? sent : undefined;
  log.error(
    { err: error, requestId, method: request.method, path: request.path.split("?")[0], route: context.routePath, routeType: context.routeType },
    "request failed",
  );
};
