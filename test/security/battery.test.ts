// The attack battery: every case is a real request to the service (app.inject) whose scan really fetches
// from loopback servers started here. Only 127.0.0.1 is exempt from the private-address block; canaries
// listen on 127.0.0.2 (web, and WHOIS on port 43) and must never see a connection. The service's own peak
// memory over these sites is measured by `npm run bench:battery` (a separate process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { CANARY_HOST, HOSTILE_ENV, HOSTILE_DNS, hostileSites, listenWhoisCanary, PAGE, type Canary } from '../support/hostile-sites.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

let canary: WebServer;
let whoisCanary: Canary | null = null;
let h: Harness;
let cases = 0;
const cp = () => canary.port;

beforeAll(async () => {
  canary = await startWebServer({}, { host: CANARY_HOST, fallback: (_q, s) => s.end(PAGE) });
  whoisCanary = await listenWhoisCanary();
  h = await startHarness(
    hostileSites(canary.port, (host, path) => h.url(host, path)),
    HOSTILE_ENV,
    // The canary's port is allowed, so only the address policy stands between a scan and the canary.
    { extraPorts: [canary.port], dns: HOSTILE_DNS },
  );
});

afterAll(async () => {
  await h?.close();
  await canary?.close();
  await whoisCanary?.close();
  console.log(`battery: ${cases} cases; canary connections: web ${canary?.connections ?? '?'}, whois ${whoisCanary?.connections ?? 'n/a'}`);
});

const scan = (payload: unknown) => {
  cases++;
  return h.app.inject({ method: 'POST', url: '/v1/scans', payload: payload as object });
};
const expectCanaryUntouched = () => {
  expect(canary.connections).toBe(0);
  if (whoisCanary) expect(whoisCanary.connections).toBe(0);
};

