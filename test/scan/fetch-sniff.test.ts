// Binary bodies are recognised by their first bytes (after decompression), whatever Content-Type says, and
// are neither downloaded further nor decoded as a page.
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffBinary } from '../../src/scan/fetch/sniff.js';
import { createFetcher, type Fetcher } from '../../src/scan/safe-fetch.js';
import { startDnsServer, type DnsServer } from '../support/dns-server.js';
import { startWebServer, type RawHandler, type Sites, type WebServer } from '../support/web-server.js';

const CAP = 1024 * 1024;
const padded = (head: number[] | string, size = 4 * CAP) => {
  const buf = Buffer.alloc(size, 0x41); // 'A': no NUL, so only the signature can give it away
  (typeof head === 'string' ? Buffer.from(head, 'latin1') : Buffer.from(head)).copy(buf);
  return buf;
};
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const SIGS: [string, number[] | string][] = [
  ['application/pdf', '%PDF-1.7\n'],
  ['image/png', PNG],
  ['image/gif', 'GIF89a'],
  ['image/jpeg', [0xff, 0xd8, 0xff, 0xe0]],
  ['image/webp', 'RIFF\x10\x00\x00\x00WEBPVP8 '],
  ['application/zip', 'PK\x03\x04'],
  ['application/x-elf', '\x7fELF\x02\x01\x01'],
  ['application/gzip', [0x1f, 0x8b, 0x08, 0x00]],
  ['application/wasm', '\x00asm\x01\x00\x00\x00'],
  ['video/mp4', '\x00\x00\x00\x18ftypmp42'],
];

/** 5 pieces of 120 bytes, 20 ms apart, with a NUL at `nulAt`, then more text. */
const trickled = (nulAt: number): RawHandler => (_req, res) => void (async () => {
  const body = Buffer.alloc(2048, 0x41);
  body[nulAt] = 0;
  res.writeHead(200, { 'content-type': 'text/html' });
  for (let at = 0; at < 600; at += 120) {
    res.write(body.subarray(at, at + 120));
    await new Promise((r) => setTimeout(r, 20));
  }
  res.end(body.subarray(600));
})();

let dns: DnsServer;
let web: WebServer;
let fetcher: Fetcher;
const sites: Sites = {};
const fetchPath = (path: string) =>
  fetcher.fetchPage(new URL(`http://bin.test:${web.port}${path}`), { signal: AbortSignal.timeout(5000) });

beforeAll(async () => {
  const routes: Record<string, { body: Buffer; headers?: Record<string, string> }> = {
    '/png-as-html': { body: padded(PNG), headers: { 'content-type': 'text/html; charset=utf-8' } },
    '/pdf-empty-type': { body: padded('%PDF-1.4\n'), headers: { 'content-type': '' } },
    '/nul': { body: Buffer.concat([Buffer.from('<html><body>'), Buffer.alloc(8), Buffer.from('</body></html>')]) },
    '/nul-late': { body: Buffer.from(`<p>${'x'.repeat(600)}\u0000</p>`) },
    '/gzip-inside': { body: zlib.gzipSync('<p>hello</p>'), headers: { 'content-type': 'text/html' } },
    '/pdf-gzipped': {
      body: zlib.gzipSync(padded('%PDF-1.4\n', 100_000)),
      headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' },
    },
    '/plain-elf': { body: padded('\x7fELF\x02'), headers: { 'content-type': 'text/plain' } },
    '/utf16': {
      body: Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('<p>현금화</p>', 'utf-16le')]),
      headers: { 'content-type': 'text/html' },
    },
    '/tiny': { body: Buffer.from('<p>hi</p>') },
  };
  for (const [type, head] of SIGS) routes[`/sig/${type}`] = { body: padded(head, 2048), headers: { 'content-type': 'text/html' } };
  sites['bin.test'] = {
    ...routes,
    // No Content-Type at all, as some kits send (node adds none to a bare writeHead).
    '/pdf-untyped': (_req, res) => res.writeHead(200).end(padded('%PDF-1.4\n')),
    // The first 512 bytes in pieces, so that the sniffer's head is put together from several chunks.
    '/nul-trickled': trickled(500),
    '/nul-trickled-late': trickled(530),
  };
  dns = await startDnsServer({ 'bin.test': '127.0.0.1' });
  web = await startWebServer(sites);
  fetcher = createFetcher({
    dnsServers: [dns.address],
    allowPrivate: ['127.0.0.0/8'],
    allowedPorts: [web.port],
    maxBodyBytes: CAP,
  });
});

