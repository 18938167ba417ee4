// Related domains as recall reads them, on both stores: linked by an identifier or by a template within a few
// bits, one link per identifier or template per domain (the newest), each domain with its latest scan and standing
// analyst verdict, the most severe first, at most twenty, and a rescore's own scan left out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicators } from '../../src/analysis/indicators.js';
import type { ScanResult } from '../../src/scan/scanner.js';
import { createCasework } from '../../src/store/casework.js';
import { createRecall, type Recall, type RecallQuery } from '../../src/store/recall.js';
import { createScanStore, type ScanStore } from '../../src/store/scan-store.js';
import { scanResult } from '../support/scan-results.js';
import { openEmbeddedStore, openScratchPostgres, type OpenedStore } from '../support/stores.js';

const TEMPLATE = '0123456789abcdef';
/** Two bits from TEMPLATE (f → c): the same template. */
const NEAR = '0123456789abcdec';
/** Four bits from TEMPLATE in one band (f → 0): a candidate by its other bands, but another template. */
const FAR = '0123456789abcde0';
const noIndicators: Indicators = { phones: [], bankAccounts: [], kakaoIds: [], openChats: [], telegram: [], emails: [], links: [], lineIds: [], wechatIds: [] };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 0, minute)).toISOString();

function site(domain: string, minute: number, over: Partial<ScanResult> = {}): ScanResult {
  return scanResult({ url: `https://${domain}/`, finalUrl: `https://${domain}/`, domain, scannedAt: at(minute), indicators: noIndicators, ...over });
}
const kakao = (id: string) => ({ ...noIndicators, kakaoIds: [id] });
const phone = (p: string) => ({ ...noIndicators, phones: [p] });

const query = (over: Partial<RecallQuery> = {}): RecallQuery => ({
  domain: 'cash.example',
  urls: ['https://cash.example/'],
  indicators: [
    { kind: 'kakao', value: 'cash7777' },
    { kind: 'phone', value: '010-2345-6789' },
  ],
  fingerprint: TEMPLATE,
  reading: 'offer',
  ...over,
});

function recallContract(name: string, open: () => Promise<OpenedStore | null>) {
  describe(name, () => {
    let opened: OpenedStore | null = null;
    let store: ScanStore;
    let recall: Recall;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      opened = await open();
      if (!opened) return;
      store = await createScanStore(opened.sql);
      const casework = createCasework(opened.sql, { knownRules: ['payout-rate'] });
      recall = createRecall(opened.sql, casework);
      const scans: [string, ScanResult][] = [
        // The domain asked about: its own scans never link it to itself.
        ['own', site('cash.example', 1, { indicators: kakao('cash7777'), template: TEMPLATE })],
        // Twice with the same ID: one link, to the newer scan; the band is the latest scan's.
        ['b-old', site('b.example', 2, { indicators: kakao('cash7777'), band: 'low', score: 10 })],
        ['b-new', site('b.example', 5, { indicators: kakao('cash7777'), band: 'high', score: 70 })],
        // The ID and the template: both links, the identifier's first.
        ['c', site('c.example', 3, { indicators: kakao('cash7777'), template: NEAR, band: 'low', score: 5 })],
        // Another template only: not linked.
        ['d', site('d.example', 4, { template: FAR, band: 'critical', score: 95 })],
        // Medium, but an analyst's standing verdict says scam: the most severe.
        ['e', site('e.example', 6, { indicators: phone('010-2345-6789'), band: 'medium', score: 40 })],
        // Critical; its scam verdict was withdrawn.
        ['f', site('f.example', 7, { indicators: phone('010-2345-6789'), band: 'critical', score: 90 })],
      ];
      for (const [key, r] of scans) {
        ids[key] = r.id;
        await store.save(r);
      }
      await casework.recordVerdict({ domain: 'e.example', verdict: 'scam', reason: 'r', by: 'analyst' });
      const withdrawn = await casework.recordVerdict({ domain: 'f.example', verdict: 'scam', reason: 'r', by: 'analyst' });
      await casework.withdrawVerdict(withdrawn.id, { by: 'analyst', reason: 'mistake' });
    });
    afterAll(async () => {
      await opened?.done();
    });

    it('links by identifier and template, one link per identifier (the newest), the most severe domain first', async (ctx) => {
      if (!opened) return ctx.skip();
      const { related } = await recall(query());
      expect(related.map((r) => [r.domain, r.band, r.score, r.analystVerdict])).toEqual([
        ['e.example', 'medium', 40, 'scam'],
        ['f.example', 'critical', 90, null],
        ['b.example', 'high', 70, null],
        ['c.example', 'low', 5, null],
      ]);
      const byDomain = Object.fromEntries(related.map((r) => [r.domain, r]));
      expect(byDomain['b.example']!.lastScanAt).toBe(at(5));
      expect(byDomain['b.example']!.links).toEqual([{ via: 'indicator', kind: 'kakao', value: 'cash7777', scanId: ids['b-new'], seenAt: at(5) }]);
      expect(byDomain['c.example']!.links).toEqual([
        { via: 'indicator', kind: 'kakao', value: 'cash7777', scanId: ids.c, seenAt: at(3) },
        { via: 'template', distance: 2, scanId: ids.c, seenAt: at(3) },
      ]);
      expect(byDomain['e.example']!.links).toEqual([{ via: 'indicator', kind: 'phone', value: '010-2345-6789', scanId: ids.e, seenAt: at(6) }]);
    });

    it('leaves out the scan a rescore rescores: its links and its band', async (ctx) => {
      if (!opened) return ctx.skip();
      const { related } = await recall(query({ domain: 'other.example', excludeScanId: ids['b-new'] }));
      const b = related.find((r) => r.domain === 'b.example')!;
      expect([b.band, b.score, b.lastScanAt]).toEqual(['low', 10, at(2)]);
      expect(b.links.map((l) => l.scanId)).toEqual([ids['b-old']]);
      // Asked from another domain, the first domain's scan links too.
      expect(related.map((r) => r.domain)).toContain('cash.example');
    });

    it('answers nothing without identifiers or a template, and at most twenty domains', async (ctx) => {
      if (!opened) return ctx.skip();
      expect((await recall(query({ indicators: [], fingerprint: null }))).related).toEqual([]);
      expect((await recall(query({ indicators: [{ kind: 'kakao', value: 'nobody1' }], fingerprint: null }))).related).toEqual([]);
      for (let i = 0; i < 25; i++) await store.save(site(`mirror${i}.example`, 100 + i, { indicators: kakao('mirror77') }));
      const { related } = await recall(query({ indicators: [{ kind: 'kakao', value: 'mirror77' }], fingerprint: null }));
      expect(related).toHaveLength(20);
      // Equally severe: the most recently scanned first.
      expect(related[0]!.domain).toBe('mirror24.example');
      expect(related[19]!.domain).toBe('mirror5.example');
    });
  });
}

recallContract('embedded store (PGlite)', openEmbeddedStore);
recallContract('Postgres', openScratchPostgres);
