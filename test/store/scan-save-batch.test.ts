// A scan's save is one batch of statements (SqlClient.batch): one message to the embedded store's thread, so
// the store is never held open waiting for the main thread between them. On both stores: the batch's `onlyIf`,
// all-or-nothing when a statement fails midway, and a blob swept between the lookup and the batch.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapturedPage, ScanCapture } from '../../src/scan/capture.js';
import type { ScanResult } from '../../src/scan/scanner.js';
import { createEvidenceStore, planEvidence } from '../../src/store/evidence.js';
import { createScanStore } from '../../src/store/scan-store.js';
import type { SqlClient } from '../../src/store/sql.js';
import { scanResult } from '../support/scan-results.js';
import { openEmbeddedStore, openScratchPostgres, type OpenedStore } from '../support/stores.js';

const NOW = '2026-11-21T00:00:00.000Z';

const result = (over: Partial<ScanResult> = {}): ScanResult => scanResult({ scannedAt: NOW, findings: [], checks: [], ...over });

function page(body: Buffer): CapturedPage {
  const url = 'https://cash.example/';
  return { role: 'main', requestedUrl: url, url, chain: [{ url, status: 200, headers: {}, remoteAddress: '127.0.0.1', ms: 2 }], contentType: 'text/html', body, truncated: false, ms: 3 };
}
const capture = (body: Buffer): ScanCapture => ({
  pages: [page(body)],
  domains: [],
  facts: { domain: null, registry: null, unavailable: {} },
  timings: { totalMs: 10, pageMs: 5, domainMs: 4, analysisMs: 1 },
});
/** A page past the size compressed inline (evidence.ts), whose stored copy is looked up before compressing. */
const largePage = (marker: string) => Buffer.from(`<html>${marker}${'<p>소액결제 현금화 상담</p>'.repeat(2_000)}</html>`);
const plan = (body: Buffer) => planEvidence(capture(body), { maxBytesPerScan: 10_000_000, retentionDays: 30, scannedAt: NOW });

/** The store's client, counting what reaches the store: each call is one message to the PGlite thread. */
function counted(sql: SqlClient, onQuery?: (text: string) => Promise<void>) {
  const calls = { query: 0, transaction: 0, batch: 0 };
  const client: SqlClient = {
    kind: sql.kind,
    async query(text, params) {
      calls.query++;
      const r = await sql.query(text, params);
      await onQuery?.(text);
      return r as never;
    },
    transaction: (work) => {
      calls.transaction++;
      return sql.transaction(work);
    },
    batch: (statements) => {
      calls.batch++;
      return sql.batch(statements);
    },
    close: () => sql.close(),
  };
  return { client, calls };
}

const count = async (sql: SqlClient, text: string, params: unknown[]) => Number((await sql.query<{ n: number }>(`select count(*)::int as n from ${text}`, params)).rows[0]!.n);

