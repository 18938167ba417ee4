// The HTTP contract through app.inject, with the real scanner behind it (loopback WHOIS and DNS).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StoreUnavailableError } from '../../src/errors.js';
import { startHarness, type Harness } from '../support/harness.js';

const OPERATOR_HTML = `<!doctype html><html lang="ko"><head><title>휴대폰 소액결제 현금화 최고 95% 지급</title></head><body>
<h1>소액결제 현금화 · 정보이용료 현금화</h1>
<p>업계 최고 지급률 95% 보장! 24시간 5분 이내 총알 입금. 카톡 상담 ID: cash7777</p>
<form action="/apply" method="post">
 <select name="telecom"><option>SKT</option><option>KT</option><option>LG U+</option></select>
 <input name="phone" placeholder="휴대폰 번호"><input name="authcode" placeholder="문자 인증번호 6자리">
 <button>현금화 신청</button></form>
<p>인증번호는 카톡으로 보내주시면 바로 처리됩니다.</p>
</body></html>`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    'cash-now.top': { routes: {}, whois: { ageDays: 6, registrar: 'Gname.com Pte. Ltd.', privacy: true } },
    'gone-site.top': { routes: {}, whois: null },
  });
});
afterAll(async () => h?.close());

const post = (payload: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  h.app.inject({ method: 'POST', url: '/v1/scans', headers, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

describe('GET /healthz', () => {
  it('answers 200', async () => {
    const r = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok' });
  });
});

describe('POST /v1/scans with HTML the caller already has', () => {
  it('scores the page without fetching it, with domain facts from WHOIS', async () => {
    const r = await post({ url: 'https://cash-now.top/', html: OPERATOR_HTML });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(h.web.hits).toHaveLength(0);
    expect(body).toMatchObject({ url: 'https://cash-now.top/', finalUrl: 'https://cash-now.top/', domain: 'cash-now.top' });
    expect(body.fetch).toMatchObject({ provided: true, status: null, truncated: false });
    expect(body.domainInfo).toMatchObject({ domain: 'cash-now.top', ageDays: 6, registrar: 'Gname.com Pte. Ltd.', privacy: true, source: 'whois' });
    expect(Number.isInteger(body.score)).toBe(true);
    expect(['high', 'critical']).toContain(body.band);
    // Anyone can redo the sum.
    const sum = body.findings.reduce((t: number, f: { points: number }) => t + f.points, 0);
    expect(body.score).toBe(Math.max(0, Math.min(100, sum)));
    for (const f of body.findings) {
      expect(f.message.en).toBeTruthy();
      expect(f.message.ko).toBeTruthy();
      expect(f.evidence.length).toBeGreaterThan(0);
      for (const e of f.evidence) expect(e.excerpt.length).toBeGreaterThan(0);
    }
    const rules = h.services.ruleset.rules.map((x) => x.meta.id);
    expect(body.checks.map((c: { rule: string }) => c.rule).sort()).toEqual([...rules].sort());
    expect(body.summary.en).toMatch(/^Score \d+\/100/);
    expect(body.indicators.kakaoIds).toContain('cash7777');
    expect(body.summary.ko).toContain('1332');
    // How the page was read, with the phrases that decided it.
    expect(body.stance).toMatchObject({ subject: true, reading: 'offer' });
    expect(body.stance.decidedBy[0]).toMatchObject({ source: 'meta', excerpt: expect.stringContaining('소액결제 현금화') });
  });

  it('keeps the answer: GET /v1/scans/:id returns it again', async () => {
    const first = (await post({ url: 'https://cash-now.top/', html: OPERATOR_HTML })).json();
    const again = await h.app.inject({ method: 'GET', url: `/v1/scans/${first.id}` });
    expect(again.statusCode).toBe(200);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.json()).toEqual(first);
    // Read again from memory: the same bytes.
    const third = await h.app.inject({ method: 'GET', url: `/v1/scans/${first.id}` });
    expect(third.body).toBe(again.body);
  });

  it('answers a store outage on read with 503 problem details, not a bare 500', async () => {
    const first = (await post({ url: 'https://cash-now.top/', html: OPERATOR_HTML })).json();
    const failing = vi.spyOn(h.services.store, 'answerText').mockRejectedValueOnce(new StoreUnavailableError('the database is unavailable: test outage'));
    try {
      const r = await h.app.inject({ method: 'GET', url: `/v1/scans/${first.id}` });
      expect(r.statusCode).toBe(503);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.headers['retry-after']).toBe('5');
      expect(r.json()).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE', detail: expect.stringMatching(/unavailable/) });
    } finally {
      failing.mockRestore();
    }
    expect((await h.app.inject({ method: 'GET', url: `/v1/scans/${first.id}` })).json()).toEqual(first);
  });
});

describe('POST /v1/scans on a site that cannot be reached', () => {
  it('still answers 200 from URL and domain facts, page checks unavailable', async () => {
    const r = await post({ url: 'http://unknown-host.top/' });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.fetch.error).toMatch(/unknown-host.top does not exist/);
    const page = body.checks.filter((c: { status: string }) => c.status === 'unavailable');
    expect(page.length).toBeGreaterThan(0);
    for (const c of page) expect(c.reason).toBeTruthy();
    // Nothing read is never "low": a distinct band, complete false, and both summaries say so.
    expect(body).toMatchObject({ complete: false, band: 'unknown' });
    expect(body.summary.en).toMatch(/^Not checked: the page could not be read \(.*does not exist.*\)\. This is not a safe verdict/);
    expect(body.summary.ko).toMatch(/^확인 불가: .*안전하다는 뜻이 아닙니다/);
  });

  it('keeps the band the address and domain give when they alone say risk, still marked incomplete', async () => {
    const r = await post({ url: h.url('cash-now.top') });
    const body = r.json();
    expect(body.fetch.error ?? body.checks.find((c: { status: string }) => c.status === 'unavailable')).toBeTruthy();
    // A 6-day-old, privacy-hidden 'cash' name on .top is medium on its own.
    expect(body).toMatchObject({ complete: false, band: 'medium' });
    expect(body.summary.en, body.summary.en).toMatch(/could not be read \(the site answered HTTP 404\): this verdict rests on the address and the domain record alone/);
  });

  it('marks domain-age unavailable when WHOIS has no record, never safe', async () => {
    const r = await post({ url: 'https://gone-site.top/', html: '<p>hello</p>' });
    const check = r.json().checks.find((c: { rule: string }) => c.rule === 'domain-age');
    expect(check).toEqual({ rule: 'domain-age', status: 'unavailable', reason: expect.stringMatching(/no record/i) });
    expect(r.json().domainInfo).toBeNull();
  });
});

