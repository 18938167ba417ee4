// The lookup cache: answers of GET /v1/lookup, pre-serialised, grouped by registrable domain so that a new scan
// or an analyst's verdict drops every answer it could change with one operation. In-process (lru-cache) by
// default; with REDIS_URL one Redis hash per group, shared by every process, so an invalidation made by one
// process is seen by all. Redis failing is a cache miss, never an error: the store answers instead.
// In front of Redis sits a small near cache in each process (the hot answers without a Redis round trip),
// kept honest by a pub/sub channel on which every invalidation is announced.
import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface CachedLookup {
  /** The answer as JSON without `stale` (added when served); null = nothing is known (a cached 404). */
  body: string | null;
  /** When the answer goes stale (ms since epoch); null for a cached 404. */
  expiresAtMs: number | null;
}

export interface VerdictCache {
  readonly kind: 'memory' | 'redis';
  get(group: string, key: string): Promise<CachedLookup | undefined>;
  set(group: string, key: string, value: CachedLookup): Promise<void>;
  /** Drops every answer of these groups (registrable domains, or hosts without one). */
  invalidate(groups: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface VerdictCacheOptions {
  maxEntries: number;
  ttlMs: number;
}

export function createMemoryVerdictCache(options: VerdictCacheOptions): VerdictCache & { invalidateAll(): Promise<void> } {
  // Which keys each group holds, kept in step with the LRU's evictions, so invalidation is per group.
  const members = new Map<string, Set<string>>();
  const entries = new LRUCache<string, CachedLookup & { group: string }>({
    max: options.maxEntries,
    ttl: options.ttlMs,
    dispose: (value, key) => {
      const set = members.get(value.group);
      set?.delete(key);
      if (set?.size === 0) members.delete(value.group);
    },
  });
  return {
    kind: 'memory',
    get: async (_group, key) => entries.get(key),
    async set(group, key, value) {
      entries.set(key, { ...value, group });
      let set = members.get(group);
      if (!set) members.set(group, (set = new Set()));
      set.add(key);
    },
    async invalidate(groups) {
      for (const group of groups) for (const key of [...(members.get(group) ?? [])]) entries.delete(key);
    },
    invalidateAll: async () => entries.clear(),
    close: async () => entries.clear(),
  };
}

/** How long a cache command may take before the store is asked instead (a Redis that hangs is a Redis that is down). */
const REDIS_COMMAND_TIMEOUT_MS = 250;

// Stored as "<expiresAtMs or empty>|<body or empty for a cached 404>": no JSON wrapper to parse on the hot path.
const encode = (v: CachedLookup) => `${v.expiresAtMs ?? ''}|${v.body === null ? '' : v.body}`;
function decode(raw: string): CachedLookup {
  const bar = raw.indexOf('|');
  const expires = raw.slice(0, bar);
  const body = raw.slice(bar + 1);
  return { expiresAtMs: expires ? Number(expires) : null, body: body || expires ? body : null };
}

/** Life of a near-cache entry: a backstop for an announcement lost with a connection (which also clears it). */
const NEAR_TTL_MS = 5_000;

export interface RedisVerdictCacheOptions {
  prefix: string;
  ttlMs: number;
  log?: Logger;
  /** A second connection, subscribed to invalidations, and the near cache's size; without it every read goes to Redis. */
  near?: { subscriber: Redis; maxEntries: number };
}

/** Keeps a near cache in step with other processes' invalidations. While the subscription is down (start,
 *  reconnect) the near cache is bypassed and emptied, since announcements made meanwhile were missed. */
function nearCache(subscriber: Redis, channel: string, maxEntries: number, log?: Logger) {
  const cache = createMemoryVerdictCache({ maxEntries, ttlMs: NEAR_TTL_MS });
  let live = false;
  /** Bumped by every invalidation: a Redis read that started before one must not fill the near cache after it. */
  let generation = 0;
  const forget = () => {
    live = false;
    generation++;
    void cache.invalidateAll();
  };
  subscriber.on('message', (ch: string, message: string) => {
    if (ch !== channel) return;
    generation++;
    void cache.invalidate(message.split('\n'));
  });
  subscriber.on('close', forget);
  subscriber.on('reconnecting', forget);
  // ioredis subscribes again after a reconnect; 'ready' then means the channel is heard again.
  subscriber.on('ready', () => {
    forget();
    live = true;
  });
  subscriber.subscribe(channel).then(
    () => (live = subscriber.status === 'ready'),
    (err: Error) => log?.warn({ err: err.message }, 'lookup cache: no invalidation channel; every read goes to Redis'),
  );
  return {
    get generation() {
      return generation;
    },
    get: (group: string, key: string) => (live ? cache.get(group, key) : Promise.resolve(undefined)),
    set: (group: string, key: string, value: CachedLookup, seen: number) => (live && seen === generation ? cache.set(group, key, value) : Promise.resolve()),
    invalidate(groups: readonly string[]) {
      generation++;
      return cache.invalidate(groups);
    },
    close() {
      forget();
      subscriber.disconnect();
    },
  };
}

export function createRedisVerdictCache(redis: Redis, options: RedisVerdictCacheOptions): VerdictCache {
  const groupKey = (group: string) => `${options.prefix}:lookup:${group}`;
  const channel = `${options.prefix}:lookup:invalidated`;
  const near = options.near ? nearCache(options.near.subscriber, channel, options.near.maxEntries, options.log) : null;
  const ttlSeconds = Math.max(1, Math.ceil(options.ttlMs / 1000));
  let lastWarned = 0;
  const warn = (what: string, err: unknown) => {
    if (Date.now() - lastWarned < 10_000) return;
    lastWarned = Date.now();
    options.log?.warn({ err: (err as Error).message }, `lookup cache: ${what} failed; the store answers`);
  };
  // ioredis's own per-command timer: cheaper on the hot path than a race against a timer of ours.
  redis.options.commandTimeout = REDIS_COMMAND_TIMEOUT_MS;
  // While Redis is not connected, commands would wait in ioredis's offline queue: skip it and ask the store.
  const ready = () => redis.status === 'ready';
  return {
    kind: 'redis',
    async get(group, key) {
      const close = await near?.get(group, key);
      if (close) return close;
      if (!ready()) return undefined;
      const seen = near?.generation ?? 0;
      try {
        const raw = await redis.hget(groupKey(group), key);
        if (raw === null) return undefined;
        const value = decode(raw);
        await near?.set(group, key, value, seen);
        return value;
      } catch (err) {
        warn('read', err);
        return undefined;
      }
    },
    async set(group, key, value) {
      if (!ready()) return;
      const seen = near?.generation ?? 0;
      try {
        await redis.multi().hset(groupKey(group), key, encode(value)).expire(groupKey(group), ttlSeconds).exec();
        await near?.set(group, key, value, seen);
      } catch (err) {
        warn('write', err);
      }
    },
    async invalidate(groups) {
      if (!groups.length) return;
      // This process's near cache at once; the others' when they hear the announcement.
      await near?.invalidate(groups);
      const dropAndAnnounce = () => redis.multi().del(...groups.map(groupKey)).publish(channel, groups.join('\n')).exec();
      // Not skipped when disconnected: the offline queue delivers it on reconnect, so no process keeps the old
      // answer. Not awaited then either: a scan's save must not wait for a Redis that is down.
      if (!ready()) {
        dropAndAnnounce().catch((err: unknown) => warn('invalidation', err));
        return;
      }
      try {
        await dropAndAnnounce();
      } catch (err) {
        warn('invalidation', err);
      }
    },
    close: async () => {
      near?.close();
      redis.disconnect();
    },
  };
}
