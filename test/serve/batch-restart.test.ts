// A batch outlives its process with the in-process queue (no Redis) on the embedded store: closed mid-batch and
// opened again on the same data dir, or the server SIGKILLed mid-batch, the batch finishes, and every URL ends
// with exactly one stored scan.
import { afterEach, describe, expect, it } from 'vitest';
import { recordedSites, waitForBatch, type Arrival, openBatchApp } from '../support/batches.js';
import { startStandIns } from '../support/harness.js';
import { startServer } from '../support/processes.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

async function open(env: Record<string, string>) {
  const { app, services } = await openBatchApp(env);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
    await services.close();
  };
  cleanups.push(close);
  return { app, services, close };
}

async function scanCount(app: Awaited<ReturnType<typeof open>>['app'], host: string): Promise<number> {
  const r = await app.inject({ method: 'GET', url: `/v1/domains/${host}` });
  return r.statusCode === 200 ? (r.json().scans.length as number) : 0;
}

describe('a batch across restarts (in-process queue, embedded store)', () => {
  it('finishes after the app is closed mid-batch and opened again on the same store', async () => {
    const arrivals: Arrival[] = [];
    const hosts = Array.from({ length: 6 }, (_, i) => `restart-${i}.top`);
    const standIns = await startStandIns(recordedSites(hosts, arrivals, { delayMs: 250 }));
    cleanups.push(() => standIns.close());
    const env = { ...standIns.env, SCAMSCORE_BATCH_CONCURRENCY: '1', SCAMSCORE_BATCH_HOST_GAP_MS: '0' };

    const before = await open(env);
    const r = await before.app.inject({ method: 'POST', url: '/v1/batches', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ urls: hosts.map((h) => standIns.url(h)) }) });
    const id = r.json().id as string;
    await waitForBatch(before.app, id, { until: (b) => b.done >= 2 });
    // Closing lets the running item finish and leaves the waiting ones pending in the store.
    await before.close();
    const between = arrivals.length;
    expect(between).toBeLessThan(6);

    const after = await open(env);
    const done = await waitForBatch(after.app, id);
    expect(done).toMatchObject({ total: 6, done: 6, errors: 0 });
    // Every page asked for once: nothing finished before the restart was scanned again.
    for (const h of hosts) expect(arrivals.filter((a) => a.host === h)).toHaveLength(1);
    for (const h of hosts) expect(await scanCount(after.app, h)).toBe(1);
  }, 60_000);

  it('finishes after the server is SIGKILLed mid-batch, each URL stored once', async () => {
    const arrivals: Arrival[] = [];
    const hosts = Array.from({ length: 6 }, (_, i) => `crash-${i}.top`);
    const standIns = await startStandIns(recordedSites(hosts, arrivals, { delayMs: 600 }));
    cleanups.push(() => standIns.close());
    const env = { ...standIns.env, SCAMSCORE_BATCH_CONCURRENCY: '2', SCAMSCORE_BATCH_HOST_GAP_MS: '0' };

    const server = await startServer(env);
    cleanups.push(() => server.kill());
    const post = await fetch(`${server.base}/v1/batches`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls: hosts.map((h) => standIns.url(h)) }) });
    expect(post.status).toBe(202);
    const id = ((await post.json()) as { id: string }).id;
    // Kill once some items are done and two more are being fetched.
    for (let i = 0; i < 1_000; i++) {
      const p = (await (await fetch(`${server.base}/v1/batches/${id}`)).json()) as { done: number };
      if (p.done >= 2 && arrivals.length >= 4) break;
      await new Promise((x) => setTimeout(x, 20));
    }
    await server.kill('SIGKILL');
    expect(arrivals.length).toBeLessThan(6);

    const after = await open(env);
    const done = await waitForBatch(after.app, id);
    expect(done).toMatchObject({ total: 6, done: 6, errors: 0 });
    // The items being fetched when the process died were run again after the restart (their pages asked for
    // twice), and still each URL has one stored scan.
    expect(arrivals.length).toBeGreaterThan(6);
    for (const h of hosts) expect(await scanCount(after.app, h)).toBe(1);
  }, 90_000);
});

describe('scamscore worker', () => {
  it('refuses to start without REDIS_URL or without DATABASE_URL, saying which', async () => {
    const { startWorker } = await import('../support/processes.js');
    await expect(startWorker({ REDIS_URL: '', DATABASE_URL: 'postgres://x@127.0.0.1:1/x' })).rejects.toThrow(/exited \(1\).*REDIS_URL is not set/s);
    await expect(startWorker({ REDIS_URL: 'redis://127.0.0.1:1/0', DATABASE_URL: '' })).rejects.toThrow(/exited \(1\).*DATABASE_URL is not set/s);
  }, 30_000);
});

describe('event streams at shutdown', () => {
  it('ends open event streams when the app closes, so closing does not wait for the batch', async () => {
    const standIns = await startStandIns(recordedSites(['long-batch.top'], [], { delayMs: 2_500 }));
    cleanups.push(() => standIns.close());
    const opened = await open({ ...standIns.env, SCAMSCORE_BATCH_HOST_GAP_MS: '0' });
    const address = await opened.app.listen({ port: 0, host: '127.0.0.1' });
    const r = await opened.app.inject({ method: 'POST', url: '/v1/batches', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ urls: [standIns.url('long-batch.top')] }) });
    const res = await fetch(`${address}/v1/batches/${r.json().id}/events`);
    const reader = res.body!.getReader();
    await reader.read();
    expect(opened.services.batches.watching()).toBe(1);
    // The app closes while the page is still loading (2.5 s): the stream ends, the client sees its end.
    await opened.app.close();
    expect((await opened.services.batches.progress(r.json().id))?.pending).toBe(1);
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).not.toContain('event: done');
    expect(opened.services.batches.watching()).toBe(0);
  }, 30_000);
});