describe('internal targets in every spelling are refused (422) and never dialled', () => {
  const spellings = (): [string, RegExp][] => [
    [`http://${CANARY_HOST}:${cp()}/`, /127\.0\.0\.2 is loopback/],
    [`http://2130706434:${cp()}/`, /127\.0\.0\.2/],
    [`http://0x7f000002:${cp()}/`, /127\.0\.0\.2/],
    [`http://0177.0.0.2:${cp()}/`, /127\.0\.0\.2/],
    [`http://127.2:${cp()}/`, /127\.0\.0\.2/],
    [`http://0x7f.0.0.2:${cp()}/`, /127\.0\.0\.2/],
    [`http://１２７．０．０．２:${cp()}/`, /127\.0\.0\.2/],
    [`http://[::ffff:127.0.0.2]:${cp()}/`, /IPv4-mapped/],
    [`http://[::ffff:7f00:2]:${cp()}/`, /IPv4-mapped/],
    [`http://[0:0:0:0:0:ffff:127.0.0.2]:${cp()}/`, /IPv4-mapped/],
    [`http://[64:ff9b::7f00:2]:${cp()}/`, /NAT64|127\.0\.0\.2/],
    [`http://[2002:7f00:2::]:${cp()}/`, /6to4|127\.0\.0\.2/],
    [`http://[::127.0.0.2]:${cp()}/`, /compatible|deprecated|reserved/i],
    [`http://[::1]:${cp()}/`, /loopback/],
    ['http://10.0.0.1/', /private/],
    ['http://172.16.0.1/', /private/],
    ['http://192.168.1.1/', /private/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://100.64.0.1/', /shared|CGNAT|carrier/i],
    ['http://0.0.0.0/', /0\.0\.0\.0/],
    ['http://255.255.255.255/', /broadcast/i],
    ['http://224.0.0.1/', /multicast/i],
    ['http://198.18.0.1/', /benchmark/i],
    ['http://192.0.2.1/', /documentation/i],
    ['http://[fc00::1]/', /unique local|private/i],
    ['http://[fe80::1]/', /link-local/i],
    ['http://localhost/', /localhost/],
    ['http://foo.localhost/', /localhost/],
    ['http://metadata.google.internal/', /metadata|internal/],
    ['http://db.internal/', /internal/],
    [`http://internal.test:${cp()}/`, /127\.0\.0\.2 is loopback/],
    [`http://mixed.top:${cp()}/`, /127\.0\.0\.2 is loopback/],
    ['http://metadata-alias.top/', /169\.254\.169\.254/],
    ['http://user:pw@ok-site.top/', /user name or password/],
    ['http://ok-site.top:22/', /port 22 is not allowed/],
    ['file:///etc/passwd', /scheme "file"/],
    ['gopher://ok-site.top/', /scheme "gopher"/],
  ];
  it.each(Array.from({ length: 37 }, (_, i) => i))('spelling #%i', async (i) => {
    const [url, reason] = spellings()[i]!;
    const r = await scan({ url });
    expect(r.statusCode, url).toBe(422);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    expect(r.json().detail, url).toMatch(reason);
    expectCanaryUntouched();
  });
});

describe('redirect and refresh hops to internal targets end the fetch, not the scan', () => {
  it.each(['hop-ip.top', 'hop-name.top', 'hop-localhost.top', 'hop-metadata.top', 'hop-decimal.top', 'hop-refresh.top', 'hop-meta.top'])(
    '%s',
    async (host) => {
      const r = await scan({ url: h.url(host) });
      expect(r.statusCode).toBe(200);
      expect(r.json().fetch.error).toMatch(/refused/);
      expectCanaryUntouched();
    },
  );

  it('a DNS answer that rebinds to an internal address on the next lookup', async () => {
    const r = await scan({ url: h.url('rebind.top') });
    expect(r.statusCode).toBe(200);
    expect(r.json().fetch.error).toMatch(/refused.*127\.0\.0\.2/);
    expectCanaryUntouched();
  });
});

describe('environment proxies are never used', () => {
  it('HTTP_PROXY and kin pointing at the canary are ignored', async () => {
    const saved = { ...process.env };
    const proxy = `http://${CANARY_HOST}:${cp()}`;
    Object.assign(process.env, { HTTP_PROXY: proxy, HTTPS_PROXY: proxy, ALL_PROXY: proxy, http_proxy: proxy, https_proxy: proxy });
    try {
      const r = await scan({ url: h.url('ok-site.top') });
      expect(r.statusCode).toBe(200);
      expect(r.json().fetch.status).toBe(200);
    } finally {
      for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
    expectCanaryUntouched();
  });
});

describe('WHOIS referrals to internal hosts are refused', () => {
  it('a thin reply referring to a host that resolves to 127.0.0.2', async () => {
    const r = await scan({ url: h.url('referral.top') });
    expect(r.statusCode).toBe(200);
    const check = r.json().checks.find((c: { rule: string }) => c.rule === 'domain-age');
    expect(check.status).toBe('unavailable');
    expectCanaryUntouched();
  });
});

describe('hostile responses get a clear answer, never a hang or a 500', () => {
  it.each([
    ['bomb-gzip.top', 'a gzip bomb is cut at the cap and still scored'],
    ['bomb-br.top', 'a brotli bomb is cut at the cap and still scored'],
    ['endless.top', 'an endless body is cut at the cap and still scored'],
  ])('%s: %s', async (host) => {
    const r = await scan({ url: h.url(host) });
    expect(r.statusCode).toBe(200);
    expect(r.json().fetch.truncated).toBe(true);
    expect(r.json().checks.find((c: { rule: string }) => c.rule === 'payout-rate').status).not.toBe('unavailable');
  });

  it.each([
    ['trickle.top', /time|deadline|abort/i],
    ['slow-headers.top', /time|deadline|abort/i],
    ['flood.top', /header/i],
    ['garbage.top', /.+/],
    ['premature.top', /.+/],
    ['huge-length.top', /large|length|too/i],
    ['loop.top', /redirect/i],
    ['chain.top', /redirect/i],
  ])('%s ends with fetch.error', async (host, message) => {
    const started = Date.now();
    const r = await scan({ url: h.url(host) });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    if (body.fetch.error) expect(body.fetch.error).toMatch(message);
    else expect(body.fetch.truncated).toBe(true); // a premature close can keep what arrived
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it.each(['png.top', 'pdf.top', 'nul.top'])('%s: a binary body is not parsed as a page', async (host) => {
    const r = await scan({ url: h.url(host) });
    expect(r.statusCode).toBe(200);
    const page = r.json().checks.find((c: { rule: string }) => c.rule === 'payout-rate');
    expect(page).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/not a web page/) });
  });

  it.each(['deep.top', 'regex.top'])('%s: a page built to stall the analysis gets an answer', async (host) => {
    const r = await scan({ url: h.url(host) });
    expect(r.statusCode).toBe(200);
    // Either it was analysed, or it is an incomplete answer that says why and never shows "low".
    const body = r.json();
    if (!body.complete) {
      expect(body.band).not.toBe('low');
      expect(body.summary.en).toMatch(/could not be (read|analysed)|page could not/);
    }
    const health = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
  });

  it('a CP949 page labelled x-windows-949 decodes characters outside EUC-KR', async () => {
    const r = await scan({ url: h.url('cp949.top') });
    expect(r.statusCode).toBe(200);
    const quoted = JSON.stringify(r.json().findings);
    expect(quoted).toContain('95%');
    expect(r.json().fetch.status).toBe(200);
  });
});

describe('bad requests get 4xx problem details', () => {
  const post = (payload: string, contentType = 'application/json') => {
    cases++;
    return h.app.inject({ method: 'POST', url: '/v1/scans', headers: { 'content-type': contentType }, payload });
  };
  it.each([
    ['not JSON', 'not json', 400],
    ['truncated JSON', '{"url": "http://a.top/"', 400],
    ['a JSON array', '[]', 400],
    ['url a number', '{"url": 5}', 400],
    ['url null', '{"url": null}', 400],
    ['missing url', '{}', 400],
    ['empty url', '{"url": ""}', 400],
    ['relative url', '{"url": "apply.php"}', 400],
    ['control characters', '{"url": "http://a.top/\\r\\nHost: evil"}', 400],
    ['over-long url', JSON.stringify({ url: `http://a.top/${'a'.repeat(5000)}` }), 400],
    ['html not a string', '{"url": "http://a.top/", "html": 5}', 400],
  ])('%s', async (_name, payload, status) => {
    const r = await post(payload);
    expect(r.statusCode).toBe(status);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    expect(r.json().detail.length).toBeGreaterThan(5);
  });

  it('wrong content type → 415', async () => {
    const r = await post('url=http://a.top/', 'text/plain');
    expect(r.statusCode).toBe(415);
    expect(r.json().detail).toMatch(/content-type|media type/i);
  });

  it('oversized body → 413', async () => {
    const r = await post(JSON.stringify({ url: 'http://a.top/', html: 'x'.repeat(6_000_000) }));
    expect(r.statusCode).toBe(413);
    expect(r.json().detail).toBeTruthy();
  });
});

describe('after the battery', () => {
  it('the service still answers, and the canaries saw nothing', async () => {
    const r = await scan({ url: h.url('ok-site.top') });
    expect(r.statusCode).toBe(200);
    expect(r.json().fetch.status).toBe(200);
    expectCanaryUntouched();
  });
});
