// CORS for extension origins: a listed origin's preflight is allowed (and its answers readable), any other
// origin's is refused; with no list there are no CORS headers at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originMatcher } from '../../src/http/cors.js';
import { startHarness, type Harness } from '../support/harness.js';

const CHROME = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

const preflight = (h: Harness, origin: string) =>
  h.app.inject({
    method: 'OPTIONS',
    url: '/v1/scans',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });

describe('with SCAMSCORE_CORS_ORIGINS', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { SCAMSCORE_CORS_ORIGINS: `${CHROME}, moz-extension://*` });
  });
  afterAll(async () => h?.close());

  it('allows the preflight of a listed origin and of one matching a pattern', async () => {
    for (const origin of [CHROME, 'moz-extension://0c4b9a52-1f7e-4c11-9d1f-3e2a6b7c8d90']) {
      const r = await preflight(h, origin);
      expect(r.statusCode, origin).toBe(204);
      expect(r.headers['access-control-allow-origin']).toBe(origin);
      expect(String(r.headers['access-control-allow-methods'])).toContain('POST');
      expect(String(r.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
    }
    const answer = await h.app.inject({ method: 'GET', url: '/v1/rules', headers: { origin: CHROME } });
    expect(answer.headers['access-control-allow-origin']).toBe(CHROME);
    expect(String(answer.headers['access-control-expose-headers'])).toContain('ratelimit-remaining');
  });

  it('refuses other origins: no allow-origin header, so the browser blocks the call', async () => {
    for (const origin of ['chrome-extension://otherextensionidotherextensionid', 'https://evil.example', 'moz-extension-x://a']) {
      const r = await preflight(h, origin);
      expect(r.headers['access-control-allow-origin'], origin).toBeUndefined();
    }
    const answer = await h.app.inject({ method: 'GET', url: '/v1/rules', headers: { origin: 'https://evil.example' } });
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('without a list', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({});
  });
  afterAll(async () => h?.close());

  it('sends no CORS headers, even to an extension', async () => {
    const r = await preflight(h, CHROME);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('origin patterns', () => {
  it('let `*` stand for one origin part only', () => {
    const allowed = originMatcher(['https://*.example.org', 'moz-extension://*']);
    expect(allowed('https://app.example.org')).toBe(true);
    expect(allowed('https://evil.test/x.example.org')).toBe(false);
    expect(allowed('https://example.org.evil.test')).toBe(false);
    expect(allowed('moz-extension://abc')).toBe(true);
  });
});
