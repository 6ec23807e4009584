/**
 * Identical reads asked at the same moment share one run (single flight): when a search is in the
 * news, or a crawler and its visitors ask the same listing together before the page cache holds it,
 * the database answers it once, not once per visitor. Only concurrent asks are joined — the answer
 * is not kept (that is the public cache's job, public-cache.ts) — and a failure reaches every asker
 * and is forgotten with the run. Per process; bounded by what is in flight.
 */
const inFlight = new Map<string, Promise<unknown>>();

export function singleFlight<T>(key: string, work: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key);
  if (running) return running as Promise<T>;
  const run = work().finally(() => inFlight.delete(key));
  inFlight.set(key, run);
  return run;
}

/** How many runs are in flight (for tests). */
export const inFlightCount = () => inFlight.size;
