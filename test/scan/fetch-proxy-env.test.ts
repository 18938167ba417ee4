// The fetcher never goes through a proxy named in the environment: a proxy would see (and could answer for)
// every site we scan, and an internal proxy would carry us past the address policy.
import { request, EnvHttpProxyAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/scan/safe-fetch.js';
import { startDnsServer, type DnsServer } from '../support/dns-server.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

const PROXY_VARS = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy', 'NO_PROXY', 'no_proxy'];

let dns: DnsServer;
let target: WebServer;
let canary: WebServer;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  dns = await startDnsServer({ 'shop.test': '127.0.0.1' });
  target = await startWebServer({
    'shop.test': { '/': { body: '<p>direct</p>' } },
    '127.0.0.1': { '/': { body: '<p>direct</p>' } },
  });
  // Answers anything, including proxy-style absolute-form requests, so a proxied fetch would succeed.
  canary = await startWebServer({}, { host: '127.0.0.2', fallback: (_req, res) => res.end('<p>via proxy</p>') });
  for (const name of PROXY_VARS) saved[name] = process.env[name];
  const proxy = `http://127.0.0.2:${canary.port}`;
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy']) {
    process.env[name] = proxy;
  }
  delete process.env.NO_PROXY;
  delete process.env.no_proxy;
});

afterAll(async () => {
  for (const name of PROXY_VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await canary?.close();
  await target?.close();
  await dns?.close();
});

describe('environment proxies', () => {
  it('fetches directly while HTTP_PROXY, HTTPS_PROXY and http_proxy point at a canary', async () => {
    // Built after the environment is set, so nothing read at construction time escapes the test either.
    const fetcher = createFetcher({
      dnsServers: [dns.address],
      allowPrivate: ['127.0.0.1/32'],
      allowedPorts: [target.port],
      maxBodyBytes: 10_000,
    });
    try {
      for (const u of [`http://shop.test:${target.port}/`, `http://127.0.0.1:${target.port}/`]) {
        const out = await fetcher.fetchPage(new URL(u), { signal: AbortSignal.timeout(5000) });
        expect(out.error).toBeUndefined();
        expect(out.body).toBe('<p>direct</p>');
      }
      expect(target.connections).toBeGreaterThan(0);
      expect(canary.connections).toBe(0);
    } finally {
      await fetcher.close();
    }
  });

  it('has a canary that would notice a proxied request (control: undici EnvHttpProxyAgent)', async () => {
    const before = canary.connections;
    // Plain forwarding (no CONNECT tunnel) so the canary's HTTP server can answer it.
    const envAgent = new EnvHttpProxyAgent({ proxyTunnel: false });
    try {
      const res = await request(`http://shop.test:${target.port}/`, {
        dispatcher: envAgent,
        signal: AbortSignal.timeout(2000),
      });
      expect(await res.body.text()).toBe('<p>via proxy</p>');
      expect(canary.connections).toBe(before + 1);
    } finally {
      await envAgent.close();
    }
  });
});
