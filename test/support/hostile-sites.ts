// Hostile and internal-target sites for the attack battery and the battery memory benchmark: each a
// behaviour a fraudster's server can have. Served by the loopback web server under a .top name.
import net from 'node:net';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import type { SiteSpec } from './harness.js';
import type { DnsRecord } from './dns-server.js';
import type { RawHandler } from './web-server.js';

export const CANARY_HOST = '127.0.0.2';
export const PAGE = '<html><head><title>소액결제 현금화</title></head><body><p>지급률 95% 카톡 상담</p></body></html>';

// ---- hostile site behaviours (raw handlers on the harness web server) ----
const redirectTo = (location: () => string): RawHandler => (_req, res) => res.writeHead(302, { location: location() }).end();
const streamForever: RawHandler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  const chunk = Buffer.from('<p>소액결제 현금화 지급률 95%</p>\n'.repeat(1500));
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump);
  };
  pump();
};
const trickle: RawHandler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write('<')), 1000);
  res.on('close', () => clearInterval(t));
};
const never: RawHandler = () => {
  /* accept the request, never answer */
};
const headerFlood: RawHandler = (req) => {
  const lines = Array.from({ length: 2000 }, (_, i) => `x-flood-${i}: ${'a'.repeat(50)}`).join('\r\n');
  req.socket.end(`HTTP/1.1 200 OK\r\n${lines}\r\ncontent-type: text/html\r\n\r\n<p>hi</p>`);
};
const garbage: RawHandler = (req) => req.socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n');
const prematureClose: RawHandler = (req) => {
  req.socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 100000\r\n\r\n<html><body>소액');
  setTimeout(() => req.socket.destroy(), 50);
};
const bomb = (encoding: 'gzip' | 'br'): RawHandler => {
  const zeros = Buffer.alloc(64 * 1024 * 1024, 0x20); // 64 MB of spaces
  const body = encoding === 'gzip' ? zlib.gzipSync(zeros, { level: 9 }) : zlib.brotliCompressSync(zeros);
  return (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': encoding }).end(body);
};
const hugeLength: RawHandler = (req) => {
  req.socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 99999999999\r\n\r\n<p>');
  req.on('close', () => req.socket.destroy());
};
const loop: RawHandler = (req, res) => res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' }).end();
const chain: RawHandler = (req, res) => {
  const n = Number((req.url ?? '/0').slice(1)) || 0;
  res.writeHead(301, { location: `/${n + 1}` }).end();
};
const DEEP = `<html><body>${'<div>'.repeat(100_000)}소액결제 현금화 95%${'</div>'.repeat(100_000)}</body></html>`;
const REGEX_HOSTILE = `<html><body><p>${'1'.repeat(300_000)}</p><p>${'인증번호 '.repeat(40_000)}</p><p>${'a@'.repeat(100_000)}</p><p>${'서울 '.repeat(50_000)}</p></body></html>`;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 1)]);
const CP949_PAGE = iconv.encode('<html><head><meta charset="euc-kr"><title>똠방 소액결제 현금화</title></head><body><p>햏 지급률 95%</p></body></html>', 'cp949');


function loopRoutes() {
  return { '/': loop, '/a': loop, '/b': loop };
}

