// Batches through the HTTP API with the in-process queue (no REDIS_URL) on the embedded store: JSON and CSV
// input, duplicates scanned once, a fresh stored verdict reused, bad input named by line, per-host spacing
// (read from the arrival times the loopback web server recorded), progress events, results in both formats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness.js';
import { gapsOf, recordedSites, waitForBatch, type Arrival, startBatchHarness } from '../support/batches.js';

const GAP_MS = 400;
const arrivals: Arrival[] = [];
const HOSTS = ['alpha-cash.top', 'beta-cash.top', 'gamma-cash.top', 'delta-cash.top', 'spaced-a.top', 'spaced-b.top', 'csv-one.top', 'csv-two.top', 'sse-site.top', 'sse-two.top'];

let h: Harness;
beforeAll(async () => {
  h = await startBatchHarness(recordedSites(HOSTS, arrivals, { paths: ['/', '/1', '/2', '/3'] }), {
    SCAMSCORE_BATCH_HOST_GAP_MS: String(GAP_MS),
    SCAMSCORE_BATCH_CONCURRENCY: '4',
    SCAMSCORE_BATCH_POLL_MS: '100',
    SCAMSCORE_BATCH_HEARTBEAT_MS: '100',
  });
});
afterAll(async () => h?.close());

const postJson = (body: unknown) =>
  h.app.inject({ method: 'POST', url: '/v1/batches', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const postCsv = (csv: string, query = '', type = 'text/csv') => h.app.inject({ method: 'POST', url: `/v1/batches${query}`, headers: { 'content-type': type }, payload: csv });
const hitsOf = (host: string) => arrivals.filter((a) => a.host === host).length;

interface ResultRow {
  line: number;
  url: string;
  target: string | null;
  status: string;
  scanId: string | null;
  score: number | null;
  band: string | null;
  reused: boolean;
  error: { code: string; detail: string } | null;
}

async function resultsOf(id: string): Promise<ResultRow[]> {
  const r = await h.app.inject({ method: 'GET', url: `/v1/batches/${id}/results` });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toMatch(/^application\/x-ndjson/);
  return r.body.trim().split('\n').map((l) => JSON.parse(l) as ResultRow);
}

describe('POST /v1/batches with JSON', () => {
  let id: string;

  it('accepts the batch (202 + Location), drops duplicates, lists invalid rows by line, and scans every distinct URL once', async () => {
    const a = h.url('alpha-cash.top');
    const b = h.url('beta-cash.top');
    const r = await postJson({
      name: 'json batch',
      // The second alpha differs only by case of the host and a fragment: the same page.
      urls: [a, b, h.url('ALPHA-CASH.top') + '#top', 'ftp://alpha-cash.top/', 'not a url', h.url('gamma-cash.top')],
    });
    expect(r.statusCode).toBe(202);
    const body = r.json();
    id = body.id;
    expect(r.headers.location).toBe(`/v1/batches/${id}`);
    expect(body).toMatchObject({ name: 'json batch', total: 5, queued: 3, duplicates: 1, status: 'queued' });
    expect(body.invalid).toEqual([
      expect.objectContaining({ line: 4, url: 'ftp://alpha-cash.top/', code: 'TARGET_REFUSED' }),
      expect.objectContaining({ line: 5, url: 'not a url', code: 'BAD_INPUT' }),
    ]);
    expect(body.invalid[0].detail).toMatch(/scheme "ftp"/);

    const done = await waitForBatch(h.app, id);
    expect(done).toMatchObject({ status: 'done', total: 5, done: 5, pending: 0, errors: 2, duplicates: 1, reused: 0 });
    expect(Object.values(done.counts).reduce((x, y) => x + y, 0)).toBe(3);
    expect(done.finishedAt).not.toBeNull();
    expect(hitsOf('alpha-cash.top')).toBe(1);
    expect(hitsOf('beta-cash.top')).toBe(1);
    expect(hitsOf('gamma-cash.top')).toBe(1);
  });

  it('registers the queue depth with the metrics', async () => {
    const text = await h.services.metrics.registry.getSingleMetricAsString('scamscore_queue_depth');
    expect(text).toMatch(/scamscore_queue_depth\{queue="batches"\} 0/);
  });

  it('answers the results as JSON lines, one row per item in input order, each scan a stored scan', async () => {
    const rows = await resultsOf(id);
    expect(rows.map((x) => [x.line, x.status])).toEqual([
      [1, 'done'],
      [2, 'done'],
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'done'],
    ]);
    for (const row of rows.filter((x) => x.status === 'done')) {
      const scan = await h.app.inject({ method: 'GET', url: `/v1/scans/${row.scanId}` });
      expect(scan.statusCode).toBe(200);
      expect(scan.json()).toMatchObject({ url: row.target, score: row.score, band: row.band });
      expect(scan.json().evidence.records.length).toBeGreaterThan(0);
      expect(row.error).toBeNull();
    }
    expect(rows[2]!.error).toMatchObject({ code: 'TARGET_REFUSED' });
  });

  it('answers the results as CSV by Accept and by ?format=csv', async () => {
    for (const req of [{ url: `/v1/batches/${id}/results`, headers: { accept: 'text/csv' } }, { url: `/v1/batches/${id}/results?format=csv`, headers: {} }]) {
      const r = await h.app.inject({ method: 'GET', ...req });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/csv/);
      const lines = r.body.trim().split('\n');
      expect(lines[0]).toBe('line,url,target,status,scan_id,score,band,reused,error_code,error_detail');
      expect(lines).toHaveLength(6);
      expect(lines[1]).toMatch(/^1,http:\/\/alpha-cash\.top:\d+\/,http:\/\/alpha-cash\.top:\d+\/,done,[0-9a-f-]{36},\d+,\w+,false,,$/);
      expect(lines[3]).toMatch(/^4,ftp:\/\/alpha-cash\.top\/,,invalid,,,,false,TARGET_REFUSED,/);
    }
  });

  it('reuses a fresh stored verdict instead of scanning again', async () => {
    const before = arrivals.length;
    const r = await postJson({ urls: [h.url('alpha-cash.top'), h.url('beta-cash.top'), h.url('delta-cash.top')] });
    expect(r.statusCode).toBe(202);
    const done = await waitForBatch(h.app, r.json().id);
    expect(done).toMatchObject({ done: 3, reused: 2, errors: 0 });
    expect(arrivals.slice(before).map((a) => a.host)).toEqual(['delta-cash.top']);
    const rows = await resultsOf(r.json().id);
    const first = await resultsOf(id);
    expect(rows[0]).toMatchObject({ reused: true, scanId: first[0]!.scanId });
    expect(rows[2]).toMatchObject({ reused: false });
  });
});

