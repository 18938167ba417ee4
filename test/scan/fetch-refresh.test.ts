// Refreshes are redirect hops: the Refresh header and <meta http-equiv="refresh"> go through the same hop
// count, loop check, URL policy and connect-time address check as a 3xx.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMetaRefresh, parseRefresh } from '../../src/scan/fetch/refresh.js';
import { createFetcher, type Fetcher } from '../../src/scan/safe-fetch.js';
import { startDnsServer, type DnsServer } from '../support/dns-server.js';
import { startWebServer, type Sites, type WebServer } from '../support/web-server.js';

const meta = (content: string, before = '') =>
  `<html><head>${before}<meta http-equiv="refresh" content="${content}"></head><body>wait</body></html>`;

let dns: DnsServer;
let web: WebServer;
let canary: WebServer;
let fetcher: Fetcher;
const sites: Sites = {};
const url = (path: string, host = 'r.test') => `http://${host}:${web.port}${path}`;
const fetchPath = (path: string, f = () => fetcher) =>
  f().fetchPage(new URL(url(path)), { signal: AbortSignal.timeout(5000) });

beforeAll(async () => {
  dns = await startDnsServer({ 'r.test': '127.0.0.1', 'other.test': '127.0.0.1', 'internal.test': '127.0.0.2' });
  web = await startWebServer(sites);
  // Linux answers on all of 127/8: a server on 127.0.0.2 counts every connection that gets there.
  canary = await startWebServer({}, { host: '127.0.0.2', port: web.port, fallback: (_q, res) => res.end('internal') });
  const p = web.port;
  sites['r.test'] = {
    '/landing': { body: '<p>landed</p>' },
    '/header': { headers: { refresh: '0; url=/landing' }, body: '<p>ignored</p>' },
    '/header-abs': { headers: { refresh: `3;URL="http://other.test:${p}/there"` } },
    '/meta': { body: meta("0; URL='/landing'") },
    '/meta-entities': { body: meta('0;url=/landing?a=1&amp;b=2') },
    '/meta-late': { body: meta('30; url=/landing') },
    '/meta-self': { body: meta('0; url=/meta-self#top') },
    '/meta-reload': { body: meta('5') },
    '/meta-noscript': { body: meta('0;url=/landing', '<noscript><meta http-equiv="refresh" content="0;url=/decoy"></noscript>') },
    '/meta-comment': { body: '<!-- <meta http-equiv="refresh" content="0;url=/decoy"> --><script>"<meta http-equiv=refresh content=0;url=/decoy>"</script><p>stay</p>' },
    '/meta-deep': { body: `<p>${'x'.repeat(70 * 1024)}</p>${meta('0;url=/decoy')}` },
    '/meta-plain': { body: meta('0;url=/decoy'), headers: { 'content-type': 'text/plain; charset=utf-8' } },
    '/meta-internal': { body: meta(`0;url=http://internal.test:${p}/`) },
    '/meta-literal': { body: meta(`0;url=http://127.0.0.2:${p}/admin`) },
    '/header-localhost': { headers: { refresh: `0;url=http://localhost:${p}/` } },
    '/meta-port': { body: meta('0;url=http://r.test:22/') },
    '/loop-a': { body: meta('0;url=/loop-b') },
    '/loop-b': { headers: { refresh: '1, /loop-a' } },
    '/mixed': { status: 302, headers: { location: '/mixed-meta' } },
    '/mixed-meta': { body: meta('0;url=/mixed-header') },
    '/mixed-header': { headers: { refresh: '0;url=/landing' } },
    '/404-meta': { status: 404, body: meta('0;url=/landing') },
    // The refresh is looked for in the first 64 Ki characters of the text, not bytes: each 가 is 3 bytes in UTF-8.
    '/meta-wide-near': { body: `<p>${'가'.repeat(60_000)}</p>${meta('0;url=/landing')}` },
    '/meta-wide-far': { body: `<p>${'가'.repeat(65_600)}</p>${meta('0;url=/decoy')}` },
    '/meta-euc-kr': {
      body: iconv.encode(`<p>${'한글'.repeat(30_000)}</p>${meta('0;url=/landing')}`, 'euc-kr'),
      headers: { 'content-type': 'text/html; charset=euc-kr' },
    },
    '/meta-utf16': { body: Buffer.from(meta('0;url=/landing'), 'utf16le'), headers: { 'content-type': 'text/html; charset=utf-16le' } },
    '/meta-shouting': { body: '<META HTTP-EQUIV="&#82;efresh" CONTENT="0;url=/landing"><p>wait</p>' },
    '/meta-other-equiv': { body: '<meta http-equiv="X-UA-Compatible" content="IE=edge"><p>stay</p>' },
  };
  sites['other.test'] = { '/there': { body: 'there' } };
  // Every page refreshes to the next one: only the hop limit ends it.
  sites['chain.test'] = (req, res) => {
    const n = Number((req.url ?? '/0').slice(1)) || 0;
    res.writeHead(200, { 'content-type': 'text/html' }).end(meta(`0;url=/${n + 1}`));
  };
  dns.setRecord('chain.test', '127.0.0.1');
  fetcher = createFetcher({
    dnsServers: [dns.address],
    allowPrivate: ['127.0.0.1/32'],
    allowedPorts: [80, 443, web.port],
    maxBodyBytes: 200_000,
  });
});

