// Benchmark (issue 12): how fast the service serves what it already knows, and whether fresh scans slow it.
// 1. Requests per second of GET /v1/scans/:id (a stored answer of a 500 KB page) against a bare Fastify route
//    returning that same answer as a JSON constant, each server a process of its own, under the same
//    closed-loop load, in alternating rounds whose median is kept (target ≥ 0.5).
// 2. p99 latency of GET /healthz and of the stored read under open-loop probes, with no scans running
//    and while 4 scans of fresh 500 KB pages run at all times, in alternating rounds
//    (target: loaded/idle < 2 for both). Also measured, no target: the same probe of a bare Fastify process's
//    /healthz under the same load, how much of the tail the machine alone gives any process on it.
// Asserts nothing. With --json the last line of stdout is one JSON object of the four ratios.
// usage: npm run bench:serving [-- --json]   (builds first; BENCH_CPU_PROF=<dir> profiles the service;
//        BENCH_NODE_FLAGS="--trace-gc" adds node/V8 flags to the service, its output on ours)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import { startStandIns, type SiteSpec } from '../support/harness.js';
import { measure, percentile, startNode, stop, waitFor, type LoadRun } from './load.js';
import { realisticPage } from './pages.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROBE_MS = Number(process.env.BENCH_PROBE_MS ?? 5_000);
const LATENCY_ROUNDS = Number(process.env.BENCH_LATENCY_ROUNDS ?? 3);
const PROBE_EVERY_MS = 10;
const SCANNERS = 4;
const PAGE_BYTES = 500 * 1024;
const PAGES = 2_000;
const HELLO_PORT = 18_461;
const API_PORT = 18_462;
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;
const json = process.argv.includes('--json');
const say = (...args: unknown[]) => (json ? console.error(...args) : console.log(...args));

// Every scan gets a page of its own (a fresh URL), so no cache or in-flight join spares it any work.
const page = realisticPage(PAGE_BYTES);
const pageRoute = { body: page, headers: { 'content-type': 'text/html; charset=utf-8' } };
const sites: Record<string, SiteSpec> = {
  'big-board.top': {
    routes: Object.fromEntries(Array.from({ length: PAGES }, (_, i) => [`/post/${i}`, pageRoute])),
    whois: { ageDays: 40, registrar: 'Gabia, Inc.', privacy: false },
  },
};

const standIns = await startStandIns(sites);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-bench-serving-'));
const api = `http://127.0.0.1:${API_PORT}`;
const hello = `http://127.0.0.1:${HELLO_PORT}`;
const service = startNode([...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), ...(CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : []), 'dist/src/main.js'], {
  ...standIns.env,
  PORT: String(API_PORT),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  SCAMSCORE_DATA_DIR: path.join(dataDir, 'data'),
});
let helloProcess: ReturnType<typeof startNode> | null = null;
let next = 0;

async function scan(pool: Pool): Promise<string> {
  const r = await pool.request({
    path: '/v1/scans',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: standIns.url('big-board.top', `/post/${next++ % PAGES}`) }),
  });
  const text = await r.body.text();
  if (r.statusCode !== 200) throw new Error(`scan failed: ${r.statusCode} ${text}`);
  return text;
}

