// The analysis threads lower their own priority (thread-priority.ts) to the nice value they were given, read back
// from the kernel's per-thread stat; the process's other threads (the embedded store's among them) keep theirs.
import fs from 'node:fs';
import os from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalysisPool } from '../src/scan/analysis-pool.js';
import { openPglite } from '../src/store/sql.js';

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
