// `scamscore keys` through the CLI's own entry (runKeys: opens the store from config, migrates, runs the
// command) on the embedded store and on a real Postgres, where a running service sees keys made and revoked by
// that separate connection.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { runKeys } from '../../src/keys-command.js';
import { createKeyVerifier } from '../../src/serve/keys.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createScratchDatabase, startTestPostgres, type TestPostgres } from '../support/postgres.js';

async function keys(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKeys(args, loadConfig({ LOG_LEVEL: 'silent', ...env }), { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('scamscore keys on the embedded store', () => {
  it('makes a key in a fresh data dir (migrating it) and lists it without its secret', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-keys-'));
    try {
      const made = await keys(['create', '--owner', 'ops', '--scopes', 'admin'], { SCAMSCORE_DATA_DIR: dir });
      expect(made.code).toBe(0);
      const key = made.out[0]!;
      expect(key).toMatch(/^ssk_/);
      const listed = await keys(['list', '--json'], { SCAMSCORE_DATA_DIR: dir });
      expect(listed.out.map((l) => JSON.parse(l) as { owner: string })).toMatchObject([{ owner: 'ops', scopes: ['admin'], revokedAt: null }]);
      expect(listed.out.join('\n')).not.toContain(key);
      expect((await keys(['frobnicate'], { SCAMSCORE_DATA_DIR: dir })).code).toBe(64);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scamscore keys on Postgres, beside a running service', () => {
  let pg: TestPostgres | null;
  let scratch: { url: string; drop(): Promise<void> } | null = null;
  let h: Harness | null = null;

  beforeAll(async () => {
    pg = await startTestPostgres();
    if (!pg) return;
    scratch = await createScratchDatabase(pg.url);
    h = await startHarness({}, { DATABASE_URL: scratch.url });
  });
  afterAll(async () => {
    await h?.close();
    await scratch?.drop();
    await pg?.stop();
  });

  it('authorises a key made by the CLI and refuses it once revoked and the cache has expired', async ({ skip }) => {
    if (!h || !scratch) skip('no Postgres (TEST_DATABASE_URL or a container engine)');
    const env = { DATABASE_URL: scratch!.url };
    const made = await keys(['create', '--owner', 'pg-client', '--scopes', 'lookup', '--json'], env);
    expect(made.code).toBe(0);
    const { key, id } = JSON.parse(made.out[0]!) as { key: string; id: string };
    let now = 5_000_000;
    const app = await buildApp({ ...h!.services, apiKeys: createKeyVerifier(h!.services.keyStore, { now: () => now }) });
    try {
      expect((await app.inject({ method: 'GET', url: '/v1/rules' })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/v1/rules', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(200);
      expect((await keys(['revoke', id], env)).code).toBe(0);
      now += 5_001;
      const refused = await app.inject({ method: 'GET', url: '/v1/rules', headers: { authorization: `Bearer ${key}` } });
      expect(refused.statusCode).toBe(401);
      expect(refused.json()).toMatchObject({ code: 'API_KEY_REVOKED' });
      const listed = (await keys(['list', '--json'], env)).out.map((l) => JSON.parse(l) as { id: string; revokedAt: string | null });
      expect(listed.find((k) => k.id === id)?.revokedAt).toBeTruthy();
    } finally {
      await app.close();
    }
  });
});
