// Shedding load: an overwhelmed process answers 503 problem details with Retry-After at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let strained: FastifyInstance;
beforeAll(async () => {
  h = await startHarness({});
  // Any heap at all counts as too much: this app is always "under pressure".
  strained = await buildApp(h.services, { pressure: { maxHeapUsedBytes: 1, sampleIntervalMs: 5, retryAfterSeconds: 7 } });
  await new Promise((r) => setTimeout(r, 50));
});
afterAll(async () => {
  await strained?.close();
  await h?.close();
});

describe('load shedding', () => {
  it('answers 503 with Retry-After and problem details when overwhelmed', async () => {
    const r = await strained.inject({ method: 'POST', url: '/v1/scans', payload: { url: 'https://a.example/', html: '<p>x</p>' } });
    expect(r.statusCode).toBe(503);
    expect(r.headers['retry-after']).toBe('7');
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    expect(r.json()).toMatchObject({ status: 503, code: 'OVERLOADED', detail: expect.stringMatching(/overloaded \((heapUsedBytes|eventLoopDelay|eventLoopUtilization)\); retry in 7 s/) });
  });

  it('serves normally when not under pressure', async () => {
    const r = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(r.statusCode).toBe(200);
  });
});
