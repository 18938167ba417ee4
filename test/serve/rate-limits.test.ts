// Rate limits per key and scope: draft-standard headers, 429 problems with Retry-After, budgets shared by two
// app instances through one real Redis, and an unreachable Redis that falls back to counting in-process.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { keysCommand } from '../../src/keys-command.js';
import { createKeyVerifier } from '../../src/serve/keys.js';
import { parseRateLimits } from '../../src/serve/rate-limits.js';
import { startHarness, type Harness } from '../support/harness.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

async function createKey(h: Harness, owner: string, scopes: string): Promise<string> {
  const out: string[] = [];
  const code = await keysCommand(['create', '--owner', owner, '--scopes', scopes, '--json'], h.services.keyStore, { out: (l) => out.push(l), err: () => {} });
  expect(code).toBe(0);
  return (JSON.parse(out[0]!) as { key: string }).key;
}

const rules = (app: FastifyInstance, key?: string) =>
  app.inject({ method: 'GET', url: '/v1/rules', headers: key ? { authorization: `Bearer ${key}` } : {} });

describe('SCAMSCORE_RATE_LIMITS', () => {
  it('overrides the defaults per scope, turns a scope off, and refuses what it cannot read', () => {
    const limits = parseRateLimits('lookup=100/10s, scan=5/min,batch=off');
    expect(limits.lookup).toEqual({ max: 100, windowMs: 10_000 });
    expect(limits.scan).toEqual({ max: 5, windowMs: 60_000 });
    expect(limits.batch).toBeNull();
    expect(limits.report).toEqual({ max: 60, windowMs: 60_000 });
    expect(() => parseRateLimits('lookup=fast')).toThrow(/scope=N\/unit/);
    expect(() => parseRateLimits('everything=5/min')).toThrow(/scope=N\/unit/);
    expect(() => parseRateLimits('scan=0/min')).toThrow(/at least 1/);
    // Refused at start-up, naming the setting.
    expect(() => loadConfig({ SCAMSCORE_RATE_LIMITS: 'scan=lots' })).toThrow(/invalid configuration: SCAMSCORE_RATE_LIMITS entry "scan=lots"/);
    expect(loadConfig({ SCAMSCORE_RATE_LIMITS: 'scan=5/min' }).rateLimits.scan).toEqual({ max: 5, windowMs: 60_000 });
  });
});

describe('in-process limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { SCAMSCORE_RATE_LIMITS: 'lookup=3/min' });
  });
  afterAll(async () => h?.close());

  it('counts an open install per client address, with RateLimit-* headers, then answers 429 problem details', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await rules(h.app);
      expect(r.statusCode).toBe(200);
      expect(r.headers['ratelimit-limit']).toBe('3');
      remaining.push(String(r.headers['ratelimit-remaining']));
      expect(Number(r.headers['ratelimit-reset'])).toBeGreaterThan(0);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await rules(h.app);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    // Routes without a scope are not limited.
    expect((await h.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    // Another scope has its own budget.
    expect((await h.app.inject({ method: 'GET', url: '/v1/scans/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
  });
});

describe('limits shared through Redis', () => {
  let h: Harness;
  let redis: TestRedis | null;
  let second: FastifyInstance;
  let first: FastifyInstance;

  beforeAll(async () => {
    redis = await startTestRedis();
    if (!redis) return;
    h = await startHarness({}, { SCAMSCORE_RATE_LIMITS: 'lookup=4/min', REDIS_URL: redis.url, SCAMSCORE_REDIS_PREFIX: redis.prefix });
    // Two processes' worth of app: each its own Redis connection, in-process fallback and key cache.
    first = await buildApp({ ...h.services, apiKeys: createKeyVerifier(h.services.keyStore) });
    second = await buildApp({ ...h.services, apiKeys: createKeyVerifier(h.services.keyStore) });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await h?.close();
    await redis?.stop();
  });

  it('gives each key one budget per scope across instances', async ({ skip }) => {
    if (!redis) skip('no Redis (TEST_REDIS_URL or a container engine)');
    const a = await createKey(h, 'client-a', 'lookup');
    const b = await createKey(h, 'client-b', 'lookup');
    const apps = [first, second];
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await rules(apps[i % 2]!, a)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200]);
    // The fifth request is refused on either instance: in-process counting would have allowed 4 on each.
    const refused = await rules(second, a);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await rules(first, a)).statusCode).toBe(429);
    // Another key has a budget of its own.
    const other = await rules(first, b);
    expect(other.statusCode).toBe(200);
    expect(other.headers['ratelimit-remaining']).toBe('3');
  });
});

describe('when Redis is unreachable', () => {
  let h: Harness;
  beforeAll(async () => {
    // Nothing listens on port 1: every command fails at once.
    h = await startHarness({}, { SCAMSCORE_RATE_LIMITS: 'lookup=2/min', REDIS_URL: 'redis://127.0.0.1:1/0' });
  });
  afterAll(async () => h?.close());

  it('never answers 500: it counts in-process instead', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await rules(h.app)).statusCode);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('a keyless loopback install with default limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({});
  });
  afterAll(async () => h?.close());

  it('counts nothing (its callers are its own machine), while a key on the same install is counted', async () => {
    const limits = h.services.access.rateLimits.lookup!;
    // Past the default lookup budget without a 429 or limit headers.
    const open = await Promise.all(Array.from({ length: limits.max + 5 }, () => rules(h.app)));
    expect(open.every((r) => r.statusCode === 200 && r.headers['ratelimit-limit'] === undefined)).toBe(true);
    const key = await createKey(h, 'counted', 'lookup');
    const keyed = await buildApp({ ...h.services, apiKeys: createKeyVerifier(h.services.keyStore) });
    try {
      const r = await rules(keyed, key);
      expect(r.statusCode).toBe(200);
      expect(r.headers['ratelimit-limit']).toBe(String(limits.max));
    } finally {
      await keyed.close();
    }
  });
});
