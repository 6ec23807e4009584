import { createHash } from "node:crypto";
import type { AuditAction } from "@/lib/domain/audit";
import { env } from "@/lib/env";
import type { Db } from "./db";
import { db } from "./db";
import { log } from "./log";
import { awaitReplicaReplay } from "./read-replica";

/**
 * The public site's cache (公开网站缓存, issue 11 §2): rendered public pages (through Next's ISR,
 * lib/cache/public-page-handler.mjs) and route-handler answers (feeds, sitemaps, the open API,
 * `cachedResponse`) kept in this instance's memory, and made stale by tags that every instance
 * reads from one PostgreSQL table ("PublicCacheInvalidation").
 *
 * Why this shape (docs/decisions.md "Performance (issue 11): public cache"):
 * - the bytes stay per instance (bounded LRU, PUBLIC_CACHE_MB) — a shared byte store would cost a
 *   network round trip per hit; the *invalidations* are shared, which is what correctness needs;
 * - an instance polls the table every REFRESH_MS, so another instance's publication reaches it
 *   within that, whether or not anyone asks for the page in between; the instance that wrote
 *   records it locally at once;
 * - an entry is stamped with the moment its render *began* (the miss), not when it was stored: a
 *   render that started before a commit and finished after its invalidation is dropped too;
 * - an instance that has not heard from the table for BLIND_MS serves nothing from the cache
 *   (it cannot know what went stale), so the bound holds while the database is unreachable.
 * Not `server-only`: instrumentation starts it, and the cache handler (plain JS, loaded by Next
 * outside the app bundle) reaches the same object through globalThis.
 */

/** What a cached answer shows. `site` is on every entry (settings, columns, departments). */
export type PublicTag = "site" | "items" | "reports";

export const REFRESH_MS = 5_000;
/** Longer than this without a successful poll: the cache serves nothing. */
export const BLIND_MS = 20_000;
/** Clock difference between an instance and PostgreSQL that the comparison tolerates. */
const SKEW_MS = 1_000;
/**
 * No entry is served older than this, whatever the tags say: the bound that holds when an
 * invalidation is lost (a crash between a commit and its record) or a replica re-render read the
 * state before it — the same as Next's own for pages (next.config.js expireTime).
 */
export const MAX_AGE_MS = 50_000;
/** A stored entry without a recorded miss (a background regeneration) is assumed this old. */
const RENDER_ALLOWANCE_MS = 10_000;
/** Polls overlap by this much, so a row whose transaction committed late is still read. */
const OVERLAP_MS = 60_000;

/** The writes that change what the public site shows, and what they make stale. */
export const PUBLIC_EFFECTS: Partial<Record<AuditAction, PublicTag[]>> = {
  "item.publish": ["items", "reports"],
  "item.republish": ["items", "reports"],
  "item.withdraw": ["items", "reports"],
  "report.import": ["reports"],
  "report.correction.start": ["reports"],
  "department.create": ["site"],
  "department.update": ["site"],
  "department.reorder": ["site"],
  "column.create": ["site"],
  "column.update": ["site"],
  "column.delete": ["site"],
  "column.reorder": ["site"],
  "channel.create": ["site"],
  "channel.update": ["site"],
  "channel.reorder": ["site"],
  "site.settings.update": ["site"],
};

/** The tags of a public path (internal page key or public URL path): what it shows. */
export function tagsOfPath(path: string): PublicTag[] {
  return /\/annual-reports(\/|$)|\/api\/v1\/reports(\/|$)/.test(path) ? ["site", "reports"] : ["site", "items", "reports"];
}

interface Entry {
  value: unknown;
  tags: readonly PublicTag[];
  storedAt: number;
  size: number;
}

/** Least recently used out first, bounded by bytes. */
export class BoundedStore {
  private readonly entries = new Map<string, Entry>();
  private readonly missedAt = new Map<string, number>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly tags: TagClock,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  /** The entry if it is still valid; a miss is remembered as the start of the render that follows. */
  get(key: string, now = Date.now()): Entry | null {
    const entry = this.entries.get(key);
    if (entry && now - entry.storedAt <= MAX_AGE_MS && this.tags.fresh(entry.tags, entry.storedAt, now)) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry;
    }
    if (entry) this.drop(key, entry);
    if (!this.missedAt.has(key)) this.missedAt.set(key, now);
    // A miss never followed by a store (an error page, an uncacheable answer) must not pin memory.
    if (this.missedAt.size > 10_000) this.missedAt.clear();
    return null;
  }

  /**
   * Whether a valid entry younger than `maxAgeMs` is held — a look that neither moves the entry in
   * the LRU nor records a miss (proxy.ts asks it of searches, search-admission.ts).
   */
  holds(key: string, maxAgeMs: number, now = Date.now()): boolean {
    const entry = this.entries.get(key);
    return !!entry && now - entry.storedAt < Math.min(maxAgeMs, MAX_AGE_MS) && this.tags.fresh(entry.tags, entry.storedAt, now);
  }

  set(key: string, value: unknown, tags: readonly PublicTag[], size: number, now = Date.now()): void {
    const storedAt = this.missedAt.get(key) ?? now - RENDER_ALLOWANCE_MS;
    this.missedAt.delete(key);
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    if (size > this.maxBytes / 4) return; // one huge answer must not empty the cache
    this.entries.set(key, { value, tags, storedAt, size });
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest, entry);
    }
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.size;
  }
}

