// Benchmark: requests per second of GET /v1/lookup (a known URL, cache warm) and /v1/lookup/hashes as GET and POST
// (the prefixes a client sends for that URL) against a bare Fastify hello-world route, each server in its own
// process on this machine, in the same run, under the same closed-loop load (an undici-based loop in the
// style of autocannon: CONNECTIONS connections, one request in flight on each), in alternating rounds whose
// median is kept, because the machine's CPU is shared with other work.
// Run with the in-process cache and with Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/14, with a
// prefix of its own that is deleted afterwards). Prints requests/s and the ratio to hello-world (target ≥ 0.6).
// Asserts nothing.
// usage: npm run bench:lookup   (builds first)
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Pool } from 'undici';
import { lookupExpressions } from '../../src/client/canonical.js';
import { hashExpressions } from '../../src/client/hash-lookup.js';
import { startStandIns, type SiteSpec } from '../support/harness.js';
import { measure as measureWith, startNode, stop, waitFor, type LoadRun, type Target } from './load.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_MS = 1_000;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';
const HELLO_PORT = 18_451;
const API_PORT = 18_452;

const page = `<!doctype html><html lang="ko"><head><title>소액결제 현금화 | 지급률 95%</title></head><body>
<h1>휴대폰 소액결제 · 정보이용료 현금화</h1><p>24시간 5분 이내 입금, 카톡 상담 ID: cash77</p></body></html>`;
const sites: Record<string, SiteSpec> = { 'cash-bench.top': { routes: { '/': { body: page } }, whois: { ageDays: 5, registrar: 'Gname.com Pte. Ltd.', privacy: true } } };

const measure = (base: string, target: Target) => measureWith(base, target, DURATION_MS, CONNECTIONS, WARMUP_MS);

const HELLO = `
import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ port: ${HELLO_PORT}, host: '127.0.0.1' });
`;

const standIns = await startStandIns(sites);
const helloProcess = startNode(['--input-type=module', '-e', HELLO], {});
const hello = `http://127.0.0.1:${HELLO_PORT}`;
await waitFor(hello, '/hello');
const url = standIns.url('cash-bench.top');
const prefixes = [...new Set((await hashExpressions(lookupExpressions(url))).map((h) => Buffer.from(h.hash.subarray(0, 4)).toString('base64')))];
const lookupTarget: Target = { method: 'GET', path: `/v1/lookup?url=${encodeURIComponent(url)}` };
// What the client module sends (a GET), and the POST form for many prefixes.
const hashesTarget: Target = { method: 'GET', path: `/v1/lookup/hashes?${prefixes.map((p) => `prefix=${encodeURIComponent(p)}`).join('&')}` };
const hashesPostTarget: Target = { method: 'POST', path: '/v1/lookup/hashes', body: JSON.stringify({ prefixes }) };

const rows: { mode: string; route: string; rps: number; ratio: number; errors: number }[] = [];
const redisPrefix = `scamscore-bench-${randomBytes(4).toString('hex')}`;
try {
  for (const mode of ['in-process cache', 'redis cache'] as const) {
    const env = { ...standIns.env, PORT: String(API_PORT), HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...(mode === 'redis cache' ? { REDIS_URL: REDIS_URL, SCAMSCORE_REDIS_PREFIX: redisPrefix } : {}) };
    const service = startNode(['dist/src/main.js'], env);
    const api = `http://127.0.0.1:${API_PORT}`;
    try {
      await waitFor(api, '/healthz');
      const pool = new Pool(api);
      const scanned = await pool.request({ path: '/v1/scans', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url }) });
      if (scanned.statusCode !== 200) throw new Error(`scan failed: ${scanned.statusCode} ${await scanned.body.text()}`);
      await scanned.body.dump();
      await pool.close();
      // The CPU is shared: rounds alternate the three routes and the median round of each is kept.
      const runs: Record<'hello' | 'lookup' | 'hashes' | 'hashesPost', LoadRun[]> = { hello: [], lookup: [], hashes: [], hashesPost: [] };
      for (let round = 0; round < ROUNDS; round++) {
        runs.hello.push(await measure(hello, { method: 'GET', path: '/hello' }));
        runs.lookup.push(await measure(api, lookupTarget));
        runs.hashes.push(await measure(api, hashesTarget));
        runs.hashesPost.push(await measure(api, hashesPostTarget));
      }
      const median = (list: LoadRun[]) => [...list].sort((x, y) => x.rps - y.rps)[Math.floor(list.length / 2)]!;
      const helloRun = median(runs.hello);
      const lookupRun = median(runs.lookup);
      const hashesRun = median(runs.hashes);
      const hashesPostRun = median(runs.hashesPost);
      rows.push({ mode, route: 'GET /hello (bare Fastify)', rps: helloRun.rps, ratio: 1, errors: helloRun.errors });
      rows.push({ mode, route: 'GET /v1/lookup', rps: lookupRun.rps, ratio: lookupRun.rps / helloRun.rps, errors: lookupRun.errors });
      rows.push({ mode, route: `GET /v1/lookup/hashes (${prefixes.length} prefixes)`, rps: hashesRun.rps, ratio: hashesRun.rps / helloRun.rps, errors: hashesRun.errors });
      rows.push({ mode, route: `POST /v1/lookup/hashes (${prefixes.length} prefixes)`, rps: hashesPostRun.rps, ratio: hashesPostRun.rps / helloRun.rps, errors: hashesPostRun.errors });
      if (lookupRun.errors || hashesRun.errors || hashesPostRun.errors) console.log(mode, 'non-200 answers:', lookupRun.statuses, hashesRun.statuses, hashesPostRun.statuses);
    } finally {
      await stop(service);
    }
  }
} finally {
  await stop(helloProcess);
  await standIns.close();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const keys = await redis.keys(`${redisPrefix}*`).catch(() => []);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}

console.log(`\n${CONNECTIONS} connections, median of ${ROUNDS} rounds of ${DURATION_MS / 1000} s (each after ${WARMUP_MS / 1000} s warm-up), routes alternating`);
console.log('| cache | route | requests/s | × hello-world | non-200 |');
console.log('|---|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.mode} | ${r.route} | ${Math.round(r.rps)} | ${r.ratio.toFixed(2)} | ${r.errors} |`);
