// One way to open Redis (REDIS_URL) for the cache, the rate limits and the batch queue. An unreachable
// Redis must not end the process: errors are logged and commands fail (callers answer 503), and ioredis
// reconnects by itself. BullMQ needs maxRetriesPerRequest: null on its own connections.
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

export function openRedis(
  url: string,
  opts: { log?: Logger; forQueue?: boolean; connectTimeoutMs?: number; failFast?: boolean } = {},
): Redis {
  const options: RedisOptions = {
    connectTimeout: opts.connectTimeoutMs ?? 5_000,
    // A command waits for a reconnect at most this many tries; the queue's connections wait without limit.
    maxRetriesPerRequest: opts.forQueue ? null : 2,
    // failFast (rate limits): a command fails at once while Redis is away, so the caller can fall back instead of waiting.
    enableOfflineQueue: !opts.failFast,
    ...(opts.failFast ? { commandTimeout: 500 } : {}),
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  };
  const redis = new Redis(url, options);
  let lastLogged = 0;
  redis.on('error', (err: Error) => {
    // Logged once every 10 s at most: a Redis that is down is one fact, not thousands of lines.
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      opts.log?.warn({ err: err.message }, 'redis connection error; retrying');
    }
  });
  return redis;
}
