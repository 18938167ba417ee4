// The page's headers (no browser needed): a strict CSP and friends on the page and every asset, and the
// API's answers left exactly as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({});
});
afterAll(async () => {
  await h.close();
});

const DIRECTIVES = ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"];

describe('the web page', () => {
  it.each(['/', '/site/paymoney-cash.top', '/indicator/kakao/paymoney24', '/batch', '/batch/abc', '/assets/app.js', '/assets/app.css', '/assets/vendor/lit-html.js'])(
    '%s carries the CSP, nosniff and referrer policy',
    async (url) => {
      const res = await h.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      for (const d of DIRECTIVES) expect(csp).toContain(d);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    },
  );

  it('serves one shell with no inline script and only same-origin assets', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/' });
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const scripts = [...res.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBe(1);
    expect(scripts[0]![1]).toContain('src="/assets/app.js"');
    expect(scripts[0]![2]).toBe('');
    expect(res.body).not.toMatch(/https?:\/\//);
    const js = await h.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body).not.toMatch(/innerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });

  it.each(['/assets/app.js', '/assets/app.css', '/assets/vendor/lit-html.js'])('%s is compressed for browsers that ask', async (url) => {
    const plain = await h.app.inject({ method: 'GET', url });
    const res = await h.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
  });

  it('leaves the API answers without the page headers or compression, and unknown paths as problem details', async () => {
    const rules = await h.app.inject({ method: 'GET', url: '/v1/rules', headers: { 'accept-encoding': 'br, gzip' } });
    expect(rules.statusCode).toBe(200);
    expect(rules.headers['content-security-policy']).toBeUndefined();
    expect(rules.headers['content-encoding']).toBeUndefined();
    const missing = await h.app.inject({ method: 'GET', url: '/nowhere' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
