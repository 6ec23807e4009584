/**
 * The V8 heap limit the app's `next start` runs with (issue 11 §5: peak RSS ≤ 512 MB). Left to
 * itself V8 grows the heap far past what the app keeps alive — at 100,000 items the bench saw RSS
 * over 1 GB while the heap after a full GC held about 110 MB — because it collects late when it
 * has room. A limit makes it collect sooner: with 256 MB the bench's searches, pages and console
 * ran at the same speed in 360–430 MB of RSS.
 *
 * The limit is what the app keeps (about 120 MB after a full GC at 100,000 items, see
 * docs/decisions.md) with room to spare, plus the public cache it is allowed (PUBLIC_CACHE_MB), so
 * raising the cache raises the limit with it. An operator's own --max-old-space-size in
 * NODE_OPTIONS wins.
 */
export const APP_HEAP_BASE_MB = 192;

export function appNodeOptions(inherited: string | undefined, publicCacheMb: number): string {
  if (inherited && /--max-old-space-size[= ]/.test(inherited)) return inherited;
  return [inherited?.trim(), `--max-old-space-size=${APP_HEAP_BASE_MB + publicCacheMb}`].filter(Boolean).join(" ");
}