/** canaryPort: where the canary listens; siteUrl: the harness's URL builder (known once it has started). */
export function hostileSites(canaryPort: number, siteUrl: (host: string, path?: string) => string): Record<string, SiteSpec> {
  const cp = () => canaryPort;
  const h = { url: siteUrl };
  return {
    'ok-site.top': { routes: { '/': { body: PAGE } }, whois: { ageDays: 3, registrar: 'Gname.com Pte. Ltd.', privacy: true } },
    'hop-ip.top': { routes: { '/': redirectTo(() => `http://${CANARY_HOST}:${cp()}/`) }, whois: null },
    'hop-name.top': { routes: { '/': redirectTo(() => `http://internal.test:${cp()}/`) }, whois: null },
    'hop-localhost.top': { routes: { '/': redirectTo(() => 'http://localhost/') }, whois: null },
    'hop-metadata.top': { routes: { '/': redirectTo(() => 'http://169.254.169.254/latest/meta-data/') }, whois: null },
    'hop-decimal.top': { routes: { '/': redirectTo(() => `http://2130706434:${cp()}/`) }, whois: null },
    'hop-refresh.top': { routes: { '/': (_q, s) => s.writeHead(200, { refresh: `0; url=http://internal.test:${cp()}/`, 'content-type': 'text/html' }).end(PAGE) }, whois: null },
    'hop-meta.top': { routes: { '/': (_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><meta http-equiv="refresh" content="0;url=http://internal.test:${cp()}/"></head><body>moved</body></html>`) }, whois: null },
    'rebind.top': { routes: { '/': redirectTo(() => h.url('rebind.top', '/again')), '/again': { body: PAGE } }, whois: null },
    'bomb-gzip.top': { routes: { '/': bomb('gzip') }, whois: null },
    'bomb-br.top': { routes: { '/': bomb('br') }, whois: null },
    'endless.top': { routes: { '/': streamForever }, whois: null },
    'trickle.top': { routes: { '/': trickle }, whois: null },
    'slow-headers.top': { routes: { '/': never }, whois: null },
    'flood.top': { routes: { '/': headerFlood }, whois: null },
    'garbage.top': { routes: { '/': garbage }, whois: null },
    'premature.top': { routes: { '/': prematureClose }, whois: null },
    'huge-length.top': { routes: { '/': hugeLength }, whois: null },
    'loop.top': { routes: loopRoutes(), whois: null },
    'chain.top': { routes: chain, whois: null },
    'deep.top': { routes: { '/': { body: DEEP } }, whois: null },
    'regex.top': { routes: { '/': { body: REGEX_HOSTILE } }, whois: null },
    'png.top': { routes: { '/': { body: PNG, headers: { 'content-type': 'text/html' } } }, whois: null },
    'pdf.top': { routes: { '/': { body: '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj', headers: { 'content-type': 'application/pdf' } } }, whois: null },
    'nul.top': { routes: { '/': { body: Buffer.concat([Buffer.from('<html>'), Buffer.alloc(600, 0)]) } }, whois: null },
    'cp949.top': { routes: { '/': { body: CP949_PAGE, headers: { 'content-type': 'text/html; charset=x-windows-949' } } }, whois: null },
    'referral.top': {
      routes: { '/': { body: PAGE } },
      // A thin reply (no creation date) that refers to a WHOIS host resolving to the canary.
      whois: { raw: 'Domain Name: REFERRAL.TOP\r\nRegistrar WHOIS Server: whois.internal.test\r\n' },
  },
  };
}

/** DNS records the hostile sites rely on: internal names, mixed answers, rebinding. */
export const HOSTILE_DNS: Record<string, DnsRecord> = {
  'internal.test': CANARY_HOST,
  'mixed.top': ['127.0.0.1', CANARY_HOST],
  'rebind.top': { rotate: ['127.0.0.1', CANARY_HOST] },
  'whois.internal.test': CANARY_HOST,
  'metadata-alias.top': '169.254.169.254',
};

/** Only 127.0.0.1 (the fixture web server) is exempt; short deadline and body cap keep the battery quick. */
export const HOSTILE_ENV = {
  SCAMSCORE_ALLOW_PRIVATE: '127.0.0.1/32',
  SCAMSCORE_SCAN_TIMEOUT_MS: '2500',
  SCAMSCORE_MAX_BODY_BYTES: '1000000',
};

export interface Canary {
  readonly connections: number;
  close(): Promise<void>;
}

/** A TCP canary on 127.0.0.2:43 for WHOIS referrals; null where port 43 cannot be bound. */
export async function listenWhoisCanary(): Promise<Canary | null> {
  const state = { connections: 0 };
  const server = net.createServer((s) => {
    state.connections++;
    s.destroy();
  });
  const ok = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(43, CANARY_HOST, () => resolve(true));
  });
  if (!ok) return null;
  return {
    get connections() {
      return state.connections;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
