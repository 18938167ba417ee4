// Every spelling of an internal address in the submitted URL is refused before any connection: WHATWG URL
// parsing canonicalises the IPv4 spellings, and the address policy sees through IPv6 forms that carry an
// IPv4 address. Canary servers listen on the addresses themselves and must see no connection at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetRefusedError } from '../../src/errors.js';
import { createFetcher, type Fetcher } from '../../src/scan/safe-fetch.js';
import { startDnsServer, type DnsServer } from '../support/dns-server.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

// Spellings of 127.0.0.1 (refused with no allowPrivate at all) and of 127.0.0.2 (refused while 127.0.0.1/32
// is allowed, so only the address policy stands between the URL and the canary on 127.0.0.2).
const spellings = (last: number) => [
  `127.0.0.${last}`,
  String(0x7f000000 + last),
  `0x7f00000${last}`,
  `0177.0.0.${last}`,
  `127.${last}`,
  `0x7f.0.0.${last}`,
  `0x7f.${last}`,
  `0177.0.0.0${last}`,
  `１２７．０．０．${String.fromCharCode(0xff10 + last)}`,
  `[::ffff:127.0.0.${last}]`,
  `[::ffff:7f00:${last}]`,
  `[0:0:0:0:0:ffff:127.0.0.${last}]`,
  `[64:ff9b::7f00:${last}]`,
  `[64:ff9b::127.0.0.${last}]`,
  `[2002:7f00:${last}::]`,
  `[::127.0.0.${last}]`,
  `[::7f00:${last}]`,
];
const OTHERS = [
  '[::1]',
  '[0:0:0:0:0:0:0:1]',
  '[::]',
  '0.0.0.0',
  '0',
  '[fe80::1]',
  '169.254.169.254',
  '0xa9fea9fe',
  '100.64.0.1',
  '255.255.255.255',
  '224.0.0.1',
  '198.18.0.1',
  '192.0.2.1',
  '10.0.0.1',
  '012.1',
  '172.16.0.1',
  '192.168.1.1',
  '[fc00::1]',
  '[fd00:ec2::254]',
  '[::ffff:169.254.169.254]',
];

let dns: DnsServer;
let canary1: WebServer;
let canary2: WebServer;
let canary6: WebServer | null = null;
let strict: Fetcher;
let pinned: Fetcher;
let port: number;

beforeAll(async () => {
  dns = await startDnsServer({});
  // Linux answers on all of 127/8 (and 0.0.0.0 reaches 127.0.0.1): one canary per loopback address, one port.
  canary1 = await startWebServer({}, { fallback: (_q, res) => res.end('canary 1') });
  port = canary1.port;
  canary2 = await startWebServer({}, { host: '127.0.0.2', port, fallback: (_q, res) => res.end('canary 2') });
  canary6 = await startWebServer({}, { host: '::1', port, fallback: (_q, res) => res.end('canary 6') }).catch(() => null);
  const base = { dnsServers: [dns.address], allowedPorts: [80, 443, port], maxBodyBytes: 10_000 };
  strict = createFetcher({ ...base, allowPrivate: [] });
  pinned = createFetcher({ ...base, allowPrivate: ['127.0.0.1/32'] });
});

afterAll(async () => {
  await strict?.close();
  await pinned?.close();
  await canary6?.close();
  await canary2?.close();
  await canary1?.close();
  await dns?.close();
});

const connections = () => canary1.connections + canary2.connections + (canary6?.connections ?? 0);

async function expectRefused(fetcher: Fetcher, host: string): Promise<void> {
  const err = await fetcher
    .fetchPage(new URL(`http://${host}:${port}/`), { signal: AbortSignal.timeout(5000) })
    .catch((e: unknown) => e);
  expect(err, host).toBeInstanceOf(TargetRefusedError);
}

describe('numeric spellings of internal addresses in the submitted URL', () => {
  it('are what the URL parser says they are', () => {
    expect(new URL('http://2130706433/').hostname).toBe('127.0.0.1');
    expect(new URL('http://0177.0.0.1/').hostname).toBe('127.0.0.1');
    expect(new URL('http://127.1/').hostname).toBe('127.0.0.1');
    expect(new URL('http://１２７．０．０．１/').hostname).toBe('127.0.0.1');
    expect(new URL('http://[::127.0.0.1]/').hostname).toBe('[::7f00:1]');
    expect(new URL('http://[0:0:0:0:0:ffff:127.0.0.1]/').hostname).toBe('[::ffff:7f00:1]');
  });

  it.each(spellings(1))('refuses %s with no private range allowed', async (host) => {
    await expectRefused(strict, host);
    expect(connections()).toBe(0);
  });

  it.each(spellings(2))('refuses %s while only 127.0.0.1/32 is allowed', async (host) => {
    await expectRefused(pinned, host);
    expect(connections()).toBe(0);
  });

  it.each(OTHERS)('refuses %s', async (host) => {
    await expectRefused(strict, host);
    await expectRefused(pinned, host);
    expect(connections()).toBe(0);
  });

  it('names the address it refused, whatever the spelling', async () => {
    const err = await pinned
      .fetchPage(new URL(`http://0x7f000002:${port}/`), { signal: AbortSignal.timeout(5000) })
      .catch((e: unknown) => e);
    expect((err as Error).message).toBe('127.0.0.2 is loopback (127.0.0.0/8)');
    expect(dns.queries).toEqual([]);
  });

  // Last: it is the one case that connects, proving the canaries count what reaches them.
  it('control: the allowed 127.0.0.1 is fetched and its canary counts the connection', async () => {
    expect(connections()).toBe(0);
    const out = await pinned.fetchPage(new URL(`http://2130706433:${port}/`), { signal: AbortSignal.timeout(5000) });
    expect(out.body).toBe('canary 1');
    expect(canary1.connections).toBe(1);
    expect(canary2.connections).toBe(0);
  });
});
