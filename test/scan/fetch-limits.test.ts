// Hostile or broken HTTP on the wire: header floods, absurd declared lengths, garbage instead of HTTP,
// connections that close early, and servers that stall or trickle. Each must end as an outcome (never a
// throw or a hang), on time, and with the connection closed on our side.
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher, type FetcherOptions } from '../../src/scan/safe-fetch.js';
import { startDnsServer, type DnsServer } from '../support/dns-server.js';
import { startRawServer, startWebServer, type RawServer, type WebServer } from '../support/web-server.js';

const CAP = 50_000;

let dns: DnsServer;
let raw: RawServer;
let web: WebServer;
let fetcher: Fetcher;
const timers = new Set<NodeJS.Timeout>();

/** What the raw server does with a request, chosen by the request's first line. */
const behaviours: Record<string, (socket: net.Socket) => void> = {
  '/header-flood': (s) => {
    s.write('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\n');
    for (let i = 0; i < 1000; i++) s.write(`x-flood-${i}: ${'a'.repeat(100)}\r\n`);
    s.end('content-length: 2\r\n\r\nok');
  },
  '/huge-length': (s) => {
    s.write('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 1000000000000\r\n\r\n<p>');
    // Would send forever; only our hanging up stops it.
    const t = setInterval(() => s.writable && s.write('a'.repeat(1000)), 20);
    timers.add(t);
    s.on('close', () => clearInterval(t));
  },
  '/garbage': (s) => s.end('garbage instead of a status line\r\n\r\n'),
  '/bad-header-value': (s) => s.end('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\nx-bad: a\u0001b\r\ncontent-length: 2\r\n\r\nok'),
  '/bad-header-name': (s) => s.end('HTTP/1.1 200 OK\r\nbad header: x\r\ncontent-length: 2\r\n\r\nok'),
  '/bad-status': (s) => s.end('HTTP/1.1 2000 Fine\r\ncontent-length: 2\r\n\r\nok'),
  '/bad-chunks': (s) =>
    s.end('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n'),
  '/short-body': (s) => {
    s.write('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 1000\r\n\r\n<p>only this');
    setTimeout(() => s.end(), 20);
  },
  '/close-in-headers': (s) => s.end('HTTP/1.1 200 OK\r\ncontent-type: tex'),
  '/silent': () => {},
  '/trickle': (s) => {
    s.write('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ntransfer-encoding: chunked\r\n\r\n');
    // One byte per tick, well inside any bodyTimeout: only the deadline can end this.
    const t = setInterval(() => s.writable && s.write('1\r\na\r\n'), 50);
    timers.add(t);
    s.on('close', () => clearInterval(t));
  },
  '/stall-body': (s) => s.write('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 100\r\n\r\n<p>half'),
};

beforeAll(async () => {
  dns = await startDnsServer({ 'raw.test': '127.0.0.1', 'web.test': '127.0.0.1' });
  raw = await startRawServer((socket) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      const path = head.split(' ')[1] ?? '/';
      (behaviours[path] ?? ((s: net.Socket) => s.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n')))(socket);
    };
    socket.on('data', onData);
  });
  web = await startWebServer({
    'web.test': {
      // Declared 5× the cap: under the refusal threshold, so it is read up to the cap.
      '/big-declared': { body: '<p>' + 'b'.repeat(5 * CAP - 3) },
      '/ok': { body: '<p>ok</p>' },
    },
  });
  fetcher = make();
});

afterAll(async () => {
  for (const t of timers) clearInterval(t);
  await fetcher?.close();
  await raw?.close();
  await web?.close();
  await dns?.close();
});

function make(extra: Partial<FetcherOptions> = {}): Fetcher {
  return createFetcher({
    dnsServers: [dns.address],
    allowPrivate: ['127.0.0.0/8'],
    allowedPorts: [raw.port, web.port],
    maxBodyBytes: CAP,
    ...extra,
  });
}

const rawUrl = (path: string) => new URL(`http://raw.test:${raw.port}${path}`);
const fetchRaw = (path: string, ms = 5000, f = fetcher) => f.fetchPage(rawUrl(path), { signal: AbortSignal.timeout(ms) });