describe('bad input gets problem details', () => {
  const expectProblem = (r: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number, detail: RegExp) => {
    expect(r.statusCode).toBe(status);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    const p = r.json();
    expect(p).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
    expect(p.detail).toMatch(detail);
  };

  it('400 for a body that is not JSON', async () => expectProblem(await post('{"url": '), 400, /json/i));
  it('400 for a missing url', async () => expectProblem(await post({}), 400, /url/));
  it('400 for an empty url', async () => expectProblem(await post({ url: '  ' }), 400, /url must not be empty/));
  it('400 for a url of the wrong type', async () => expectProblem(await post({ url: 42 }), 400, /url/));
  it('400 for a relative url', async () => expectProblem(await post({ url: '/apply' }), 400, /not an absolute URL/));
  it('400 for control characters', async () => expectProblem(await post({ url: 'https://a.top/\u0000x' }), 400, /control character/));
  it('400 for an over-long url', async () => expectProblem(await post({ url: `https://a.top/${'x'.repeat(3000)}` }), 400, /at most 2048/));
  it('400 for unknown fields', async () => expectProblem(await post({ url: 'https://a.top/', foo: 1 }), 400, /foo|unrecognized/i));
  it('415 for a wrong content type', async () => expectProblem(await post('url=https://a.top/', { 'content-type': 'application/x-www-form-urlencoded' }), 415, /content-type|media type/i));
  it('413 for an oversized body', async () => expectProblem(await post({ url: 'https://a.top/', html: 'x'.repeat(5_000_000) }), 413, /too large|body/i));
  it('422 for a scheme it will not fetch', async () => expectProblem(await post({ url: 'ftp://a.top/file' }), 422, /scheme|protocol|ftp/i));
  it('422 for a name it refuses', async () => expectProblem(await post({ url: 'http://localhost/' }), 422, /localhost/));
  it('422 for a private address', async () => expectProblem(await post({ url: 'http://10.0.0.1/' }), 422, /10\.0\.0\.1.*private/));
  it('400 for a malformed scan id', async () => expectProblem(await h.app.inject({ method: 'GET', url: '/v1/scans/not-a-uuid' }), 400, /UUID/));
  it('404 for an unknown scan id, with a stable code', async () => {
    const r = await h.app.inject({ method: 'GET', url: '/v1/scans/7d3c1c53-6f7a-4d55-9c39-2d0f8b0d5e11' });
    expectProblem(r, 404, /no scan/);
    expect(r.json().code).toBe('NOT_FOUND');
  });
  it('404 for an unknown route', async () => expectProblem(await h.app.inject({ method: 'GET', url: '/v2/nothing' }), 404, /no route/));
});

describe('GET /v1/rules', () => {
  it('lists every rule with its signals and points in force', async () => {
    const r = await h.app.inject({ method: 'GET', url: '/v1/rules' });
    expect(r.statusCode).toBe(200);
    const ids = r.json().rules.map((x: { id: string }) => x.id);
    expect(ids).toEqual(expect.arrayContaining(['carrier-auth-code', 'domain-age', 'licensing', 'payout-rate']));
    expect(r.json().bands).toEqual({ medium: 30, high: 60, critical: 85 });
  });
});