function contract(name: string, open: () => Promise<OpenedStore | null>) {
  describe(name, () => {
    let db: OpenedStore | null = null;
    beforeAll(async () => {
      db = await open();
      if (db) await createScanStore(db.sql); // migrates
    });
    afterAll(async () => {
      await db?.done();
    });

    it('batch: skips a statement whose onlyIf returned no rows, and rolls back every statement when one fails', async (ctx) => {
      if (!db) return ctx.skip();
      const sql = db.sql;
      await sql.query(`create table if not exists batch_probe (n int primary key)`);
      const results = await sql.batch([
        { sql: `insert into batch_probe values (1) returning n` },
        { sql: `select n from batch_probe where n = 2` },
        { sql: `insert into batch_probe values (3) returning n`, onlyIf: 1 },
        { sql: `insert into batch_probe values (4) returning n`, onlyIf: 0 },
      ]);
      expect(results).toEqual([[{ n: 1 }], [], null, [{ n: 4 }]]);
      await expect(sql.batch([{ sql: `insert into batch_probe values (5)` }, { sql: `insert into batch_probe values (1)` }])).rejects.toThrow(/duplicate key/);
      expect((await sql.query(`select n from batch_probe order by n`)).rows).toEqual([{ n: 1 }, { n: 4 }]);
    });

    it('saves a scan, its evidence and its batch item in one batch: one lookup and one message, no transaction held across round trips', async (ctx) => {
      if (!db) return ctx.skip();
      const { client, calls } = counted(db.sql);
      const store = await createScanStore(client, { evidence: createEvidenceStore(client, { retentionDays: 30 }) });
      Object.assign(calls, { query: 0, transaction: 0, batch: 0 });
      const r = result();
      let answered: unknown[] | null = null;
      await store.save(r, await plan(largePage(r.id)), null, async (tx) => {
        answered = (await tx.query(`select count(*)::int as n from scans where id = $1`, [r.id])).rows;
      });
      expect(calls).toEqual({ query: 1, transaction: 0, batch: 1 });
      // A small page is compressed again rather than looked up: one message in all.
      Object.assign(calls, { query: 0, transaction: 0, batch: 0 });
      const small = result();
      await store.save(small, await plan(Buffer.from(`<html>${small.id}</html>`)));
      expect(calls).toEqual({ query: 0, transaction: 0, batch: 1 });
      expect(await count(db.sql, `scan_evidence where scan_id = $1`, [small.id])).toBe(1);
      // alsoWrite's statement ran inside the transaction, after the scan's row.
      expect(answered).toEqual([{ n: 1 }]);
      expect(await count(db.sql, `scan_evidence where scan_id = $1`, [r.id])).toBe(1);
      // Saved again (same id): nothing runs after the scan's statement, alsoWrite is not answered.
      answered = null;
      await store.save(r, await plan(Buffer.from(`<html>${r.id}</html>`)), null, async (tx) => {
        answered = (await tx.query(`select 1 as n`)).rows;
      });
      expect(answered).toBeNull();
    });

    it('a save that fails midway leaves nothing of the scan, and what was stored before stays', async (ctx) => {
      if (!db) return ctx.skip();
      const store = await createScanStore(db.sql, { evidence: createEvidenceStore(db.sql, { retentionDays: 30 }) });
      const before = result();
      const kept = Buffer.from(`<html>kept ${before.id}</html>`);
      await store.save(before, await plan(kept));
      const r = result();
      const body = Buffer.from(`<html>failing ${r.id}</html>`);
      const planned = await plan(Buffer.concat([body]));
      await expect(
        store.save(r, planned, null, async (tx) => {
          await tx.query(`select 1 / 0`);
        }),
      ).rejects.toThrow(/division by zero/);
      expect(await count(db.sql, `scans where id = $1`, [r.id])).toBe(0);
      expect(await count(db.sql, `indicators where scan_id = $1`, [r.id])).toBe(0);
      expect(await count(db.sql, `verdict_hashes where scan_id = $1`, [r.id])).toBe(0);
      expect(await count(db.sql, `scan_evidence where scan_id = $1`, [r.id])).toBe(0);
      expect(await count(db.sql, `blobs where sha256 = any($1::text[])`, [[...planned.blobs.keys()]])).toBe(0);
      expect(await store.get(before.id)).toEqual(before);
      expect(await count(db.sql, `scan_evidence where scan_id = $1`, [before.id])).toBe(1);
      // And the same save without the failure lands whole.
      await store.save(r, planned);
      expect(await store.get(r.id)).toEqual(r);
    });

    it('a blob swept between its lookup and the batch is stored again, not left missing', async (ctx) => {
      if (!db) return ctx.skip();
      const body = largePage(`swept ${randomUUID()}`);
      const first = result();
      const plain = await createScanStore(db.sql, { evidence: createEvidenceStore(db.sql, { retentionDays: 30 }) });
      await plain.save(first, await plan(body));
      const sql = db.sql;
      let swept = false;
      // Right after the lookup found the blob stored, a sweep removes it (the first scan's links gone first).
      const { client } = counted(sql, async (text) => {
        if (swept || !text.startsWith('select sha256 from blobs')) return;
        swept = true;
        await sql.query(`delete from evidence_blobs where scan_id = $1`, [first.id]);
        await sql.query(`delete from blobs b where not exists (select 1 from evidence_blobs e where e.sha256 = b.sha256)`);
      });
      const evidence = createEvidenceStore(client, { retentionDays: 30 });
      const store = await createScanStore(client, { evidence });
      const second = result();
      await store.save(second, await plan(body));
      expect(swept).toBe(true);
      const loaded = await evidence.load(second.id);
      const [sha] = (await plan(body)).blobs.keys();
      expect(await loaded!.blob(sha!)).toEqual(body);
    });
  });
}

contract('scan save batch (embedded store)', openEmbeddedStore);
contract('scan save batch (Postgres)', openScratchPostgres);
