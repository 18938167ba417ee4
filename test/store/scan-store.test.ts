import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScanStore, type ScanStore } from '../../src/store/scan-store.js';
import { openPostgres } from '../../src/store/postgres.js';
import { openPglite } from '../../src/store/sql.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { scanResult } from '../support/scan-results.js';

const result = scanResult;

function storeContract(name: string, open: () => Promise<ScanStore | null>) {
  describe(name, () => {
    let store: ScanStore | null = null;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('saves a result and reads it back whole, Korean text included', async (ctx) => {
      if (!store) return ctx.skip();
      const r = result();
      await store.save(r);
      expect(await store.get(r.id)).toEqual(r);
    });

    it('answers null for an id it does not have', async (ctx) => {
      if (!store) return ctx.skip();
      expect(await store.get(randomUUID())).toBeNull();
      expect(await store.answerText(randomUUID())).toBeNull();
    });

    it('gives the stored answer as JSON text with the same members, for sending as it is', async (ctx) => {
      if (!store) return ctx.skip();
      const r = result({ summary: { en: 'Score 72/100 "quoted" \\ back', ko: '점수 72/100 — 현금화' } });
      await store.save(r);
      const text = await store.answerText(r.id);
      expect(typeof text).toBe('string');
      expect(JSON.parse(text!)).toEqual(r);
    });

    it('a second write of an id (a retry after a dropped connection) leaves the stored row as it was', async (ctx) => {
      if (!store) return ctx.skip();
      const r = result();
      await store.save(r);
      await store.save({ ...r, score: 1 });
      expect((await store.get(r.id))!.score).toBe(72);
    });
  });
}

storeContract('ScanStore on PGlite (in memory)', async () => createScanStore(await openPglite(null)));

let pg: TestPostgres | null = null;
storeContract('ScanStore on a real Postgres server', async () => {
  pg = await startTestPostgres();
  return pg ? createScanStore(await openPostgres(pg.url, { connectTimeoutMs: 5_000, queryTimeoutMs: 5_000 })) : null;
});
afterAll(async () => pg?.stop());

describe('ScanStore on PGlite files', () => {
  it('keeps results across a restart of the process store', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-store-'));
    const r = result();
    const first = await createScanStore(await openPglite(dir));
    await first.save(r);
    await first.close();
    const second = await createScanStore(await openPglite(dir));
    expect(await second.get(r.id)).toEqual(r);
    await second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
