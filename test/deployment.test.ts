// The topology of docker/compose.yaml, as processes on this machine (no container engine here): two API
// processes and two `scamscore worker` processes, stateless, sharing the machine's Postgres (a scratch
// database) and Redis (a key prefix of this test). A key is made with the real CLI; a batch posted to one API
// is run by both workers and followed on the other API; lookups (plain and hash-prefix) answer on either API,
// and a scan stored through one reaches the other's cache; a key's rate limit is one budget across both APIs.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHashLookupClient } from '../src/client/hash-lookup.js';
import { startStandIns, type SiteSpec, type StandIns } from './support/harness.js';
import { createScratchDatabase, startTestPostgres, type TestPostgres } from './support/postgres.js';
import { startServer, startWorker, type Started } from './support/processes.js';
import { startTestRedis, type TestRedis } from './support/redis.js';

const HOSTS = Array.from({ length: 12 }, (_, i) => `rotate-cash${i}.top`);
const page = (n: number) =>
  `<!doctype html><html lang="ko"><head><title>소액결제 현금화 ${n}호점</title></head><body><h1>정보이용료 현금화 지급률 9${n % 10}%</h1><p>카톡 상담 ID: paycash${n}</p></body></html>`;
const sites: Record<string, SiteSpec> = Object.fromEntries(
  HOSTS.map((host, i) => [host, { routes: { '/': { body: page(i), delayMs: 150 } }, whois: { ageDays: 5, registrar: 'Gname.com Pte. Ltd.', privacy: true } }]),
);

let pg: TestPostgres | null = null;
let redis: TestRedis | null = null;
let standIns: StandIns;
let dropDb: (() => Promise<void>) | null = null;
const apis: (Started & { base: string })[] = [];
const workers: Started[] = [];
let env: Record<string, string>;

async function makeKey(owner: string, scopes: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'keys', 'create', '--owner', owner, '--scopes', scopes, '--json'], {
    env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
  });
  return (JSON.parse(stdout) as { key: string }).key;
}

beforeAll(async () => {
  [pg, redis] = await Promise.all([startTestPostgres(), startTestRedis()]);
  if (!pg || !redis) return;
  const db = await createScratchDatabase(pg.url);
  dropDb = db.drop;
  standIns = await startStandIns(sites);
  env = {
    ...standIns.env,
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    SCAMSCORE_REDIS_PREFIX: redis.prefix,
    SCAMSCORE_BATCH_HOST_GAP_MS: '100',
    SCAMSCORE_BATCH_CONCURRENCY: '3',
    // The shared budget is tested on lookups; progress is polled every 250 ms under the batch scope, whose default
    // 10/min a slow CI run used up before the results were fetched (429 where 200 was expected).
    SCAMSCORE_RATE_LIMITS: 'lookup=6/min,batch=off',
  };
  // All four at once against an empty database: they take turns migrating it.
  const started = await Promise.all([startServer(env), startServer(env), startWorker(env), startWorker(env)]);
  apis.push(started[0], started[1]);
  workers.push(started[2], started[3]);
}, 120_000);

afterAll(async () => {
  await Promise.all([...apis, ...workers].map((p) => p.kill('SIGTERM')));
  await standIns?.close();
  await dropDb?.();
  await redis?.stop();
  await pg?.stop();
});

describe('two APIs and two workers on one Postgres and one Redis', () => {
  it('runs a batch on both workers, answers lookups on either API, and shares rate limits', async (ctx) => {
    if (!pg || !redis) return ctx.skip();
    const [one, two] = apis as [Started & { base: string }, Started & { base: string }];
    const journalist = await makeKey('journalist', 'lookup,scan,batch');
    const auth = { authorization: `Bearer ${journalist}` };
    // Keys exist now: a caller without one is refused by either API (a new key is seen within seconds).
    await expect.poll(async () => (await fetch(`${two.base}/v1/rules`)).status, { timeout: 10_000 }).toBe(401);

    const urls = HOSTS.map((h) => standIns.url(h));
    const posted = await fetch(`${one.base}/v1/batches`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ urls, name: 'rotating brokers' }) });
    expect(posted.status, await posted.clone().text()).toBe(202);
    const { id } = (await posted.json()) as { id: string };

    // Followed on the other API: progress lives in the shared store.
    let progress: { status: string; done: number; total: number; errors: number } = { status: '', done: 0, total: 0, errors: 0 };
    await expect
      .poll(
        async () => {
          progress = (await (await fetch(`${two.base}/v1/batches/${id}`, { headers: auth })).json()) as typeof progress;
          return progress.status;
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe('done');
    expect(progress).toMatchObject({ total: HOSTS.length, done: HOSTS.length, errors: 0 });
    const answered = await fetch(`${one.base}/v1/batches/${id}/results`, { headers: auth });
    const body = await answered.text();
    expect(answered.status, body).toBe(200);
    const results = body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { url: string; scanId: string; band: string });
    expect(results).toHaveLength(HOSTS.length);
    // Each page fetched once, by a worker: the APIs only queued.
    expect(standIns.web.hits.filter((h) => h.path === '/').length).toBe(HOSTS.length);

    // A lookup on either API answers with the batch's stored scan; the hash-prefix client too.
    const first = results[0]!;
    for (const api of apis) {
      const res = await fetch(`${api.base}/v1/lookup?url=${encodeURIComponent(first.url)}`, { headers: auth });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ matched: 'url', scanId: first.scanId });
    }
    const client = createHashLookupClient({ baseUrl: two.base, apiKey: journalist });
    expect(await client.check(first.url)).toMatchObject({ matched: 'url', band: first.band });

    // A new scan stored through one API reaches the other's lookup cache (Redis, announced on pub/sub).
    const rescanned = await fetch(`${two.base}/v1/scans`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ url: first.url }) });
    expect(rescanned.status).toBe(200);
    const fresh = (await rescanned.json()) as { id: string };
    expect(fresh.id).not.toBe(first.scanId);
    await expect.poll(async () => ((await (await fetch(`${one.base}/v1/lookup?url=${encodeURIComponent(first.url)}`, { headers: auth })).json()) as { scanId: string }).scanId, { timeout: 5_000 }).toBe(fresh.id);

    // One budget per key across both APIs: 6 lookups a minute, spent alternately on each.
    const extension = await makeKey('extension', 'lookup');
    await expect.poll(async () => (await fetch(`${one.base}/v1/rules`, { headers: { 'x-api-key': extension } })).status, { timeout: 10_000 }).toBe(200);
    await expect.poll(async () => (await fetch(`${two.base}/v1/rules`, { headers: { 'x-api-key': extension } })).status, { timeout: 10_000 }).toBe(200);
    const statuses: number[] = [];
    let refused: Response | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${apis[i % 2]!.base}/v1/lookup?url=${encodeURIComponent(first.url)}`, { headers: { 'x-api-key': extension } });
      statuses.push(res.status);
      if (res.status === 429) refused ??= res;
    }
    // Two of the six were spent above (one check on each API while the key became known).
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
    expect(refused!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await refused!.json()) as { code: string }).code).toBe('RATE_LIMITED');

    // Both workers took part: each says how many jobs it ran when it stops.
    await Promise.all(workers.map((w) => w.kill('SIGTERM')));
    const runs = workers.map((w) => Number(/"jobsRun":(\d+)/.exec(w.log())?.[1] ?? NaN));
    expect(runs.every((n) => n > 0), workers.map((w) => w.log().slice(-400)).join('\n---\n')).toBe(true);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(HOSTS.length);
  }, 120_000);
});
