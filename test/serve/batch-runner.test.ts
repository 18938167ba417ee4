// A batch item is finished in the transaction that stores its scan: when that transaction fails the item stays
// pending (and the job is retried); when the caller joined someone else's scan of the URL (the hook never runs
// for it) the item is finished after the scan instead.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/errors.js';
import type { ScanResult } from '../../src/scan/scanner.js';
import { createFreshVerdicts } from '../../src/serve/batch-freshness.js';
import { createBatchRunner } from '../../src/serve/batch-runner.js';
import type { ScanService } from '../../src/serve/scan-service.js';
import { createBatchStore, type BatchStore } from '../../src/store/batches.js';
import { createCasework } from '../../src/store/casework.js';
import { migrate } from '../../src/store/migrations.js';
import { openPglite, type SqlClient } from '../../src/store/sql.js';

let sql: SqlClient;
let store: BatchStore;
beforeAll(async () => {
  sql = await openPglite(null);
  await migrate(sql);
  store = createBatchStore(sql);
});
afterAll(async () => sql.close());

const answer = (url: string) => ({ id: randomUUID(), url, score: 42, band: 'medium' }) as ScanResult;

function runnerWith(submit: ScanService['submit']) {
  return createBatchRunner({
    store,
    scans: { submit },
    fresh: createFreshVerdicts({ casework: createCasework(sql) }),
    gate: { reserve: async () => 0 },
  });
}

async function oneItemBatch(url: string) {
  return store.create({ name: null, items: [{ line: 1, url, target: url }], duplicates: 0, createdBy: null });
}

describe('batch runner', () => {
  it('finishes the item in the transaction that stores its scan', async () => {
    const batch = await oneItemBatch('http://stored.top/');
    let statusInside: string | undefined;
    const runner = runnerWith(async (input, _by, alsoWrite) => {
      const result = answer(input.url);
      await sql.transaction(async (tx) => {
        await alsoWrite!(tx, result);
        const { rows } = await tx.query<{ status: string }>(`select status from batch_items where batch_id = $1 and seq = 0`, [batch.id]);
        statusInside = rows[0]!.status;
      });
      return result;
    });
    expect(await runner.run({ batchId: batch.id, seq: 0 }, { finalAttempt: false })).toBe('scanned');
    expect(statusInside).toBe('done');
    expect((await store.get(batch.id))?.finishedAt).not.toBeNull();
  });

  it('leaves the item pending when that transaction fails, so the job is tried again', async () => {
    const batch = await oneItemBatch('http://not-stored.top/');
    const runner = runnerWith(async (input, _by, alsoWrite) => {
      await sql.transaction(async (tx) => {
        await alsoWrite!(tx, answer(input.url));
        throw new StoreUnavailableError('the store connection was lost');
      });
      throw new Error('unreachable');
    });
    await expect(runner.run({ batchId: batch.id, seq: 0 }, { finalAttempt: false })).rejects.toBeInstanceOf(StoreUnavailableError);
    expect((await store.item(batch.id, 0))?.status).toBe('pending');
  });

  it('finishes the item after a scan it joined (whose transaction was not its own)', async () => {
    const batch = await oneItemBatch('http://joined.top/');
    const result = answer('http://joined.top/');
    const runner = runnerWith(async () => result);
    expect(await runner.run({ batchId: batch.id, seq: 0 }, { finalAttempt: false })).toBe('scanned');
    expect(await store.item(batch.id, 0)).toMatchObject({ status: 'done', scanId: result.id, reused: false });
  });
});
