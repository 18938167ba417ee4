// The casework HTTP contract through app.inject: a small app with the zod type provider and the problem-details
// error handler, decorated with a real casework on PGlite.
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/http/problem.js';
import { reportRoutes } from '../../src/routes/reports.js';
import { verdictRoutes } from '../../src/routes/verdicts.js';
import { createCasework } from '../../src/store/casework.js';
import { migrate } from '../../src/store/migrations.js';
import { openPglite, type SqlClient } from '../../src/store/sql.js';

const PERSONAL_VALUES = ['엄마 폰으로', '350000', '김피해', '9999-8888'];

let sql: SqlClient;
let app: FastifyInstance;
beforeAll(async () => {
  sql = await openPglite(null);
  await migrate(sql);
  app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('casework', createCasework(sql, { knownRules: ['carrier-auth-code', 'hotline-reports', 'licensing'] }));
  app.setErrorHandler(errorHandler);
  await app.register(reportRoutes);
  await app.register(verdictRoutes);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await sql?.close();
});

const json = (method: 'POST' | 'DELETE' | 'GET', url: string, payload?: unknown) =>
  app.inject({ method, url, ...(payload === undefined ? {} : { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) }) });

const victimReport = {
  target: { url: 'https://Cash-Now.top/apply' },
  kind: 'victim',
  channel: 'hotline',
  note: '엄마 폰으로 결제했어요',
  amountLost: 350000,
  reporter: '김피해 010-9999-8888',
};

