// Database faults made to happen against a real Postgres (TEST_DATABASE_URL or a container): backends ended
// mid-load, a server that refuses connections for a while and comes back, a port that accepts and never
// answers, a locked table. The service must keep answering, with 503 problem details while the database is
// away, and recover by itself.
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/errors.js';
import { openPostgres } from '../../src/store/postgres.js';
import { createScanStore } from '../../src/store/scan-store.js';
import { startHarness, type Harness } from '../support/harness.js';
import { listen } from '../support/listen.js';
import { createScratchDatabase, startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const PAGE = '<html><head><title>소액결제 현금화</title></head><body><p>지급률 95% 카톡 상담 cash7777</p></body></html>';
const APP_NAME = `scamscore_faults_${process.pid}`;

let server: TestPostgres | null;
let db: { url: string; drop(): Promise<void> } | null = null;
let proxy: TcpProxy;
let h: Harness;

beforeAll(async () => {
  server = await startTestPostgres();
  if (!server) return;
  db = await createScratchDatabase(server.url);
  const real = new URL(db.url);
  proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port || 5432) });
  const viaProxy = new URL(db.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  viaProxy.searchParams.set('application_name', APP_NAME);
  const sites = Object.fromEntries(
    Array.from({ length: 4 }, (_, i) => [`cash-${i}.top`, { routes: { '/': { body: PAGE } }, whois: { ageDays: 5, registrar: 'Gname.com Pte. Ltd.', privacy: true } }]),
  );
  h = await startHarness(sites, {
    DATABASE_URL: viaProxy.toString(),
    SCAMSCORE_DB_CONNECT_TIMEOUT_MS: '1000',
    SCAMSCORE_DB_QUERY_TIMEOUT_MS: '1000',
  });
});
afterAll(async () => {
  await h?.close();
  await proxy?.close();
  await db?.drop();
  await server?.stop();
});

const scan = (host: string) => h.app.inject({ method: 'POST', url: '/v1/scans', payload: { url: h.url(host) } });

async function terminateBackends(): Promise<number> {
  const admin = new pg.Client({ connectionString: server!.url });
  await admin.connect();
  const { rows } = await admin.query(`select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = $1`, [APP_NAME]);
  await admin.end();
  return rows.length;
}

describe('Postgres faults under a running service', () => {
  it('survives its backends being terminated mid-load and keeps storing scans', async (ctx) => {
    if (!server) return ctx.skip();
    const answers: number[] = [];
    let ended = 0;
    // Scans run in waves while every backend of the service is terminated between and during them.
    for (let wave = 0; wave < 4; wave++) {
      const [results, killed] = await Promise.all([
        Promise.all(Array.from({ length: 8 }, (_, i) => scan(`cash-${i % 4}.top`))),
        new Promise<number>((r) => setTimeout(() => r(terminateBackends()), 20)),
      ]);
      ended += killed;
      answers.push(...results.map((r) => r.statusCode));
      for (const r of results) if (r.statusCode !== 200) expect(r.json()).toMatchObject({ status: 503, code: expect.stringMatching(/SCAN_NOT_SAVED|STORE_UNAVAILABLE/) });
    }
    expect(ended).toBeGreaterThan(0);
    // Ended connections are retried on a fresh one: almost every scan is stored.
    expect(answers.filter((s) => s === 200).length).toBeGreaterThanOrEqual(answers.length - 2);
    const after = await scan('cash-1.top');
    expect(after.statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: `/v1/scans/${after.json().id}` })).statusCode).toBe(200);
  });

  it('answers 503 with Retry-After and the unsaved answer while the database refuses connections, then recovers by itself', async (ctx) => {
    if (!server) return ctx.skip();
    const stored = await scan('cash-2.top');
    expect(stored.statusCode).toBe(200);
    await proxy.setMode('refuse');
    try {
      const during = await scan('cash-3.top');
      expect(during.statusCode).toBe(503);
      expect(during.headers['retry-after']).toMatch(/^\d+$/);
      expect(during.headers['content-type']).toMatch(/problem\+json/);
      const problem = during.json();
      expect(problem).toMatchObject({ status: 503, code: 'SCAN_NOT_SAVED', detail: expect.stringMatching(/could not be stored.*repeat the request/) });
      // The answer already computed is handed back, not lost.
      expect(problem.result).toMatchObject({ url: h.url('cash-3.top'), band: expect.any(String), findings: expect.any(Array) });
      const read = await h.app.inject({ method: 'GET', url: `/v1/scans/${stored.json().id}` });
      expect(read.statusCode).toBe(503);
      expect(read.json()).toMatchObject({ code: 'STORE_UNAVAILABLE', detail: expect.stringMatching(/database is unavailable/) });
      expect(read.headers['retry-after']).toBe('5');
    } finally {
      await proxy.setMode('forward');
    }
    const after = await scan('cash-3.top');
    expect(after.statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: `/v1/scans/${stored.json().id}` })).json().id).toBe(stored.json().id);
  });

  it('answers 503 within the timeouts when the database accepts connections and never answers', async (ctx) => {
    if (!server) return ctx.skip();
    await proxy.setMode('refuse');
    await proxy.setMode('silent');
    try {
      const started = Date.now();
      const during = await scan('cash-0.top');
      expect(during.statusCode).toBe(503);
      expect(during.json().code).toBe('SCAN_NOT_SAVED');
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      await proxy.setMode('refuse');
      await proxy.setMode('forward');
    }
    expect((await scan('cash-0.top')).statusCode).toBe(200);
  });
});

describe('Postgres faults at the store', () => {
  it('gives up on a locked table after the query timeout instead of waiting without limit', async (ctx) => {
    if (!server) return ctx.skip();
    const store = await createScanStore(await openPostgres(db!.url, { connectTimeoutMs: 2_000, queryTimeoutMs: 500 }));
    const locker = new pg.Client({ connectionString: db!.url });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table scans in access exclusive mode');
      const started = Date.now();
      const err = await store.get('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect((err as Error).message).toMatch(/query timeout|lock/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await locker.query('rollback');
      await locker.end();
    }
    expect(await store.get('00000000-0000-4000-8000-000000000000')).toBeNull();
    await store.close();
  });

  it('fails to open within the connect timeout on a silent port, naming DATABASE_URL and the cause, password hidden', async () => {
    const silent = net.createServer(() => {});
    const port = await listen(silent, '127.0.0.1');
    try {
      const started = Date.now();
      const err = await openPostgres(`postgres://app:s3cret@127.0.0.1:${port}/x`, { connectTimeoutMs: 500, queryTimeoutMs: 500 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect((err as Error).message).toMatch(/DATABASE_URL \(postgres:\/\/app:\*\*\*@127\.0\.0\.1:\d+\/x\).*timeout/);
      expect((err as Error).message).not.toContain('s3cret');
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      silent.close();
    }
  });

  it('fails to open at once when nothing listens, naming DATABASE_URL and the cause', async () => {
    const free = net.createServer();
    const port = await listen(free, '127.0.0.1');
    await new Promise<void>((r) => free.close(() => r()));
    const err = await openPostgres(`postgres://postgres@127.0.0.1:${port}/x`, { connectTimeoutMs: 2_000, queryTimeoutMs: 500 }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/cannot open the database at DATABASE_URL.*ECONNREFUSED/);
  });
});