type Query = (sinceMs: number) => Promise<{ tag: string; at: Date; recordedAt: Date }[]>;

/**
 * The invalidation moments of each tag, as read from the shared table (and noted locally by this
 * instance's own writes). Only the latest moment not after now matters, plus future ones
 * (scheduled publications) that will become it.
 */
export class TagClock {
  private readonly moments = new Map<string, number[]>();
  private since = 0;
  private lastPoll = -Infinity;

  constructor(private readonly query: Query) {}

  /** Reads what was recorded since the last poll (with overlap). Throws when the database does. */
  async refresh(now = Date.now()): Promise<void> {
    const rows = await this.query(this.since - OVERLAP_MS);
    for (const row of rows) {
      this.note(row.tag, row.at.getTime(), now);
      this.since = Math.max(this.since, row.recordedAt.getTime());
    }
    this.lastPoll = now;
  }

  note(tag: string, at: number, now = Date.now()): void {
    const list = this.moments.get(tag) ?? [];
    if (!list.includes(at)) list.push(at);
    // Keep the latest past moment and every future one.
    const past = list.filter((t) => t <= now);
    const latestPast = past.length ? Math.max(...past) : null;
    this.moments.set(tag, [...(latestPast === null ? [] : [latestPast]), ...list.filter((t) => t > now)].sort((a, b) => a - b));
  }

  /** Whether an entry whose render began at `storedAt` is newer than every invalidation of its tags. */
  fresh(tags: readonly string[], storedAt: number, now = Date.now()): boolean {
    if (now - this.lastPoll > BLIND_MS) return false;
    for (const tag of tags) {
      for (const at of this.moments.get(tag) ?? []) if (at <= now && at > storedAt - SKEW_MS) return false;
    }
    return true;
  }

  get heardAt(): number {
    return this.lastPoll;
  }
}