/** Wait until the server has no open connection left (our side hung up), or give up after `ms`. */
async function allClosed(server: { openConnections: number }, ms = 1000): Promise<boolean> {
  const until = Date.now() + ms;
  while (server.openConnections > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  return server.openConnections === 0;
}

describe('limits: headers and declared length', () => {
  it('fails a 100 KB header flood with HEADERS_TOO_LARGE', async () => {
    const out = await fetchRaw('/header-flood');
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('HEADERS_TOO_LARGE');
    expect(out.error?.message).toContain('headers are larger than we accept');
    expect(out.status).toBeNull();
  });

  it('accepts the same flood when maxHeaderBytes allows it (the limit is what fails it)', async () => {
    const roomy = make({ maxHeaderBytes: 256 * 1024 });
    try {
      const out = await fetchRaw('/header-flood', 5000, roomy);
      expect(out.error).toBeUndefined();
      expect(out.body).toBe('ok');
    } finally {
      await roomy.close();
    }
  });

  it('refuses a declared terabyte at once, hanging up', async () => {
    const t0 = performance.now();
    const out = await fetchRaw('/huge-length');
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('BODY_TOO_LARGE');
    expect(out.error?.message).toContain('too large to read (content-length 1000000000000, limit 500000)');
    expect(out.status).toBe(200);
    expect(out.bytes).toBe(0);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(await allClosed(raw)).toBe(true);
  });

  it('reads a body declared under 10× the cap up to the cap', async () => {
    const out = await fetcher.fetchPage(new URL(`http://web.test:${web.port}/big-declared`), {
      signal: AbortSignal.timeout(5000),
    });
    expect(out.ok).toBe(true);
    expect(out.truncated).toBe(true);
    expect(out.bytes).toBe(CAP);
  });
});

describe('limits: malformed responses', () => {
  it.each(['/garbage', '/bad-header-value', '/bad-header-name', '/bad-status', '/bad-chunks'])(
    'reports %s as BAD_RESPONSE',
    async (path) => {
      const out = await fetchRaw(path);
      expect(out.ok).toBe(false);
      expect(out.error?.code).toBe('BAD_RESPONSE');
      expect(out.error?.message).toContain('not valid HTTP');
    },
  );

  it('reports a body shorter than its content-length as FETCH_FAILED', async () => {
    const out = await fetchRaw('/short-body');
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('FETCH_FAILED');
    expect(out.error?.message).toMatch(/closed the connection|content-length/);
    expect(out.status).toBe(200);
  });

  it('reports a close in the middle of the headers as FETCH_FAILED', async () => {
    const out = await fetchRaw('/close-in-headers');
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('FETCH_FAILED');
    expect(out.status).toBeNull();
  });
});

describe('limits: timeouts and the deadline', () => {
  it('ends a body trickling a byte at a time at the deadline, and hangs up', async () => {
    const t0 = performance.now();
    const out = await fetchRaw('/trickle', 600);
    const ms = performance.now() - t0;
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('TIMEOUT');
    expect(out.error?.message).toContain("scan's deadline");
    expect(out.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(550);
    expect(ms).toBeLessThan(1200);
    // No request outlives fetchPage: the server sees the connection closed.
    expect(await allClosed(raw, 300)).toBe(true);
  });

  it('ends a server that accepts and never answers at the deadline, and hangs up', async () => {
    const before = raw.connections;
    const t0 = performance.now();
    const out = await fetchRaw('/silent', 400);
    expect(out.error?.code).toBe('TIMEOUT');
    expect(out.status).toBeNull();
    expect(performance.now() - t0).toBeLessThan(1000);
    // It reached the server (a loaded CI run once counted one connection more: a request retried on a fresh
    // socket after a kept-alive one closed under it), and every connection is closed again.
    expect(raw.connections).toBeGreaterThan(before);
    expect(await allClosed(raw, 300)).toBe(true);
  });

  it('applies headersTimeout and bodyTimeout within a longer deadline', async () => {
    // undici runs these on its coarse timers (about 1 s resolution), hence the loose bound; both run at once.
    const quick = make({ headersTimeoutMs: 200, bodyTimeoutMs: 200 });
    try {
      const t0 = performance.now();
      const [silent, stalled] = await Promise.all([
        fetchRaw('/silent', 5000, quick),
        fetchRaw('/stall-body', 5000, quick),
      ]);
      expect(silent.error?.code).toBe('TIMEOUT');
      expect(silent.error?.message).toContain('no response headers in time');
      expect(stalled.error?.code).toBe('TIMEOUT');
      expect(stalled.error?.message).toContain('stopped sending the body');
      expect(stalled.status).toBe(200);
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(await allClosed(raw, 300)).toBe(true);
    } finally {
      await quick.close();
    }
  });

  it('still serves ordinary pages after all of that', async () => {
    const out = await fetcher.fetchPage(new URL(`http://web.test:${web.port}/ok`), { signal: AbortSignal.timeout(5000) });
    expect(out.body).toBe('<p>ok</p>');
  });
});
