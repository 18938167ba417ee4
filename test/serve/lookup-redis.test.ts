// The lookup cache in a real Redis shared by two app instances over one Postgres: an answer cached by one
// instance (in Redis and in its near cache) is dropped when the other stores a scan or records an analyst's
// verdict, announced on Redis pub/sub; and with Redis unreachable,
// lookups are answered from the store (never a 500).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { buildApp } from '../../src/app.js';
import { lookupExpressions } from '../../src/client/canonical.js';
import { hashExpressions } from '../../src/client/hash-lookup.js';
import { loadConfig } from '../../src/config.js';
import { createServices, type Services } from '../../src/services.js';
import { startHarness, startStandIns, type Harness, type SiteSpec, type StandIns } from '../support/harness.js';
import { createScratchDatabase, startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const OPERATOR = fs.readFileSync(new URL('../fixtures/pages/op-micropayment-95.html', import.meta.url), 'utf8');
const young = { ageDays: 6, registrar: 'Gname.com Pte. Ltd.', privacy: true };
const sites: Record<string, SiteSpec> = {
  'paymoney-cash.top': { routes: { '/': { body: OPERATOR } }, whois: young },
};

describe('lookup cache in Redis shared by two instances', () => {
  let redis: TestRedis | null = null;
  let pg: TestPostgres | null = null;
  let scratch: { url: string; drop(): Promise<void> } | null = null;
  let standIns: StandIns | null = null;
  const instances: { app: FastifyInstance; services: Services }[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    pg = await startTestPostgres();
    if (!redis || !pg) return;
    scratch = await createScratchDatabase(pg.url);
    standIns = await startStandIns(sites, { DATABASE_URL: scratch.url, REDIS_URL: redis.url, SCAMSCORE_REDIS_PREFIX: redis.prefix });
    for (let i = 0; i < 2; i++) {
      const services = await createServices(loadConfig(standIns.env));
      instances.push({ app: await buildApp(services), services });
    }
  });
  afterAll(async () => {
    for (const i of instances) {
      await i.app.close();
      await i.services.close();
    }
    await standIns?.close();
    await scratch?.drop();
    await redis?.stop();
    await pg?.stop();
  });

  it('drops an answer cached by one instance when the other stores a scan or an analyst verdict', async (ctx) => {
    if (!redis || !pg || !standIns) return ctx.skip();
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const url = standIns.url('paymoney-cash.top');
    const lookup = async (app: FastifyInstance) => {
      const res = await app.inject({ method: 'GET', url: `/v1/lookup?url=${encodeURIComponent(url)}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const scan = async (app: FastifyInstance) => {
      const res = await app.inject({ method: 'POST', url: '/v1/scans', payload: { url } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const prefixes = [...new Set((await hashExpressions(lookupExpressions(url))).map((h) => Buffer.from(h.hash.subarray(0, 4)).toString('base64')))];
    const hashes = async (app: FastifyInstance) => (await app.inject({ method: 'POST', url: '/v1/lookup/hashes', payload: { prefixes } })).json().hashes;
    // Until its Redis connection is up an instance asks the store; then the empty answer is cached (a hit).
    const hitsOf = async (i: (typeof instances)[0]) => (await i.services.metrics.cacheRequests.get()).values.find((v) => v.labels.result === 'hit')?.value ?? 0;
    for (let i = 0; i < 100 && (await hitsOf(b)) === 0; i++) {
      expect(await hashes(b.app)).toEqual([]);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await hitsOf(b)).toBeGreaterThan(0);
    const first = await scan(a.app);
    // b hears a's invalidation on the pub/sub channel (its near cache drops the answers): a moment, not a lifetime.
    await expect.poll(async () => (await hashes(b.app)).map((x: { kind: string }) => x.kind).sort(), { timeout: 2_000 }).toEqual(['domain', 'host', 'url']);
    expect((await lookup(b.app)).scanId).toBe(first.id);
    // The answer is in Redis under the test's prefix, where both instances read it.
    const client = new Redis(redis.url);
    try {
      expect(await client.hlen(`${redis.prefix}:lookup:paymoney-cash.top`)).toBe(1);
      expect((await lookup(a.app)).scanId).toBe(first.id);
      expect(await hitsOf(a)).toBe(1);

      // b's near cache answers without asking Redis: with the shared entry deleted behind its back, a read that
      // went to Redis would miss, ask the store and write the entry back.
      expect((await lookup(b.app)).scanId).toBe(first.id);
      await client.del(`${redis.prefix}:lookup:paymoney-cash.top`);
      expect((await lookup(b.app)).scanId).toBe(first.id);
      expect(await client.exists(`${redis.prefix}:lookup:paymoney-cash.top`)).toBe(0);

      const second = await scan(a.app);
      expect(await client.exists(`${redis.prefix}:lookup:paymoney-cash.top`)).toBe(0);
      await expect.poll(async () => (await lookup(b.app)).scanId, { timeout: 2_000 }).toBe(second.id);

      const recorded = await a.app.inject({ method: 'POST', url: '/v1/domains/paymoney-cash.top/verdict', payload: { verdict: 'scam', reason: 'reports', by: 'kim' } });
      expect(recorded.statusCode).toBe(201);
      await expect.poll(async () => (await lookup(b.app)).reachedBy, { timeout: 2_000 }).toBe('analyst');
      expect(await lookup(b.app)).toMatchObject({ analystVerdict: { verdict: 'scam' } });
      await a.app.inject({ method: 'DELETE', url: `/v1/domains/paymoney-cash.top/verdict/${recorded.json().id}`, payload: { by: 'kim', reason: 'mistake' } });
      await expect.poll(async () => (await lookup(b.app)).reachedBy, { timeout: 2_000 }).toBe('scan');
      expect(await lookup(b.app)).toMatchObject({ analystVerdict: null });
    } finally {
      client.disconnect();
    }
  });
});

describe('lookups with Redis unreachable', () => {
  let h: Harness;
  beforeAll(async () => {
    // Nothing listens on port 1: every connection attempt is refused.
    h = await startHarness(sites, { REDIS_URL: 'redis://127.0.0.1:1/0' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers from the store: 404 before the scan, the stored verdict after it, never a 500', async () => {
    const url = h.url('paymoney-cash.top');
    const lookup = () => h.app.inject({ method: 'GET', url: `/v1/lookup?url=${encodeURIComponent(url)}` });
    expect((await lookup()).statusCode).toBe(404);
    const scanned = await h.app.inject({ method: 'POST', url: '/v1/scans', payload: { url } });
    expect(scanned.statusCode, scanned.body).toBe(200);
    for (let i = 0; i < 3; i++) {
      const res = await lookup();
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ matched: 'url', scanId: scanned.json().id });
    }
    expect(h.services.lookups.cache.kind).toBe('redis');
  });
});
