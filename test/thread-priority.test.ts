// The analysis threads lower their own priority (thread-priority.ts) to the nice value they were given, read back
// from the kernel's per-thread stat; the process's other threads (the embedded store's among them) keep theirs.
// At start the service lowers Node's helper threads (GC, libuv's pool) and keeps its main thread's priority.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalysisPool } from '../src/scan/analysis-pool.js';
import { openPglite } from '../src/store/sql.js';
import { startServer } from './support/processes.js';

/** tid → field `index` of every thread's /proc/self/task/<tid>/stat, counted from 1 (the "(comm)" skipped). */
function statByThread(index: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), Number(fields[index - 3]));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}
/** tid → nice (field 19). */
const niceByThread = () => statByThread(19);
/** tid → scheduling policy (field 41: 0 SCHED_OTHER, 5 SCHED_IDLE). */
const policyByThread = () => statByThread(41);
const SCHED_OTHER = 0;
const SCHED_IDLE = 5;

const base = os.getPriority(0);
const NICE = 13;
const pools: { close(): Promise<void> }[] = [];
afterAll(async () => Promise.all(pools.map((p) => p.close())));

/** The threads started while `start` ran, with their nice values. */
async function threadsStartedBy(start: () => Promise<unknown>): Promise<[number, number][]> {
  const before = niceByThread();
  await start();
  return [...niceByThread()].filter(([tid]) => !before.has(tid));
}

/** Starts an analysis pool with `options` and runs one task; gives `read`'s value for each thread it started, and
 *  for each thread that was already there and changed. */
async function startPool(options: Parameters<typeof createAnalysisPool>[0], read: () => Map<number, number>) {
  const before = read();
  const pool = createAnalysisPool(options);
  pools.push(pool);
  await pool.businessNumbers([{ url: 'https://a.example/', html: '<p>hello</p>' }]);
  const after = read();
  return {
    after,
    added: [...after].filter(([tid]) => !before.has(tid)),
    changed: [...after].filter(([tid, value]) => before.has(tid) && value !== before.get(tid)),
  };
}

describe.runIf(process.platform === 'linux' && base < NICE)('background thread priority', () => {
  it('runs the analysis thread at the nice value asked for, and leaves the other threads alone', async () => {
    const { added, changed } = await startPool({ threads: 1, nice: NICE }, niceByThread);
    expect(added.filter(([, nice]) => nice === NICE)).toHaveLength(1);
    expect(changed).toEqual([]);
    expect(os.getPriority(0)).toBe(base);
  });

  it("runs the analysis thread under SCHED_IDLE when asked, and leaves the other threads' policy alone", async () => {
    const { added, changed, after } = await startPool({ threads: 1, nice: NICE, policy: 'idle' }, policyByThread);
    expect(added.filter(([, policy]) => policy === SCHED_IDLE)).toHaveLength(1);
    expect(changed).toEqual([]);
    expect(after.get(process.pid)).toBe(SCHED_OTHER);
  });

  it('leaves the analysis thread at the process priority with nice 0', async () => {
    const { added } = await startPool({ threads: 1, nice: 0 }, niceByThread);
    expect(added.length).toBeGreaterThan(0);
    expect(added.every(([, nice]) => nice === base)).toBe(true);
  });

  it("lowers Node's helper threads, not the calling thread nor a worker started after", () => {
    // A process of its own: lowering every helper of this test process would slow the files that share it.
    const script = `
      import fs from 'node:fs';
      import os from 'node:os';
      import { Worker } from 'node:worker_threads';
      import { lowerHelperThreads } from './src/thread-priority.ts';
      const nices = () => Object.fromEntries(fs.readdirSync('/proc/self/task').map((t) => [t, os.getPriority(Number(t))]));
      const self = fs.readlinkSync('/proc/thread-self').split('/').pop();
      const lowered = await lowerHelperThreads(${NICE});
      const atCall = nices();
      // The worker's code is a module too (--input-type is inherited): it sends its kernel thread id.
      const worker = new Worker('import { parentPort } from "node:worker_threads"; import fs from "node:fs"; parentPort.postMessage(Number(fs.readlinkSync("/proc/thread-self").split("/").pop()));', { eval: true });
      const workerTid = await new Promise((r) => worker.once('message', r));
      const workerNice = os.getPriority(workerTid);
      await worker.terminate();
      console.log(JSON.stringify({ self, lowered, atCall, workerNice }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    const { self, lowered, atCall, workerNice } = JSON.parse(out.trim().split('\n').pop()!) as { self: string; lowered: number; atCall: Record<string, number>; workerNice: number };
    const others = Object.entries(atCall).filter(([tid]) => tid !== self);
    // V8's platform threads and libuv's pool at least (4 + 4 by default).
    expect(lowered).toBeGreaterThanOrEqual(8);
    expect(lowered).toBe(others.length);
    expect(others.every(([, nice]) => nice === NICE)).toBe(true);
    expect(atCall[self]).toBe(base);
    expect(workerNice).toBe(base);
  }, 30_000);

  it("the service at start: its helper threads lowered, its HTTP thread and the store's thread not", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-priority-'));
    const server = await startServer({ SCAMSCORE_DATA_DIR: dataDir, SCAMSCORE_THREAD_NICE: String(NICE) });
    try {
      const pid = server.child.pid!;
      const nices = fs.readdirSync(`/proc/${pid}/task`).map((tid) => [Number(tid), os.getPriority(Number(tid))] as const);
      expect(nices.find(([tid]) => tid === pid)?.[1]).toBe(base);
      // V8's platform threads and libuv's pool (4 + 4 by default); the analysis thread starts with the first scan.
      expect(nices.filter(([, nice]) => nice === NICE).length).toBeGreaterThanOrEqual(8);
      // The main thread and the embedded store's.
      expect(nices.filter(([, nice]) => nice === base).length).toBeGreaterThanOrEqual(2);
    } finally {
      await server.kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it("leaves the embedded store's thread at the process priority: everything waits on it in turn", async () => {
    const plain = await threadsStartedBy(async () => {
      const db = await openPglite(null);
      pools.push(db);
      await db.query('select 1');
    });
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.every(([, nice]) => nice === base)).toBe(true);
  });
});
