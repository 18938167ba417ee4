// Benchmark: a batch through the service against the same sites scanned in-process, side by side in one run.
// 200 small loopback sites (distinct hosts, pages answer at once; DNS, WHOIS and the web are the loopback
// stand-ins of test/support/harness.ts). Each run builds one service and listens on loopback, then:
//  1. warms it up: two passes of scanner.scan() over the sites (JIT, analysis threads, WHOIS cache); untimed;
//  2. in-process rate: one more pass, the scanner that createServices builds (fetch, domain facts, analysis
//     pool, rules) 8 at a time; no HTTP, no queue, no store;
//  3. warms the batch path up: one batch of the same sites at other URLs (a query string), so that none of the
//     measured batch's items is answered from it; untimed. The measured batch is then the service's second, as
//     the in-process pass is its third: the first paid the store's warm-up besides (its thread's WebAssembly
//     compiled to optimised code, the batch routes' and the store's JavaScript compiled), ~0.1 of the ratio;
//     its rate is printed too;
//  4. batch rate: POST /v1/batches over HTTP (8 at a time, the default), GET /v1/batches/:id every 250 ms
//     until done; scans per second from the POST to the finish the store recorded. Every item must be done
//     (none failed, none reused: scanner.scan stores nothing, and the warm-up batch's URLs were others) or the
//     run throws.
// Definition: that warm in-process rate is the one that reproduces the "today 0.2x" (measured
// 2026-12-01: batch 32/s against 160-275/s warm). A cold pass (first WHOIS queries, cold JIT) gives ~0.5x;
// analyze() of the pages alone is faster still and gives a far smaller ratio.
// Stores: the default embedded one (PGlite); with --postgres also the machine's Postgres (a scratch database)
// and Redis (its own prefix), the batch jobs then going through BullMQ to a consumer in this same process.
// usage: npm run bench:batch-rate [-- --sites 200 --runs 3 --postgres --json --profile batch.cpuprofile]
//        --profile writes a CPU profile of this process's main thread during the first run's measured batch only.
//        with --json the last stdout line is one JSON object: the ratio and both rates (medians of the runs).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pLimit from 'p-limit';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/services.js';
import { recordedSites, type Arrival } from '../support/batches.js';
import { startStandIns } from '../support/harness.js';
import { createScratchDatabase } from '../support/postgres.js';
import { deleteKeys } from '../support/redis.js';

