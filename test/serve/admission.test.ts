// The admission queue: a bounded number of scans run, a bounded number wait, for a bounded time; a refused
// scan never starts.
import { describe, expect, it } from 'vitest';
import { ScanQueueFullError, ScanQueueTimeoutError } from '../../src/errors.js';
import { createAdmission } from '../../src/serve/admission.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('admission', () => {
  it('runs at most `concurrency` at once and every admitted task to the end', async () => {
    const admission = createAdmission({ concurrency: 3, maxQueue: 100, maxWaitMs: 10_000 });
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        admission.run(async () => {
          peak = Math.max(peak, ++active);
          await sleep(5);
          active--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('refuses at once when the queue is full, before the work starts, with a Retry-After', async () => {
    const admission = createAdmission({ concurrency: 1, maxQueue: 2, maxWaitMs: 10_000 });
    const started: number[] = [];
    const task = (i: number) => () => {
      started.push(i);
      return sleep(50).then(() => i);
    };
    const admitted = [0, 1, 2].map((i) => admission.run(task(i)));
    const refused = await admission.run(task(3)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ScanQueueFullError);
    expect((refused as ScanQueueFullError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(await Promise.all(admitted)).toEqual([0, 1, 2]);
    expect(started).toEqual([0, 1, 2]);
  });

  it('drops a task that waited longer than maxWaitMs without ever running it', async () => {
    const admission = createAdmission({ concurrency: 1, maxQueue: 10, maxWaitMs: 30 });
    let lateRan = false;
    const long = admission.run(() => sleep(120).then(() => 'long'));
    const late = admission.run(async () => {
      lateRan = true;
    });
    await expect(late).rejects.toBeInstanceOf(ScanQueueTimeoutError);
    expect(admission.stats()).toEqual({ running: 1, waiting: 0 });
    // A task that started is never cut by the wait bound, however long it runs.
    expect(await long).toBe('long');
    await sleep(10);
    expect(lateRan).toBe(false);
  });
});
