// The service's memory through its API, on the embedded store and on a real Postgres (TEST_DATABASE_URL or
// a container): evidence exported as WARC, rescoring, a domain's history, a broker's rotated domains linked by
// identifier and by template, hotline reports and analyst verdicts reaching the next answer.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { WARCParser } from 'warcio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRescorer } from '../../src/scan/rescore.js';
import type { ScanResult } from '../../src/scan/scanner.js';
import { startHarness, type Harness, type SiteSpec } from '../support/harness.js';
import { createScratchDatabase, startTestPostgres, type TestPostgres } from '../support/postgres.js';

const OPERATOR = fs.readFileSync(new URL('../fixtures/pages/op-micropayment-95.html', import.meta.url), 'utf8').replace('</body>', '<p>상담전화 010-4821-7730</p></body>');
// The same broker on a new domain: same page, same KakaoTalk ID.
const ROTATED = OPERATOR.replace('<title>', '<title>NEW ');
// Same template, every identifier changed: only the template links it.
const CLONED = OPERATOR.replaceAll('paymoney24', 'fastcash88').replaceAll('sPay2424', 'qRt9911').replace(/01[016789]-?\d{3,4}-?\d{4}/g, '010-5555-0199');
const BLOG = '<html><head><title>주말 등산 기록</title></head><body><h1>북한산 등산</h1><p>' + '아침 일찍 출발해서 정상까지 올랐다. '.repeat(30) + '</p></body></html>';

const young = { ageDays: 6, registrar: 'Gname.com Pte. Ltd.', privacy: true };
const sites: Record<string, SiteSpec> = {
  'paymoney-cash.top': { routes: { '/': { body: OPERATOR } }, whois: young },
  'paymoney-new.top': { routes: { '/': { body: ROTATED } }, whois: young },
  'fastcash-clone.xyz': { routes: { '/': { body: CLONED } }, whois: young },
  'hiking-notes.kr': { routes: { '/': { body: BLOG } }, whois: { ageDays: 3000, registrar: 'Gabia', privacy: false } },
};

