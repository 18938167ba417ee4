// Admission control in front of every scan: at most `concurrency` scans spend work (fetch, WHOIS, analysis)
// at once, at most `maxQueue` wait for a slot, and none waits longer than `maxWaitMs`. A scan turned away is
// refused before anything is spent on it, with a Retry-After estimated from how fast scans finish now.
import PQueue from 'p-queue';
import { ScanQueueFullError, ScanQueueTimeoutError } from '../errors.js';

export interface AdmissionOptions {
  concurrency: number;
  maxQueue: number;
  maxWaitMs: number;
}

export interface Admission {
  /** Runs `work` when a slot is free; rejects with a 503 error if the queue is full or the wait too long. */
  run<T>(work: () => Promise<T>): Promise<T>;
  stats(): { running: number; waiting: number };
}

export function createAdmission(options: AdmissionOptions): Admission {
  const queue = new PQueue({ concurrency: options.concurrency });
  // Moving average of a scan's duration, for the Retry-After of a refusal.
  let averageMs = 1_000;

  function retryAfterSeconds(): number {
    const drainMs = ((queue.size + queue.pending) / options.concurrency) * averageMs;
    return Math.min(300, Math.max(1, Math.ceil(drainMs / 1000)));
  }

  return {
    async run(work) {
      if (queue.size >= options.maxQueue) throw new ScanQueueFullError(queue.size, retryAfterSeconds());
      // The signal bounds the wait only: once the scan starts, the timer is cleared and never aborts it.
      const waiting = new AbortController();
      const timer = setTimeout(() => waiting.abort(new ScanQueueTimeoutError(options.maxWaitMs, retryAfterSeconds())), options.maxWaitMs);
      return queue.add(
        async () => {
          clearTimeout(timer);
          const started = performance.now();
          try {
            return await work();
          } finally {
            averageMs = averageMs * 0.9 + (performance.now() - started) * 0.1;
          }
        },
        { signal: waiting.signal },
      );
    },
    stats: () => ({ running: queue.pending, waiting: queue.size }),
  };
}
