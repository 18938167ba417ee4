// POST /v1/scans under load, through the real scanner and loopback sites: identical URLs in flight are
// scanned once, and scans beyond the admission bounds are refused before anything is fetched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const PAGE = '<html><head><title>소액결제 현금화</title></head><body><p>지급률 95% 카톡 cash7777</p></body></html>';
const site = (delayMs = 0) => ({ routes: { '/': { body: PAGE, delayMs } }, whois: { ageDays: 5, registrar: 'Gname.com Pte. Ltd.', privacy: true } });

describe('single-flight', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ 'same.top': site(200), 'other.top': site(200) });
  });
  afterAll(async () => h?.close());

  it('scans identical URLs in flight once and answers every caller with the stored answer', async () => {
    const post = (url: string) => h.app.inject({ method: 'POST', url: '/v1/scans', payload: { url } });
    const answers = await Promise.all([...Array.from({ length: 20 }, () => post(h.url('same.top'))), post(h.url('other.top'))]);
    expect(answers.map((a) => a.statusCode)).toEqual(Array(21).fill(200));
    const ids = new Set(answers.slice(0, 20).map((a) => a.json().id));
    expect(ids.size).toBe(1);
    expect(answers[20]!.json().id).not.toBe([...ids][0]);
    expect(h.web.hits.filter((x) => x.host === 'same.top' && x.path === '/').length).toBe(1);
    expect((await h.app.inject({ method: 'GET', url: `/v1/scans/${[...ids][0]}` })).statusCode).toBe(200);
  });
});

describe('admission bounds', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(
      { 'slow-1.top': site(600), 'slow-2.top': site(600), 'slow-3.top': site(600), 'slow-4.top': site(0) },
      { SCAMSCORE_MAX_SCANS: '1', SCAMSCORE_SCAN_QUEUE: '1', SCAMSCORE_SCAN_QUEUE_WAIT_MS: '300' },
    );
  });
  afterAll(async () => h?.close());

  const post = (host: string) => h.app.inject({ method: 'POST', url: '/v1/scans', payload: { url: h.url(host) } });

  it('refuses a scan at once when the queue is full, and one that waited too long, without fetching either', async () => {
    const running = post('slow-1.top');
    await new Promise((r) => setTimeout(r, 50));
    const waiting = post('slow-2.top');
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    const full = await post('slow-3.top');
    expect(Date.now() - started).toBeLessThan(200);
    expect(full.statusCode).toBe(503);
    expect(full.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(full.json()).toMatchObject({ code: 'SCAN_QUEUE_FULL', detail: expect.stringMatching(/already waiting; retry in \d+ s/) });

    const timedOut = await waiting;
    expect(timedOut.statusCode).toBe(503);
    expect(timedOut.json()).toMatchObject({ code: 'SCAN_QUEUE_TIMEOUT', detail: expect.stringMatching(/within 300 ms; the scan did not run/) });
    expect((await running).statusCode).toBe(200);
    // Refused scans spent nothing: their sites were never asked.
    expect(h.web.hits.filter((x) => x.host === 'slow-2.top' || x.host === 'slow-3.top')).toEqual([]);
    expect((await post('slow-4.top')).statusCode).toBe(200);
  });

  it('answers a bad target with its 4xx even while the queue is full: it is refused before admission', async () => {
    const busy = [post('slow-1.top'), post('slow-2.top')];
    await new Promise((r) => setTimeout(r, 50));
    const r = await h.app.inject({ method: 'POST', url: '/v1/scans', payload: { url: 'http://localhost/' } });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('TARGET_REFUSED');
    await Promise.all(busy);
  });
});
