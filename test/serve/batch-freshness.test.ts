// Which stored verdict a batch may hand out instead of scanning: the latest scan of the exact URL, while
// verdictExpiry says it is fresh (band lifetimes, shorter for partial scans, longest under a standing analyst
// verdict, which a withdrawal ends). On the embedded store and on Postgres.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshVerdicts, type FreshVerdicts } from '../../src/serve/batch-freshness.js';
import { createBatchStore } from '../../src/store/batches.js';
import { createCasework, type Casework } from '../../src/store/casework.js';
import { migrate } from '../../src/store/migrations.js';
import { openEmbeddedStore, openScratchPostgres, type OpenedStore } from '../support/stores.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-01T03:00:00Z');

function contract(name: string, open: () => Promise<OpenedStore | null>) {
  describe(name, () => {
    let db: OpenedStore | null = null;
    let fresh: (url: string) => ReturnType<FreshVerdicts>;
    let casework: Casework;
    beforeAll(async () => {
      db = await open();
      if (!db) return;
      await migrate(db.sql);
      casework = createCasework(db.sql, { now: () => NOW });
      const judge = createFreshVerdicts({ casework, now: () => NOW });
      const batches = createBatchStore(db.sql);
      fresh = async (url) => judge(await batches.latestScan(url));
    });
    afterAll(async () => db?.done());

    async function stored(url: string, band: string, ageMs: number, complete = true) {
      const id = randomUUID();
      const domain = new URL(url).hostname;
      const scannedAt = new Date(NOW - ageMs).toISOString();
      await db!.sql.query(`insert into scans (id, url, domain, host, score, band, scanned_at, result) values ($1, $2, $3, $3, 40, $4, $5, $6)`, [
        id,
        url,
        domain,
        band,
        scannedAt,
        JSON.stringify({ id, url, band, complete, scannedAt }),
      ]);
      return id;
    }

    it('answers from the latest scan of the URL while it is fresh, and not at all once it is stale', async (ctx) => {
      if (!db) return ctx.skip();
      expect(await fresh('http://never-seen.top/')).toBeNull();
      await stored('http://low-band.top/', 'low', 30 * HOUR);
      const newest = await stored('http://low-band.top/', 'low', 2 * HOUR);
      expect(await fresh('http://low-band.top/')).toMatchObject({ scanId: newest, band: 'low', expiresAt: new Date(NOW - 2 * HOUR + 24 * HOUR).toISOString() });
      // Another path of the same site is another URL.
      expect(await fresh('http://low-band.top/other')).toBeNull();
      await stored('http://old-low.top/', 'low', 25 * HOUR);
      expect(await fresh('http://old-low.top/')).toBeNull();
      // High lasts a week, but a partial scan only six hours.
      await stored('http://high-full.top/', 'high', 3 * 24 * HOUR);
      expect(await fresh('http://high-full.top/')).not.toBeNull();
      await stored('http://high-partial.top/', 'high', 7 * HOUR, false);
      expect(await fresh('http://high-partial.top/')).toBeNull();
    });

    it("keeps a scan fresh for 30 days under a standing analyst verdict, and no longer once it is withdrawn", async (ctx) => {
      if (!db) return ctx.skip();
      await stored('http://judged.top/', 'low', 3 * 24 * HOUR);
      expect(await fresh('http://judged.top/')).toBeNull();
      const verdict = await casework.recordVerdict({ domain: 'judged.top', verdict: 'scam', reason: 'victim reports', by: 'analyst' });
      expect(await fresh('http://judged.top/')).toMatchObject({ band: 'low' });
      await casework.withdrawVerdict(verdict.id, { by: 'analyst', reason: 'mistaken' });
      expect(await fresh('http://judged.top/')).toBeNull();
    });
  });
}

contract('embedded store', openEmbeddedStore);
contract('Postgres', openScratchPostgres);
