/**
 * The V8 heap limit the app's `next start` runs with (issue 11 §5: peak RSS ≤ 512 MB). Left to
 * itself V8 grows the heap far past what the app keeps alive — at 100,000 items the bench saw RSS
 * over 1 GB while the heap after a full GC held about 110 MB — because it collects late when it
 * has room. A limit makes it collect sooner.
 *
 * The floor is the heaviest work the app does in its own heap: a 50,000-row 台账 (the import's
 * largest, lib/server/requests/ledger-file.ts) read, checked and imported peaked at 326 MB of heap
 * and ran out of memory under a 256 MB limit. So 384 MB, plus the public cache the app is allowed
 * (PUBLIC_CACHE_MB), so that raising the cache raises the limit with it: 448 MB by default.
 * Word/PDF text extraction runs in workers with limits of their own. An operator's own
 * --max-old-space-size in NODE_OPTIONS wins.
 */
export const APP_HEAP_BASE_MB = 384;

export function appNodeOptions(inherited: string | undefined, publicCacheMb: number): string {
  if (inherited && /--max[-_]old[-_]space[-_]size[= ]/.test(inherited)) return inherited;
  return [inherited?.trim(), `--max-old-space-size=${APP_HEAP_BASE_MB + publicCacheMb}`].filter(Boolean).join(" ");
}
