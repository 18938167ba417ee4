// The queue of batch jobs (one job per item). With REDIS_URL it is BullMQ: the API adds jobs, `scamscore
// worker` processes run them, and a job whose worker died (kill -9) is found stalled once its lock lapses and
// handed to another worker. Without Redis an in-process queue runs the same handler in the API process. Either
// way the SQL store is the truth: jobs only name an item, and an item already finished is skipped.
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import type { BatchJob, BatchRunner } from './batch-runner.js';
import { openRedis } from './redis.js';

export const QUEUE_NAME = 'batches';
/** Tries of one item before it is finished as failed (transient errors only: a scan's own failure is final at once). */
export const ATTEMPTS = 3;
/** Longest an in-process queue's close() waits for the items running. */
const CLOSE_WAIT_MS = 5_000;
/** Longest a POST waits for Redis to take a batch's jobs before it answers 503. */
const ENQUEUE_TIMEOUT_MS = 5_000;

export interface BatchQueue {
  enqueue(jobs: BatchJob[]): Promise<void>;
  /** Jobs waiting (not yet started), for the queue-depth metric. */
  depth(): Promise<number>;
  close(): Promise<void>;
}

export interface QueueTuning {
  concurrency: number;
  /** BullMQ: how long a worker's lock on a job lasts without renewal; a dead worker's jobs are retried after it. */
  lockDurationMs: number;
  /** BullMQ: how often workers look for jobs whose lock lapsed. */
  stalledIntervalMs: number;
  /** Wait before retrying a job that failed transiently. */
  retryDelayMs: number;
}

const jobId = (j: BatchJob) => `${j.batchId}-${j.seq}`;

/** Runs jobs in this process; close() drops what waits (it is still pending in the store) and lets running jobs finish. */
export function inProcessQueue(runner: BatchRunner, tuning: QueueTuning, log?: Logger): BatchQueue {
  const queue = new PQueue({ concurrency: tuning.concurrency });
  const queued = new Set<string>();
  let closed = false;
  // Waits between tries end at close(): the item stays pending and is tried again at the next start.
  const sleepers = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  async function attempt(job: BatchJob) {
    for (let n = 1; n <= ATTEMPTS && !closed; n++) {
      try {
        await runner.run(job, { finalAttempt: n === ATTEMPTS });
        return;
      } catch (err) {
        log?.warn({ err: (err as Error).message, batch: job.batchId, seq: job.seq, attempt: n }, 'batch item failed; it will be tried again');
        if (n < ATTEMPTS) await pause(tuning.retryDelayMs * n);
      }
    }
  }

  return {
    async enqueue(jobs) {
      if (closed) return;
      for (const job of jobs) {
        const id = jobId(job);
        // A sweep at start may name an item that is already queued here.
        if (queued.has(id)) continue;
        queued.add(id);
        void queue.add(() => attempt(job).finally(() => queued.delete(id)));
      }
    },
    depth: async () => queue.size,
    async close() {
      closed = true;
      for (const wake of [...sleepers]) wake();
      queue.clear();
      // Running items may finish, within a bound that leaves the shutdown's hard deadline room to close the store;
      // one still running after it is left pending and runs again at the next start (stored once: a scan saved
      // meanwhile is found fresh).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([queue.onIdle(), new Promise((r) => (timer = setTimeout(r, CLOSE_WAIT_MS)))]);
      clearTimeout(timer);
    },
  };
}

/** The producer side of the BullMQ queue (the API). */
export function bullQueue(redisUrl: string, prefix: string, tuning: QueueTuning, log?: Logger): BatchQueue {
  const connection = openRedis(redisUrl, { forQueue: true, ...(log ? { log } : {}) });
  const queue = new Queue<BatchJob>(QUEUE_NAME, { connection, prefix });
  queue.on('error', (err) => log?.warn({ err: err.message }, 'batch queue error'));
  return {
    async enqueue(jobs) {
      // The queue's connection waits for Redis without limit (BullMQ needs that); a request must not.
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not take the jobs within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
      });
      try {
        await Promise.race([add(jobs), deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
    depth: () => queue.getJobCountByTypes('waiting', 'delayed', 'prioritized'),
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };

  async function add(jobs: BatchJob[]) {
    // The job id names the item: adding a job for an item already queued (a sweep at start) adds nothing.
    for (let i = 0; i < jobs.length; i += 1_000) {
      await queue.addBulk(
        jobs.slice(i, i + 1_000).map((data) => ({
          name: 'item',
          data,
          opts: { jobId: jobId(data), attempts: ATTEMPTS, backoff: { type: 'exponential', delay: tuning.retryDelayMs }, removeOnComplete: true, removeOnFail: 1_000 },
        })),
      );
    }
  }
}

export interface BatchConsumer {
  close(): Promise<void>;
}

/** A worker process's side of the BullMQ queue. close() stops taking jobs and waits for the running ones. */
export function bullConsumer(redisUrl: string, prefix: string, runner: BatchRunner, tuning: QueueTuning, log?: Logger): BatchConsumer {
  const connection: Redis = openRedis(redisUrl, { forQueue: true, ...(log ? { log } : {}) });
  const worker = new Worker<BatchJob>(
    QUEUE_NAME,
    async (job: Job<BatchJob>) => runner.run(job.data, { finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) }),
    {
      connection,
      prefix,
      concurrency: tuning.concurrency,
      lockDuration: tuning.lockDurationMs,
      stalledInterval: tuning.stalledIntervalMs,
      // A job is only given up for stalling after several dead workers; run() is safe to repeat.
      maxStalledCount: 5,
    },
  );
  worker.on('error', (err) => log?.warn({ err: err.message }, 'batch worker error'));
  // Said when the worker stops: how the work was shared between workers shows in their logs.
  let jobsRun = 0;
  worker.on('completed', () => jobsRun++);
  worker.on('failed', (job, err) => {
    if (!job) return;
    const exhausted = job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled/i.test(err.message);
    if (!exhausted) return;
    // A job BullMQ gave up on must not leave its item pending for ever.
    runner
      .giveUp(job.data, 'BATCH_JOB_FAILED', `the item could not be processed: ${err.message}`)
      .catch((e: Error) => log?.warn({ err: e.message, batch: job.data.batchId, seq: job.data.seq }, 'could not record a failed batch item'));
  });
  return {
    async close() {
      await worker.close();
      connection.disconnect();
      log?.info({ jobsRun }, 'batch jobs run by this worker');
    },
  };
}
