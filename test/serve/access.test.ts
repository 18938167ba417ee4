// API keys end to end: made with the CLI's own function on the service's store, sent as Bearer or X-API-Key,
// checked per route scope, revoked, and named in the audit; and the open-install rule.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { keysCommand } from '../../src/keys-command.js';
import { createKeyVerifier } from '../../src/serve/keys.js';
import { isLoopbackHost } from '../../src/serve/auth.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await keysCommand(args, h.services.keyStore, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

async function createKey(owner: string, scopes: string): Promise<{ key: string; id: string }> {
  const r = await cli(['create', '--owner', owner, '--scopes', scopes, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.out[0]!) as { key: string; id: string };
}

beforeAll(async () => {
  h = await startHarness({ 'keyed-cash.top': { routes: { '/': { body: '<html><head><title>소액결제 현금화</title></head><body>카톡 keyed77</body></html>' } }, whois: { ageDays: 3, registrar: 'Gname.com Pte. Ltd.', privacy: true } } });
});
afterAll(async () => {
  await h?.close();
});

describe('without any key', () => {
  it('is open on loopback (the harness), as before keys existed', async () => {
    const r = await h.app.inject({ method: 'GET', url: '/v1/rules' });
    expect(r.statusCode).toBe(200);
  });

  it('refuses scoped routes when listening elsewhere, unless SCAMSCORE_OPEN says so', async () => {
    const exposed = await buildApp({ ...h.services, access: { ...h.services.access, listenHost: '0.0.0.0' } });
    const open = await buildApp({ ...h.services, access: { ...h.services.access, listenHost: '0.0.0.0', allowOpen: true } });
    try {
      const refused = await exposed.inject({ method: 'GET', url: '/v1/rules' });
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.headers['www-authenticate']).toMatch(/^Bearer realm="scamscore"/);
      expect(refused.json()).toMatchObject({ status: 401, code: 'API_KEYS_REQUIRED' });
      expect((await exposed.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      expect((await open.inject({ method: 'GET', url: '/v1/rules' })).statusCode).toBe(200);
    } finally {
      await exposed.close();
      await open.close();
    }
  });

  it('knows loopback when it sees it', () => {
    for (const host of ['127.0.0.1', '::1', '[::1]', 'localhost', '127.0.0.2']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', 'example.org', '']) expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('with keys', () => {
  let lookup: { key: string; id: string };
  let reporter: { key: string; id: string };
  let admin: { key: string; id: string };

  let app: FastifyInstance;

  beforeAll(async () => {
    lookup = await createKey('extension-backend', 'lookup');
    reporter = await createKey('hotline-seoul', 'report,lookup');
    admin = await createKey('ops', 'admin');
    // A process started after the keys exist: the harness's own app saw "no keys" above and may trust that
    // answer for up to 5 s.
    app = await buildApp({ ...h.services, apiKeys: createKeyVerifier(h.services.keyStore) });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the key once and stores only its hash: list shows ids, owners and scopes, never the key', async () => {
    const text = await cli(['create', '--owner', 'journalist', '--scopes', 'scan']);
    expect(text.code).toBe(0);
    expect(text.out[0]).toMatch(/^ssk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const listed = await cli(['list']);
    expect(listed.code).toBe(0);
    expect(listed.out.join('\n')).toContain('extension-backend  lookup');
    expect(listed.out.join('\n')).not.toContain(lookup.key);
    expect(listed.out.join('\n')).toContain(lookup.id);
    const bad = await cli(['create', '--owner', 'x', '--scopes', 'lookup,everything']);
    expect(bad.code).toBe(64);
    expect(bad.err.join('\n')).toMatch(/unknown scope "everything"/);
    expect((await cli(['revoke', 'ffffffffffff'])).code).toBe(1);
  });

  it('answers 401 without a key or with a wrong one, with WWW-Authenticate and stable codes', async () => {
    const missing = await app.inject({ method: 'GET', url: '/v1/rules' });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer realm="scamscore"$/);
    expect(missing.json()).toMatchObject({ status: 401, code: 'API_KEY_MISSING' });

    const forged = `ssk_${lookup.id}_${'A'.repeat(43)}`;
    for (const key of [forged, 'not-a-key', `${lookup.key}x`]) {
      const wrong = await app.inject({ method: 'GET', url: '/v1/rules', headers: { authorization: `Bearer ${key}` } });
      expect(wrong.statusCode, key).toBe(401);
      expect(wrong.json()).toMatchObject({ code: 'API_KEY_INVALID' });
      expect(wrong.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    }
  });

  it('accepts Bearer and X-API-Key, and answers 403 for a route outside the key\'s scopes', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/rules', headers: { authorization: `Bearer ${lookup.key}` } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/v1/rules', headers: { 'x-api-key': lookup.key } })).statusCode).toBe(200);
    const scan = await app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: `Bearer ${lookup.key}` }, payload: { url: 'http://x.example/' } });
    expect(scan.statusCode).toBe(403);
    expect(scan.json()).toMatchObject({ status: 403, code: 'INSUFFICIENT_SCOPE' });
    expect(scan.headers['www-authenticate']).toMatch(/error="insufficient_scope", scope="scan"/);
    // admin may do everything.
    expect((await app.inject({ method: 'GET', url: '/v1/rules', headers: { authorization: `Bearer ${admin.key}` } })).statusCode).toBe(200);
  });

  it('leaves health, metrics and the OpenAPI document open', async () => {
    for (const url of ['/healthz', '/metrics', '/openapi.json']) expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
  });

  it("records the key's owner in the audit of verdicts and reports", async () => {
    const auth = { authorization: `Bearer ${reporter.key}` };
    const verdict = await app.inject({ method: 'POST', url: '/v1/domains/keyed.example/verdict', headers: auth, payload: { verdict: 'scam', reason: 'three victims' } });
    expect(verdict.statusCode).toBe(201);
    expect(verdict.json()).toMatchObject({ by: 'hotline-seoul' });
    const onBehalf = await app.inject({ method: 'POST', url: '/v1/domains/keyed.example/suppressions', headers: auth, payload: { rule: 'payout-rate', reason: 'r', by: 'analyst kim' } });
    expect(onBehalf.json()).toMatchObject({ by: 'hotline-seoul (analyst kim)' });
    const report = await app.inject({ method: 'POST', url: '/v1/reports', headers: auth, payload: { target: { domain: 'keyed.example' }, kind: 'victim' } });
    expect(report.statusCode).toBe(201);

    // The audit is an administrator's to read.
    expect((await app.inject({ method: 'GET', url: '/v1/domains/keyed.example/audit', headers: auth })).statusCode).toBe(403);
    const audit = await app.inject({ method: 'GET', url: '/v1/domains/keyed.example/audit', headers: { authorization: `Bearer ${admin.key}` } });
    expect(audit.statusCode).toBe(200);
    const actors = (audit.json() as { entries: { action: string; actor: string }[] }).entries.map((e) => `${e.action} ${e.actor}`);
    expect(actors).toEqual(expect.arrayContaining(['verdict.record hotline-seoul', 'suppression.record hotline-seoul (analyst kim)', 'report.add hotline-seoul']));
  });

  it("records who asked for a scan and who posted a batch (kept beside the answer, not in it)", async () => {
    const journalist = await createKey('newsroom', 'scan,batch');
    const auth = { authorization: `Bearer ${journalist.key}` };
    const scanned = await app.inject({ method: 'POST', url: '/v1/scans', headers: auth, payload: { url: h.url('keyed-cash.top', '/?single') } });
    expect(scanned.statusCode, scanned.body).toBe(200);
    expect(await h.services.store.requestedBy(scanned.json().id)).toBe('newsroom');
    expect(scanned.body).not.toContain('newsroom');

    const posted = await app.inject({ method: 'POST', url: '/v1/batches', headers: auth, payload: { urls: [h.url('keyed-cash.top', '/?batch')] } });
    expect(posted.statusCode, posted.body).toBe(202);
    const id = posted.json().id as string;
    let progress: { createdBy: string | null; status: string } = { createdBy: null, status: '' };
    await expect
      .poll(async () => {
        progress = (await app.inject({ method: 'GET', url: `/v1/batches/${id}`, headers: auth })).json();
        return progress.status;
      })
      .toBe('done');
    expect(progress.createdBy).toBe('newsroom');
    const [row] = (await app.inject({ method: 'GET', url: `/v1/batches/${id}/results`, headers: auth })).body.trim().split('\n').map((l) => JSON.parse(l) as { scanId: string });
    expect(await h.services.store.requestedBy(row!.scanId)).toBe(`batch ${id}`);
  });

  it('stops accepting a revoked key once the cache entry expires (within 5 s), in every process', async () => {
    const victim = await createKey('leaked', 'lookup');
    let now = 1_000_000;
    // A second "process": its own verifier and cache over the same store, with a clock the test moves.
    const other = await buildApp({ ...h.services, apiKeys: createKeyVerifier(h.services.keyStore, { now: () => now }) });
    try {
      const auth = { authorization: `Bearer ${victim.key}` };
      expect((await other.inject({ method: 'GET', url: '/v1/rules', headers: auth })).statusCode).toBe(200);
      const revoked = await cli(['revoke', victim.id]);
      expect(revoked.code).toBe(0);
      expect(revoked.out[0]).toMatch(/REVOKED/);
      // Still cached: a revocation is allowed to take up to the cache's lifetime.
      expect((await other.inject({ method: 'GET', url: '/v1/rules', headers: auth })).statusCode).toBe(200);
      now += 5_001;
      const gone = await other.inject({ method: 'GET', url: '/v1/rules', headers: auth });
      expect(gone.statusCode).toBe(401);
      expect(gone.json()).toMatchObject({ code: 'API_KEY_REVOKED' });
    } finally {
      await other.close();
    }
  });
});