describe('POST /v1/batches with CSV', () => {
  it('reads the url column of a CSV with a header (BOM, CRLF, charset parameter), naming rows by line', async () => {
    const csv = `id,url,note\n1,${h.url('csv-one.top')},first\n\n2,"${h.url('csv-two.top')}","second, quoted"\n3,javascript:alert(1),bad\n`;
    const r = await postCsv('\uFEFF' + csv.replace(/\n/g, '\r\n'), '?name=from%20csv', 'text/csv; charset=utf-8');
    expect(r.statusCode).toBe(202);
    const body = r.json();
    expect(body).toMatchObject({ name: 'from csv', total: 3, queued: 2 });
    expect(body.invalid).toEqual([expect.objectContaining({ line: 5, code: 'TARGET_REFUSED' })]);
    await waitForBatch(h.app, body.id);
    const rows = await resultsOf(body.id);
    expect(rows.map((x) => [x.line, x.status])).toEqual([
      [2, 'done'],
      [4, 'done'],
      [5, 'invalid'],
    ]);
  });

  it('reads a single column without a header, and one with a header that is not a URL', async () => {
    const bare = await postCsv(`${h.url('csv-one.top', '/1')}\n${h.url('csv-two.top', '/1')}\n`);
    expect(bare.statusCode).toBe(202);
    expect(bare.json()).toMatchObject({ total: 2, queued: 2 });
    const headed = await postCsv(`website\n${h.url('csv-one.top', '/2')}\n`);
    expect(headed.statusCode).toBe(202);
    expect(headed.json()).toMatchObject({ total: 1, queued: 1 });
    await waitForBatch(h.app, bare.json().id);
    await waitForBatch(h.app, headed.json().id);
    const rows = await resultsOf(headed.json().id);
    expect(rows[0]).toMatchObject({ line: 2, status: 'done' });
  });
});

describe('bad batches', () => {
  it('refuses an empty list (400) and more than 10,000 URLs (413), in JSON and in CSV', async () => {
    const empty = await postJson({ urls: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(empty.json().detail).toMatch(/at least one URL/);
    const many = Array.from({ length: 10_001 }, (_, i) => `http://site${i}.example/`);
    const big = await postJson({ urls: many });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'BATCH_TOO_LARGE' });
    const bigCsv = await postCsv(many.join('\n'));
    expect(bigCsv.statusCode).toBe(413);
    expect(bigCsv.json().detail).toMatch(/10001 URLs/);
    const emptyCsv = await postCsv('\n\n');
    expect(emptyCsv.statusCode).toBe(400);
  });

  it('refuses a CSV that cannot be parsed, naming the line (400 BAD_CSV)', async () => {
    const r = await postCsv(`url\nhttp://a.example/\n"http://b.example/"x\nhttp://c.example/\n`);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'BAD_CSV' });
    expect(r.json().detail).toMatch(/line 3/i);
    const unclosed = await postCsv(`url\n"http://b.example/\nhttp://c.example/\n`);
    expect(unclosed.statusCode).toBe(400);
    expect(unclosed.json().detail).toMatch(/quote/i);
    const wide = await postCsv(`a,b\nhttp://a.example/,x\n`);
    expect(wide.statusCode).toBe(400);
    expect(wide.json().detail).toMatch(/none is named "url"/);
  });

  it('refuses a batch with no URL it can scan (422 NO_VALID_URLS, every row listed)', async () => {
    const r = await postJson({ urls: ['ftp://x.example/', 'http://localhost/'] });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'NO_VALID_URLS' });
    expect(r.json().invalid.map((x: { line: number }) => x.line)).toEqual([1, 2]);
  });

  it('refuses other content types (415), malformed shapes (400) and unknown batches (404)', async () => {
    const xml = await h.app.inject({ method: 'POST', url: '/v1/batches', headers: { 'content-type': 'application/xml' }, payload: '<urls/>' });
    expect(xml.statusCode).toBe(415);
    const shape = await postJson({ urls: [1, 2] });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().detail).toMatch(/urls\.0/);
    const extra = await postJson({ urls: ['http://a.example/'], priority: 1 });
    expect(extra.statusCode).toBe(400);
    for (const path of ['', '/results', '/events']) {
      const r = await h.app.inject({ method: 'GET', url: `/v1/batches/00000000-0000-4000-8000-000000000000${path}` });
      expect(r.statusCode).toBe(404);
      expect(r.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await h.app.inject({ method: 'GET', url: '/v1/batches/nope' })).statusCode).toBe(400);
  });
});