function memoryContract(name: string, env: () => Promise<Record<string, string> | null>) {
  describe(name, () => {
    let h: Harness | null = null;

    beforeAll(async () => {
      const extra = await env();
      if (!extra) return;
      h = await startHarness(sites, extra);
    });
    afterAll(async () => {
      await h?.close();
    });

    const scan = async (host: string): Promise<ScanResult> => {
      const res = await h!.app.inject({ method: 'POST', url: '/v1/scans', payload: { url: h!.url(host) } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const get = (url: string) => h!.app.inject({ method: 'GET', url });
    const post = (url: string, payload: object) => h!.app.inject({ method: 'POST', url, payload });

    it('keeps each scan\'s evidence and exports it as a WARC file whose digests match the answer', async (ctx) => {
      if (!h) return ctx.skip();
      const first = await scan('paymoney-cash.top');
      const main = first.evidence!.records.find((r) => r.role === 'main')!;
      expect(main).toMatchObject({ url: h.url('paymoney-cash.top'), bytes: Buffer.byteLength(OPERATOR) });
      expect(first.evidence!.records.some((r) => r.role === 'whois')).toBe(true);
      expect(first.history).toMatchObject({ scans: 1, firstSeen: first.scannedAt });

      const res = await get(`/v1/scans/${first.id}/evidence`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/warc/);
      const records: { type: string | null; uri: string | null; digest: string | null; payload: Buffer }[] = [];
      for await (const record of new WARCParser(Readable.from([res.rawPayload]))) {
        records.push({
          type: record.warcType ?? null,
          uri: record.warcTargetURI ?? null,
          digest: record.warcHeaders.headers.get('WARC-Payload-Digest') ?? null,
          payload: Buffer.from(await record.readFully(true)),
        });
      }
      const page = records.find((r) => r.type === 'response' && r.payload.length > 0)!;
      expect(page.payload.toString('utf8')).toBe(OPERATOR);
      expect(page.digest).toBe(`sha256:${main.sha256}`);
      const answer = records.find((r) => r.type === 'metadata' && r.payload.toString('utf8').includes('"findings"'))!;
      expect(JSON.parse(answer.payload.toString('utf8')).id).toBe(first.id);
      // The same page seen again is stored once: the second scan's record has the same hash.
      const again = await scan('paymoney-cash.top');
      expect(again.evidence!.records.find((r) => r.role === 'main')!.sha256).toBe(main.sha256);
      expect(again.history).toMatchObject({ scans: 2, firstSeen: first.scannedAt });
    });

    it('links a rotated domain by its KakaoTalk ID and a cloned one by its template, as findings with evidence', async (ctx) => {
      if (!h) return ctx.skip();
      const original = await scan('paymoney-cash.top');
      expect(['high', 'critical']).toContain(original.band);
      const rotated = await scan('paymoney-new.top');
      const link = rotated.related.find((r) => r.domain === 'paymoney-cash.top')!;
      expect(link.band).toBe(original.band);
      expect(link.links).toContainEqual(expect.objectContaining({ via: 'indicator', kind: 'kakao', value: 'paymoney24' }));
      const shared = rotated.findings.find((f) => f.rule === 'linked-domains' && f.signal === 'shares-identifier')!;
      expect(shared.evidence.map((e) => e.excerpt).join('\n')).toMatch(/kakao paymoney24 — also on paymoney-cash\.top/);

      const cloned = await scan('fastcash-clone.xyz');
      expect(cloned.related.find((r) => r.domain === 'paymoney-cash.top')?.links).toContainEqual(expect.objectContaining({ via: 'template' }));
      expect(cloned.findings.map((f) => `${f.rule}/${f.signal}`)).toContain('linked-domains/shares-template');
      expect(cloned.findings.map((f) => `${f.rule}/${f.signal}`)).not.toContain('linked-domains/shares-identifier');

      // An unrelated page links to nothing.
      const blog = await scan('hiking-notes.kr');
      expect(blog.related).toEqual([]);
      expect(blog.findings.filter((f) => f.rule === 'linked-domains')).toEqual([]);

      const byId = await get('/v1/indicators/kakao/PayMoney24');
      expect(byId.statusCode).toBe(200);
      const sightings = byId.json();
      expect(sightings.domains.map((d: { domain: string }) => d.domain).sort()).toEqual(['paymoney-cash.top', 'paymoney-new.top']);
      expect(sightings.scans.length).toBeGreaterThanOrEqual(3);
      // A hotline types the number its own way: digits only still finds the page's "010-…".
      const phone = original.indicators!.phones[0]!;
      const byPhone = (await get(`/v1/indicators/phone/${phone.replace(/\D/g, '')}`)).json();
      expect(byPhone.domains.map((d: { domain: string }) => d.domain)).toContain('paymoney-cash.top');
      expect((await get('/v1/indicators/kakao/nobody-has-this')).statusCode).toBe(404);
      expect((await get('/v1/indicators/fax/123')).json()).toMatchObject({ status: 400 });
    });

    it('lists a domain\'s scans newest first with what changed between them', async (ctx) => {
      if (!h) return ctx.skip();
      // The web stand-in reads its routes on every request: the site changes between two scans.
      const home = sites['hiking-notes.kr']!.routes as Record<string, { body: string }>;
      home['/'] = { body: BLOG };
      await scan('hiking-notes.kr');
      home['/'] = { body: BLOG.replace('</body>', '<p>문의 카톡 ID: hike2026</p></body>') };
      const changed = await scan('hiking-notes.kr');
      const res = await get('/v1/domains/www.hiking-notes.kr');
      expect(res.statusCode).toBe(200);
      const history = res.json();
      expect(history.domain).toBe('hiking-notes.kr');
      expect(history.scans[0].id).toBe(changed.id);
      expect(history.scans[0].changes.page).not.toBeNull();
      expect(history.scans[0].changes.indicators.added).toContain('kakaoIds:hike2026');
      expect(history.scans[1].changes?.page ?? null).toBeNull();
      expect(history.lastSeen).toBe(changed.scannedAt);
      expect((await get('/v1/domains/never-scanned.example')).statusCode).toBe(404);
      const paged = (await get('/v1/domains/hiking-notes.kr?limit=1')).json();
      expect(paged.scans).toHaveLength(1);
      expect(paged.next).toMatch(/before=/);
      expect((await get(paged.next)).json().scans[0].id).toBe(history.scans[1].id);
      home['/'] = { body: BLOG };
    });

    it('counts independent hotline reports in the next answer, without personal data', async (ctx) => {
      if (!h) return ctx.skip();
      const before = await scan('paymoney-new.top');
      expect(before.findings.filter((f) => f.rule === 'hotline-reports')).toEqual([]);
      for (const [reporter, note] of [['caller-1', '엄마 폰으로 결제됨 김OO 010-1111-2222'], ['caller-2', 'lost 300000'], ['caller-3', '']]) {
        const res = await post('/v1/reports', { target: { domain: 'paymoney-new.top' }, kind: 'victim', channel: 'phone', note, reporter, amountLost: 300000 });
        expect(res.statusCode, res.body).toBe(201);
      }
      const after = await scan('paymoney-new.top');
      expect(after.findings.map((f) => `${f.rule}/${f.signal}`)).toContain('hotline-reports/several-reports');
      expect(after.reports).toHaveLength(3);
      expect(after.score).toBeGreaterThanOrEqual(before.score);
      // A rescore of the earlier scan judges it as of its own time: reports made later do not count in it.
      const rescored = await post(`/v1/scans/${before.id}/rescore`, {});
      expect(rescored.statusCode, rescored.body).toBe(200);
      expect(rescored.json().changes.added.map((f: { rule: string }) => f.rule)).not.toContain('hotline-reports');
      const text = JSON.stringify(after) + rescored.body;
      expect(text).not.toMatch(/caller-1|김OO|010-1111-2222|300000/);
    });

    it('rescores a stored scan from its evidence alone: nothing moves under the same rules, points move under new weights', async (ctx) => {
      if (!h) return ctx.skip();
      const stored = await scan('fastcash-clone.xyz');
      // The site is gone: a rescore must not need it.
      const routes = sites['fastcash-clone.xyz']!.routes as Record<string, unknown>;
      const page = routes['/'];
      delete routes['/'];
      try {
        const same = await post(`/v1/scans/${stored.id}/rescore`, {});
        expect(same.statusCode, same.body).toBe(200);
        const { result, changes } = same.json();
        expect(result).toMatchObject({ id: stored.id, score: stored.score, band: stored.band, rescoredAt: expect.any(String) });
        expect(changes).toMatchObject({ band: null, added: [], removed: [], moved: [] });

        const weights = h.services.ruleset.weights;
        const payout = stored.findings.find((f) => f.rule === 'payout-rate')!;
        const key = `${payout.rule}/${payout.signal}`;
        const next = createRescorer({
          scanner: h.services.scanner,
          store: h.services.store,
          weights: { ...weights, points: { ...weights.points, [key]: payout.points + 7 }, source: 'next.json' },
          rulesetVersion: 'next',
        });
        const moved = await next(stored.id);
        expect(moved.changes.moved).toEqual([{ rule: payout.rule, signal: payout.signal, from: payout.points, to: payout.points + 7 }]);
        expect(moved.result).toMatchObject({ rulesetVersion: 'next', weights: 'next.json' });
      } finally {
        routes['/'] = page;
      }
    });

    it('shows an analyst\'s verdict and rule appeal in later answers, audited, until withdrawn', async (ctx) => {
      if (!h) return ctx.skip();
      const plain = await scan('paymoney-cash.top');
      const payout = plain.findings.find((f) => f.rule === 'payout-rate');
      expect(payout).toBeDefined();
      const verdict = await post('/v1/domains/paymoney-cash.top/verdict', { verdict: 'scam', reason: '피해 신고 다수 확인', by: 'analyst-kim' });
      expect(verdict.statusCode, verdict.body).toBe(201);
      const appeal = await post('/v1/domains/paymoney-cash.top/suppressions', { rule: 'payout-rate', reason: 'test appeal', by: 'analyst-kim' });
      expect(appeal.statusCode, appeal.body).toBe(201);

      const judged = await scan('paymoney-cash.top');
      expect(judged.analystVerdict).toMatchObject({ verdict: 'scam', by: 'analyst-kim' });
      // The verdict sits beside the findings, never instead of them.
      expect(judged.findings.length).toBeGreaterThan(0);
      expect(judged.summary.en).toMatch(/analyst \(analyst-kim/);
      expect(judged.suppressed.map((f) => f.rule)).toEqual(['payout-rate']);
      expect(judged.findings.map((f) => f.rule)).not.toContain('payout-rate');
      expect(judged.suppressed[0]!.points).toBe(payout!.points);
      // The score is the sum of the findings still counted: the appealed rule's points are out of it.
      const counted = judged.findings.reduce((sum, f) => sum + f.points, 0);
      expect(judged.score).toBe(Math.max(0, Math.min(100, Math.round(counted))));
      // A rescore of the scan made before the appeal shows the finding leaving.
      const rescored = (await post(`/v1/scans/${plain.id}/rescore`, {})).json();
      expect(rescored.changes.removed.map((f: { rule: string }) => f.rule)).toContain('payout-rate');

      const audit = (await get('/v1/domains/paymoney-cash.top/audit')).json();
      expect(JSON.stringify(audit)).toMatch(/analyst-kim/);
      const del = await h.app.inject({ method: 'DELETE', url: `/v1/domains/paymoney-cash.top/suppressions/${appeal.json().id}`, payload: { by: 'analyst-lee', reason: 'appeal rejected' } });
      expect(del.statusCode, del.body).toBeLessThan(300);
      const restored = await scan('paymoney-cash.top');
      expect(restored.suppressed).toEqual([]);
      expect(restored.findings.map((f) => f.rule)).toContain('payout-rate');
      expect(restored.analystVerdict).toMatchObject({ verdict: 'scam' });
    });

    it('answers problem details for evidence and rescore of unknown scans', async (ctx) => {
      if (!h) return ctx.skip();
      const missing = '00000000-0000-4000-8000-000000000000';
      for (const res of [await get(`/v1/scans/${missing}/evidence`), await post(`/v1/scans/${missing}/rescore`, {})]) {
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
      }
      expect((await get('/v1/scans/not-a-uuid/evidence')).statusCode).toBe(400);
    });
  });
}

memoryContract('memory on the embedded store (PGlite)', async () => ({}));

let server: TestPostgres | null = null;
let db: { url: string; drop(): Promise<void> } | null = null;
memoryContract('memory on a real Postgres', async () => {
  server = await startTestPostgres();
  if (!server) return null;
  db = await createScratchDatabase(server.url);
  return { DATABASE_URL: db.url };
});
afterAll(async () => {
  await db?.drop();
  await server?.stop();
});
