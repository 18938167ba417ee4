// The batch store's reads and writes that a batch job makes: the item with the latest stored scan of its target
// in one round trip, and finishing an item inside the transaction that stores its scan (all or nothing).
// On the embedded store and on Postgres.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchStore, type BatchStore } from '../../src/store/batches.js';
import { migrate } from '../../src/store/migrations.js';
import { openEmbeddedStore, openScratchPostgres, type OpenedStore } from '../support/stores.js';

function contract(name: string, open: () => Promise<OpenedStore | null>) {
  describe(name, () => {
    let db: OpenedStore | null = null;
    let store: BatchStore;
    beforeAll(async () => {
      db = await open();
      if (!db) return;
      await migrate(db.sql);
      store = createBatchStore(db.sql);
    });
    afterAll(async () => db?.done());

    async function scanOf(url: string, scannedAt: string, complete: boolean | undefined) {
      const id = randomUUID();
      await db!.sql.query(`insert into scans (id, url, domain, host, score, band, scanned_at, result) values ($1, $2, 'seen.top', 'seen.top', 70, 'high', $3, $4)`, [
        id,
        url,
        scannedAt,
        JSON.stringify(complete === undefined ? { id } : { id, complete }),
      ]);
      return id;
    }

    it('reads an item with the latest stored scan of its target, or none', async (ctx) => {
      if (!db) return ctx.skip();
      const batch = await store.create({
        name: null,
        items: [
          { line: 1, url: 'seen.top', target: 'http://seen.top/' },
          { line: 2, url: 'new.top', target: 'http://new.top/' },
          { line: 3, url: 'ftp://x', target: null, error: { code: 'BAD_URL', detail: 'not http' } },
        ],
        duplicates: 0,
        createdBy: null,
      });
      await scanOf('http://seen.top/', '2026-11-01T00:00:00.000Z', true);
      const latest = await scanOf('http://seen.top/', '2026-11-20T00:00:00.000Z', undefined);
      const seen = await store.itemToRun(batch.id, 0);
      expect(seen?.item).toEqual(await store.item(batch.id, 0));
      // A scan stored before `complete` existed reads as partial, as latestScan reads it.
      expect(seen?.latest).toEqual({ id: latest, url: 'http://seen.top/', domain: 'seen.top', score: 70, band: 'high', scannedAt: '2026-11-20T00:00:00.000Z', complete: false });
      expect(seen?.latest).toEqual(await store.latestScan('http://seen.top/'));
      expect(await store.itemToRun(batch.id, 1)).toMatchObject({ item: { status: 'pending', target: 'http://new.top/' }, latest: null });
      expect(await store.itemToRun(batch.id, 2)).toMatchObject({ item: { status: 'invalid', target: null }, latest: null });
      expect(await store.itemToRun(batch.id, 9)).toBeNull();
    });

    it('finishes an item inside a transaction, and not at all when the transaction rolls back', async (ctx) => {
      if (!db) return ctx.skip();
      const batch = await store.create({ name: null, items: [{ line: 1, url: 'a.top', target: 'http://a.top/' }], duplicates: 0, createdBy: null });
      const done = { status: 'done', scanId: randomUUID(), score: 10, band: 'low', reused: false } as const;
      await expect(
        db.sql.transaction(async (tx) => {
          expect(await store.finish(batch.id, 0, done, tx)).toEqual({ finished: true, batchDone: true });
          throw new Error('the scan could not be stored');
        }),
      ).rejects.toThrow('could not be stored');
      expect((await store.item(batch.id, 0))?.status).toBe('pending');
      // Rolled back with the item: the batch is not finished either.
      expect((await store.get(batch.id))?.finishedAt).toBeNull();
      expect(await db.sql.transaction((tx) => store.finish(batch.id, 0, done, tx))).toEqual({ finished: true, batchDone: true });
      expect(await store.item(batch.id, 0)).toMatchObject({ status: 'done', scanId: done.scanId });
      expect((await store.get(batch.id))?.finishedAt).not.toBeNull();
      // Finished once: a job that runs twice changes nothing, the batch's finish time and pending count included.
      const finished = (await store.get(batch.id))?.finishedAt;
      expect(await db.sql.transaction((tx) => store.finish(batch.id, 0, { ...done, scanId: randomUUID() }, tx))).toEqual({ finished: false, batchDone: false });
      expect((await store.get(batch.id))?.finishedAt).toBe(finished);
      expect(Number((await db.sql.query<{ pending: number }>(`select pending from batches where id = $1`, [batch.id])).rows[0]!.pending)).toBe(0);
      expect((await store.progress(batch.id))?.pending).toBe(0);
    });

    it('finishes a batch exactly once when its last items are finished by concurrent transactions', async (ctx) => {
      if (!db) return ctx.skip();
      const n = 4;
      const items = Array.from({ length: n }, (_, i) => ({ line: i + 1, url: `c${i}.top`, target: `http://c${i}.top/` }));
      // An invalid row is finished at birth and counts for nothing.
      const batch = await store.create({ name: null, items: [...items, { line: n + 1, url: 'ftp://x', target: null, error: { code: 'BAD_URL', detail: 'x' } }], duplicates: 0, createdBy: null });
      // On Postgres every transaction is open before any finishes (each would see the others' items still
      // pending); PGlite runs its transactions one at a time, so there they only queue.
      let begun = 0;
      let allBegun!: () => void;
      const together = new Promise<void>((resolve) => (allBegun = resolve));
      const results = await Promise.all(
        items.map((_, seq) =>
          db!.sql.transaction(async (tx) => {
            await tx.query('select 1');
            if (db!.sql.kind === 'postgres') {
              if (++begun === n) allBegun();
              await together;
            }
            return store.finish(batch.id, seq, { status: 'done', scanId: randomUUID(), score: 1, band: 'low', reused: false }, tx);
          }),
        ),
      );
      expect(results.filter((r) => r.finished)).toHaveLength(n);
      expect(results.filter((r) => r.batchDone)).toHaveLength(1);
      expect((await store.get(batch.id))?.finishedAt).not.toBeNull();
      expect(await store.pendingOf(batch.id)).toEqual([]);
    });

    it('counts a failed item as finished and leaves the batch open while one is pending', async (ctx) => {
      if (!db) return ctx.skip();
      const batch = await store.create({
        name: null,
        items: [
          { line: 1, url: 'f.top', target: 'http://f.top/' },
          { line: 2, url: 'g.top', target: 'http://g.top/' },
        ],
        duplicates: 0,
        createdBy: null,
      });
      expect(await store.finish(batch.id, 0, { status: 'failed', code: 'SCAN_FAILED', detail: 'x' })).toEqual({ finished: true, batchDone: false });
      expect(await store.finish(batch.id, 0, { status: 'failed', code: 'SCAN_FAILED', detail: 'x' })).toEqual({ finished: false, batchDone: false });
      expect((await store.get(batch.id))?.finishedAt).toBeNull();
      expect(await store.finish(batch.id, 1, { status: 'done', scanId: randomUUID(), score: 1, band: 'low', reused: true })).toEqual({ finished: true, batchDone: true });
      expect((await store.progress(batch.id))?.finishedAt).not.toBeNull();
    });
  });
}

contract('embedded store', openEmbeddedStore);
contract('Postgres', openScratchPostgres);
