// Benchmark: the service's own peak memory (VmHWM of its process, worker threads included) and time while
// it scans every hostile site of the attack battery, run as a separate process the way `npm start` runs it.
// usage: npm run bench:battery   (builds first; prints figures, asserts nothing)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { CANARY_HOST, HOSTILE_DNS, HOSTILE_ENV, hostileSites, listenWhoisCanary, PAGE } from '../support/hostile-sites.js';
import { startStandIns, type StandIns } from '../support/harness.js';
import { startWebServer } from '../support/web-server.js';

const API_PORT = 18_311;
const ROUNDS = Number(process.env.ROUNDS ?? 3);

const canary = await startWebServer({}, { host: CANARY_HOST, fallback: (_q, s) => s.end(PAGE) });
const whoisCanary = await listenWhoisCanary();
let standIns: StandIns | null = null;
standIns = await startStandIns(hostileSites(canary.port, (host, p) => standIns!.url(host, p)), HOSTILE_ENV, {
  extraPorts: [canary.port],
  dns: HOSTILE_DNS,
});
const service = spawn(process.execPath, ['dist/src/main.js'], {
  env: { ...process.env, ...standIns.env, PORT: String(API_PORT), HOST: '127.0.0.1' },
  stdio: 'inherit',
});
const api = `http://127.0.0.1:${API_PORT}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${api}/healthz`)).ok) break;
  } catch {
    /* not up yet */
  }
  if (i > 200) throw new Error('the service did not start');
  await new Promise((r) => setTimeout(r, 100));
}
const vm = (field: string) => Number(/(\d+) kB/.exec(fs.readFileSync(`/proc/${service.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(field)) ?? '')?.[1] ?? NaN) / 1024;
const rssAtStart = vm('VmRSS:');

const hosts = Object.keys(hostileSites(canary.port, () => ''));
const targets = [
  ...hosts.map((host) => standIns!.url(host)),
  `http://${CANARY_HOST}:${canary.port}/`, 'http://2130706434/', 'http://[::ffff:127.0.0.2]/', 'http://169.254.169.254/', 'http://localhost/',
];
const statuses = new Map<number, number>();
const started = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  await Promise.all(
    targets.map(async (url) => {
      const r = await fetch(`${api}/v1/scans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url }) });
      const body = await r.arrayBuffer();
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (process.env.VERBOSE && r.status !== 200) console.log(round, r.status, url, JSON.parse(new TextDecoder().decode(body)).code);
    }),
  );
}
const seconds = (performance.now() - started) / 1000;
const health = await fetch(`${api}/healthz`);
console.log(`battery bench: ${targets.length} targets × ${ROUNDS} rounds = ${targets.length * ROUNDS} scans (all of a round in parallel) in ${seconds.toFixed(1)} s`);
console.log(`answers by status: ${[...statuses].sort().map(([s, n]) => `${s}×${n}`).join(' ')}; healthz after: ${health.status}`);
console.log(`service RSS: ${rssAtStart.toFixed(0)} MB at start, peak (VmHWM) ${vm('VmHWM:').toFixed(0)} MB, now ${vm('VmRSS:').toFixed(0)} MB`);
console.log(`canary connections: web ${canary.connections}, whois ${whoisCanary?.connections ?? 'n/a (port 43 unavailable)'}`);
service.kill('SIGTERM');
await new Promise((r) => service.once('exit', r));
await Promise.all([standIns.close(), canary.close(), whoisCanary?.close()]);
