// /metrics after real scans through the harness: the counters that scans, fetch failures, domain lookups and
// HTTP requests should move did move, and the series the other serving work fills are there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const OPERATOR_HTML = `<!doctype html><html lang="ko"><head><title>휴대폰 소액결제 현금화 최고 95% 지급</title></head><body>
<h1>소액결제 현금화 · 정보이용료 현금화</h1>
<p>업계 최고 지급률 95% 보장! 24시간 5분 이내 총알 입금. 카톡 상담 ID: cash7777</p>
<form action="/apply" method="post"><input name="phone" placeholder="휴대폰 번호"><input name="authcode" placeholder="문자 인증번호 6자리"></form>
<p>인증번호는 카톡으로 보내주시면 바로 처리됩니다.</p></body></html>`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    'cash-metrics.top': { routes: { '/': { body: OPERATOR_HTML, headers: { 'content-type': 'text/html; charset=utf-8' } } }, whois: { ageDays: 6, registrar: 'Gname.com Pte. Ltd.', privacy: true } },
    // In DNS, but nothing listens on the port it is asked on, and WHOIS has no record of it.
    'refused-metrics.top': { routes: {}, whois: null },
  }, {}, { extraPorts: [1] });
});
afterAll(async () => h?.close());

/** The value of one series in the Prometheus text, 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name} `) && Object.keys(labels).length === 0) return Number(line.slice(name.length + 1));
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf('}'));
    const found = Object.fromEntries([...inside.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

async function scrape(): Promise<string> {
  const r = await h.app.inject({ method: 'GET', url: '/metrics' });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return r.body;
}

describe('GET /metrics', () => {
  it('counts scans by band and outcome, fetch and WHOIS failures by kind, and requests by route and status', async () => {
    const before = await scrape();
    const scam = await h.app.inject({ method: 'POST', url: '/v1/scans', payload: { url: h.url('cash-metrics.top') } });
    expect(scam.statusCode).toBe(200);
    const band = scam.json().band as string;
    expect(['high', 'critical']).toContain(band);
    // Nothing listens on port 1 (allowed for this test): the fetch fails to connect.
    const down = await h.app.inject({ method: 'POST', url: '/v1/scans', payload: { url: 'http://refused-metrics.top:1/' } });
    expect(down.statusCode).toBe(200);
    expect(down.json().fetch.error).toBeTruthy();
    expect((await h.app.inject({ method: 'GET', url: `/v1/scans/${scam.json().id}` })).statusCode).toBe(200);

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    expect(moved('scamscore_scans_total', { band, outcome: 'stored' })).toBe(1);
    expect(moved('scamscore_scans_total', { band: down.json().band, outcome: 'stored' })).toBe(1);
    expect(moved('scamscore_fetch_errors_total', { kind: 'CONNECT_FAILED' })).toBe(1);
    expect(moved('scamscore_whois_errors_total', { kind: 'no-record' })).toBe(1);
    expect(moved('scamscore_scan_duration_seconds_count', {})).toBe(2);
    expect(moved('scamscore_http_request_duration_seconds_count', { method: 'POST', route: '/v1/scans', status: '200' })).toBe(2);
    expect(moved('scamscore_http_request_duration_seconds_count', { method: 'GET', route: '/v1/scans/:id', status: '200' })).toBe(1);
  });

  it('labels requests that matched no route with one label, never their URL', async () => {
    await h.app.inject({ method: 'GET', url: '/no/such/route/12345' });
    const text = await scrape();
    expect(sample(text, 'scamscore_http_request_duration_seconds_count', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('12345');
  });

  it('shows the cache and queue series the lookup and batch work fill', async () => {
    h.services.metrics.cacheRequests.inc({ result: 'hit' });
    h.services.metrics.watchQueue('test-queue', () => 7);
    const text = await scrape();
    expect(text).toContain('# TYPE scamscore_cache_requests_total counter');
    expect(sample(text, 'scamscore_cache_requests_total', { result: 'hit' })).toBe(1);
    expect(sample(text, 'scamscore_queue_depth', { queue: 'test-queue' })).toBe(7);
  });
});
