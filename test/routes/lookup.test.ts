// Lookups through the API against real scans stored through the harness, on the embedded store and on a real
// Postgres: exact URL, host and domain matches, expiry and staleness, the cache dropping answers when a scan or
// an analyst's verdict lands, background scans with scan=if-missing, and the hash-prefix route with the
// browser client pointed at the app listening on loopback.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHashLookupClient } from '../../src/client/hash-lookup.js';
import type { ScanResult } from '../../src/scan/scanner.js';
import { verdictExpiry } from '../../src/serve/expiry.js';
import { startHarness, type Harness, type SiteSpec } from '../support/harness.js';
import { createScratchDatabase, startTestPostgres, type TestPostgres } from '../support/postgres.js';

const OPERATOR = fs.readFileSync(new URL('../fixtures/pages/op-micropayment-95.html', import.meta.url), 'utf8');
const BLOG = '<html><head><title>주말 등산 기록</title></head><body><h1>북한산 등산</h1><p>' + '아침 일찍 출발해서 정상까지 올랐다. '.repeat(30) + '</p></body></html>';

const young = { ageDays: 6, registrar: 'Gname.com Pte. Ltd.', privacy: true };
const sites: Record<string, SiteSpec> = {
  'paymoney-cash.top': { routes: { '/': { body: OPERATOR }, '/apply?id=7': { body: OPERATOR } }, whois: young },
  'www.hiking-notes.kr': { routes: { '/': { body: BLOG } }, whois: { ageDays: 3000, registrar: 'Gabia', privacy: false } },
  'later-cash.top': { routes: { '/': { body: OPERATOR } }, whois: young },
  'fresh-cash.top': { routes: { '/': { body: OPERATOR } }, whois: young },
};

async function cacheCount(h: Harness, result: string): Promise<number> {
  const metric = await h.services.metrics.cacheRequests.get();
  return metric.values.find((v) => v.labels.result === result)?.value ?? 0;
}

