// Rate limits per API key and scope (@fastify/rate-limit): each key has its own budget for each scope, counted
// in Redis when REDIS_URL is set (so every process shares it) and in-process otherwise. Open installs count
// per client address when opened to others (SCAMSCORE_OPEN) or when SCAMSCORE_RATE_LIMITS is set; a keyless
// loopback install with default settings serves its own machine and is not limited. Headers follow the IETF draft (RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset);
// a 429 is problem details with Retry-After. When Redis fails, the count falls back to this process's own
// (limits still hold per process, nobody gets a 500) and a line is logged at most every 10 s.
import { createRequire } from 'node:module';
import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { ScamscoreError } from '../errors.js';
import { openRedis } from './redis.js';
import { SCOPES, type Scope } from './scopes.js';

export interface Limit {
  max: number;
  windowMs: number;
}

/** null = not limited. */
export type RateLimits = Record<Scope, Limit | null>;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  lookup: { max: 600, windowMs: 60_000 },
  scan: { max: 60, windowMs: 60_000 },
  batch: { max: 10, windowMs: 60_000 },
  report: { max: 60, windowMs: 60_000 },
  admin: { max: 120, windowMs: 60_000 },
};

const UNITS: Record<string, number> = { s: 1_000, sec: 1_000, second: 1_000, m: 60_000, min: 60_000, minute: 60_000, h: 3_600_000, hour: 3_600_000, d: 86_400_000, day: 86_400_000 };

/** "lookup=600/min,scan=30/10s,batch=off" over the defaults; throws with a message naming the bad entry. */
export function parseRateLimits(spec: string | undefined, defaults: RateLimits = DEFAULT_RATE_LIMITS): RateLimits {
  const limits: RateLimits = { ...defaults };
  for (const entry of (spec ?? '').split(/[,\s]+/).filter(Boolean)) {
    const m = /^([a-z]+)=(?:(off)|(\d+)\/(\d*)([a-z]+))$/.exec(entry.trim().toLowerCase());
    const scope = m?.[1] as Scope | undefined;
    if (!m || !scope || !(SCOPES as readonly string[]).includes(scope)) {
      throw new Error(`SCAMSCORE_RATE_LIMITS entry "${entry}" must be scope=N/unit (scopes ${SCOPES.join(', ')}; units s, min, h, day; e.g. scan=30/min, lookup=100/10s) or scope=off`);
    }
    if (m[2]) {
      limits[scope] = null;
      continue;
    }
    const unit = UNITS[m[5]!];
    const max = Number(m[3]);
    const times = m[4] ? Number(m[4]) : 1;
    if (!unit || max < 1 || times < 1) throw new Error(`SCAMSCORE_RATE_LIMITS entry "${entry}": the count and the window must be at least 1 (units s, min, h, day)`);
    limits[scope] = { max, windowMs: unit * times };
  }
  return limits;
}

export class RateLimitedError extends ScamscoreError {
  constructor(scope: string, max: number, windowMs: number, retryAfterSeconds: number) {
    super('RATE_LIMITED', 429, `more than ${max} requests with scope "${scope}" in ${Math.round(windowMs / 1000)} s; retry in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }
}

type Incr = FastifyRateLimitStore['incr'];
type StoreCtor = new (...args: never[]) => FastifyRateLimitStore;

const require = createRequire(import.meta.url);
// The plugin's own stores: no exports map, so their files are required directly.
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as new (continueExceeding: boolean, exponentialBackoff: boolean, cache?: number) => FastifyRateLimitStore;
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  redis: unknown,
  key?: string,
) => FastifyRateLimitStore;

function scopeOf(request: FastifyRequest): Scope | undefined {
  return request.routeOptions.config?.scope;
}

export interface RateLimitOptions {
  limits: RateLimits;
  /** Whether requests without a key (open installs) are limited, per client address. */
  limitAnonymous: boolean;
  redisUrl: string | null;
  redisPrefix: string;
  log: Logger | FastifyInstance['log'];
}

/** Registers the limiter on every route that names a scope; call before the routes are declared. */
export async function installRateLimits(app: FastifyInstance, opts: RateLimitOptions): Promise<void> {
  const local = new LocalStore(false, false, 50_000);
  const redis = opts.redisUrl ? openRedis(opts.redisUrl, { log: opts.log as Logger, failFast: true }) : null;
  const shared = redis ? new RedisStore(false, false, redis, `${opts.redisPrefix}:ratelimit:`) : null;
  let lastLogged = 0;
  const incr: Incr = (key, cb, windowMs, max) => {
    if (!shared) return local.incr(key, cb, windowMs, max);
    shared.incr(
      key,
      (err, result) => {
        if (!err) return cb(null, result);
        if (Date.now() - lastLogged > 10_000) {
          lastLogged = Date.now();
          opts.log.warn({ err: err.message }, 'rate limits: redis failed; counting in this process until it is back');
        }
        local.incr(key, cb, windowMs, max);
      },
      windowMs,
      max,
    );
  };
  // One store for every route: the key already names the scope, and a per-route child would split a key's budget.
  const Store = class {
    incr = incr;
    child() {
      return this;
    }
  } as unknown as StoreCtor;
  if (redis) {
    // Commands fail fast while Redis is away; waiting for the first connection (briefly) keeps a starting process
    // from counting its first requests alone. A Redis that is down at start only delays start by this bound.
    app.addHook('onReady', async () => {
      if (redis.status === 'ready') return;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          redis.off('ready', done);
          resolve();
        };
        const timer = setTimeout(done, 2_000);
        redis.once('ready', done);
      });
    });
    app.addHook('onClose', async () => void redis.disconnect());
  }

  const limitOf = (request: FastifyRequest): Limit => {
    const scope = scopeOf(request);
    return (scope && opts.limits[scope]) || { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 };
  };
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    enableDraftSpec: true,
    store: Store as never,
    // Only ever false here: Redis errors are absorbed by the store's fallback above.
    skipOnError: false,
    allowList: (request) => {
      const scope = scopeOf(request);
      return !scope || opts.limits[scope] === null || (!request.caller && !opts.limitAnonymous);
    },
    // Runs after the auth hook: a keyed request is counted against its key, an open one against its address.
    keyGenerator: (request) => `${scopeOf(request) ?? '-'}:${request.caller ? `key:${request.caller.keyId}` : `ip:${request.ip}`}`,
    max: (request) => limitOf(request).max,
    timeWindow: (request) => limitOf(request).windowMs,
    errorResponseBuilder: (request, context) => {
      const limit = limitOf(request);
      return new RateLimitedError(scopeOf(request) ?? '-', limit.max, limit.windowMs, Math.max(1, Math.ceil(context.ttl / 1000)));
    },
  });
}
