// The evidence a fetch keeps: every response on the way (status, headers, the address dialled, how it sent us
// on, timing) and the page's bytes as they were before charset decoding. Real DNS and HTTP on loopback; a
// second server on 127.0.0.2 shows the address is recorded per request, not per fetch.
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher, type FetchOutcome } from '../../src/scan/safe-fetch.js';
import { startDnsServer, type DnsServer } from '../support/dns-server.js';
import { startWebServer, type Sites, type WebServer } from '../support/web-server.js';

const EUCKR = iconv.encode('<html><head><title>상품권 매입</title></head><body>소액결제 현금화 똠 햏</body></html>', 'cp949');
const meta = (target: string) => `<html><head><meta http-equiv="refresh" content="0; url=${target}"></head><body>잠시만</body></html>`;
const CAP = 4096;

let dns: DnsServer;
let web: WebServer;
let far: WebServer;
let fetcher: Fetcher;
const sites: Sites = {};
const farSites: Sites = {};
const url = (path: string, host = 'cap.test') => new URL(`http://${host}:${web.port}${path}`);
const fetchPath = (path: string, host?: string) => fetcher.fetchPage(url(path, host), { signal: AbortSignal.timeout(5000) });

beforeAll(async () => {
  dns = await startDnsServer({ 'cap.test': '127.0.0.1', 'far.test': '127.0.0.2', 'private.test': '10.0.0.9' });
  web = await startWebServer(sites);
  far = await startWebServer(farSites, { host: '127.0.0.2' });
  sites['cap.test'] = {
    '/start': { status: 301, headers: { location: '/refresh', 'x-hop': 'one' } },
    '/refresh': { body: meta('/final'), headers: { 'content-type': 'text/html; charset=utf-8', 'x-hop': 'two' } },
    '/final': { body: EUCKR, headers: { 'content-type': 'text/html; charset=euc-kr', 'x-hop': 'three', 'set-cookie': 'sid=1' } },
    '/gzip': { body: zlib.gzipSync(EUCKR), headers: { 'content-type': 'text/html; charset=euc-kr', 'content-encoding': 'gzip' } },
    '/to-far': { status: 302, headers: { refresh: `0;url=http://far.test:${far.port}/page` } },
    '/to-far-302': { status: 302, headers: { location: `http://far.test:${far.port}/page` } },
    '/to-reset': { status: 302, headers: { location: '/reset' } },
    '/reset': (req) => req.socket.destroy(),
    '/to-private': { status: 302, headers: { location: `http://private.test:${web.port}/` } },
    '/mid-body': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000' });
      res.write('<p>half', () => res.socket?.destroy());
    },
    '/png': { body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), headers: { 'content-type': 'text/html' } },
    '/image': { body: Buffer.alloc(100, 1), headers: { 'content-type': 'image/png' } },
    '/big': { body: 'a'.repeat(CAP * 3) },
    '/slow': { body: '<p>slow</p>', delayMs: 200 },
    '/loop-a': { status: 302, headers: { location: '/loop-b' } },
    '/loop-b': { status: 302, headers: { location: '/loop-a' } },
  };
  farSites['far.test'] = { '/page': { body: '<p>far</p>' } };
  fetcher = createFetcher({
    dnsServers: [dns.address],
    allowPrivate: ['127.0.0.0/8'],
    allowedPorts: [web.port, far.port],
    maxBodyBytes: CAP,
  });
});

afterAll(async () => {
  await fetcher?.close();
  await Promise.all([web?.close(), far?.close(), dns?.close()]);
});

const lowerCase = (out: FetchOutcome) => out.chain.every((r) => Object.keys(r.headers).every((k) => k === k.toLowerCase()));