try {
  await waitFor(api, '/healthz');
  const pool = new Pool(api, { connections: SCANNERS + 1 });
  // A service that has just started may still shed (503) while its code compiles on a busy machine.
  const first = async (): Promise<string> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await scan(pool);
      } catch (err) {
        if (attempt >= 10 || !/scan failed: 503/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  };
  const stored = JSON.parse(await first()) as { id: string };
  const readPath = `/v1/scans/${stored.id}`;
  const read = await pool.request({ path: readPath, method: 'GET' });
  const answer = await read.body.text();
  say(`stored answer: ${Buffer.byteLength(answer)} bytes`);

  // The bare route answers the same members, parsed once at start and serialised by Fastify on each request.
  const constantFile = path.join(dataDir, 'answer.json');
  fs.writeFileSync(constantFile, answer);
  helloProcess = startNode(
    [
      '--input-type=module',
      '-e',
      `import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs'; import Fastify from 'fastify';
       const answer = JSON.parse(fs.readFileSync(${JSON.stringify(constantFile)}, 'utf8'));
       const app = Fastify({ logger: false });
       app.get('/answer', async () => answer);
       app.get('/healthz', async () => ({ status: 'ok' }));
       await app.listen({ port: ${HELLO_PORT}, host: '127.0.0.1' });`,
    ],
    {},
  );
  await waitFor(hello, '/answer');

  // 1. Requests per second, rounds alternating, the median round of each kept.
  const runs: Record<'bare' | 'stored', LoadRun[]> = { bare: [], stored: [] };
  for (let round = 0; round < ROUNDS; round++) {
    runs.bare.push(await measure(hello, { method: 'GET', path: '/answer' }, DURATION_MS, CONNECTIONS));
    runs.stored.push(await measure(api, { method: 'GET', path: readPath }, DURATION_MS, CONNECTIONS));
  }
  const median = (list: LoadRun[]) => [...list].sort((x, y) => x.rps - y.rps)[Math.floor(list.length / 2)]!;
  const bare = median(runs.bare);
  const storedRun = median(runs.stored);

  // 2. Latency, idle and loaded rounds alternating (the machine's other work varies over a run), samples pooled.
  // The probes run in a process of their own: this one serves the pages being scanned and drives the scans.
  const probeRoutes = async (base: string, paths: string[]) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/probe-process.ts', base, String(PROBE_MS), String(PROBE_EVERY_MS), ...paths], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`the probe process exited with ${code}`);
    return JSON.parse(out.trim().split('\n').pop()!) as Record<string, { latencies: number[]; errors: number }>;
  };
  // The service's two routes, then the bare process's /healthz under the same conditions.
  const probeBoth = async () => {
    const r = await probeRoutes(api, ['/healthz', readPath]);
    const bare = await probeRoutes(hello, ['/healthz']);
    return { healthz: r['/healthz']!, storedRead: r[readPath]!, bareHealthz: bare['/healthz']! };
  };
  type Probes = Awaited<ReturnType<typeof probeBoth>>;
  const pooled = (rounds: Probes[]) => {
    const merge = (key: keyof Probes) => ({ latencies: rounds.flatMap((r) => r[key].latencies), errors: rounds.reduce((n, r) => n + r[key].errors, 0) });
    return { healthz: merge('healthz'), storedRead: merge('storedRead'), bareHealthz: merge('bareHealthz') };
  };
  let scans = 0;
  let scanErrors = 0;
  let loadedMs = 0;
  const idleRounds: Probes[] = [];
  const loadedRounds: Probes[] = [];
  for (let round = 0; round < LATENCY_ROUNDS; round++) {
    idleRounds.push(await probeBoth());
    let scanning = true;
    const scanners = Array.from({ length: SCANNERS }, async () => {
      while (scanning) {
        await scan(pool).then(
          () => scans++,
          () => scanErrors++,
        );
      }
    });
    // Probing starts once the first scans are under way (and, in round one, have warmed the workers and WHOIS).
    await new Promise((r) => setTimeout(r, round === 0 ? 2_000 : 500));
    const started = performance.now();
    loadedRounds.push(await probeBoth());
    loadedMs += performance.now() - started;
    scanning = false;
    await Promise.all(scanners);
  }
  await pool.close();
  const idle = pooled(idleRounds);
  const loaded = pooled(loadedRounds);
  const loadedSeconds = loadedMs / 1000;

  const p99 = (r: { latencies: number[] }) => percentile(r.latencies, 99);
  const figures = {
    'stored read/bare rps': storedRun.rps / bare.rps,
    'p99 loaded/idle healthz': p99(loaded.healthz) / p99(idle.healthz),
    'p99 loaded/idle stored read': p99(loaded.storedRead) / p99(idle.storedRead),
    'p99 loaded/idle bare process': p99(loaded.bareHealthz) / p99(idle.bareHealthz),
  };
  say(`\n${CONNECTIONS} connections, median of ${ROUNDS} rounds of ${DURATION_MS / 1000} s, routes alternating`);
  say('| route | requests/s | × bare | non-200 |');
  say('|---|---:|---:|---:|');
  say(`| GET /answer (bare Fastify, same JSON) | ${Math.round(bare.rps)} | 1.00 | ${bare.errors} |`);
  say(`| GET /v1/scans/:id | ${Math.round(storedRun.rps)} | ${figures['stored read/bare rps'].toFixed(2)} | ${storedRun.errors} |`);
  say(`\nlatency, a probe every ${PROBE_EVERY_MS} ms per route, ${LATENCY_ROUNDS} idle and ${LATENCY_ROUNDS} loaded rounds of ${PROBE_MS / 1000} s alternating, pooled; loaded: ${SCANNERS} scans of fresh ${PAGE_BYTES / 1024} KB pages at all times (${scans} scans, ${(scans / loadedSeconds).toFixed(1)}/s, ${scanErrors} failed)`);
  say('| route | idle p50 | idle p99 | loaded p50 | loaded p99 | loaded/idle p99 | non-200 |');
  say('|---|---:|---:|---:|---:|---:|---:|');
  for (const [name, key, ratio] of [
    ['GET /healthz', 'healthz', figures['p99 loaded/idle healthz']],
    ['GET /v1/scans/:id', 'storedRead', figures['p99 loaded/idle stored read']],
    ['GET /healthz of a bare Fastify process (no target)', 'bareHealthz', figures['p99 loaded/idle bare process']],
  ] as const) {
    const i = idle[key];
    const l = loaded[key];
    say(`| ${name} | ${percentile(i.latencies, 50).toFixed(1)} ms | ${p99(i).toFixed(1)} ms | ${percentile(l.latencies, 50).toFixed(1)} ms | ${p99(l).toFixed(1)} ms | ${ratio.toFixed(2)} | ${i.errors + l.errors} |`);
  }
  if (json) console.log(JSON.stringify(figures));
} finally {
  if (helloProcess) await stop(helloProcess);
  await stop(service);
  await standIns.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
