import type PgBoss from "pg-boss";
import { createBoss, type JobHandlers } from "@/lib/server/jobs/queue";

/** Polls until `check` returns a truthy value (jobs complete asynchronously). */
export async function waitFor<T>(check: () => Promise<T>, timeoutMs = 20_000, what = "condition"): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A worker instance like the app's (another "app instance"), polling fast; stop it in afterAll. */
export function startWorker(handlers: Partial<JobHandlers>, concurrency?: number): Promise<PgBoss> {
  return createBoss({ handlers, pollingIntervalSeconds: 0.5, concurrency });
}
