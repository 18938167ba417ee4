// The lookup cache: answers of GET /v1/lookup, pre-serialised, grouped by registrable domain so that a new scan
// or an analyst's verdict drops every answer it could change with one operation. In-process (lru-cache) by
// default; with REDIS_URL one Redis hash per group, shared by every process, so an invalidation made by one
// process is seen by all. Redis failing is a cache miss, never an error: the store answers instead.
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

export function createMemoryVerdictCache(options: VerdictCacheOptions): VerdictCache {
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

export function createRedisVerdictCache(redis: Redis, options: { prefix: string; ttlMs: number; log?: Logger }): VerdictCache {
  const groupKey = (group: string) => `${options.prefix}:lookup:${group}`;
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
      if (!ready()) return undefined;
      try {
        const raw = await redis.hget(groupKey(group), key);
        return raw === null ? undefined : decode(raw);
      } catch (err) {
        warn('read', err);
        return undefined;
      }
    },
    async set(group, key, value) {
      if (!ready()) return;
      try {
        await redis.multi().hset(groupKey(group), key, encode(value)).expire(groupKey(group), ttlSeconds).exec();
      } catch (err) {
        warn('write', err);
      }
    },
    async invalidate(groups) {
      if (!groups.length) return;
      // Not skipped when disconnected: the offline queue delivers it on reconnect, so no process keeps the old
      // answer. Not awaited then either: a scan's save must not wait for a Redis that is down.
      if (!ready()) {
        redis.del(...groups.map(groupKey)).catch((err: unknown) => warn('invalidation', err));
        return;
      }
      try {
        await redis.del(...groups.map(groupKey));
      } catch (err) {
        warn('invalidation', err);
      }
    },
    close: async () => {
      redis.disconnect();
    },
  };
}
