import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapturedPage, ScanCapture } from '../../src/scan/capture.js';
import { createEvidenceStore, EvidenceCorruptError, planEvidence, type EvidenceStore } from '../../src/store/evidence.js';
import { migrate } from '../../src/store/migrations.js';
import { runStatements } from '../support/evidence.js';
import { openEmbeddedStore, openScratchPostgres, type OpenedStore } from '../support/stores.js';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-21T00:00:00Z');
const META = { rulesetVersion: 'rs-test', weights: 'default' };

/** A page's bytes as a cash-out site sends them: EUC-KR, so not valid UTF-8. */
const eucKrPage = (marker: string) =>
  Buffer.concat([Buffer.from(`<html><head><meta charset="euc-kr"><title>${marker}</title></head><body>`), Buffer.from([0xbc, 0xd2, 0xbe, 0xd7, 0xb0, 0xe1, 0xc1, 0xa6]), Buffer.from(' 현금화 '.repeat(200)), Buffer.from('</body></html>')]);

function page(role: CapturedPage['role'], url: string, body: Buffer | null): CapturedPage {
  return {
    role,
    requestedUrl: url,
    url,
    chain: [{ url, status: 200, headers: { 'content-type': 'text/html' }, remoteAddress: '127.0.0.1', ms: 2 }],
    contentType: 'text/html',
    body,
    truncated: false,
    ms: 3,
  };
}

function capture(pages: CapturedPage[], whois: string | null = 'Domain Name: cash.example\nCreation Date: 2026-11-01T00:00:00Z\n등록인: 비공개\n'): ScanCapture {
  return {
    pages,
    domains: [{ domain: 'cash.example', source: 'whois', server: 'whois.example:43', raw: whois }],
    facts: { domain: null, registry: null, unavailable: {} },
    timings: { totalMs: 10, pageMs: 5, domainMs: 4, analysisMs: 1 },
  };
}

const plan = (c: ScanCapture, scannedAt = new Date(NOW).toISOString(), maxBytesPerScan = 10_000_000) =>
  planEvidence(c, { maxBytesPerScan, retentionDays: 30, scannedAt });

