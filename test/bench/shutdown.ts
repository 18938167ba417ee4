// Benchmark: how long the service process takes to exit after SIGTERM, against its grace period, with N idle
// keep-alive clients and M scans in flight (Q that finish within the grace period, S that cannot), run the way
// `npm start` runs it. Also checks that every scan answered during the drain is in the store after a restart.
// usage: npm run bench:shutdown   (builds first; env GRACE_MS, CLIENTS, QUICK, STALLED; prints, asserts nothing)
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { startStandIns } from '../support/harness.js';

const API_PORT = 18_332;
const GRACE_MS = Number(process.env.GRACE_MS ?? 3000);
const CLIENTS = Number(process.env.CLIENTS ?? 50);
const QUICK = Number(process.env.QUICK ?? 10);
const STALLED = Number(process.env.STALLED ?? 5);
const whois = { ageDays: 400, registrar: 'Gabia, Inc.', privacy: false };

const standIns = await startStandIns(
  {
    'quick.test': { routes: { '/': { body: '<title>quick</title>', delayMs: Math.round(GRACE_MS / 2) } }, whois },
    'stalled.test': { routes: { '/': { body: '<title>late</title>', delayMs: 10 * GRACE_MS + 60_000 } }, whois },
  },
  { SCAMSCORE_SHUTDOWN_GRACE_MS: String(GRACE_MS), SCAMSCORE_SCAN_TIMEOUT_MS: '120000' },
);
const api = `http://127.0.0.1:${API_PORT}`;

async function startService(): Promise<{ child: ChildProcess; log: () => string; exited: Promise<{ code: number | null; at: number }> }> {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, ...standIns.env, PORT: String(API_PORT), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: performance.now() })));
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${api}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 300) throw new Error(`the service did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, log: () => out, exited };
}

function request(agent: http.Agent, method: string, path: string, body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${api}${path}`, { method, agent, headers: body === undefined ? {} : { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function scenario(name: string, clients: number, quick: number, stalled: number): Promise<string[]> {
  const service = await startService();
  const idle = new http.Agent({ keepAlive: true, maxSockets: clients });
  const busy = new http.Agent({ keepAlive: true, maxSockets: quick + stalled || 1 });
  await Promise.all(Array.from({ length: clients }, () => request(idle, 'GET', '/healthz')));
  const hitsBefore = standIns.web.hits.length;
  const scans = [
    ...Array.from({ length: quick }, (_, i) => request(busy, 'POST', '/v1/scans', { url: standIns.url('quick.test', `/?n=${name}-${i}`) })),
    ...Array.from({ length: stalled }, (_, i) => request(busy, 'POST', '/v1/scans', { url: standIns.url('stalled.test', `/?n=${name}-${i}`) })),
  ].map((p) => p.catch((err: Error) => err));
  // Every scan is in flight once its page has been asked for.
  while (standIns.web.hits.length - hitsBefore < quick + stalled) await new Promise((r) => setTimeout(r, 10));
  const sentAt = performance.now();
  service.child.kill('SIGTERM');
  const exit = await service.exited;
  const answers = await Promise.all(scans);
  idle.destroy();
  busy.destroy();
  const exitMs = Math.round(exit.at - sentAt);
  const ok = answers.filter((a): a is { status: number; body: string } => !(a instanceof Error) && a.status === 200);
  const ids = ok.map((a) => (JSON.parse(a.body) as { id: string }).id);
  // Nothing answered may be lost: restart on the same data directory and read every answered scan back.
  const reader = await startService();
  const agent = new http.Agent({ keepAlive: true });
  const found = (await Promise.all(ids.map((id) => request(agent, 'GET', `/v1/scans/${id}`)))).filter((r) => r.status === 200).length;
  agent.destroy();
  reader.child.kill('SIGTERM');
  await reader.exited;
  const shutdownLine = service.log().split('\n').find((l) => /"msg":"(shut down|shutdown did not complete)/.test(l)) ?? '(no shutdown line)';
  return [
    `${name}: ${clients} idle keep-alive clients, ${quick} scans finishing within the grace period, ${stalled} stalled`,
    `  exit ${exitMs} ms after SIGTERM (code ${exit.code}); grace ${GRACE_MS} ms, limit grace + 1 s = ${GRACE_MS + 1000} ms: ${exitMs <= GRACE_MS + 1000 ? 'within' : 'OVER'}`,
    `  answered 200: ${ok.length}/${quick + stalled}, cut: ${answers.filter((a) => a instanceof Error).length}; answered scans found after restart: ${found}/${ids.length}`,
    `  service log: ${shutdownLine.replace(/^\{"level":\d+,"time":\d+,"pid":\d+,"hostname":"[^"]*",/, '{')}`,
  ];
}

const lines = [
  ...(await scenario('idle only', CLIENTS, 0, 0)),
  ...(await scenario('drain', CLIENTS, QUICK, 0)),
  ...(await scenario('drain and cut', CLIENTS, QUICK, STALLED)),
];
console.log(lines.join('\n'));
await standIns.close();
