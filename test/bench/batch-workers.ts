// Benchmark: one batch of loopback sites finished by 1 worker process, then by 2, against the machine's Redis
// and Postgres. Each page answers after a fixed delay, so the work is I/O-bound like the real web. Each run
// gets a fresh scratch database (no stored verdict to reuse) and its own Redis key prefix. The time is the
// batch's own, from its createdAt to its finishedAt as the store recorded them. Prints both times and the
// speed-up. Asserts nothing.
// usage: npm run bench:batch-workers [-- --sites 200 --delay 400 --concurrency 8]
//        (BENCH_REDIS_URL, BENCH_DATABASE_URL override redis://127.0.0.1:6379/14 and postgres://postgres@127.0.0.1:5432/test)
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/services.js';
import { recordedSites, waitForBatch, type Arrival } from '../support/batches.js';
import { startStandIns } from '../support/harness.js';
import { createScratchDatabase } from '../support/postgres.js';
import { deleteKeys } from '../support/redis.js';

const { values } = parseArgs({
  options: { sites: { type: 'string', default: '200' }, delay: { type: 'string', default: '400' }, concurrency: { type: 'string', default: '8' } },
});
const SITES = Number(values.sites);
const DELAY_MS = Number(values.delay);
const CONCURRENCY = values.concurrency;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const arrivals: Arrival[] = [];
const hosts = Array.from({ length: SITES }, (_, i) => `bench-${i}.top`);
const standIns = await startStandIns(recordedSites(hosts, arrivals, { delayMs: DELAY_MS }));

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/src/cli.js', 'worker'], { env: { ...process.env, ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('batch worker ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${out}`)));
  });
}

async function run(workers: number): Promise<{ seconds: number; done: number; errors: number }> {
  const db = await createScratchDatabase(DATABASE_URL);
  const prefix = `scamscore-bench-${randomBytes(4).toString('hex')}`;
  const env = {
    ...standIns.env,
    DATABASE_URL: db.url,
    REDIS_URL,
    SCAMSCORE_REDIS_PREFIX: prefix,
    SCAMSCORE_BATCH_CONCURRENCY: CONCURRENCY,
    SCAMSCORE_BATCH_HOST_GAP_MS: '1000',
  };
  const services = await createServices(loadConfig(env));
  const app = await buildApp(services);
  await app.ready();
  const children: ChildProcess[] = [];
  try {
    for (let i = 0; i < workers; i++) children.push(await startWorker(env));
    const r = await app.inject({
      method: 'POST',
      url: '/v1/batches',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ urls: hosts.map((h) => standIns.url(h)) }),
    });
    if (r.statusCode !== 202) throw new Error(`POST /v1/batches answered ${r.statusCode}: ${r.body}`);
    const done = await waitForBatch(app, r.json().id, { everyMs: 100 });
    const row = (await services.batches.store.get(r.json().id))!;
    return { seconds: (Date.parse(row.finishedAt!) - Date.parse(row.createdAt)) / 1000, done: done.done, errors: done.errors };
  } finally {
    for (const c of children) {
      const gone = once(c, 'exit');
      c.kill('SIGTERM');
      await gone;
    }
    await app.close();
    await services.close();
    await db.drop();
    await deleteKeys(REDIS_URL, prefix);
  }
}

console.log(`batch of ${SITES} loopback sites, pages answer after ${DELAY_MS} ms, ${CONCURRENCY} jobs at once per worker`);
const one = await run(1);
console.log(`1 worker : ${one.seconds.toFixed(2)} s  (${(SITES / one.seconds).toFixed(1)} URLs/s, ${one.done} done, ${one.errors} errors)`);
const two = await run(2);
console.log(`2 workers: ${two.seconds.toFixed(2)} s  (${(SITES / two.seconds).toFixed(1)} URLs/s, ${two.done} done, ${two.errors} errors)`);
console.log(`speed-up: ${(one.seconds / two.seconds).toFixed(2)}x`);
await standIns.close();
