/**
 * Identical reads asked at the same moment share one run (single flight): when a search is in the
 * news, or a crawler and its visitors ask the same listing together before the page cache holds it,
 * the database answers it once, not once per visitor. Only a run begun less than JOIN_MS ago is
 * joined: the public cache stamps a page with the moment its render began and drops it when an
 * invalidation came after that (public-cache.ts, with SKEW_MS 1 s of tolerance) — a render that
 * joined an older run would show that run's data under its own, later stamp. Nothing is kept (that
 * is the cache's job); a failure reaches every asker and is forgotten with the run. Per process;
 * bounded by what is in flight.
 */
const JOIN_MS = 500;
const inFlight = new Map<string, { run: Promise<unknown>; startedAt: number }>();

export function singleFlight<T>(key: string, work: () => Promise<T>, now = Date.now()): Promise<T> {
  const running = inFlight.get(key);
  if (running && now - running.startedAt < JOIN_MS) return running.run as Promise<T>;
  const entry = { run: Promise.resolve() as Promise<unknown>, startedAt: now };
  entry.run = work().finally(() => {
    if (inFlight.get(key) === entry) inFlight.delete(key);
  });
  inFlight.set(key, entry);
  return entry.run as Promise<T>;
}

/** How many runs are in flight (for tests). */
export const inFlightCount = () => inFlight.size;