describe('planEvidence', () => {
  it('hashes every page body and domain reply and keeps them all under the cap', async () => {
    const main = eucKrPage('main');
    const whois = 'Domain Name: cash.example\n등록일: 2026-11-01\n';
    const p = await planEvidence(capture([page('main', 'https://cash.example/', main)], whois), {
      maxBytesPerScan: 1_000_000,
      retentionDays: 30,
      scannedAt: '2026-11-21T00:00:00.000Z',
    });
    expect(p.summary.records).toEqual([
      { role: 'main', url: 'https://cash.example/', sha256: sha(main), bytes: main.length },
      { role: 'whois', url: 'whois://whois.example:43/cash.example', sha256: sha(Buffer.from(whois, 'utf8')), bytes: Buffer.byteLength(whois) },
    ]);
    expect(p.summary.dropped).toEqual([]);
    expect(p.summary.totalBytes).toBe(main.length + Buffer.byteLength(whois));
    expect(p.summary.retainedUntil).toBe('2026-12-21T00:00:00.000Z');
    expect(p.blobs.get(sha(main))!.equals(main)).toBe(true);
    // The manifest holds references, never the bytes.
    expect(p.manifest.capture.pages[0]!.body).toEqual({ sha256: sha(main), bytes: main.length });
    expect(p.manifest.capture.domains[0]!.raw).toEqual({ sha256: sha(Buffer.from(whois)), bytes: Buffer.byteLength(whois) });
    expect(JSON.stringify(p.manifest)).not.toContain('현금화');
    expect((await planEvidence(capture([]), { maxBytesPerScan: 1, retentionDays: null, scannedAt: '2026-11-21T00:00:00Z' })).summary.retainedUntil).toBeNull();
  });

  it('over the cap, drops linked pages first, largest first, then the main page, and says so', async () => {
    const main = randomBytes(3000);
    const small = randomBytes(1000);
    const large = randomBytes(2000);
    const c = capture([page('main', 'https://cash.example/', main), page('linked', 'https://cash.example/small', small), page('linked', 'https://cash.example/large', large)], 'x'.repeat(100));

    const dropLarge = await plan(c, undefined, 4200);
    expect(dropLarge.summary.dropped).toEqual([{ role: 'linked', url: 'https://cash.example/large', sha256: sha(large), bytes: 2000, reason: 'size-cap' }]);
    expect(dropLarge.summary.records.map((r) => r.url)).toEqual(['https://cash.example/', 'https://cash.example/small', 'whois://whois.example:43/cash.example']);
    expect(dropLarge.summary.totalBytes).toBe(4100);
    expect(dropLarge.blobs.has(sha(large))).toBe(false);
    expect(dropLarge.manifest.capture.pages[2]!.body).toEqual({ sha256: sha(large), bytes: 2000, dropped: 'size-cap' });

    const dropAllLinked = await plan(c, undefined, 3100);
    expect(dropAllLinked.summary.dropped.map((d) => d.url)).toEqual(['https://cash.example/large', 'https://cash.example/small']);
    expect(dropAllLinked.summary.records.map((r) => r.role)).toEqual(['main', 'whois']);

    const dropMain = await plan(c, undefined, 500);
    expect(dropMain.summary.dropped.map((d) => [d.role, d.reason])).toEqual([
      ['linked', 'size-cap'],
      ['linked', 'size-cap'],
      ['main', 'size-cap'],
    ]);
    expect(dropMain.summary.records).toEqual([{ role: 'whois', url: 'whois://whois.example:43/cash.example', sha256: sha('x'.repeat(100)), bytes: 100 }]);
    expect(dropMain.summary.totalBytes).toBe(100);
    expect([...dropMain.blobs.keys()]).toEqual([sha('x'.repeat(100))]);
  });

  it('hashes large pages (on the thread pool) to the same SHA-256, each page its own, in order', async () => {
    // Sizes on both sides of the inline limit (32 KB), and two large pages, so a swapped or shared hash shows.
    const small = randomBytes(32 * 1024);
    const large = randomBytes(500 * 1024);
    const other = randomBytes(64 * 1024 + 1);
    const p = await plan(capture([page('main', 'https://cash.example/', large), page('linked', 'https://cash.example/a', small), page('linked', 'https://cash.example/b', other)]));
    expect(p.summary.records.map((r) => [r.url, r.sha256, r.bytes])).toEqual([
      ['https://cash.example/', sha(large), large.length],
      ['https://cash.example/a', sha(small), small.length],
      ['https://cash.example/b', sha(other), other.length],
      ['whois://whois.example:43/cash.example', expect.stringMatching(/^[0-9a-f]{64}$/), expect.any(Number)],
    ]);
    expect(p.manifest.capture.pages.map((pg) => pg.body)).toEqual([
      { sha256: sha(large), bytes: large.length },
      { sha256: sha(small), bytes: small.length },
      { sha256: sha(other), bytes: other.length },
    ]);
  });
});