afterAll(async () => {
  await fetcher?.close();
  await canary?.close();
  await web?.close();
  await dns?.close();
});

describe('parseRefresh (WHATWG declarative refresh)', () => {
  it.each([
    ['0; url=http://a.example/', 0, 'http://a.example/'],
    ['0;URL=/x', 0, '/x'],
    ['  5 ; url = "/q u" ', 5, '/q u'],
    ["0; url='/x'junk", 0, '/x'],
    ['1, /y', 1, '/y'],
    ['0.5;url=/z', 0, '/z'],
    ['.5; url=/z', 0, '/z'],
    ['0 /bare', 0, '/bare'],
    ['7', 7, null],
    ['0;', 0, null],
  ])('%j → %d s, %j', (value, delay, target) => {
    expect(parseRefresh(value)).toEqual({ delaySeconds: delay, url: target });
  });

  it.each(['', 'url=/x', 'soon; url=/x', '0x; url=/x'])('refuses %j', (value) => {
    expect(parseRefresh(value)).toBeNull();
  });

  it('finds the first meta refresh outside noscript and comments, within the first 64 KB', () => {
    expect(findMetaRefresh(meta('0;url=/a'))).toEqual({ delaySeconds: 0, url: '/a' });
    expect(findMetaRefresh('<META HTTP-EQUIV="REFRESH" CONTENT="2;URL=/b">')).toEqual({ delaySeconds: 2, url: '/b' });
    expect(findMetaRefresh('<meta http-equiv=refresh content="bad"><meta http-equiv=refresh content="0;url=/c">')).toEqual({
      delaySeconds: 0,
      url: '/c',
    });
    expect(findMetaRefresh('<!-- <meta http-equiv="refresh" content="0;url=/d"> -->')).toBeNull();
    expect(findMetaRefresh('<noscript><meta http-equiv="refresh" content="0;url=/e"></noscript>')).toBeNull();
    expect(findMetaRefresh(`${' '.repeat(64 * 1024)}${meta('0;url=/f')}`)).toBeNull();
  });
});

