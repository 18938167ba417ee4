// Casework on both stores: reports (personal fields kept out of everything but getReport), verdicts and appeals
// with supersede, withdrawal and the audit trail.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/errors.js';
import { AlreadyWithdrawnError, createCasework, normalizeIndicator, reportRef, UnknownRuleError, type Casework } from '../../src/store/casework.js';
import { migrate } from '../../src/store/migrations.js';
import { openPostgres } from '../../src/store/postgres.js';
import { openPglite, type SqlClient } from '../../src/store/sql.js';
import { createScratchDatabase, startTestPostgres, type TestPostgres } from '../support/postgres.js';

const DAY = 86_400_000;
const START = Date.parse('2026-11-15T03:00:00Z');
const KNOWN_RULES = ['carrier-auth-code', 'hotline-reports', 'licensing'];
/** What the victim gave: none of it may appear outside getReport. */
const PERSONAL = ['김피해', '9999-8888', '350000', '350,000', '엄마 폰으로'];
const PERSONAL_KEYS = /"(?:note|amountLost|amount_lost|reporter)"/;

/** A clock the tests move. */
function clock(start = START) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

function caseworkContract(name: string, open: () => Promise<SqlClient | null>) {
  describe(name, () => {
    let sql: SqlClient | null = null;
    const time = clock();
    let cw: Casework;
    beforeAll(async () => {
      sql = await open();
      if (!sql) return;
      await migrate(sql);
      cw = createCasework(sql, { now: time.now, knownRules: KNOWN_RULES, sourceSecret: 'test' });
    });
    afterAll(async () => {
      await sql?.close();
    });

    it('normalises targets: a URL keeps its registrable domain, a domain its punycode, identifiers their indicator forms', async (ctx) => {
      if (!sql) return ctx.skip();
      const url = await cw.addReport({ target: { url: 'HTTPS://Apply.Cash-Now.TOP/form?x=1#top' }, kind: 'victim' });
      expect(url.target).toEqual({ url: 'https://apply.cash-now.top/form?x=1' });
      expect(url.domain).toBe('cash-now.top');
      const idn = await cw.addReport({ target: { domain: 'www.현금화.com.' }, kind: 'suspicious', channel: ' Web ' });
      const ascii = new URL('http://현금화.com/').hostname;
      expect(ascii).toMatch(/^xn--/);
      expect(idn.target).toEqual({ domain: `www.${ascii}` });
      expect(idn.domain).toBe(ascii);
      expect(idn.channel).toBe('web');
      const phone = await cw.addReport({ target: { indicator: { kind: 'phone', value: '+82 10 1234 5670' } }, kind: 'spam' });
      expect(phone.target).toEqual({ indicator: { kind: 'phone', value: '010-1234-5670' } });
      expect(phone.domain).toBeNull();
      const kakao = await cw.addReport({ target: { indicator: { kind: 'kakao', value: '@Cash7777' } }, kind: 'attempt' });
      expect(kakao.target).toEqual({ indicator: { kind: 'kakao', value: 'cash7777' } });
    });

    it('refuses a target that is not one thing, or not what it claims to be', async (ctx) => {
      if (!sql) return ctx.skip();
      await expect(cw.addReport({ target: { url: 'ftp://cash.example/' }, kind: 'victim' })).rejects.toThrow(/http or https/);
      await expect(cw.addReport({ target: { domain: 'co.kr' }, kind: 'victim' })).rejects.toThrow(/registrable domain/);
      await expect(cw.addReport({ target: { domain: 'localhost' }, kind: 'victim' })).rejects.toThrow(/not a domain name/);
      await expect(cw.addReport({ target: { indicator: { kind: 'phone', value: '1332' } }, kind: 'victim' })).rejects.toThrow(/not a phone/);
      await expect(cw.addReport({ target: { url: 'https://a.example/', domain: 'a.example' } as never, kind: 'victim' })).rejects.toThrow(/exactly one/);
    });

    it('keeps personal fields for getReport only: not in the POST answer, not in reportsFor, not in the audit trail', async (ctx) => {
      if (!sql) return ctx.skip();
      const added = await cw.addReport({
        target: { url: 'https://private.example/apply' },
        kind: 'victim',
        channel: 'hotline',
        note: '엄마 폰으로 결제했어요',
        amountLost: 350_000,
        reporter: '김피해 010-9999-8888',
      });
      const answer = JSON.stringify(added);
      for (const p of PERSONAL) expect(answer).not.toContain(p);
      expect(answer).not.toMatch(PERSONAL_KEYS);

      expect(await cw.getReport(added.id)).toEqual({
        ...added,
        note: '엄마 폰으로 결제했어요',
        amountLost: 350_000,
        reporter: '김피해 010-9999-8888',
      });

      const facts = await cw.reportsFor({ domain: 'private.example', urls: [], indicators: [] }, 90);
      expect(facts).toHaveLength(1);
      expect(Object.keys(facts[0]!).sort()).toEqual(['at', 'channel', 'id', 'kind', 'matched', 'source']);
      for (const p of PERSONAL) expect(JSON.stringify(facts)).not.toContain(p);
      expect(JSON.stringify(facts)).not.toMatch(PERSONAL_KEYS);
      expect(facts[0]!.source).toMatch(/^reporter:[0-9a-f]{16}$/);

      await cw.deleteReport(added.id, 'analyst kim', 'the victim asked');
      expect(await cw.getReport(added.id)).toBeNull();
      expect(await cw.reportsFor({ domain: 'private.example', urls: [], indicators: [] }, 90)).toEqual([]);
      const trail = await cw.auditFor('private.example');
      expect(trail.map((e) => e.action)).toEqual(['report.delete', 'report.add']);
      expect(trail[0]).toMatchObject({ actor: 'analyst kim', subjectId: reportRef(added.id), detail: { reason: 'the victim asked', kind: 'victim' } });
      expect(trail[1]!.subjectId).toBe(trail[0]!.subjectId);
      // The id opens the personal fields (GET /v1/reports/:id): the public trail names the report by a digest.
      expect(JSON.stringify(trail)).not.toContain(added.id);
      for (const p of PERSONAL) expect(JSON.stringify(trail)).not.toContain(p);
      expect(JSON.stringify(trail)).not.toMatch(PERSONAL_KEYS);

      await expect(cw.deleteReport(added.id, 'analyst kim')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('finds reports by domain, URL or identifier within the window, newest first, each saying what matched', async (ctx) => {
      if (!sql) return ctx.skip();
      const local = createCasework(sql!, { now: time.now, knownRules: KNOWN_RULES });
      const old = await local.addReport({ target: { domain: 'match.example' }, kind: 'victim', channel: 'hotline' });
      time.advance(100 * DAY);
      const byUrl = await local.addReport({ target: { url: 'https://match.example/apply' }, kind: 'victim', channel: 'web' });
      time.advance(1_000);
      const byOtherUrl = await local.addReport({ target: { url: 'https://match.example/other' }, kind: 'suspicious', channel: 'web' });
      time.advance(1_000);
      const byAccount = await local.addReport({ target: { indicator: { kind: 'bank-account', value: '국민은행 123-45-678901' } }, kind: 'victim' });
      time.advance(1_000);
      const byPhone = await local.addReport({ target: { indicator: { kind: 'phone', value: '01055556666' } }, kind: 'spam', channel: 'sms' });
      await local.addReport({ target: { domain: 'unrelated.example' }, kind: 'victim' });

      const facts = await local.reportsFor(
        {
          domain: 'match.example',
          urls: ['https://match.example/apply#x'],
          // As the indicator module gives a scan's identifiers.
          indicators: [
            { kind: 'bank-account', value: '국민 123-45-678901' },
            { kind: 'phone', value: '010-5555-6666' },
          ],
        },
        90,
      );
      expect(facts.map((f) => [f.id, f.matched])).toEqual([
        [byPhone.id, 'indicator'],
        [byAccount.id, 'indicator'],
        [byOtherUrl.id, 'domain'],
        [byUrl.id, 'url'],
      ]);
      expect(facts.map((f) => f.id)).not.toContain(old.id);
      // Without a reporter, the same channel on the same (Korean) day is one source.
      expect(facts[2]!.source).toBe(facts[3]!.source);
      expect(facts[2]!.source).toMatch(/^channel:web:\d{4}-\d{2}-\d{2}$/);
      expect(facts[0]!.source).not.toBe(facts[1]!.source);
      // A longer window reaches the old one.
      expect((await local.reportsFor({ domain: 'match.example' }, 365)).map((f) => f.id)).toContain(old.id);
    });

    it('tells one reporter from another by a keyed hash, however they write their phone', async (ctx) => {
      if (!sql) return ctx.skip();
      const a = await cw.addReport({ target: { domain: 'same-reporter.example' }, kind: 'victim', reporter: '010-1111-2222' });
      const b = await cw.addReport({ target: { domain: 'same-reporter.example' }, kind: 'victim', reporter: ' 010 1111 2222 ' });
      const c = await cw.addReport({ target: { domain: 'same-reporter.example' }, kind: 'victim', reporter: 'someone@else.example' });
      const facts = await cw.reportsFor({ domain: 'same-reporter.example' }, 90);
      const source = new Map(facts.map((f) => [f.id, f.source]));
      expect(source.get(a.id)).toBe(source.get(b.id));
      expect(source.get(a.id)).not.toBe(source.get(c.id));
      expect(JSON.stringify(facts)).not.toContain('1111');
    });

    it('a new verdict supersedes the standing one; withdrawal leaves none; the trail shows who, when and why', async (ctx) => {
      if (!sql) return ctx.skip();
      const first = await cw.recordVerdict({ domain: 'WWW.Verdict.example', verdict: 'scam', reason: 'three victims, same account', by: 'analyst lee' });
      expect(first).toMatchObject({ domain: 'verdict.example', verdict: 'scam', by: 'analyst lee', supersedes: null });
      expect((await cw.standingFor('verdict.example')).verdict).toEqual({ id: first.id, verdict: 'scam', reason: 'three victims, same account', by: 'analyst lee', at: first.at });

      time.advance(60_000);
      const second = await cw.recordVerdict({ domain: 'verdict.example', verdict: 'legitimate', reason: 'licensed shop, owner called', by: 'analyst park' });
      expect(second.supersedes).toBe(first.id);
      expect((await cw.standingFor('verdict.example')).verdict?.id).toBe(second.id);
      await expect(cw.withdrawVerdict(first.id, { by: 'analyst park', reason: 'again' })).rejects.toBeInstanceOf(AlreadyWithdrawnError);

      time.advance(60_000);
      await expect(cw.withdrawVerdict(second.id, { by: 'analyst park', reason: 'x', domain: 'other.example' })).rejects.toBeInstanceOf(NotFoundError);
      const withdrawn = await cw.withdrawVerdict(second.id, { by: 'analyst park', reason: 'owner changed; re-check', domain: 'verdict.example' });
      expect(withdrawn).toMatchObject({ id: second.id, withdrawnBy: 'analyst park', withdrawReason: 'owner changed; re-check' });
      expect((await cw.standingFor('verdict.example')).verdict).toBeNull();

      const trail = await cw.auditFor('verdict.example');
      expect(trail.map((e) => [e.action, e.subjectId, e.actor])).toEqual([
        ['verdict.withdraw', second.id, 'analyst park'],
        ['verdict.record', second.id, 'analyst park'],
        ['verdict.withdraw', first.id, 'analyst park'],
        ['verdict.record', first.id, 'analyst lee'],
      ]);
      expect(trail[2]!.detail).toMatchObject({ reason: 'superseded', withdrawn: { verdict: 'scam', by: 'analyst lee' } });
      expect(trail[0]!.at).toBe(new Date(time.now()).toISOString());
    });

    it('suppresses a known rule for a domain, supersedes a second appeal of that rule, refuses an unknown rule, and withdraws', async (ctx) => {
      if (!sql) return ctx.skip();
      const s1 = await cw.suppressRule({ domain: 'shop.example', rule: 'carrier-auth-code', reason: 'licensed PG form, not a code capture', by: 'analyst kim' });
      const s2 = await cw.suppressRule({ domain: 'shop.example', rule: 'licensing', reason: 'registry lag', by: 'analyst kim' });
      time.advance(1_000);
      const s3 = await cw.suppressRule({ domain: 'shop.example', rule: 'carrier-auth-code', reason: 'confirmed with the PG', by: 'analyst lee' });
      expect(s3.supersedes).toBe(s1.id);
      expect((await cw.standingFor('shop.example')).suppressions.map((s) => [s.id, s.rule])).toEqual([
        [s3.id, 'carrier-auth-code'],
        [s2.id, 'licensing'],
      ]);

      const refused = cw.suppressRule({ domain: 'shop.example', rule: 'no-such-rule', reason: 'r', by: 'analyst kim' });
      await expect(refused).rejects.toBeInstanceOf(UnknownRuleError);
      await expect(refused).rejects.toMatchObject({ code: 'UNKNOWN_RULE', status: 422 });

      await cw.withdrawSuppression(s2.id, { by: 'analyst kim', reason: 'registry updated' });
      expect((await cw.standingFor('shop.example')).suppressions.map((s) => s.id)).toEqual([s3.id]);
      const actions = (await cw.auditFor('shop.example')).map((e) => e.action);
      expect(actions).toEqual(['suppression.withdraw', 'suppression.record', 'suppression.withdraw', 'suppression.record', 'suppression.record']);
      await expect(cw.withdrawSuppression(randomUUID(), { by: 'a', reason: 'r' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('answers the standing verdict and suppressions in one statement as the two separate queries did', async (ctx) => {
      if (!sql) return ctx.skip();
      const d = 'standing.example';
      const row = (table: string, extra: string, value: string, at: string, withdrawn: string | null) =>
        sql!.query(`insert into ${table} (id, domain, ${extra}, reason, actor, created_at, withdrawn_at) values ($1, $2, $3, 'r', 'a', $4, $5)`, [randomUUID(), d, value, at, withdrawn]);
      // Microsecond times, a withdrawn verdict newer than the standing one, and two standing rows of one rule.
      await row('analyst_verdicts', 'verdict', 'legitimate', '2026-11-01T00:00:00.123456Z', null);
      await row('analyst_verdicts', 'verdict', 'scam', '2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z');
      await row('rule_suppressions', 'rule', 'licensing', '2026-11-01T00:00:00.000001Z', null);
      await row('rule_suppressions', 'rule', 'licensing', '2026-11-05T00:00:00Z', null);
      await row('rule_suppressions', 'rule', 'carrier-auth-code', '2026-11-04T00:00:00Z', null);
      await row('rule_suppressions', 'rule', 'hotline-reports', '2026-11-04T00:00:00Z', '2026-11-06T00:00:00Z');
      const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();
      const verdicts = await sql.query<Record<string, unknown>>(`select * from analyst_verdicts where domain = $1 and withdrawn_at is null order by created_at desc limit 1`, [d]);
      const suppressions = await sql.query<Record<string, unknown>>(`select * from rule_suppressions where domain = $1 and withdrawn_at is null order by rule, created_at desc`, [d]);
      const seen = new Set<unknown>();
      expect(await cw.standingFor(d)).toEqual({
        verdict: verdicts.rows.map((r) => ({ id: r.id, verdict: r.verdict, reason: r.reason, by: r.actor, at: iso(r.created_at) }))[0],
        suppressions: suppressions.rows.filter((r) => !seen.has(r.rule) && seen.add(r.rule)).map((r) => ({ id: r.id, rule: r.rule, reason: r.reason, by: r.actor, at: iso(r.created_at) })),
      });
      expect((await cw.standingFor(d)).suppressions.map((s) => [s.rule, s.at])).toEqual([
        ['carrier-auth-code', '2026-11-04T00:00:00.000Z'],
        ['licensing', '2026-11-05T00:00:00.000Z'],
      ]);
      expect(await cw.standingFor('nothing-standing.example')).toEqual({ verdict: null, suppressions: [] });
    });

    it('requires who and why for every analyst write', async (ctx) => {
      if (!sql) return ctx.skip();
      await expect(cw.recordVerdict({ domain: 'why.example', verdict: 'scam', reason: 'r', by: '  ' })).rejects.toThrow(/by is required/);
      await expect(cw.recordVerdict({ domain: 'why.example', verdict: 'scam', reason: '', by: 'a' })).rejects.toThrow(/reason is required/);
      await expect(cw.suppressRule({ domain: 'why.example', rule: 'licensing', reason: 'r', by: '' })).rejects.toThrow(/by is required/);
      expect(await cw.auditFor('why.example')).toEqual([]);
    });

    it('writes nothing when the audit row cannot be written (one transaction)', async (ctx) => {
      if (!sql) return ctx.skip();
      const broken = createCasework(
        {
          ...sql!,
          kind: sql!.kind,
          query: sql!.query.bind(sql),
          close: sql!.close.bind(sql),
          transaction: (work) =>
            sql!.transaction((tx) =>
              work({
                query: (text, params) => (text.includes('insert into audit_log') ? Promise.reject(new Error('audit down')) : tx.query(text, params)),
              }),
            ),
        },
        { now: time.now, knownRules: KNOWN_RULES },
      );
      await expect(broken.recordVerdict({ domain: 'atomic.example', verdict: 'scam', reason: 'r', by: 'a' })).rejects.toThrow('audit down');
      await expect(broken.addReport({ target: { domain: 'atomic.example' }, kind: 'victim' })).rejects.toThrow('audit down');
      expect((await cw.standingFor('atomic.example')).verdict).toBeNull();
      expect(await cw.reportsFor({ domain: 'atomic.example' }, 90)).toEqual([]);
    });

    it('keeps one standing verdict when two are recorded at once', async (ctx) => {
      if (!sql) return ctx.skip();
      await Promise.all(
        Array.from({ length: 6 }, (_, i) => cw.recordVerdict({ domain: 'race.example', verdict: i % 2 ? 'scam' : 'legitimate', reason: `r${i}`, by: 'a' })),
      );
      const { rows } = await sql!.query<{ n: number | string }>(`select count(*) as n from analyst_verdicts where domain = 'race.example' and withdrawn_at is null`);
      expect(Number(rows[0]!.n)).toBe(1);
    });
  });
}

caseworkContract('casework on PGlite (in memory)', () => openPglite(null));

let server: TestPostgres | null = null;
let scratch: { url: string; drop(): Promise<void> } | null = null;
caseworkContract('casework on a real Postgres server', async () => {
  server = await startTestPostgres();
  if (!server) return null;
  scratch = await createScratchDatabase(server.url);
  return openPostgres(scratch.url, { connectTimeoutMs: 5_000, queryTimeoutMs: 5_000 });
});
afterAll(async () => {
  await scratch?.drop();
  await server?.stop();
});

describe('normalizeIndicator', () => {
  it.each([
    ['phone', '010 1234 5678', '010-1234-5678'],
    ['phone', '+82-10-1234-5678', '010-1234-5678'],
    ['phone', '0212345678', '02-1234-5678'],
    ['phone', '1588 1234', '1588-1234'],
    ['phone', '0507-1234-5678', '0507-1234-5678'],
    ['telegram', 'https://t.me/Cash_Boss', '@cash_boss'],
    ['telegram', '@Cash_Boss', '@cash_boss'],
    ['open-chat', 'open.kakao.com/o/sAbC123', 'https://open.kakao.com/o/sAbC123'],
    ['email', 'Boss@Cash.Example', 'boss@cash.example'],
    ['link', 'HTTPS://www.T.me/CashBoss/', 'https://t.me/cashboss'],
    ['line', 'LineID77', 'lineid77'],
  ] as const)('%s %s → %s', (kind, input, value) => {
    expect(normalizeIndicator(kind, input)?.key).toBe(value);
  });

  it('matches bank accounts on their digits, whatever the bank is called', () => {
    expect(normalizeIndicator('bank-account', 'KB국민은행 123-45-678901')?.key).toBe('12345678901');
    expect(normalizeIndicator('bank-account', '국민 123-45-678901')?.key).toBe('12345678901');
  });

  it.each([
    ['phone', '112'],
    ['phone', '12345'],
    ['kakao', 'a b'],
    ['telegram', '@ab'],
    ['email', 'not-an-email'],
    ['bank-account', '1234'],
  ] as const)('refuses %s %s', (kind, input) => {
    expect(normalizeIndicator(kind, input)).toBeNull();
  });
});