function evidenceContract(name: string, open: () => Promise<OpenedStore | null>) {
  describe(name, () => {
    let db: OpenedStore | null = null;
    let clock = NOW;
    let store: EvidenceStore;

    beforeAll(async () => {
      db = await open();
      if (!db) return;
      await migrate(db.sql);
      store = createEvidenceStore(db.sql, { retentionDays: 30, now: () => clock });
    });
    afterAll(async () => db?.done());

    /** Inserts the scans row (the foreign key) and writes the evidence in one transaction, as the scan save does. */
    async function saveScan(c: ScanCapture, scannedAt: number, maxBytesPerScan = 10_000_000): Promise<string> {
      const id = randomUUID();
      const at = new Date(scannedAt).toISOString();
      const planned = await planEvidence(c, { maxBytesPerScan, retentionDays: 30, scannedAt: at });
      const evidence = await store.statements(id, planned, META);
      await db!.sql.transaction(async (tx) => {
        await tx.query(`insert into scans (id, url, domain, score, band, scanned_at, result) values ($1, $2, $3, $4, $5, $6, $7)`, [
          id,
          'https://cash.example/',
          'cash.example',
          50,
          'medium',
          at,
          JSON.stringify({ id, evidence: planned.summary }),
        ]);
        await runStatements(tx, evidence);
      });
      return id;
    }

    const count = async (sql: string, params: unknown[]) => Number((await db!.sql.query<{ n: number }>(sql, params)).rows[0]!.n);
    const blobRows = (h: string) => count(`select count(*)::int as n from blobs where sha256 = $1`, [h]);

    it('stores the same page bytes seen by two scans once', async (ctx) => {
      if (!db) return ctx.skip();
      const body = eucKrPage(randomUUID());
      const a = await saveScan(capture([page('main', 'https://cash.example/', body)]), NOW);
      const b = await saveScan(capture([page('main', 'https://mirror.example/', body)]), NOW + 1000);
      expect(await blobRows(sha(body))).toBe(1);
      expect(await count(`select count(*)::int as n from evidence_blobs where sha256 = $1`, [sha(body)])).toBe(2);
      for (const id of [a, b]) expect((await (await store.load(id))!.blob(sha(body)))!.equals(body)).toBe(true);
      // Stored compressed: the page is repetitive HTML.
      const stored = (await db.sql.query<{ encoding: string; size: number }>(`select encoding, size from blobs where sha256 = $1`, [sha(body)])).rows[0]!;
      expect(stored).toEqual({ encoding: 'br', size: body.length });
      const bytes = await store.bytesForScan(a);
      expect(bytes.blobs).toBe(2);
      expect(bytes.blobBytes).toBeGreaterThan(0);
      expect(bytes.blobBytes).toBeLessThan(body.length);
      expect(bytes.manifestBytes).toBeGreaterThan(0);
      // Both of scan a's blobs (the page and the WHOIS reply) are b's too: dropping a's evidence frees nothing.
      expect(bytes.ownBlobBytes).toBe(0);
      const unique = eucKrPage(randomUUID());
      const c = await saveScan(capture([page('main', 'https://other.example/', unique)]), NOW + 2000);
      const uniqueStored = await count(`select octet_length(data) as n from blobs where sha256 = $1`, [sha(unique)]);
      expect((await store.bytesForScan(c)).ownBlobBytes).toBe(uniqueStored);
    });

    it('compresses a small page on the calling thread and a large one in the pool, and reads both back the same', async (ctx) => {
      if (!db) return ctx.skip();
      const small = eucKrPage(randomUUID());
      const large = Buffer.concat([eucKrPage(randomUUID()), Buffer.from(`<p>${randomUUID()} 소액결제 상담</p>`.repeat(2_000))]);
      expect(small.length).toBeLessThan(32 * 1024);
      expect(large.length).toBeGreaterThan(32 * 1024);
      const id = await saveScan(capture([page('main', 'https://cash.example/', small), page('linked', 'https://cash.example/big', large)]), NOW);
      const loaded = (await store.load(id))!;
      for (const body of [small, large]) {
        expect((await loaded.blob(sha(body)))!.equals(body)).toBe(true);
        const stored = (await db.sql.query<{ encoding: string; n: number }>(`select encoding, octet_length(data) as n from blobs where sha256 = $1`, [sha(body)])).rows[0]!;
        expect(stored.encoding).toBe('br');
        expect(stored.n).toBeLessThan(body.length / 2);
      }
    });

    it('round-trips the bytes exactly, keeps incompressible bytes as they are, and checks them on the way out', async (ctx) => {
      if (!db) return ctx.skip();
      const random = randomBytes(4096);
      const html = eucKrPage(randomUUID());
      const whois = `Domain Name: cash.example\n등록인: 홍길동 ${randomUUID()}\n`;
      const c = capture([page('main', 'https://cash.example/', html), page('linked', 'https://cash.example/apply', random)], whois);
      const id = await saveScan(c, NOW);
      const loaded = (await store.load(id))!;
      expect(loaded.purgedAt).toBeNull();
      expect(loaded.manifest.rulesetVersion).toBe('rs-test');
      expect(loaded.manifest.weights).toBe('default');
      expect(loaded.manifest.summary.records.map((r) => r.sha256)).toEqual([sha(html), sha(random), sha(Buffer.from(whois))]);
      expect((await loaded.blob(sha(html)))!.equals(html)).toBe(true);
      expect((await loaded.blob(sha(random)))!.equals(random)).toBe(true);
      expect((await loaded.blob(sha(Buffer.from(whois))))!.toString('utf8')).toBe(whois);
      const enc = (await db.sql.query<{ encoding: string }>(`select encoding from blobs where sha256 = $1`, [sha(random)])).rows[0]!.encoding;
      expect(enc).toBe('identity');

      // Another scan's blob is not reachable through this scan, nor is a malformed hash.
      const other = eucKrPage(randomUUID());
      await saveScan(capture([page('main', 'https://other.example/', other)]), NOW);
      expect(await loaded.blob(sha(other))).toBeNull();
      expect(await loaded.blob("' or 1=1 --")).toBeNull();

      // Damaged bytes are refused, never served.
      await db.sql.query(`update blobs set data = $2, encoding = 'identity' where sha256 = $1`, [sha(random), Buffer.from(randomBytes(4096))]);
      await expect(loaded.blob(sha(random))).rejects.toBeInstanceOf(EvidenceCorruptError);
      expect(await store.load(randomUUID())).toBeNull();
    });

    it('a second write of the same scan (a retried transaction) changes nothing, and a rolled-back one leaves nothing', async (ctx) => {
      if (!db) return ctx.skip();
      const body = eucKrPage(randomUUID());
      const c = capture([page('main', 'https://cash.example/', body)]);
      const id = await saveScan(c, NOW);
      const again = await store.statements(id, await planEvidence(c, { maxBytesPerScan: 1e7, retentionDays: 30, scannedAt: new Date(NOW).toISOString() }), META);
      await db.sql.transaction((tx) => runStatements(tx, again));
      expect(await count(`select count(*)::int as n from evidence_blobs where scan_id = $1`, [id])).toBe(2);

      const lost = eucKrPage(randomUUID());
      const lostId = randomUUID();
      const lostEvidence = await store.statements(lostId, await plan(capture([page('main', 'https://x.example/', lost)])), META);
      await expect(
        db.sql.transaction(async (tx) => {
          await tx.query(`insert into scans (id, url, score, band, scanned_at, result) values ($1, 'https://x.example/', 0, 'low', now(), '{}')`, [lostId]);
          await runStatements(tx, lostEvidence);
          throw new Error('the save failed after the evidence was written');
        }),
      ).rejects.toThrow('the save failed');
      expect(await blobRows(sha(lost))).toBe(0);
      expect(await store.load(lostId)).toBeNull();
    });

    it('records a size-cap drop in the stored summary and stores no bytes for it', async (ctx) => {
      if (!db) return ctx.skip();
      const main = eucKrPage(randomUUID());
      const linked = randomBytes(50_000);
      const id = await saveScan(capture([page('main', 'https://cash.example/', main), page('linked', 'https://cash.example/big', linked)]), NOW, 20_000);
      const loaded = (await store.load(id))!;
      expect(loaded.manifest.summary.dropped).toEqual([{ role: 'linked', url: 'https://cash.example/big', sha256: sha(linked), bytes: 50_000, reason: 'size-cap' }]);
      expect(await blobRows(sha(linked))).toBe(0);
      expect(await loaded.blob(sha(linked))).toBeNull();
      expect((await loaded.blob(sha(main)))!.equals(main)).toBe(true);
    });

    it('retention purge marks old scans, says so in their summary, deletes unused blobs and keeps those a newer scan uses', async (ctx) => {
      if (!db) return ctx.skip();
      clock = NOW + 100 * DAY;
      await store.purgeExpired(); // what earlier tests left, now past retention
      const shared = eucKrPage(`shared ${randomUUID()}`);
      const onlyOld = eucKrPage(`old ${randomUUID()}`);
      const oldWhois = `Domain Name: old.example ${randomUUID()}\n`;
      const oldId = await saveScan(
        capture([page('main', 'https://old.example/', onlyOld), page('linked', 'https://old.example/apply', shared)], oldWhois),
        clock - 31 * DAY,
      );
      const newId = await saveScan(capture([page('main', 'https://new.example/', shared)], null), clock - 29 * DAY);

      expect(await store.purgeExpired()).toEqual({ scans: 1, blobs: 2 });
      expect(await blobRows(sha(onlyOld))).toBe(0);
      expect(await blobRows(sha(Buffer.from(oldWhois)))).toBe(0);
      expect(await blobRows(sha(shared))).toBe(1);

      const old = (await store.load(oldId))!;
      expect(old.purgedAt).toBe(new Date(clock).toISOString());
      expect(old.manifest.summary.records).toEqual([]);
      expect(old.manifest.summary.totalBytes).toBe(0);
      expect(old.manifest.summary.dropped).toEqual([
        { role: 'main', url: 'https://old.example/', sha256: sha(onlyOld), bytes: onlyOld.length, reason: 'retention' },
        { role: 'linked', url: 'https://old.example/apply', sha256: sha(shared), bytes: shared.length, reason: 'retention' },
        { role: 'whois', url: 'whois://whois.example:43/cash.example', sha256: sha(Buffer.from(oldWhois)), bytes: Buffer.byteLength(oldWhois), reason: 'retention' },
      ]);
      expect(old.manifest.capture.pages[0]!.body).toMatchObject({ dropped: 'retention' });
      // The purged scan no longer opens the bytes, even those still kept for the newer scan.
      expect(await old.blob(sha(shared))).toBeNull();
      const fresh = (await store.load(newId))!;
      expect(fresh.purgedAt).toBeNull();
      expect((await fresh.blob(sha(shared)))!.equals(shared)).toBe(true);

      // Nothing more to do; later, the newer scan goes too, and the shared bytes with it.
      expect(await store.purgeExpired()).toEqual({ scans: 0, blobs: 0 });
      clock += 2 * DAY;
      expect(await store.purgeExpired()).toEqual({ scans: 1, blobs: 1 });
      expect(await blobRows(sha(shared))).toBe(0);
    });

    it('a purge running while a scan that reuses old bytes is being saved does not delete those bytes under it', async (ctx) => {
      // Only a server runs the two at once (PGlite has one connection: transactions queue).
      if (!db || db.sql.kind !== 'postgres') return ctx.skip();
      clock = NOW + 300 * DAY;
      await store.purgeExpired();
      const body = eucKrPage(`reused ${randomUUID()}`);
      await saveScan(capture([page('main', 'https://old.example/', body)], null), clock - 40 * DAY);

      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let written!: () => void;
      const wrote = new Promise<void>((r) => (written = r));
      const newId = randomUUID();
      const newEvidence = await store.statements(newId, await plan(capture([page('main', 'https://new.example/', body)], null), new Date(clock).toISOString()), META);
      const saving = db.sql.transaction(async (tx) => {
        await tx.query(`insert into scans (id, url, score, band, scanned_at, result) values ($1, 'https://new.example/', 0, 'low', $2, '{}')`, [
          newId,
          new Date(clock).toISOString(),
        ]);
        await runStatements(tx, newEvidence);
        written();
        await gate; // not committed yet: the purge must not take the bytes this scan now references
      });
      await wrote;
      const purging = store.purgeExpired();
      await new Promise((r) => setTimeout(r, 300));
      release();
      await saving;
      expect(await purging).toEqual({ scans: 1, blobs: 0 });
      expect(await blobRows(sha(body))).toBe(1);
      expect((await (await store.load(newId))!.blob(sha(body)))!.equals(body)).toBe(true);
    });

    it('keeps everything when there is no retention period', async (ctx) => {
      if (!db) return ctx.skip();
      const forever = createEvidenceStore(db.sql, { retentionDays: null, now: () => NOW + 10_000 * DAY });
      const body = eucKrPage(randomUUID());
      const id = await saveScan(capture([page('main', 'https://cash.example/', body)]), NOW - 1000 * DAY);
      expect(await forever.purgeExpired()).toEqual({ scans: 0, blobs: 0 });
      expect((await (await forever.load(id))!.blob(sha(body)))!.equals(body)).toBe(true);
    });
  });
}

evidenceContract('evidence store on PGlite (in memory)', openEmbeddedStore);
// A database of its own: the purge sweeps every unused blob in the database.
evidenceContract('evidence store on a real Postgres server', openScratchPostgres);