describe('POST /v1/reports', () => {
  it('answers 201 with Location and the report without its personal fields; GET by id has them; DELETE removes them', async () => {
    const r = await json('POST', '/v1/reports', victimReport);
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(r.headers.location).toBe(`/v1/reports/${body.id}`);
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      target: { url: 'https://cash-now.top/apply' },
      domain: 'cash-now.top',
      kind: 'victim',
      channel: 'hotline',
      createdAt: expect.any(String),
    });
    for (const p of PERSONAL_VALUES) expect(r.body).not.toContain(p);

    const facts = await app.casework.reportsFor({ domain: 'cash-now.top', urls: ['https://cash-now.top/apply'], indicators: [] }, 90);
    expect(facts.map((f) => [f.id, f.matched])).toEqual([[body.id, 'url']]);
    for (const p of PERSONAL_VALUES) expect(JSON.stringify(facts)).not.toContain(p);

    const full = await json('GET', `/v1/reports/${body.id}`);
    expect(full.statusCode).toBe(200);
    expect(full.headers['cache-control']).toBe('no-store');
    expect(full.json()).toEqual({ ...body, note: victimReport.note, amountLost: 350000, reporter: victimReport.reporter });

    const gone = await json('DELETE', `/v1/reports/${body.id}`, { by: 'analyst kim', reason: 'the victim asked' });
    expect(gone.statusCode).toBe(204);
    expect((await json('GET', `/v1/reports/${body.id}`)).statusCode).toBe(404);
    expect(await app.casework.reportsFor({ domain: 'cash-now.top' }, 90)).toEqual([]);
    const again = await json('DELETE', `/v1/reports/${body.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);

    const audit = await json('GET', '/v1/domains/cash-now.top/audit');
    expect(audit.json().entries.map((e: { action: string }) => e.action)).toEqual(['report.delete', 'report.add']);
    for (const p of PERSONAL_VALUES) expect(audit.body).not.toContain(p);
    expect(audit.body).not.toContain(body.id);
  });

  it('a plain DELETE without a body works too', async () => {
    const { id } = (await json('POST', '/v1/reports', { target: { domain: 'plain.example' }, kind: 'suspicious' })).json();
    expect((await app.inject({ method: 'DELETE', url: `/v1/reports/${id}` })).statusCode).toBe(204);
  });

  it('takes identifiers and answers them in their normalised form', async () => {
    const r = await json('POST', '/v1/reports', { target: { indicator: { kind: 'telegram', value: 'https://t.me/Cash_Boss' } }, kind: 'spam', channel: 'SMS' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ target: { indicator: { kind: 'telegram', value: '@cash_boss' } }, domain: null, channel: 'sms' });
  });

  it.each([
    ['no target', { kind: 'victim' }, /target/],
    ['two targets', { target: { url: 'https://a.example/', domain: 'a.example' }, kind: 'victim' }, /exactly one of url, domain or indicator/],
    ['an unknown kind', { target: { domain: 'a.example' }, kind: 'angry' }, /kind is required and must be one of victim, attempt, suspicious, spam/],
    ['a negative amount', { target: { domain: 'a.example' }, kind: 'victim', amountLost: -5 }, /amountLost must be 0 or more/],
    ['an unknown field', { target: { domain: 'a.example' }, kind: 'victim', phone: '010' }, /phone/],
    ['a non-URL', { target: { url: 'ftp://a.example/' }, kind: 'victim' }, /http or https/],
    ['a bad phone', { target: { indicator: { kind: 'phone', value: '12' } }, kind: 'victim' }, /not a phone identifier/],
    ['an unknown identifier kind', { target: { indicator: { kind: 'fax', value: '12' } }, kind: 'victim' }, /target\.indicator\.kind must be one of/],
  ])('refuses %s with 400 problem details', async (_name, payload, detail) => {
    const r = await json('POST', '/v1/reports', payload);
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json()).toMatchObject({ status: 400, code: 'BAD_INPUT' });
    expect(r.json().detail).toMatch(detail);
  });

  it('a GET of an id that is not a UUID is 400, of one it does not have 404', async () => {
    expect((await json('GET', '/v1/reports/abc')).statusCode).toBe(400);
    expect((await json('GET', '/v1/reports/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('verdicts, appeals and the audit trail', () => {
  it('a second verdict supersedes the first; withdrawal leaves none; the audit shows each step with who and why', async () => {
    const first = await json('POST', '/v1/domains/www.verdict.example/verdict', { verdict: 'scam', reason: 'three victims', by: 'analyst lee' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ domain: 'verdict.example', verdict: 'scam', by: 'analyst lee', supersedes: null });

    const second = await json('POST', '/v1/domains/verdict.example/verdict', { verdict: 'legitimate', reason: 'licensed, owner called', by: 'analyst park' });
    expect(second.statusCode).toBe(201);
    expect(second.json().supersedes).toBe(first.json().id);

    let audit = (await json('GET', '/v1/domains/verdict.example/audit')).json();
    expect(audit.verdict).toMatchObject({ id: second.json().id, verdict: 'legitimate' });

    const wrongDomain = await json('DELETE', `/v1/domains/other.example/verdict/${second.json().id}`, { by: 'analyst park', reason: 'x' });
    expect(wrongDomain.statusCode).toBe(404);
    const noReason = await json('DELETE', `/v1/domains/verdict.example/verdict/${second.json().id}`, { by: 'analyst park' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().detail).toMatch(/reason/);

    const withdrawn = await json('DELETE', `/v1/domains/verdict.example/verdict/${second.json().id}`, { by: 'analyst park', reason: 'owner changed' });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id: second.json().id, withdrawnBy: 'analyst park', withdrawReason: 'owner changed' });
    const twice = await json('DELETE', `/v1/domains/verdict.example/verdict/${second.json().id}`, { by: 'analyst park', reason: 'again' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('ALREADY_WITHDRAWN');

    audit = (await json('GET', '/v1/domains/verdict.example/audit')).json();
    expect(audit.verdict).toBeNull();
    expect(audit.entries.map((e: { action: string; actor: string; detail: { reason?: string } }) => [e.action, e.actor, e.detail.reason])).toEqual([
      ['verdict.withdraw', 'analyst park', 'owner changed'],
      ['verdict.record', 'analyst park', 'licensed, owner called'],
      ['verdict.withdraw', 'analyst park', 'superseded'],
      ['verdict.record', 'analyst lee', 'three victims'],
    ]);
  });

  it('requires by, non-empty', async () => {
    const r = await json('POST', '/v1/domains/verdict.example/verdict', { verdict: 'scam', reason: 'r', by: '   ' });
    expect(r.statusCode).toBe(400);
    expect(r.json().detail).toMatch(/by must not be empty/);
    const missing = await json('POST', '/v1/domains/verdict.example/verdict', { verdict: 'scam', reason: 'r' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toMatch(/by is required/);
  });

  it('refuses a domain that is not one', async () => {
    const r = await json('POST', '/v1/domains/co.kr/verdict', { verdict: 'scam', reason: 'r', by: 'a' });
    expect(r.statusCode).toBe(400);
    expect(r.json().detail).toMatch(/registrable domain/);
  });

  it('suppresses a known rule, refuses an unknown one with 422 UNKNOWN_RULE, and withdraws', async () => {
    const s = await json('POST', '/v1/domains/shop.example/suppressions', { rule: 'carrier-auth-code', reason: "this licensed shop's form is not an SMS-code capture", by: 'analyst kim' });
    expect(s.statusCode).toBe(201);
    expect(s.json()).toMatchObject({ domain: 'shop.example', rule: 'carrier-auth-code', by: 'analyst kim' });

    const unknown = await json('POST', '/v1/domains/shop.example/suppressions', { rule: 'carrier-auth-codes', reason: 'r', by: 'analyst kim' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_RULE', status: 422 });
    expect(unknown.json().detail).toMatch(/carrier-auth-codes/);

    let audit = (await json('GET', '/v1/domains/shop.example/audit')).json();
    expect(audit.suppressions.map((x: { rule: string }) => x.rule)).toEqual(['carrier-auth-code']);

    const w = await json('DELETE', `/v1/domains/shop.example/suppressions/${s.json().id}`, { by: 'analyst kim', reason: 'appeal rejected on review' });
    expect(w.statusCode).toBe(200);
    audit = (await json('GET', '/v1/domains/shop.example/audit')).json();
    expect(audit.suppressions).toEqual([]);
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(['suppression.withdraw', 'suppression.record']);
  });
});