/** One instance's public cache: pages (for the Next cache handler) and route-handler answers. */
export class PublicCache {
  readonly tags: TagClock;
  readonly pages: BoundedStore;
  readonly responses: BoundedStore;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly client: Db,
    maxBytes: number,
  ) {
    this.tags = new TagClock((sinceMs) =>
      client.publicCacheInvalidation.findMany({ where: { recordedAt: { gt: new Date(sinceMs) } }, select: { tag: true, at: true, recordedAt: true } }),
    );
    // Pages are the bigger and the more valuable; answers of the open API vary the most.
    this.pages = new BoundedStore(Math.floor(maxBytes * 0.75), this.tags);
    this.responses = new BoundedStore(Math.floor(maxBytes * 0.25), this.tags);
  }

  /** Renders paid for by a counted request, not yet spent (search-admission.ts); bounded like the store's misses. */
  private readonly credits = new Set<string>();

  /** Grants one render of `key` (long keys kept as their digest). */
  grant(key: string): void {
    if (this.credits.size >= 10_000) this.credits.clear();
    this.credits.add(boundedKey(key));
  }

  /** Spends the credit of `key`: true once per grant. */
  spend(key: string): boolean {
    return this.credits.delete(boundedKey(key));
  }

  /** For the cache handler, which cannot import this module. */
  tagsOf(key: string): PublicTag[] {
    return tagsOfPath(key);
  }

  get enabled(): boolean {
    return this.timer !== null;
  }

  /** First poll, then every REFRESH_MS (the timer does not keep the process alive). */
  async start(): Promise<void> {
    if (this.timer) return;
    await this.client.publicCacheInvalidation.deleteMany({ where: { at: { lt: new Date(Date.now() - 7 * 86_400_000) } } }).catch(() => undefined);
    await this.poll();
    this.timer = setInterval(() => void this.poll(), REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async poll(): Promise<void> {
    try {
      await this.tags.refresh();
    } catch (error) {
      // Blind from now on until a poll succeeds (TagClock.fresh): pages render per request.
      log.warn({ err: error }, "public cache: invalidation poll failed");
    }
  }

  /**
   * Records that `tags` went stale — now (after the replicas have replayed this instance's last
   * commit, so a re-render cannot read the old state), or at a future moment (a scheduled
   * publication). Shared through the table; noted here at once.
   */
  async invalidate(tags: readonly PublicTag[], at?: Date): Promise<void> {
    if (at && at.getTime() > Date.now()) {
      await this.client.publicCacheInvalidation.createMany({ data: tags.map((tag) => ({ tag, at })), skipDuplicates: true });
      for (const tag of tags) this.tags.note(tag, at.getTime());
      return;
    }
    await awaitReplicaReplay();
    // The database's clock, read after the replay: every instance compares against one clock.
    const rows = await this.client.$queryRaw<{ ms: number }[]>`SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms`;
    const moment = new Date(Number(rows[0]!.ms));
    await this.client.publicCacheInvalidation.createMany({ data: tags.map((tag) => ({ tag, at: moment })), skipDuplicates: true });
    for (const tag of tags) this.tags.note(tag, moment.getTime());
  }
}

const KEY = Symbol.for("gongkai.publicCache");
type Holder = { [KEY]?: PublicCache };

/**
 * This process's cache, shared through globalThis by the app bundle, instrumentation and the cache
 * handler (three module graphs, one object). Null when PUBLIC_CACHE_MB is 0.
 */
export function publicCache(): PublicCache | null {
  const holder = globalThis as Holder;
  const mb = env().PUBLIC_CACHE_MB;
  if (mb === 0) return null;
  holder[KEY] ??= new PublicCache(db(), mb * 1024 * 1024);
  return holder[KEY];
}

/**
 * The one place a write tells the public site what it changed, after its commit (called by the
 * use-case kernel for the actions in PUBLIC_EFFECTS, and by publishItem for a scheduled moment).
 * Works outside a request (the job worker). Never throws: the write has happened; a failed
 * record is logged, and this instance still forgets its own copies.
 */
export async function invalidatePublic(tags: readonly PublicTag[], at?: Date): Promise<void> {
  const cache = publicCache();
  try {
    if (cache) await cache.invalidate(tags, at);
    else await db().publicCacheInvalidation.createMany({ data: tags.map((tag) => ({ tag, at: at ?? new Date() })), skipDuplicates: true });
  } catch (error) {
    log.error({ err: error, tags }, "public cache: invalidation not recorded");
    if (cache) for (const tag of tags) cache.tags.note(tag, Date.now());
  }
}

/** After a successful write of `action`: invalidates what it shows, if anything. */
export async function invalidateAfter(action: AuditAction): Promise<void> {
  const tags = PUBLIC_EFFECTS[action];
  if (tags) await invalidatePublic(tags);
}

/** A long key (a long search, a long path) is kept as its digest: memory per key stays small. */
export function boundedKey(key: string): string {
  return key.length <= 256 ? key : `sha256:${createHash("sha256").update(key).digest("hex")}`;
}

interface StoredResponse {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

/**
 * A route handler's public GET answer from the cache (feeds, sitemaps, the open API): keyed by
 * path and query, tagged by path. Only 200 and 404 answers that say they are public are kept.
 */
export async function cachedResponse(request: Request, produce: () => Promise<Response>, keyParams: readonly string[] | "all" = []): Promise<Response> {
  const cache = publicCache();
  if (!cache?.enabled || request.method !== "GET") return produce();
  const url = new URL(request.url);
  // Only what the route reads makes a variant: `/feed.xml?x=1`, `?x=2`… are one entry, not a way
  // to push the popular ones out.
  const kept = new URLSearchParams([...url.searchParams].filter(([k]) => keyParams === "all" || keyParams.includes(k)));
  kept.sort();
  const key = boundedKey(`${url.pathname}?${kept.toString()}`);
  const hit = cache.responses.get(key)?.value as StoredResponse | undefined;
  if (hit) return new Response(new Uint8Array(hit.body), { status: hit.status, headers: hit.headers });
  const response = await produce();
  const control = response.headers.get("cache-control") ?? "";
  if ((response.status !== 200 && response.status !== 404) || !control.startsWith("public") || response.headers.has("set-cookie")) return response;
  const body = Buffer.from(await response.arrayBuffer());
  const headers = [...response.headers.entries()];
  cache.responses.set(key, { status: response.status, headers, body } satisfies StoredResponse, tagsOfPath(url.pathname), body.length + key.length + 512);
  return new Response(new Uint8Array(body), { status: response.status, headers });
}
