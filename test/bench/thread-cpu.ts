// Benchmark: where the service's CPU goes during fresh 500 KB scans, by thread: the main (HTTP) thread, the
// analysis threads (lowered to SCAMSCORE_THREAD_NICE), and the rest at the process's priority (V8's platform
// workers: compiler and collector jobs for every isolate; libuv's pool; the embedded store's thread). CPU
// time per scan is read from /proc/<pid>/task/*/stat before and after 80 scans (4 at a time, after 16 to warm
// up). Linux only; asserts nothing.
// usage: npm run build && npx tsx test/bench/thread-cpu.ts
//        BENCH_NODE_FLAGS="--trace-opt --trace-file-names" adds node/V8 flags to the service (its stdout is ours)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import { startStandIns, type SiteSpec } from '../support/harness.js';
import { startNode, stop, waitFor } from './load.js';
import { realisticPage } from './pages.js';

const WARM_UP = 16;
const SCANS = 80;
const CONCURRENCY = 4;
const PORT = 18_471;
const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);

const pageRoute = { body: realisticPage(500 * 1024), headers: { 'content-type': 'text/html; charset=utf-8' } };
const sites: Record<string, SiteSpec> = {
  'big-board.top': {
    routes: Object.fromEntries(Array.from({ length: WARM_UP + SCANS }, (_, i) => [`/post/${i}`, pageRoute])),
    whois: { ageDays: 40, registrar: 'Gabia, Inc.', privacy: false },
  },
};
const standIns = await startStandIns(sites);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-thread-cpu-'));
const service = startNode([...flags, 'dist/src/main.js'], {
  ...standIns.env,
  PORT: String(PORT),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  SCAMSCORE_DATA_DIR: dataDir,
});
const api = `http://127.0.0.1:${PORT}`;

interface ThreadCpu {
  ticks: number;
  nice: number;
}
/** tid → CPU ticks (user + system) and nice value. */
function threads(pid: number): Map<string, ThreadCpu> {
  const out = new Map<string, ThreadCpu>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { ticks: Number(f[11]) + Number(f[12]), nice: Number(f[16]) });
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

try {
  await waitFor(api, '/healthz');
  const pool = new Pool(api, { connections: CONCURRENCY });
  let next = 0;
  const scan = async () => {
    const r = await pool.request({
      path: '/v1/scans',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: standIns.url('big-board.top', `/post/${next++}`) }),
    });
    const text = await r.body.text();
    if (r.statusCode !== 200) throw new Error(`scan failed: ${r.statusCode} ${text}`);
  };
  const scans = (n: number) => Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let i = 0; i < n / CONCURRENCY; i++) await scan();
  }));
  await scans(WARM_UP);
  const before = threads(service.pid!);
  const t0 = performance.now();
  await scans(SCANS);
  const wallMs = performance.now() - t0;
  const after = threads(service.pid!);
  const msPerTick = 1000 / 100; // USER_HZ
  const groups = new Map<string, number>();
  for (const [tid, { ticks, nice }] of after) {
    const group = tid === String(service.pid) ? 'main thread' : nice > 0 ? `threads at nice ${nice} (analysis)` : 'other threads at the process priority';
    groups.set(group, (groups.get(group) ?? 0) + ((ticks - (before.get(tid)?.ticks ?? 0)) * msPerTick) / SCANS);
  }
  console.error(`${SCANS} scans of 500 KB pages, ${CONCURRENCY} at a time${flags.length ? ` (node ${flags.join(' ')})` : ''}: ${(wallMs / SCANS).toFixed(1)} ms of wall time a scan`);
  for (const [group, ms] of groups) console.error(`  ${group.padEnd(40)} ${ms.toFixed(1).padStart(6)} ms CPU a scan`);
  await pool.close();
} finally {
  await stop(service);
  await standIns.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
