// Content codings we decode ourselves: normal pages in every accepted coding, and the hostile cases (bombs,
// stacked and unknown codings, corrupt streams), on a real loopback server.
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseContentEncoding } from '../../src/scan/fetch/decompress.js';
import { createFetcher, type Fetcher } from '../../src/scan/safe-fetch.js';
import { startDnsServer, type DnsServer } from '../support/dns-server.js';
import { startWebServer, type Sites, type WebServer } from '../support/web-server.js';

const PAGE = '<html><head><title>상품권 매입</title></head><body>' + '소액결제 현금화 95% '.repeat(200) + '</body></html>';
const CAP = 1024 * 1024;
// ~200 KB of text that does not compress to nothing, so a stream damaged halfway has output before the damage.
const LONG = (() => {
  const words = ['소액결제', '현금화', '상품권', '매입', '즉시', '입금', '수수료', '최저', '24시간', '상담'];
  let seed = 7;
  const out: string[] = [];
  for (let i = 0; i < 30_000; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out.push(words[seed % words.length]!, String(seed % 1000));
  }
  return `<p>${out.join(' ')}</p>`;
})();
const MB = Buffer.alloc(1024 * 1024, 'a');

// 1 GiB of text in about 1 MB: gzip members concatenate, so one compressed megabyte repeated is a valid body.
const gzipBomb = () => {
  const member = zlib.gzipSync(MB, { level: 9 });
  return Buffer.concat(Array<Buffer>(1024).fill(member));
};
// Brotli has no members; compress a gigabyte once, fast at quality 1 (~190 KB).
const brotliBomb = () => {
  const enc = zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } });
  const out: Buffer[] = [];
  enc.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<Buffer>((resolve) => enc.on('end', () => resolve(Buffer.concat(out))));
  (async () => {
    for (let i = 0; i < 1024; i++) if (!enc.write(MB)) await new Promise((r) => enc.once('drain', r));
    enc.end();
  })();
  return done;
};

const html = (body: Buffer, encoding: string, extra: Record<string, string> = {}) => ({
  body,
  headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': encoding, ...extra },
});

let dns: DnsServer;
let web: WebServer;
let fetcher: Fetcher;
const sites: Sites = {};
const url = (path: string) => new URL(`http://zip.test:${web.port}${path}`);
const fetchPath = (path: string, signal = AbortSignal.timeout(5000)) => fetcher.fetchPage(url(path), { signal });

beforeAll(async () => {
  const gz = zlib.gzipSync(PAGE);
  const corrupt = zlib.gzipSync(LONG);
  // Damage the deflate data well after the start: the first part still decodes.
  for (let i = Math.floor(corrupt.length / 2); i < corrupt.length - 8; i++) corrupt[i] = 0xff;
  sites['zip.test'] = {
    '/gzip': html(gz, 'gzip'),
    '/x-gzip': html(gz, 'x-gzip'),
    '/upper': html(gz, ' GZIP '),
    '/deflate-zlib': html(zlib.deflateSync(PAGE), 'deflate'),
    '/deflate-raw': html(zlib.deflateRawSync(PAGE), 'deflate'),
    '/br': html(zlib.brotliCompressSync(PAGE), 'br'),
    '/identity': html(Buffer.from(PAGE), 'identity'),
    '/euckr': {
      body: zlib.gzipSync(iconv.encode('<p>소액결제 현금화 똠 햏</p>', 'cp949')),
      headers: { 'content-type': 'text/html; charset=euc-kr', 'content-encoding': 'gzip' },
    },
    '/empty': html(Buffer.alloc(0), 'gzip'),
    '/gzip-bomb': html(gzipBomb(), 'gzip'),
    '/br-bomb': html(await brotliBomb(), 'br'),
    '/stacked': html(zlib.brotliCompressSync(zlib.gzipSync(PAGE)), 'gzip, br'),
    '/zstd': html(Buffer.from('(pretend zstd)'), 'zstd'),
    '/compress': html(Buffer.from('(pretend lzw)'), 'compress'),
    '/corrupt': html(corrupt, 'gzip'),
    '/garbage': html(Buffer.from('this is not gzip at all, just text'), 'gzip'),
    // Claims br, sends gzip: nothing decodes.
    '/mislabelled': html(gz, 'br'),
  };
  dns = await startDnsServer({ 'zip.test': '127.0.0.1' });
  web = await startWebServer(sites);
  fetcher = createFetcher({
    dnsServers: [dns.address],
    allowPrivate: ['127.0.0.0/8'],
    allowedPorts: [web.port],
    maxBodyBytes: CAP,
  });
}, 30_000);

