// A burst of 1000 concurrent scan requests over real HTTP against 50 loopback sites. Every request gets an
// answer: 200, or 503 problem details with Retry-After for what admission refused, and a refused scan has
// fetched nothing. Throughput figures belong to `npm run bench:burst`; this shows the behaviour.
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type SiteSpec } from '../support/harness.js';

const SITES = 50;
const BURST = 1000;
function sites(delayMs: number): Record<string, SiteSpec> {
  const specs: Record<string, SiteSpec> = {};
  for (let n = 0; n < SITES; n++) {
    const body = `<html><head><title>소액결제 현금화 ${n}</title></head><body><p>지급률 95% 카톡 cash${n}</p></body></html>`;
    specs[`burst-${n}.top`] = { routes: { '/': { body, delayMs } }, whois: { ageDays: 4, registrar: 'Gname.com Pte. Ltd.', privacy: true } };
  }
  return specs;
}

async function burst(h: Harness, urls: string[]) {
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = h.app.server.address() as { port: number };
  const dispatcher = new Agent({ connections: BURST + 10, headersTimeout: 60_000, bodyTimeout: 60_000 });
  try {
    return await Promise.all(
      urls.map(async (url) => {
        const r = await request(`http://127.0.0.1:${port}/v1/scans`, { method: 'POST', dispatcher, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url }) });
        return { url, status: r.statusCode, retryAfter: r.headers['retry-after'], body: (await r.body.json()) as { id?: string; code?: string } };
      }),
    );
  } finally {
    await dispatcher.close();
  }
}

describe('a burst of 1000 concurrent scans of 50 sites', () => {
  let h: Harness;
  beforeAll(async () => {
    // Pages answer in 300 ms, so the 20 callers of each URL arrive while its scan is in flight.
    h = await startHarness(sites(300));
  });
  afterAll(async () => h?.close());

  it('answers at least 99% with 200 and scans each URL in flight once', async () => {
    const answers = await burst(h, Array.from({ length: BURST }, (_, i) => h.url(`burst-${i % SITES}.top`)));
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(0.99 * BURST);
    for (const a of answers) if (a.status !== 200) expect([a.status, a.retryAfter]).toEqual([503, expect.stringMatching(/^\d+$/)]);
    // 20 callers per URL share scans: far fewer page fetches than requests, and callers of a URL share ids.
    const fetches = h.web.hits.filter((x) => x.path === '/').length;
    expect(fetches).toBeLessThan(BURST / 5);
    expect(new Set(ok.map((a) => a.body.id)).size).toBe(fetches);
  });
});

describe('a burst beyond the admission bounds', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(sites(0), { SCAMSCORE_MAX_SCANS: '8', SCAMSCORE_SCAN_QUEUE: '100' });
  });
  afterAll(async () => h?.close());

  it('refuses the excess with 503 SCAN_QUEUE_FULL and Retry-After, without fetching any refused URL', async () => {
    const answers = await burst(h, Array.from({ length: BURST }, (_, i) => h.url(`burst-${i % SITES}.top`, `/?n=${i}`)));
    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 503);
    expect(ok.length + refused.length).toBe(BURST);
    expect(ok.length).toBeGreaterThanOrEqual(100);
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) {
      expect(a.body.code, JSON.stringify(a.body)).toBe('SCAN_QUEUE_FULL');
      expect(a.retryAfter).toMatch(/^[1-9]\d*$/);
    }
    // Admission comes before any work: exactly the admitted scans fetched their page.
    const fetched = new Set(h.web.hits.map((x) => `${x.host}${x.path}`));
    expect(fetched.size).toBe(ok.length);
    const hostAndPath = (url: string) => ((u) => `${u.hostname}${u.pathname}${u.search}`)(new URL(url));
    expect(refused.filter((a) => fetched.has(hostAndPath(a.url)))).toEqual([]);
  });
});
