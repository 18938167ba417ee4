// End to end on loopback: names resolve through a real DNS server, pages come from a real HTTP server.
// 127.0.0.0/8 stands in for "the public internet" by way of allowPrivate; 10.0.0.1 and friends stay private.
import dgram from 'node:dgram';
import net from 'node:net';
import tls from 'node:tls';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, TargetRefusedError } from '../../src/errors.js';
import { createResolver } from '../../src/scan/resolve.js';
import { createFetcher, type Fetcher, type FetchOutcome } from '../../src/scan/safe-fetch.js';
import { startDnsServer, TYPE_A, type DnsServer } from '../support/dns-server.js';
import { startWebServer, type Sites, type WebServer } from '../support/web-server.js';

const HOME = '<html><head><title>상품권 매입</title></head><body>소액결제 현금화 95%</body></html>';
const CAP = 50_000;

let dns: DnsServer;
let web: WebServer;
let closedPort: number;
let fetcher: Fetcher;

const url = (host: string, path = '/') => new URL(`http://${host}:${web.port}${path}`);
const signal = () => AbortSignal.timeout(10_000);
const fetchPage = (f: Fetcher, target: URL | string, s = signal()) =>
  f.fetchPage(typeof target === 'string' ? new URL(target) : target, { signal: s });

async function freePort(host = '127.0.0.1'): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, host, resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

// Read per request by the web server, so routes whose Location needs the ephemeral port are added after start.
const sites: Sites = {
  'shop.test': {
    '/': { body: HOME, headers: { 'x-powered-by': 'PHP/5.6', 'set-cookie': 'a=1' } },
    '/old': { status: 302, headers: { location: '/' } },
    '/s303': { status: 303, headers: { location: '/s307' } },
    '/s307': { status: 307, headers: { location: '/s308' } },
    '/s308': { status: 308, headers: { location: '/#top' } },
    '/missing': { status: 404, body: '<h1>없음</h1>' },
    '/no-location': { status: 302, body: 'nowhere' },
    '/to-port': { status: 302, headers: { location: 'http://shop.test:22/' } },
    '/to-ftp': { status: 302, headers: { location: 'ftp://shop.test/' } },
  },
  'other.test': { '/landing': { body: '<p>landing</p>' } },
  'loop.test': {
    '/a': { status: 302, headers: { location: '/b' } },
    '/b': { status: 301, headers: { location: '/a' } },
  },
  // Every page redirects to the next one: only the hop limit ends it.
  'many.test': (req, res) => {
    const n = Number((req.url ?? '/0').slice(1)) || 0;
    res.writeHead(302, { location: `/${n + 1}` }).end();
  },
  'big.test': {
    '/': { body: '<p>' + 'a'.repeat(200_000) + '</p>' },
    '/exact': { body: 'b'.repeat(CAP) },
  },
  'euckr.test': {
    '/': {
      body: iconv.encode('<p>소액결제 현금화 똠 햏</p>', 'cp949'),
      headers: { 'content-type': 'text/html; charset=euc-kr' },
    },
  },
  'meta.test': {
    '/': {
      body: iconv.encode('<meta http-equiv="Content-Type" content="text/html; charset=x-windows-949"><p>햏</p>', 'cp949'),
      headers: { 'content-type': 'text/html' },
    },
  },
  'image.test': {
    '/logo.png': { body: Buffer.alloc(5000, 1), headers: { 'content-type': 'image/png' } },
    '/data.json': { body: '{"a":1}', headers: { 'content-type': 'application/json; charset=utf-8' } },
    '/plain': { body: '현금화 안내', headers: { 'content-type': 'text/plain; charset=utf-8' } },
  },
  'slow.test': {
    '/': { body: HOME, delayMs: 5000 },
    // Headers at once, then a body that never ends.
    '/trickle': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>start');
    },
  },
  'reset.test': {
    '/': (req) => req.socket.destroy(),
    '/mid-body': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000' });
      res.write('<p>half', () => res.socket?.destroy());
    },
  },
  'rebind.test': {
    // connection: close forces a new connection, hence a new resolution, for the next hop.
    '/start': { status: 302, headers: { location: '/again', connection: 'close' } },
  },
};

