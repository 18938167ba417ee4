// The job handler of batches: one item per job, the same code in a worker process (BullMQ) and in the API
// process (in-process queue). An item that is no longer pending is skipped, so a job that runs twice (a
// stalled job retried, a sweep at start) does nothing the second time; a URL with a fresh stored verdict is
// answered from it; every other URL waits for its host's turn and goes through the scan service, so a batch
// scan is an ordinary stored scan with evidence.
import type { Redis } from 'ioredis';
import { ScamscoreError } from '../errors.js';
import type { ScanResult } from '../scan/scanner.js';
import type { BatchStore, ItemOutcome } from '../store/batches.js';
import type { FreshVerdicts } from './batch-freshness.js';
import type { ScanService } from './scan-service.js';

export interface BatchJob {
  batchId: string;
  seq: number;
}

/** Spacing of scans per host: reserve(host) books the host's next turn and says how long to wait for it. */
export interface HostGate {
  reserve(host: string): Promise<number>;
}

/** Turns booked in this process's memory: enough when one process runs every batch scan. */
export function memoryHostGate(gapMs: number, now: () => number = Date.now): HostGate {
  const next = new Map<string, number>();
  return {
    async reserve(host) {
      if (gapMs <= 0) return 0;
      const t = now();
      const at = Math.max(t, next.get(host) ?? 0);
      next.set(host, at + gapMs);
      // Forget hosts whose turn is long past, so a stream of distinct hosts does not grow the map for good.
      if (next.size > 10_000) for (const [h, n] of next) if (n < t) next.delete(h);
      return at - t;
    },
  };
}

// Booked in Redis with the server's clock, so workers on several machines share one schedule per host and
// their own clocks do not matter. The key expires a little after the turn it holds.
const RESERVE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local gap = tonumber(ARGV[1])
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = math.max(now, nextAt)
redis.call('SET', KEYS[1], tostring(at + gap), 'PX', at + gap - now + 1000)
return at - now`;

export function redisHostGate(redis: Redis, prefix: string, gapMs: number): HostGate {
  return {
    async reserve(host) {
      if (gapMs <= 0) return 0;
      const wait = await redis.eval(RESERVE_SCRIPT, 1, `${prefix}:batch-host:${host}`, String(gapMs));
      return Number(wait);
    },
  };
}

export type JobOutcome = 'skipped' | 'reused' | 'scanned' | 'failed';

export interface BatchRunner {
  /**
   * Runs one item. A transient failure (503: store down, scan queue full) throws so the queue retries the job,
   * unless `finalAttempt`: then the item is finished as failed with the error's code.
   */
  run(job: BatchJob, opts: { finalAttempt: boolean }): Promise<JobOutcome>;
  /** Finishes an item as failed when its job has given up outside run() (stalled too often). */
  giveUp(job: BatchJob, code: string, detail: string): Promise<void>;
}

const scanned = (r: ScanResult): ItemOutcome => ({ status: 'done', scanId: r.id, score: r.score, band: r.band, reused: false });

const transient = (err: unknown) => !(err instanceof ScamscoreError) || err.status === 503;

export function createBatchRunner(deps: {
  store: BatchStore;
  scans: ScanService;
  fresh: FreshVerdicts;
  gate: HostGate;
  /** Told after an item is finished (and whether that finished its batch): progress events. */
  onChange?: (batchId: string, finished: boolean) => void;
  sleep?: (ms: number) => Promise<void>;
}): BatchRunner {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  function settle(job: BatchJob, finish: { finished: boolean; batchDone: boolean }) {
    if (finish.finished) deps.onChange?.(job.batchId, finish.batchDone);
  }

  return {
    async run(job, { finalAttempt }) {
      const read = await deps.store.itemToRun(job.batchId, job.seq);
      if (!read || read.item.status !== 'pending' || read.item.target === null) return 'skipped';
      const target = read.item.target;
      const fresh = await deps.fresh(read.latest);
      if (fresh) {
        const finish = await deps.store.finish(job.batchId, job.seq, { status: 'done', scanId: fresh.scanId, score: fresh.score, band: fresh.band, reused: true });
        settle(job, finish);
        return finish.finished ? 'reused' : 'skipped';
      }
      const wait = await deps.gate.reserve(new URL(target).hostname);
      if (wait > 0) await sleep(wait);
      try {
        // Attributed to the batch; the batch row names who posted it.
        // The item is finished in the transaction that stores its scan: one commit, and never a stored scan
        // whose item still waits. A caller joined to someone else's scan of the URL finishes it afterwards.
        // Its batch is finished there too when this was the last item, and said so once the commit is done.
        let finishedWithScan: { finished: boolean; batchDone: boolean } | null = null;
        const result = await deps.scans.submit({ url: target }, `batch ${job.batchId}`, async (tx, r) => {
          finishedWithScan = await deps.store.finish(job.batchId, job.seq, scanned(r), tx);
        });
        const finish = finishedWithScan ?? (await deps.store.finish(job.batchId, job.seq, scanned(result)));
        settle(job, finish);
        return finish.finished ? 'scanned' : 'skipped';
      } catch (err) {
        if (transient(err) && !finalAttempt) throw err;
        const code = err instanceof ScamscoreError ? err.code : 'SCAN_FAILED';
        // 5xx details of unknown errors stay in the log; the row says only that the scan failed.
        const detail = err instanceof ScamscoreError ? err.message : 'the scan failed unexpectedly';
        settle(job, await deps.store.finish(job.batchId, job.seq, { status: 'failed', code, detail }));
        return 'failed';
      }
    },
    async giveUp(job, code, detail) {
      settle(job, await deps.store.finish(job.batchId, job.seq, { status: 'failed', code, detail }));
    },
  };
}