afterAll(async () => {
  await fetcher?.close();
  await web?.close();
  await dns?.close();
});

describe('content codings: parseContentEncoding', () => {
  it('accepts exactly one known coding, identity meaning none', () => {
    expect(parseContentEncoding(undefined)).toEqual({ ok: true, coding: 'identity' });
    expect(parseContentEncoding('')).toEqual({ ok: true, coding: 'identity' });
    expect(parseContentEncoding('identity')).toEqual({ ok: true, coding: 'identity' });
    expect(parseContentEncoding('x-gzip')).toEqual({ ok: true, coding: 'gzip' });
    expect(parseContentEncoding('gzip, identity')).toEqual({ ok: true, coding: 'gzip' });
    expect(parseContentEncoding('BR')).toEqual({ ok: true, coding: 'br' });
    expect(parseContentEncoding('gzip, br')).toMatchObject({ ok: false, reason: expect.stringContaining('stacked') });
    expect(parseContentEncoding('gzip, gzip').ok).toBe(false);
    expect(parseContentEncoding('zstd')).toMatchObject({ ok: false, reason: expect.stringContaining('"zstd"') });
  });
});

describe('content codings: pages', () => {
  it('asks for gzip, deflate and br', async () => {
    await fetchPath('/gzip');
    expect(web.hits.at(-1)?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it.each(['/gzip', '/x-gzip', '/upper', '/deflate-zlib', '/deflate-raw', '/br', '/identity'])(
    'decodes %s',
    async (path) => {
      const out = await fetchPath(path);
      expect(out.error).toBeUndefined();
      expect(out.ok).toBe(true);
      expect(out.body).toBe(PAGE);
      expect(out.truncated).toBe(false);
      expect(out.decodedBytes).toBe(Buffer.byteLength(PAGE));
      if (path !== '/identity') expect(out.bytes).toBeLessThan(out.decodedBytes);
    },
  );

  it('decodes a gzip EUC-KR page with CP949-only syllables', async () => {
    const out = await fetchPath('/euckr');
    expect(out.ok).toBe(true);
    expect(out.charset).toBe('cp949');
    expect(out.body).toBe('<p>소액결제 현금화 똠 햏</p>');
  });

  it('treats an empty gzip body as an empty page', async () => {
    const out = await fetchPath('/empty');
    expect(out.ok).toBe(true);
    expect(out.body).toBe('');
    expect(out.bytes).toBe(0);
  });
});

describe('content codings: hostile bodies', () => {
  it.each(['/gzip-bomb', '/br-bomb'])('stops %s at the decoded cap, reading little of the wire', async (path) => {
    const before = process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    const out = await fetchPath(path);
    const ms = performance.now() - t0;
    expect(out.error).toBeUndefined();
    expect(out.ok).toBe(true);
    expect(out.truncated).toBe(true);
    expect(out.decodedBytes).toBe(CAP);
    expect(out.body.length).toBe(CAP);
    // A 1 GiB expansion was on offer: we took a sliver of the compressed stream, quickly, in bounded memory.
    expect(out.bytes).toBeLessThan(256 * 1024);
    expect(ms).toBeLessThan(1500);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses stacked codings without reading the body', async () => {
    const out = await fetchPath('/stacked');
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('UNSUPPORTED_ENCODING');
    expect(out.error?.message).toContain('stacked');
    expect(out.status).toBe(200);
  });

  it.each(['/zstd', '/compress'])('refuses the unknown coding of %s', async (path) => {
    const out = await fetchPath(path);
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('UNSUPPORTED_ENCODING');
    expect(out.error?.message).toContain('unknown content coding');
  });

  it('keeps what a corrupt gzip stream decoded before the damage, marked truncated', async () => {
    const out = await fetchPath('/corrupt');
    expect(out.error).toBeUndefined();
    expect(out.ok).toBe(true);
    expect(out.truncated).toBe(true);
    expect(out.decodedBytes).toBeGreaterThan(0);
    expect(out.decodedBytes).toBeLessThan(Buffer.byteLength(LONG));
    expect(LONG.startsWith(out.body.replace(/\uFFFD+$/, ''))).toBe(true);
  });

  it.each(['/garbage', '/mislabelled'])('reports %s, which decodes to nothing, as BAD_ENCODING', async (path) => {
    const out = await fetchPath(path);
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('BAD_ENCODING');
    expect(out.body).toBe('');
  });
});