describe('fetch capture: the response chain', () => {
  it('301 → meta refresh → 200: three responses with status, headers, via, address and timing', async () => {
    const out = await fetchPath('/start');
    expect(out.ok).toBe(true);
    expect(out.chain).toHaveLength(3);
    const [moved, refresh, page] = out.chain;
    expect(moved).toMatchObject({ url: url('/start').href, status: 301, via: 'location', remoteAddress: '127.0.0.1' });
    expect(moved!.headers).toMatchObject({ location: '/refresh', 'x-hop': 'one' });
    expect(refresh).toMatchObject({ url: url('/refresh').href, status: 200, via: 'meta-refresh', remoteAddress: '127.0.0.1' });
    expect(refresh!.headers).toMatchObject({ 'x-hop': 'two', 'content-type': 'text/html; charset=utf-8' });
    expect(page).toMatchObject({ url: url('/final').href, status: 200, remoteAddress: '127.0.0.1' });
    expect(page!.via).toBeUndefined();
    expect(page!.headers).toMatchObject({ 'x-hop': 'three', 'set-cookie': 'sid=1', 'content-type': 'text/html; charset=euc-kr' });
    expect(page!.headers).toEqual(out.headers);
    expect(lowerCase(out)).toBe(true);
    for (const r of out.chain) expect(r.ms).toBeGreaterThanOrEqual(0);
    // The chain and the redirect list agree.
    expect(out.redirects).toEqual([
      { url: url('/start').href, status: 301 },
      { url: url('/refresh').href, status: 200, via: 'meta-refresh' },
    ]);
  });

  it('raw is the page bytes before charset decoding: the EUC-KR bytes, not their UTF-8 form', async () => {
    const out = await fetchPath('/start');
    expect(out.charset).toBe('cp949');
    expect(out.body).toContain('똠 햏');
    expect(Buffer.isBuffer(out.raw)).toBe(true);
    expect(out.raw!.equals(EUCKR)).toBe(true);
    expect(out.raw!.length).toBe(out.decodedBytes);
  });

  it('raw of a gzip-served page is the decompressed bytes', async () => {
    const out = await fetchPath('/gzip');
    expect(out.bytes).toBe(zlib.gzipSync(EUCKR).length);
    expect(out.raw!.equals(EUCKR)).toBe(true);
    expect(out.chain).toHaveLength(1);
    expect(out.chain[0]!.headers['content-encoding']).toBe('gzip');
  });

  it('records the address each request went to: a Refresh-header hop to another address', async () => {
    const out = await fetchPath('/to-far');
    expect(out.ok).toBe(true);
    expect(out.body).toBe('<p>far</p>');
    expect(out.chain.map((r) => [r.status, r.via, r.remoteAddress])).toEqual([
      [302, 'refresh-header', '127.0.0.1'],
      [200, undefined, '127.0.0.2'],
    ]);
  });

  it('a kept-alive connection reused for the next request still reports its address', async () => {
    // Two fetches to one origin in a row: the second rides the first's connection.
    const one = await fetchPath('/to-far-302');
    const before = far.connections;
    const two = await fetchPath('/to-far-302');
    expect(far.connections).toBe(before);
    for (const out of [one, two]) {
      expect(out.chain.map((r) => [r.via, r.remoteAddress])).toEqual([
        ['location', '127.0.0.1'],
        [undefined, '127.0.0.2'],
      ]);
    }
  });

  it('times each response from request to headers', async () => {
    const out = await fetchPath('/slow');
    expect(out.chain[0]!.ms).toBeGreaterThanOrEqual(180);
    expect(out.chain[0]!.ms).toBeLessThanOrEqual(out.ms);
  });
});

describe('fetch capture: failures keep what was received', () => {
  it('a connection reset after a redirect: the redirect is in the chain, no raw', async () => {
    const out = await fetchPath('/to-reset');
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBeDefined();
    expect(out.raw).toBeNull();
    expect(out.chain).toHaveLength(1);
    expect(out.chain[0]).toMatchObject({ url: url('/to-reset').href, status: 302, via: 'location', remoteAddress: '127.0.0.1' });
    expect(out.chain[0]!.headers.location).toBe('/reset');
  });

  it('a refused redirect: the response that asked for it is kept, with its via', async () => {
    const out = await fetchPath('/to-private');
    expect(out.error?.code).toBe('REDIRECT_REFUSED');
    expect(out.chain.map((r) => [r.url, r.status, r.via])).toEqual([[url('/to-private').href, 302, 'location']]);
  });

  it('a redirect loop: every response is in the chain, none of them a page', async () => {
    const out = await fetchPath('/loop-a');
    expect(out.error?.code).toBe('TOO_MANY_REDIRECTS');
    expect(out.raw).toBeNull();
    expect(out.chain.map((r) => [r.status, r.via])).toEqual([
      [302, 'location'],
      [302, 'location'],
    ]);
  });

  it('a body cut off mid-way: the response is in the chain, raw is null', async () => {
    const out = await fetchPath('/mid-body');
    expect(out.ok).toBe(false);
    expect(out.raw).toBeNull();
    expect(out.chain).toHaveLength(1);
    expect(out.chain[0]).toMatchObject({ status: 200, remoteAddress: '127.0.0.1' });
    expect(out.chain[0]!.headers['content-length']).toBe('1000');
  });
});

describe('fetch capture: no page body', () => {
  it('a binary body labelled text/html is not kept', async () => {
    const out = await fetchPath('/png');
    expect(out.contentType).toBe('image/png (sniffed)');
    expect(out.raw).toBeNull();
    expect(out.chain).toHaveLength(1);
  });

  it('a non-text response is not downloaded, so there is no raw', async () => {
    const out = await fetchPath('/image');
    expect(out.ok).toBe(true);
    expect(out.raw).toBeNull();
    expect(out.chain[0]).toMatchObject({ status: 200, headers: { 'content-type': 'image/png' } });
  });

  it('a truncated body keeps the bytes that were decoded, up to the cap', async () => {
    const out = await fetchPath('/big');
    expect(out.truncated).toBe(true);
    expect(out.raw!.length).toBe(CAP);
    expect(out.raw!.toString('latin1')).toBe('a'.repeat(CAP));
  });
});
