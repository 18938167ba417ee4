// Garbage alone must not look like overload: once the heap passes its share of the limit, a full collection
// runs, so the pressure check (which sheds at the limit) sees live data only.
import v8 from 'node:v8';
import { expect, it } from 'vitest';
import { startHeapRelief } from '../../src/http/heap-relief.js';

const used = () => v8.getHeapStatistics().used_heap_size;

it('collects garbage once the heap passes its share of the limit', async () => {
  // Old-space garbage: objects kept alive long enough to be promoted, then dropped. An idle loop allocates
  // nothing, so V8 has no reason to collect them by itself in the next few hundred milliseconds.
  let keep: object[] | null = Array.from({ length: 600_000 }, (_, i) => ({ i, s: `garbage ${i}` }));
  await new Promise((r) => setTimeout(r, 50));
  const withGarbage = used();
  keep = null;
  const limit = withGarbage; // the garbage puts the heap right at the limit, well past 70 % of it
  const stop = startHeapRelief(limit, 20);
  try {
    await expect.poll(used, { timeout: 2_000, interval: 20 }).toBeLessThan(limit * 0.7);
  } finally {
    stop();
  }
  expect(keep).toBeNull();
});