beforeAll(async () => {
  dns = await startDnsServer({
    'shop.test': '127.0.0.1',
    'hop.test': '127.0.0.1',
    'other.test': '127.0.0.1',
    'loop.test': '127.0.0.1',
    'many.test': '127.0.0.1',
    'big.test': '127.0.0.1',
    'euckr.test': '127.0.0.1',
    'meta.test': '127.0.0.1',
    'image.test': '127.0.0.1',
    'slow.test': '127.0.0.1',
    'closed.test': '127.0.0.1',
    'tls.test': '127.0.0.1',
    'reset.test': '127.0.0.1',
    'v6only.test': '::1',
    'private.test': '10.0.0.1',
    'internal.test': '127.0.0.2',
    'mixed.test': ['127.0.0.1', '10.0.0.1'],
    'mixed6.test': ['127.0.0.1', '::1'],
    'rebind.test': { rotate: ['127.0.0.1', '127.0.0.2'] },
  });
  closedPort = await freePort();
  web = await startWebServer(sites);
  const p = web.port;
  sites['hop.test'] = {
    '/moved': { status: 301, headers: { location: `http://other.test:${p}/landing` } },
    '/to-private': { status: 302, headers: { location: `http://private.test:${p}/` } },
    '/to-localhost': { status: 302, headers: { location: `http://localhost:${p}/` } },
    '/to-metadata': { status: 302, headers: { location: `http://169.254.169.254:${p}/latest/meta-data/` } },
    '/to-mixed': { status: 302, headers: { location: `http://mixed.test:${p}/` } },
    '/to-nxdomain': { status: 302, headers: { location: `http://nowhere.test:${p}/` } },
  };
  fetcher = createFetcher({
    dnsServers: [dns.address],
    allowPrivate: ['127.0.0.0/8'],
    allowedPorts: [80, 443, web.port, closedPort],
    maxBodyBytes: CAP,
  });
});

afterAll(async () => {
  await fetcher?.close();
  await web?.close();
  await dns?.close();
});

const hop = (path: string) => url('hop.test', path);

function expectOk(out: FetchOutcome): void {
  expect(out.error).toBeUndefined();
  expect(out.ok).toBe(true);
}