describe('politeness', () => {
  it('spaces the scans of one host by the configured gap while other hosts go on', async () => {
    const a = (p: string) => h.url('spaced-a.top', p);
    const b = (p: string) => h.url('spaced-b.top', p);
    const r = await postJson({ urls: [a('/1'), a('/2'), a('/3'), b('/1'), b('/2'), b('/3')] });
    expect(r.statusCode).toBe(202);
    await waitForBatch(h.app, r.json().id);
    const gapsA = gapsOf(arrivals, 'spaced-a.top');
    const gapsB = gapsOf(arrivals, 'spaced-b.top');
    expect(gapsA).toHaveLength(2);
    expect(gapsB).toHaveLength(2);
    // Lower bounds only. Unspaced, the requests of one host arrive together (gaps of a few ms); the slack of half
    // a gap covers a first request held up on its way (a busy machine) more than the next one.
    for (const g of [...gapsA, ...gapsB]) expect(g).toBeGreaterThanOrEqual(GAP_MS / 2);
    // Another host is not held up by the first one's gap: b's first page arrives before a's second.
    const order = arrivals.filter((x) => x.host.startsWith('spaced-')).map((x) => `${x.host === 'spaced-a.top' ? 'a' : 'b'}${x.path}`);
    expect(order.indexOf('b/1')).toBeLessThan(order.indexOf('a/2'));
  });
});

describe('GET /v1/batches/:id/events', () => {
  it('streams progress events and ends with a done event', async () => {
    const r = await postJson({ urls: [h.url('sse-site.top', '/1'), h.url('sse-site.top', '/2'), h.url('sse-site.top', '/3')] });
    // inject collects the whole stream: it returns once the stream ended, i.e. after the final event.
    const events = await h.app.inject({ method: 'GET', url: `/v1/batches/${r.json().id}/events` });
    expect(events.statusCode).toBe(200);
    expect(events.headers['content-type']).toMatch(/^text\/event-stream/);
    const parsed = events.body
      .split('\n\n')
      .filter((block) => block.includes('data: '))
      .map((block) => ({ event: /^event: (.*)$/m.exec(block)![1], data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) }));
    expect(parsed.at(-1)).toMatchObject({ event: 'done', data: { status: 'done', done: 3, pending: 0 } });
    expect(parsed.slice(0, -1).every((e) => e.event === 'progress')).toBe(true);
    const dones = parsed.map((e) => e.data.done as number);
    // An event per change: never the same state twice, and progress only moves forward.
    expect(new Set(parsed.map((e) => JSON.stringify(e.data))).size).toBe(parsed.length);
    expect([...dones].sort((x, y) => x - y)).toEqual(dones);
    expect(parsed.length).toBeGreaterThanOrEqual(2);
    // The 400 ms host gap is longer than the 100 ms heartbeat: comments were sent between events.
    expect(events.body).toContain(': heartbeat');
    expect(h.services.batches.watching()).toBe(0);
  });

  it('stops streaming when the client goes away', async () => {
    const address = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const r = await postJson({ urls: [h.url('sse-two.top', '/1'), h.url('sse-two.top', '/2'), h.url('sse-two.top', '/3')] });
    const id = r.json().id;
    const controller = new AbortController();
    const res = await fetch(`${address}/v1/batches/${id}/events`, { signal: controller.signal });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/retry: \d+|event: progress/);
    expect(h.services.batches.watching()).toBe(1);
    controller.abort();
    await reader.closed.catch(() => {});
    // The server hears the close a moment later.
    for (let i = 0; i < 100 && h.services.batches.watching() > 0; i++) await new Promise((x) => setTimeout(x, 20));
    expect(h.services.batches.watching()).toBe(0);
    await waitForBatch(h.app, id);
  });
});
