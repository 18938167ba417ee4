// Transient failures of a batch item are retried, and a last failure is recorded, not lost: a scan refused with
// 503 SCAN_QUEUE_FULL (one scan slot, room for one waiting, three items at once) runs again after the retry delay; an
// item refused on every try ends `failed` with that code while the rest of the batch finishes.
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness.js';
import { recordedSites, waitForBatch, type Arrival, startBatchHarness } from '../support/batches.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function run(retryMs: number, delayMs: number, opts: { warmUp?: boolean } = {}) {
  const arrivals: Arrival[] = [];
  h = await startBatchHarness(recordedSites(['warm-up.top', 'first-in.top', 'second-in.top', 'third-in.top'], arrivals, { delayMs }), {
    SCAMSCORE_MAX_SCANS: '1',
    SCAMSCORE_SCAN_QUEUE: '1',
    SCAMSCORE_BATCH_CONCURRENCY: '3',
    // Each try books its host's next turn: no gap, so the tries come at the retry delays.
    SCAMSCORE_BATCH_HOST_GAP_MS: '0',
    SCAMSCORE_BATCH_RETRY_MS: String(retryMs),
  });
  if (opts.warmUp) {
    // One scan first, so the batch's scans do not include starting the analysis threads (seconds when the suite
    // loads both cores) and hold the slot about their page's delay.
    const warm = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ url: h.url('warm-up.top') }) });
    expect(warm.statusCode).toBe(200);
    arrivals.length = 0;
  }
  const r = await h.app.inject({
    method: 'POST',
    url: '/v1/batches',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ urls: [h.url('first-in.top'), h.url('second-in.top'), h.url('third-in.top')] }),
  });
  const done = await waitForBatch(h.app, r.json().id);
  const rows = (await h.app.inject({ method: 'GET', url: `/v1/batches/${r.json().id}/results` })).body.trim().split('\n').map((l) => JSON.parse(l));
  return { done, rows, arrivals };
}

describe('transient failures of batch items', () => {
  it('retries an item refused for a full scan queue; every item ends done', async () => {
    // The slot and the waiting room are free again (2 × 300 ms) well before the retries (2 s, then 4 s more).
    const { done, rows, arrivals } = await run(2_000, 300, { warmUp: true });
    expect(done).toMatchObject({ done: 3, errors: 0 });
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['done', 'done', 'done']);
    expect(arrivals).toHaveLength(3);
  });

  it('finishes an item refused on every try as failed with the code, and the batch still ends', async () => {
    // The third item's three tries come within ~150 ms, while the slot and the waiting room are held for 1.5 s.
    const { done, rows } = await run(50, 1_500);
    expect(done).toMatchObject({ done: 3, errors: 1 });
    const failed = rows.filter((r: { status: string }) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].error).toMatchObject({ code: 'SCAN_QUEUE_FULL' });
  });
});