describe('safe fetch: pages', () => {
  it('fetches a page through the test DNS server, keeping the Host header and sending our headers', async () => {
    const before = web.hits.length;
    const out = await fetchPage(fetcher, url('shop.test'));
    expectOk(out);
    expect(out.status).toBe(200);
    expect(out.finalUrl).toBe(url('shop.test').href);
    expect(out.body).toBe(HOME);
    expect(out.charset).toBe('utf-8');
    expect(out.bytes).toBe(Buffer.byteLength(HOME));
    expect(out.decodedBytes).toBe(Buffer.byteLength(HOME));
    expect(out.truncated).toBe(false);
    expect(out.contentType).toBe('text/html; charset=utf-8');
    expect(out.headers['x-powered-by']).toBe('PHP/5.6');
    expect(Object.keys(out.headers).every((k) => k === k.toLowerCase())).toBe(true);
    expect(out.redirects).toEqual([]);
    expect(out.ms).toBeGreaterThanOrEqual(0);

    const hit = web.hits[before]!;
    expect(hit.host).toBe('shop.test');
    expect(hit.headers.host).toBe(`shop.test:${web.port}`);
    expect(hit.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(hit.headers['user-agent']).toMatch(/scamscore/);
    expect(dns.queries.some((q) => q.name === 'shop.test' && q.type === TYPE_A)).toBe(true);
  });

  it('returns error pages as bodies (any status is a response)', async () => {
    const out = await fetchPage(fetcher, url('shop.test', '/missing'));
    expectOk(out);
    expect(out.status).toBe(404);
    expect(out.body).toBe('<h1>없음</h1>');
  });

  it('treats a 3xx without Location as the final response', async () => {
    const out = await fetchPage(fetcher, url('shop.test', '/no-location'));
    expectOk(out);
    expect(out.status).toBe(302);
    expect(out.redirects).toEqual([]);
  });

  it('decodes an EUC-KR page (with CP949-only syllables)', async () => {
    const out = await fetchPage(fetcher, url('euckr.test'));
    expectOk(out);
    expect(out.charset).toBe('cp949');
    expect(out.body).toBe('<p>소액결제 현금화 똠 햏</p>');
  });

  it('decodes by <meta> when the header has no charset', async () => {
    const out = await fetchPage(fetcher, url('meta.test'));
    expect(out.charset).toBe('cp949');
    expect(out.body).toContain('<p>햏</p>');
  });

  it('does not download or decode non-HTML responses', async () => {
    const png = await fetchPage(fetcher, url('image.test', '/logo.png'));
    expectOk(png);
    expect(png.status).toBe(200);
    expect(png.contentType).toBe('image/png');
    expect(png.body).toBe('');
    expect(png.charset).toBeNull();
    expect(png.bytes).toBe(0);

    const json = await fetchPage(fetcher, url('image.test', '/data.json'));
    expect(json.ok).toBe(true);
    expect(json.body).toBe('');

    const text = await fetchPage(fetcher, url('image.test', '/plain'));
    expect(text.body).toBe('현금화 안내');
  });

  it('stops reading at the body cap and keeps what was read', async () => {
    const out = await fetchPage(fetcher, url('big.test'));
    expectOk(out);
    expect(out.truncated).toBe(true);
    expect(out.bytes).toBe(CAP);
    expect(out.decodedBytes).toBe(CAP);
    expect(out.body.length).toBe(CAP);
    expect(out.body.startsWith('<p>aaa')).toBe(true);
  });

  it('does not call a body of exactly the cap truncated', async () => {
    const out = await fetchPage(fetcher, url('big.test', '/exact'));
    expect(out.truncated).toBe(false);
    expect(out.bytes).toBe(CAP);
  });

  it('connects to IPv6 addresses from AAAA records', async () => {
    const v6 = createFetcher({
      dnsServers: [dns.address],
      allowPrivate: ['::1/128'],
      allowedPorts: [web.port],
      maxBodyBytes: CAP,
    });
    try {
      const out = await fetchPage(v6, url('v6only.test'));
      // The web server listens on 127.0.0.1 only, so the pinned dial to ::1 is refused by the OS: the point
      // is that it was allowed and attempted at ::1, not resolved again elsewhere.
      expect(out.error?.code).toBe('CONNECT_FAILED');
      expect(out.error?.message).toContain('::1');
    } finally {
      await v6.close();
    }
  });
});

describe('safe fetch: redirects', () => {
  it('follows a relative redirect and records it', async () => {
    const out = await fetchPage(fetcher, url('shop.test', '/old'));
    expectOk(out);
    expect(out.finalUrl).toBe(url('shop.test', '/').href);
    expect(out.body).toBe(HOME);
    expect(out.redirects).toEqual([{ url: url('shop.test', '/old').href, status: 302 }]);
  });

  it('follows 303, 307 and 308 in a chain, dropping fragments', async () => {
    const out = await fetchPage(fetcher, url('shop.test', '/s303'));
    expectOk(out);
    expect(out.redirects.map((r) => r.status)).toEqual([303, 307, 308]);
    expect(out.finalUrl).toBe(url('shop.test', '/').href);
  });

  it('follows a redirect to another host (resolved and checked again)', async () => {
    const out = await fetchPage(fetcher, hop('/moved'));
    expectOk(out);
    expect(out.finalUrl).toBe(url('other.test', '/landing').href);
    expect(out.body).toBe('<p>landing</p>');
    expect(out.redirects).toEqual([{ url: hop('/moved').href, status: 301 }]);
  });

  it('reports a redirect loop as TOO_MANY_REDIRECTS', async () => {
    const out = await fetchPage(fetcher, url('loop.test', '/a'));
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('TOO_MANY_REDIRECTS');
    expect(out.error?.message).toContain('loop');
    expect(out.redirects.map((r) => r.status)).toEqual([302, 301]);
  });

  it('gives up after maxRedirects hops', async () => {
    const out = await fetchPage(fetcher, url('many.test', '/0'));
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('TOO_MANY_REDIRECTS');
    expect(out.error?.message).toContain('more than 5 redirects');
    expect(web.hits.filter((h) => h.host === 'many.test').length).toBe(6);

    const strict = createFetcher({
      dnsServers: [dns.address],
      allowPrivate: ['127.0.0.0/8'],
      allowedPorts: [web.port],
      maxBodyBytes: CAP,
      maxRedirects: 1,
    });
    try {
      const one = await fetchPage(strict, url('shop.test', '/old'));
      expectOk(one);
      const two = await fetchPage(strict, url('shop.test', '/s307'));
      expect(two.error?.code).toBe('TOO_MANY_REDIRECTS');
    } finally {
      await strict.close();
    }
  });

  it('refuses a redirect to a name resolving to a private address, without throwing', async () => {
    const out = await fetchPage(fetcher, hop('/to-private'));
    expect(out.ok).toBe(false);
    expect(out.error).toEqual({
      code: 'REDIRECT_REFUSED',
      message: `redirect to http://private.test:${web.port}/ refused: private.test resolves to a non-public address: 10.0.0.1 is private (10.0.0.0/8)`,
    });
    expect(out.finalUrl).toBe(hop('/to-private').href);
    expect(out.status).toBe(302);
    expect(out.redirects).toEqual([{ url: hop('/to-private').href, status: 302 }]);
  });

  it('refuses a redirect to localhost by name', async () => {
    const out = await fetchPage(fetcher, hop('/to-localhost'));
    expect(out.error?.code).toBe('REDIRECT_REFUSED');
    expect(out.error?.message).toBe(
      `redirect to http://localhost:${web.port}/ refused: host "localhost" is refused: it names this machine`,
    );
  });

  it('refuses a redirect to the metadata address (IP literal checked at connect time)', async () => {
    const out = await fetchPage(fetcher, hop('/to-metadata'));
    expect(out.error?.code).toBe('REDIRECT_REFUSED');
    expect(out.error?.message).toContain('169.254.169.254 is link-local (the cloud metadata service)');
  });

  it('refuses redirects to a disallowed port or scheme', async () => {
    const port = await fetchPage(fetcher, url('shop.test', '/to-port'));
    expect(port.error).toEqual({
      code: 'REDIRECT_REFUSED',
      message: `redirect to http://shop.test:22/ refused: port 22 is not allowed (allowed: 80, 443, ${web.port}, ${closedPort})`,
    });
    const ftp = await fetchPage(fetcher, url('shop.test', '/to-ftp'));
    expect(ftp.error?.code).toBe('REDIRECT_REFUSED');
    expect(ftp.error?.message).toContain('scheme "ftp" is not allowed');
  });

  it('refuses a redirect to a name with any private address', async () => {
    const out = await fetchPage(fetcher, hop('/to-mixed'));
    expect(out.error?.code).toBe('REDIRECT_REFUSED');
    expect(out.error?.message).toContain('10.0.0.1 is private');
  });

  it('reports a DNS failure on a redirect hop as DNS_FAILED', async () => {
    const out = await fetchPage(fetcher, hop('/to-nxdomain'));
    expect(out.error?.code).toBe('DNS_FAILED');
    expect(out.error?.message).toContain('nowhere.test');
  });
});

describe('safe fetch: the submitted target', () => {
  it('throws TargetRefusedError when the address policy refuses it (no allowPrivate)', async () => {
    const strict = createFetcher({ dnsServers: [dns.address], allowPrivate: [], allowedPorts: [web.port], maxBodyBytes: CAP });
    const before = web.connections;
    try {
      const err = await fetchPage(strict, url('shop.test')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TargetRefusedError);
      expect((err as TargetRefusedError).status).toBe(422);
      expect((err as Error).message).toBe('shop.test resolves to a non-public address: 127.0.0.1 is loopback (127.0.0.0/8)');

      const literal = await fetchPage(strict, `http://127.0.0.1:${web.port}/`).catch((e: unknown) => e);
      expect(literal).toBeInstanceOf(TargetRefusedError);
      expect((literal as Error).message).toBe('127.0.0.1 is loopback (127.0.0.0/8)');

      const mapped = await fetchPage(strict, `http://[::ffff:127.0.0.1]:${web.port}/`).catch((e: unknown) => e);
      expect(mapped).toBeInstanceOf(TargetRefusedError);
      expect((mapped as Error).message).toContain('which is loopback');
      expect(web.connections).toBe(before);
    } finally {
      await strict.close();
    }
  });

  it('refuses a name answering both an allowed and a private address', async () => {
    const before = web.connections;
    const err = await fetchPage(fetcher, url('mixed.test')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetRefusedError);
    expect((err as Error).message).toContain('10.0.0.1 is private');
    const err6 = await fetchPage(fetcher, url('mixed6.test')).catch((e: unknown) => e);
    expect(err6).toBeInstanceOf(TargetRefusedError);
    expect((err6 as Error).message).toContain('::1 is loopback');
    expect(web.connections).toBe(before);
    expect(web.hits.some((h) => h.host === 'mixed.test' || h.host === 'mixed6.test')).toBe(false);
  });

  it('throws TargetRefusedError for a URL the URL policy refuses', async () => {
    await expect(fetchPage(fetcher, 'http://shop.test:22/')).rejects.toThrow(TargetRefusedError);
    await expect(fetchPage(fetcher, `http://localhost:${web.port}/`)).rejects.toThrow('host "localhost" is refused');
  });
});

describe('safe fetch: never dialling a refused address', () => {
  // Linux answers on all of 127/8, so a second server on 127.0.0.2 counts any connection that reaches it,
  // while allowPrivate admits 127.0.0.1 alone.
  let web2: WebServer;
  let pinned: Fetcher;
  beforeAll(async () => {
    web2 = await startWebServer(
      { 'rebind.test': { '/again': { body: 'internal' } }, 'internal.test': { '/': { body: 'internal' } } },
      { host: '127.0.0.2', port: web.port },
    );
    pinned = createFetcher({
      dnsServers: [dns.address],
      allowPrivate: ['127.0.0.1/32'],
      allowedPorts: [web.port],
      maxBodyBytes: CAP,
    });
  });
  afterAll(async () => {
    await pinned?.close();
    await web2?.close();
  });

  it('refuses 127.0.0.2 without connecting to it', async () => {
    const err = await fetchPage(pinned, url('internal.test')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetRefusedError);
    expect((err as Error).message).toContain('127.0.0.2 is loopback');
    expect(web2.connections).toBe(0);
  });

  it('checks each connection against its own DNS answer (rebinding)', async () => {
    const aQueries = () => dns.queries.filter((q) => q.name === 'rebind.test' && q.type === TYPE_A).length;
    const before = aQueries();
    const out = await fetchPage(pinned, url('rebind.test', '/start'));
    expect(out.redirects).toEqual([{ url: url('rebind.test', '/start').href, status: 302 }]);
    expect(out.error?.code).toBe('REDIRECT_REFUSED');
    expect(out.error?.message).toContain('127.0.0.2 is loopback');
    expect(web2.connections).toBe(0);
    // One resolution per connection: the answer checked is the answer dialled.
    expect(aQueries() - before).toBe(2);
  });
});

describe('safe fetch: failures are outcomes', () => {
  it('reports an unknown name as DNS_FAILED', async () => {
    const out = await fetchPage(fetcher, url('nowhere.test'));
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('DNS_FAILED');
    expect(out.error?.message).toBe('nowhere.test does not exist (NXDOMAIN)');
    expect(out.status).toBeNull();
    expect(out.finalUrl).toBe(url('nowhere.test').href);
  });

  it('reports a closed port as CONNECT_FAILED', async () => {
    const out = await fetchPage(fetcher, `http://closed.test:${closedPort}/`);
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('CONNECT_FAILED');
    expect(out.error?.message).toContain('ECONNREFUSED');
  });

  it('reports a connection dropped before any response as FETCH_FAILED', async () => {
    const out = await fetchPage(fetcher, url('reset.test'));
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('FETCH_FAILED');
    expect(out.status).toBeNull();
  });

  it('reports a connection dropped mid-body as FETCH_FAILED, keeping the status', async () => {
    const out = await fetchPage(fetcher, url('reset.test', '/mid-body'));
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('FETCH_FAILED');
    expect(out.error?.message).toContain('reading the body');
    expect(out.status).toBe(200);
  });

  it('reports a TLS failure as TLS_FAILED and sends the original name as SNI', async () => {
    const names: string[] = [];
    const server = tls.createServer({
      SNICallback: (servername, cb) => {
        names.push(servername);
        cb(new Error('no certificate here'));
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const f = createFetcher({ dnsServers: [dns.address], allowPrivate: ['127.0.0.0/8'], allowedPorts: [port], maxBodyBytes: CAP });
    try {
      const out = await fetchPage(f, `https://tls.test:${port}/`);
      expect(out.ok).toBe(false);
      expect(out.error?.code).toBe('TLS_FAILED');
      expect(names).toEqual(['tls.test']);
    } finally {
      await f.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('reports an https URL answered by plain HTTP as TLS_FAILED', async () => {
    const f = createFetcher({ dnsServers: [dns.address], allowPrivate: ['127.0.0.0/8'], allowedPorts: [web.port], maxBodyBytes: CAP });
    try {
      const out = await fetchPage(f, `https://shop.test:${web.port}/`);
      expect(out.error?.code).toBe('TLS_FAILED');
    } finally {
      await f.close();
    }
  });

  it('reports an abort while waiting for headers as TIMEOUT, promptly', async () => {
    const t0 = Date.now();
    const out = await fetchPage(fetcher, url('slow.test'), AbortSignal.timeout(200));
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('TIMEOUT');
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('reports an abort while reading the body as TIMEOUT', async () => {
    const out = await fetchPage(fetcher, url('slow.test', '/trickle'), AbortSignal.timeout(300));
    expect(out.error?.code).toBe('TIMEOUT');
    expect(out.status).toBe(200);
  });

  it('reports an abort while DNS is silent as TIMEOUT, promptly', async () => {
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', () => resolve()));
    const f = createFetcher({
      dnsServers: [`127.0.0.1:${silent.address().port}`],
      allowPrivate: ['127.0.0.0/8'],
      allowedPorts: [web.port],
      maxBodyBytes: CAP,
    });
    try {
      const t0 = Date.now();
      const out = await fetchPage(f, url('shop.test'), AbortSignal.timeout(200));
      expect(out.error?.code).toBe('TIMEOUT');
      expect(Date.now() - t0).toBeLessThan(1500);
    } finally {
      await f.close();
      silent.close();
    }
  });

  it('reports an already-aborted signal as TIMEOUT without a request', async () => {
    const before = web.hits.length;
    const out = await fetchPage(fetcher, url('shop.test'), AbortSignal.abort());
    expect(out.error?.code).toBe('TIMEOUT');
    expect(web.hits.length).toBe(before);
  });
});

describe('resolver under the fetcher', () => {
  it('returns A then AAAA answers from the configured server', async () => {
    const r = createResolver([dns.address]);
    expect(await r.resolve('mixed6.test')).toEqual(['127.0.0.1', '::1']);
    expect(await r.resolve('MIXED.test.')).toEqual(['127.0.0.1', '10.0.0.1']);
  });

  it('returns IP literals as themselves, brackets removed, without a query', async () => {
    const r = createResolver([dns.address]);
    const before = dns.queries.length;
    expect(await r.resolve('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(await r.resolve('[::FFFF:7f00:1]')).toEqual(['::ffff:7f00:1']);
    expect(dns.queries.length).toBe(before);
  });

  it('fails with DNS_FAILED for unknown names and names without addresses', async () => {
    const r = createResolver([dns.address]);
    const err = await r.resolve('nowhere.test').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).code).toBe('DNS_FAILED');
    dns.setRecord('empty.test', []);
    await expect(r.resolve('empty.test')).rejects.toThrow('empty.test has no A or AAAA records');
  });

  it('uses the system resolver when no servers are configured', async () => {
    const addresses = await createResolver([]).resolve('localhost');
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.every((a) => a === '::1' || a.startsWith('127.'))).toBe(true);
  });

  it('refuses DNS server entries that are not IP addresses', () => {
    expect(() => createResolver(['dns.example:53'])).toThrow(/must be an IP address/);
    expect(() => createResolver(['127.0.0.1:53', '[::1]:53', '9.9.9.9'])).not.toThrow();
  });
});