function lookupContract(name: string, env: () => Promise<Record<string, string> | null>) {
  describe(name, () => {
    let h: Harness | null = null;

    beforeAll(async () => {
      const extra = await env();
      if (!extra) return;
      h = await startHarness(sites, extra);
    });
    afterAll(async () => {
      await h?.close();
    });

    const scan = async (url: string): Promise<ScanResult> => {
      const res = await h!.app.inject({ method: 'POST', url: '/v1/scans', payload: { url } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const lookup = (url: string, extra = '') => h!.app.inject({ method: 'GET', url: `/v1/lookup?url=${encodeURIComponent(url)}${extra}` });

    it('answers 404 NOT_KNOWN for an unknown URL and 400 for one that is not a URL, as problem details', async (ctx) => {
      if (!h) return ctx.skip();
      const unknown = await lookup('http://never-seen.example/');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(unknown.json()).toMatchObject({ status: 404, code: 'NOT_KNOWN' });
      expect(unknown.json().detail).toMatch(/POST \/v1\/scans/);
      expect(unknown.json().detail).toMatch(/scan=if-missing/);
      const bad = await lookup('not a url');
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ status: 400, code: 'BAD_INPUT' });
      const missing = await h.app.inject({ method: 'GET', url: '/v1/lookup' });
      expect(missing.statusCode).toBe(400);
      const badScan = await lookup('http://never-seen.example/', '&scan=always');
      expect(badScan.statusCode).toBe(400);
    });

    it('answers the latest verdict of the exact URL, else of its host, else of its domain, with its expiry', async (ctx) => {
      if (!h) return ctx.skip();
      const stored = await scan(h.url('paymoney-cash.top'));
      // Written as a person would, normalised as the scanner does (upper-case host, no trailing slash).
      const exact = await lookup(h.url('paymoney-cash.top', '').replace('paymoney-cash', 'PayMoney-Cash'));
      expect(exact.statusCode, exact.body).toBe(200);
      const expiry = verdictExpiry(stored, null);
      expect(exact.json()).toEqual({
        url: stored.url,
        matched: 'url',
        scanId: stored.id,
        scannedAt: stored.scannedAt,
        score: stored.score,
        band: stored.band,
        complete: stored.complete,
        analystVerdict: null,
        expiresAt: expiry.expiresAt,
        reachedBy: 'scan',
        stale: false,
      });
      const page = await lookup(h.url('paymoney-cash.top', '/some/other/page'));
      expect(page.json()).toMatchObject({ matched: 'host', scanId: stored.id });
      const sub = await lookup(h.url('shop.paymoney-cash.top', '/'));
      expect(sub.json()).toMatchObject({ matched: 'domain', scanId: stored.id });
    });

    it('serves a repeated lookup from the cache, and a new scan of the site replaces the cached answer', async (ctx) => {
      if (!h) return ctx.skip();
      const url = h.url('www.hiking-notes.kr');
      const first = await scan(url);
      expect((await lookup(url)).json().scanId).toBe(first.id);
      const hits = await cacheCount(h, 'hit');
      expect((await lookup(url)).json().scanId).toBe(first.id);
      expect(await cacheCount(h, 'hit')).toBe(hits + 1);
      // A scan of another page of the same domain is newer for host and domain lookups.
      const other = h.url('hiking-notes.kr', '/x');
      expect((await lookup(other)).json()).toMatchObject({ matched: 'domain', scanId: first.id });
      const second = await scan(url);
      expect(second.id).not.toBe(first.id);
      expect((await lookup(url)).json().scanId).toBe(second.id);
      expect((await lookup(other)).json().scanId).toBe(second.id);
    });

    it('shows an analyst verdict as soon as it is recorded, and drops it when withdrawn', async (ctx) => {
      if (!h) return ctx.skip();
      const url = h.url('paymoney-cash.top');
      expect((await lookup(url)).json().analystVerdict).toBeNull();
      const recorded = await h.app.inject({ method: 'POST', url: '/v1/domains/paymoney-cash.top/verdict', payload: { verdict: 'scam', reason: 'victim reports', by: 'analyst-kim' } });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const withVerdict = (await lookup(url)).json();
      expect(withVerdict).toMatchObject({ reachedBy: 'analyst', analystVerdict: { verdict: 'scam', by: 'analyst-kim', id: recorded.json().id } });
      const withdrawn = await h.app.inject({
        method: 'DELETE',
        url: `/v1/domains/paymoney-cash.top/verdict/${recorded.json().id}`,
        payload: { by: 'analyst-kim', reason: 'mistake' },
      });
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      expect((await lookup(url)).json()).toMatchObject({ reachedBy: 'scan', analystVerdict: null });
    });

    it('says stale when the verdict is past its expiry', async (ctx) => {
      if (!h) return ctx.skip();
      const fresh = await scan(h.url('paymoney-cash.top', '/apply?id=7'));
      const old = { ...fresh, id: crypto.randomUUID(), url: h.url('paymoney-cash.top', '/old'), scannedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() };
      await h.services.store.save(old);
      const stale = await lookup(old.url);
      expect(stale.json()).toMatchObject({ matched: 'url', scanId: old.id, stale: true });
      expect(Date.parse(stale.json().expiresAt)).toBeLessThan(Date.now());
      const before = await cacheCount(h, 'stale');
      expect((await lookup(old.url)).json().stale).toBe(true);
      expect(await cacheCount(h, 'stale')).toBe(before + 1);
    });

    it('with scan=if-missing answers 202 with a Location to poll while the scan runs, then 200', async (ctx) => {
      if (!h) return ctx.skip();
      const url = h.url('later-cash.top');
      const started = await lookup(url, '&scan=if-missing');
      expect(started.statusCode, started.body).toBe(202);
      const location = started.headers.location as string;
      expect(location).toBe(`/v1/lookup?url=${encodeURIComponent(new URL(url).toString())}&scan=if-missing`);
      let answer = started;
      for (let i = 0; i < 200 && answer.statusCode === 202; i++) {
        await new Promise((r) => setTimeout(r, 50));
        answer = await h.app.inject({ method: 'GET', url: location });
      }
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.json()).toMatchObject({ matched: 'url', url: new URL(url).toString() });
      const stored = await h.app.inject({ method: 'GET', url: `/v1/scans/${answer.json().scanId}` });
      expect(stored.statusCode).toBe(200);
    });

    it('answers full hashes under 4-byte prefixes, never the URL, and the client finds the most specific verdict', async (ctx) => {
      if (!h) return ctx.skip();
      const bad = await h.app.inject({ method: 'POST', url: '/v1/lookup/hashes', payload: { prefixes: ['not base64'] } });
      expect(bad.statusCode).toBe(400);
      const tooMany = await h.app.inject({ method: 'POST', url: '/v1/lookup/hashes', payload: { prefixes: Array(1001).fill('AAAAAA==') } });
      expect(tooMany.statusCode).toBe(400);
      const none = await h.app.inject({ method: 'POST', url: '/v1/lookup/hashes', payload: { prefixes: ['AAAAAA=='] } });
      expect(none.json()).toEqual({ hashes: [] });
      // The GET form: one prefix or several, URL-encoded; bad or too many refused.
      expect((await h.app.inject({ method: 'GET', url: `/v1/lookup/hashes?prefix=${encodeURIComponent('AAAAAA==')}` })).json()).toEqual({ hashes: [] });
      const several = Array.from({ length: 3 }, (_, i) => `prefix=${encodeURIComponent(Buffer.from([i, 1, 2, 3]).toString('base64'))}`).join('&');
      expect((await h.app.inject({ method: 'GET', url: `/v1/lookup/hashes?${several}` })).json()).toEqual({ hashes: [] });
      expect((await h.app.inject({ method: 'GET', url: '/v1/lookup/hashes?prefix=AAAAAA' })).statusCode).toBe(400);
      expect((await h.app.inject({ method: 'GET', url: '/v1/lookup/hashes' })).statusCode).toBe(400);
      const sixtyFive = Array.from({ length: 65 }, () => `prefix=${encodeURIComponent('AAAAAA==')}`).join('&');
      expect((await h.app.inject({ method: 'GET', url: `/v1/lookup/hashes?${sixtyFive}` })).statusCode).toBe(400);

      const stored = await scan(h.url('paymoney-cash.top'));
      const address = await h.app.listen({ port: 0, host: '127.0.0.1' });
      const sent: string[] = [];
      const answers: string[] = [];
      const client = createHashLookupClient({
        baseUrl: address,
        fetch: async (input, init) => {
          expect(init?.body).toBeUndefined();
          sent.push(String(input));
          const res = await fetch(input, init);
          answers.push(await res.clone().text());
          return res;
        },
      });
      const exact = await client.check(h.url('paymoney-cash.top'));
      expect(exact).toMatchObject({ matched: 'url', band: stored.band, score: stored.score, expiresAt: verdictExpiry(stored, null).expiresAt, stale: false });
      expect(exact!.expression).toBe('paymoney-cash.top/');
      expect(await client.check(h.url('paymoney-cash.top', '/apply?id=7'))).toMatchObject({ matched: 'url' });
      expect(await client.check(h.url('paymoney-cash.top', '/never/scanned.html'))).toMatchObject({ matched: 'host', expression: 'paymoney-cash.top/' });
      expect(await client.check('https://login.paymoney-cash.top/a/b?c=d')).toMatchObject({ matched: 'domain', expression: 'paymoney-cash.top/' });
      expect(await client.check('https://unrelated.example/')).toBeNull();
      // A cached "nothing under these prefixes" gives way to a scan stored since, and to an analyst's verdict.
      const fresh = h.url('fresh-cash.top');
      expect(await client.check(fresh)).toBeNull();
      expect(await client.check(fresh)).toBeNull();
      await scan(fresh);
      expect(await client.check(fresh)).toMatchObject({ matched: 'url', reachedBy: 'scan', analystVerdict: null });
      const recorded = await h.app.inject({ method: 'POST', url: '/v1/domains/fresh-cash.top/verdict', payload: { verdict: 'scam', reason: 'reports', by: 'kim' } });
      expect(recorded.statusCode).toBe(201);
      expect(await client.check(fresh)).toMatchObject({ matched: 'url', reachedBy: 'analyst', analystVerdict: 'scam' });
      // The service saw prefixes only; it answered hashes only.
      for (const requested of sent) {
        const url = new URL(requested);
        expect(url.pathname).toBe('/v1/lookup/hashes');
        expect([...new Set(url.searchParams.keys())]).toEqual(['prefix']);
        expect(requested).not.toMatch(/paymoney|unrelated|apply|fresh/);
        for (const p of url.searchParams.getAll('prefix')) expect(Buffer.from(p, 'base64')).toHaveLength(4);
      }
      for (const text of answers) expect(text).not.toMatch(/paymoney|fresh|http/);
    });
  });
}

lookupContract('lookups on the embedded store', async () => ({}));

let pg: TestPostgres | null = null;
let scratch: { url: string; drop(): Promise<void> } | null = null;
lookupContract('lookups on Postgres', async () => {
  pg = await startTestPostgres();
  if (!pg) return null;
  scratch = await createScratchDatabase(pg.url);
  return { DATABASE_URL: scratch.url };
});
afterAll(async () => {
  await scratch?.drop();
  await pg?.stop();
});

describe('a lookup scan refused by admission', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(sites, { SCAMSCORE_SCAN_QUEUE: '0' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 503 with Retry-After instead of a 202 for a scan that will never run', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/lookup?url=${encodeURIComponent(h.url('later-cash.top'))}&scan=if-missing` });
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json()).toMatchObject({ code: 'SCAN_QUEUE_FULL' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