afterAll(async () => {
  await fetcher?.close();
  await web?.close();
  await dns?.close();
});

describe('sniffBinary', () => {
  it.each(SIGS)('recognises %s', (type, head) => {
    expect(sniffBinary(padded(head, 64))).toBe(type);
  });

  it('calls NUL bytes in the first 512 bytes binary, unless the text is UTF-16', () => {
    expect(sniffBinary(Buffer.from('<p>a\u0000b</p>'))).toBe('application/octet-stream');
    expect(sniffBinary(Buffer.from(`${'x'.repeat(512)}\u0000`))).toBeNull();
    expect(sniffBinary(Buffer.from('<p>plain</p>'))).toBeNull();
    expect(sniffBinary(iconv.encode('\ufeff<p>a</p>', 'utf-16le'))).toBeNull();
    expect(sniffBinary(iconv.encode('<p>a</p>', 'utf-16le'), { utf16: true })).toBeNull();
    expect(sniffBinary(Buffer.alloc(0))).toBeNull();
  });
});

describe('binary bodies', () => {
  it('does not parse a PNG labelled text/html, and stops downloading it', async () => {
    const out = await fetchPath('/png-as-html');
    expect(out.ok).toBe(true);
    expect(out.status).toBe(200);
    expect(out.contentType).toBe('image/png (sniffed)');
    expect(out.body).toBe('');
    expect(out.charset).toBeNull();
    expect(out.decodedBytes).toBe(0);
    expect(out.headers['content-type']).toBe('text/html; charset=utf-8');
    // 4 MB were on offer, the cap is 1 MB: we read only what the sniffer needed (a chunk or so).
    expect(out.bytes).toBeLessThan(256 * 1024);
  });

  it.each(SIGS)('sniffs %s served as text/html', async (type) => {
    const out = await fetchPath(`/sig/${type}`);
    expect(out.contentType).toBe(`${type} (sniffed)`);
    expect(out.body).toBe('');
  });

  it.each(['/pdf-untyped', '/pdf-empty-type'])('sniffs a PDF with no or an empty Content-Type (%s)', async (path) => {
    const out = await fetchPath(path);
    expect(out.ok).toBe(true);
    expect(out.contentType).toBe('application/pdf (sniffed)');
    expect(out.body).toBe('');
  });

  it('sniffs NUL bytes at the start of an HTML body', async () => {
    const out = await fetchPath('/nul');
    expect(out.ok).toBe(true);
    expect(out.contentType).toBe('application/octet-stream (sniffed)');
    expect(out.body).toBe('');
  });

  it('sniffs gzip bytes sent without a content-encoding', async () => {
    const out = await fetchPath('/gzip-inside');
    expect(out.contentType).toBe('application/gzip (sniffed)');
  });

  it('sniffs after decompression', async () => {
    const out = await fetchPath('/pdf-gzipped');
    expect(out.contentType).toBe('application/pdf (sniffed)');
    expect(out.body).toBe('');
  });

  it('sniffs text/plain too', async () => {
    const out = await fetchPath('/plain-elf');
    expect(out.contentType).toBe('application/x-elf (sniffed)');
  });

  it('sniffs the first 512 bytes when they arrive in several chunks', async () => {
    const out = await fetchPath('/nul-trickled');
    expect(out.contentType).toBe('application/octet-stream (sniffed)');
    expect(out.body).toBe('');
    const late = await fetchPath('/nul-trickled-late');
    expect(late.contentType).toBe('text/html');
    expect(late.decodedBytes).toBe(2048);
    expect(late.raw!.equals(Buffer.concat([Buffer.alloc(530, 0x41), Buffer.alloc(1), Buffer.alloc(2048 - 531, 0x41)]))).toBe(true);
  });

  it('keeps text: a NUL after the first 512 bytes, a UTF-16 page with a BOM, a tiny page', async () => {
    const late = await fetchPath('/nul-late');
    expect(late.contentType).toBe('text/html; charset=utf-8');
    expect(late.body.startsWith('<p>xxx')).toBe(true);
    const utf16 = await fetchPath('/utf16');
    expect(utf16.charset).toBe('utf-16le');
    expect(utf16.body).toBe('<p>현금화</p>');
    const tiny = await fetchPath('/tiny');
    expect(tiny.body).toBe('<p>hi</p>');
  });
});