const { values } = parseArgs({
  options: {
    sites: { type: 'string', default: '200' },
    runs: { type: 'string', default: '1' },
    postgres: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const SITES = Number(values.sites);
const CONCURRENCY = 8;
/** How often the bench asks for the batch's progress (each GET is two queries on the store it measures). */
const POLL_MS = 250;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const arrivals: Arrival[] = [];
const hosts = Array.from({ length: SITES }, (_, i) => `rate-${i}.top`);
const standIns = await startStandIns(recordedSites(hosts, arrivals));
const urls = hosts.map((h) => standIns.url(h));

/** The stand-ins' environment with a data directory of this run's own. */
function envFor(extra: Record<string, string> = {}): { env: Record<string, string>; cleanup(): void } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-rate-'));
  return {
    env: { ...standIns.env, SCAMSCORE_DATA_DIR: dataDir, SCAMSCORE_BATCH_CONCURRENCY: String(CONCURRENCY), ...extra },
    cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

interface Row {
  inProcess: number;
  batch: number;
  firstBatch: number;
}

interface Service {
  base: string;
  services: Awaited<ReturnType<typeof createServices>>;
  close(): Promise<void>;
}

async function openService(extra: Record<string, string> = {}): Promise<Service> {
  const { env, cleanup } = envFor(extra);
  const services = await createServices(loadConfig(env));
  const app = await buildApp(services, { pressure: { maxEventLoopDelayMs: 0 } });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  // With Redis the API only queues; a consumer here shares the warm scanner, as a worker process would not.
  const consumer = env.REDIS_URL ? await services.batches.consume() : null;
  return {
    base,
    services,
    async close() {
      await consumer?.close();
      await app.close();
      await services.close();
      cleanup();
    },
  };
}

async function scanPass(service: Service): Promise<number> {
  const limit = pLimit(CONCURRENCY);
  const start = performance.now();
  await Promise.all(urls.map((url) => limit(() => service.services.scanner.scan({ url }))));
  return SITES / ((performance.now() - start) / 1000);
}

async function batchRate(service: Service, batchUrls: string[]): Promise<number> {
  const { base } = service;
  const start = Date.now();
  const posted = await fetch(`${base}/v1/batches`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls: batchUrls }) });
  if (posted.status !== 202) throw new Error(`POST /v1/batches answered ${posted.status}: ${await posted.text()}`);
  const { id } = (await posted.json()) as { id: string };
  for (;;) {
    // Polled as a client would; the end is the finish the store recorded, so the poll's period does not count.
    await new Promise((r) => setTimeout(r, POLL_MS));
    const b = (await (await fetch(`${base}/v1/batches/${id}`)).json()) as { status: string; done: number; errors: number; reused: number; finishedAt: string | null };
    if (b.status === 'done') {
      if (b.errors > 0 || b.reused > 0 || b.done !== SITES) throw new Error(`the batch ended with ${b.done} done, ${b.errors} errors, ${b.reused} reused`);
      return SITES / ((Date.parse(b.finishedAt!) - start) / 1000);
    }
  }
}

let profileFile = values.profile;

/** Runs `f` under the CPU profiler when --profile asked for it and no profile was written yet. */
async function profiled<T>(f: () => Promise<T>): Promise<T> {
  if (!profileFile) return f();
  const file = profileFile;
  profileFile = undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await f();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

/** Warm-up, in-process pass, warm-up batch, batch: one service, both rates (and the first batch's). */
async function sideBySide(extra: Record<string, string> = {}): Promise<Row> {
  const service = await openService(extra);
  try {
    await scanPass(service);
    await scanPass(service);
    const inProcess = await scanPass(service);
    const firstBatch = await batchRate(service, urls.map((url) => `${url}?warm-up`));
    const batch = await profiled(() => batchRate(service, urls));
    return { inProcess, batch, firstBatch };
  } finally {
    await service.close();
  }
}

async function postgresSideBySide(): Promise<Row> {
  const db = await createScratchDatabase(DATABASE_URL);
  const prefix = `scamscore-rate-${randomBytes(4).toString('hex')}`;
  try {
    return await sideBySide({ DATABASE_URL: db.url, REDIS_URL, SCAMSCORE_REDIS_PREFIX: prefix });
  } finally {
    await db.drop();
    await deleteKeys(REDIS_URL, prefix);
  }
}

const say = (line: string) => (values.json ? process.stderr : process.stdout).write(`${line}\n`);
say(`${SITES} loopback sites, ${CONCURRENCY} at a time`);
const rows: { embedded: Row; postgres: Row | null }[] = [];
const show = (name: string, r: Row) =>
  `${name}: in-process ${r.inProcess.toFixed(1)} scans/s, batch ${r.batch.toFixed(1)} scans/s = ${(r.batch / r.inProcess).toFixed(2)}x (the first batch ${r.firstBatch.toFixed(1)}/s = ${(r.firstBatch / r.inProcess).toFixed(2)}x)`;
for (let run = 0; run < Number(values.runs); run++) {
  const embedded = await sideBySide();
  const postgres = values.postgres ? await postgresSideBySide() : null;
  rows.push({ embedded, postgres });
  say(show('embedded store', embedded) + (postgres ? `   |   ${show('Postgres+Redis', postgres)}` : ''));
}
await standIns.close();
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
if (values.json) {
  const out: Record<string, number> = {
    'batch/in-process scans per s': Number(median(rows.map((r) => r.embedded.batch / r.embedded.inProcess)).toFixed(3)),
    'in-process scans per s': Number(median(rows.map((r) => r.embedded.inProcess)).toFixed(2)),
    'batch scans per s': Number(median(rows.map((r) => r.embedded.batch)).toFixed(2)),
    'first batch/in-process scans per s': Number(median(rows.map((r) => r.embedded.firstBatch / r.embedded.inProcess)).toFixed(3)),
  };
  if (values.postgres) {
    out['postgres batch/in-process scans per s'] = Number(median(rows.map((r) => r.postgres!.batch / r.postgres!.inProcess)).toFixed(3));
    out['postgres batch scans per s'] = Number(median(rows.map((r) => r.postgres!.batch)).toFixed(2));
  }
  console.log(JSON.stringify(out));
}