describe('refresh hops', () => {
  it('follows a Refresh header as a hop, recording the page that sent it', async () => {
    const out = await fetchPath('/header');
    expect(out.error).toBeUndefined();
    expect(out.finalUrl).toBe(url('/landing'));
    expect(out.body).toBe('<p>landed</p>');
    expect(out.redirects).toEqual([{ url: url('/header'), status: 200, via: 'refresh-header' }]);
  });

  it('follows a Refresh header to another host within the delay limit', async () => {
    const out = await fetchPath('/header-abs');
    expect(out.finalUrl).toBe(url('/there', 'other.test'));
    expect(out.body).toBe('there');
  });

  it('follows a meta refresh as a hop', async () => {
    const out = await fetchPath('/meta');
    expect(out.error).toBeUndefined();
    expect(out.finalUrl).toBe(url('/landing'));
    expect(out.body).toBe('<p>landed</p>');
    expect(out.redirects).toEqual([{ url: url('/meta'), status: 200, via: 'meta-refresh' }]);
  });

  it('decodes entities in the meta content and follows from an error page too', async () => {
    const hits = web.hits.length;
    await fetchPath('/meta-entities');
    expect(web.hits.slice(hits).map((h) => h.path)).toEqual(['/meta-entities', '/landing?a=1&b=2']);
    const out = await fetchPath('/404-meta');
    expect(out.redirects).toEqual([{ url: url('/404-meta'), status: 404, via: 'meta-refresh' }]);
    expect(out.status).toBe(200);
  });

  it('chains 3xx, meta refresh and Refresh header under one count', async () => {
    const out = await fetchPath('/mixed');
    expect(out.finalUrl).toBe(url('/landing'));
    expect(out.redirects).toEqual([
      { url: url('/mixed'), status: 302 },
      { url: url('/mixed-meta'), status: 200, via: 'meta-refresh' },
      { url: url('/mixed-header'), status: 200, via: 'refresh-header' },
    ]);
  });

  it.each([
    ['/meta-late', 'a refresh after more than 10 s'],
    ['/meta-self', 'a refresh to the same URL'],
    ['/meta-reload', 'a refresh without a URL'],
    ['/meta-comment', 'a meta refresh in a comment or script'],
    ['/meta-deep', 'a meta refresh beyond the first 64 KB'],
    ['/meta-plain', 'a meta refresh in text/plain'],
  ])('does not follow %s (%s)', async (path) => {
    const hits = web.hits.length;
    const out = await fetchPath(path);
    expect(out.ok).toBe(true);
    expect(out.redirects).toEqual([]);
    expect(out.finalUrl).toBe(url(path));
    expect(web.hits.slice(hits).map((h) => h.path)).toEqual([path]);
  });

  it('follows the scripted-browser meta refresh, not the one in <noscript>', async () => {
    const out = await fetchPath('/meta-noscript');
    expect(out.finalUrl).toBe(url('/landing'));
    expect(web.hits.some((h) => h.path === '/decoy')).toBe(false);
  });

  it('reports a refresh loop', async () => {
    const out = await fetchPath('/loop-a');
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('TOO_MANY_REDIRECTS');
    expect(out.error?.message).toContain('loop');
    expect(out.redirects.map((r) => r.via)).toEqual(['meta-refresh', 'refresh-header']);
  });

  it('counts refreshes against maxRedirects', async () => {
    const before = web.hits.filter((h) => h.host === 'chain.test').length;
    const out = await fetcher.fetchPage(new URL(url('/0', 'chain.test')), { signal: AbortSignal.timeout(5000) });
    expect(out.error?.code).toBe('TOO_MANY_REDIRECTS');
    expect(out.error?.message).toContain('more than 5 redirects');
    expect(web.hits.filter((h) => h.host === 'chain.test').length - before).toBe(6);
  });
});

describe('the meta refresh read from the page bytes', () => {
  it.each(['/meta-wide-near', '/meta-euc-kr', '/meta-utf16', '/meta-shouting'])('follows the one in %s', async (path) => {
    const out = await fetchPath(path);
    expect(out.error).toBeUndefined();
    expect(out.finalUrl).toBe(url('/landing'));
    expect(out.redirects).toEqual([{ url: url(path), status: 200, via: 'meta-refresh' }]);
  });

  it('ignores one past the first 64 Ki characters, however many bytes come before', async () => {
    const out = await fetchPath('/meta-wide-far');
    expect(out.finalUrl).toBe(url('/meta-wide-far'));
    expect(out.redirects).toEqual([]);
    expect(out.body.startsWith('<p>가가')).toBe(true);
  });

  it('stays on a page whose only http-equiv is not a refresh, and decodes its body as declared', async () => {
    const stay = await fetchPath('/meta-other-equiv');
    expect(stay.redirects).toEqual([]);
    expect(stay.body).toContain('<p>stay</p>');
  });
});

describe('refresh hops under the address and URL policy', () => {
  it.each(['/meta-internal', '/meta-literal'])('refuses %s to 127.0.0.2 without connecting there', async (path) => {
    const out = await fetchPath(path);
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('REDIRECT_REFUSED');
    expect(out.error?.message).toContain('127.0.0.2 is loopback');
    expect(out.redirects).toEqual([{ url: url(path), status: 200, via: 'meta-refresh' }]);
    expect(out.finalUrl).toBe(url(path));
    expect(canary.connections).toBe(0);
  });

  it('refuses a Refresh header to localhost by name', async () => {
    const out = await fetchPath('/header-localhost');
    expect(out.error?.code).toBe('REDIRECT_REFUSED');
    expect(out.error?.message).toContain('host "localhost" is refused');
  });

  it('refuses a meta refresh to a disallowed port', async () => {
    const out = await fetchPath('/meta-port');
    expect(out.error?.code).toBe('REDIRECT_REFUSED');
    expect(out.error?.message).toContain('port 22 is not allowed');
  });
});
