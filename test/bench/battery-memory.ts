// Benchmark: the service's own peak memory (VmHWM of its process, worker threads included) and time while
// it scans every hostile site of the attack battery, run as a separate process the way `npm start` runs it.
// usage: npm run bench:battery   (builds first; prints figures, asserts nothing)
// runBattery is also what bench:memory (memory.ts) runs in each of its configurations.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CANARY_HOST, HOSTILE_DNS, HOSTILE_ENV, hostileSites, listenWhoisCanary, PAGE } from '../support/hostile-sites.js';
import { startStandIns, type StandIns } from '../support/harness.js';
import { startWebServer } from '../support/web-server.js';

export interface BatteryFigures {
  scans: number;
  seconds: number;
  statuses: Map<number, number>;
  healthAfter: number;
  rssAtStartMb: number;
  /** VmHWM of the service process at the end of the battery. */
  peakMb: number;
  rssNowMb: number;
  /** Processes the service started (pid, command, highest VmHWM seen while polling every 50 ms). */
  children: { pid: number; cmd: string; peakMb: number }[];
  canary: { web: number; whois: number | null };
}

/** A /proc/<pid>/status field in MB (NaN once the process is gone). */
function vm(pid: number, field: string): number {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(field));
    return Number(/(\d+) kB/.exec(line ?? '')?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

/** Starts the built service (dist/src/main.js) with env, scans the battery `rounds` times, stops it. */
export async function runBattery(options: { env?: Record<string, string>; port: number; rounds?: number; verbose?: boolean }): Promise<BatteryFigures> {
  const rounds = options.rounds ?? 3;
  const canary = await startWebServer({}, { host: CANARY_HOST, fallback: (_q, s) => s.end(PAGE) });
  const whoisCanary = await listenWhoisCanary();
  let standIns: StandIns | null = null;
  standIns = await startStandIns(hostileSites(canary.port, (host, p) => standIns!.url(host, p)), HOSTILE_ENV, {
    extraPorts: [canary.port],
    dns: HOSTILE_DNS,
  });
  const service = spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, ...standIns.env, PORT: String(options.port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...options.env },
    stdio: 'inherit',
  });
  const pid = service.pid!;
  const children = new Map<number, { pid: number; cmd: string; peakMb: number }>();
  const watch = setInterval(() => {
    for (const child of childrenOf(pid)) {
      const peak = vm(child, 'VmHWM:');
      if (Number.isNaN(peak)) continue;
      const known = children.get(child);
      if (known) known.peakMb = Math.max(known.peakMb, peak);
      else children.set(child, { pid: child, cmd: fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' ').trim(), peakMb: peak });
    }
  }, 50);

  const api = `http://127.0.0.1:${options.port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${api}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (service.exitCode !== null) throw new Error(`the service exited with ${service.exitCode} before answering`);
    if (i > 600) throw new Error('the service did not start within a minute');
    await new Promise((r) => setTimeout(r, 100));
  }
  const rssAtStartMb = vm(pid, 'VmRSS:');

  const hosts = Object.keys(hostileSites(canary.port, () => ''));
  const targets = [
    ...hosts.map((host) => standIns!.url(host)),
    `http://${CANARY_HOST}:${canary.port}/`, 'http://2130706434/', 'http://[::ffff:127.0.0.2]/', 'http://169.254.169.254/', 'http://localhost/',
  ];
  const statuses = new Map<number, number>();
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    await Promise.all(
      targets.map(async (url) => {
        const r = await fetch(`${api}/v1/scans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url }) });
        const body = await r.arrayBuffer();
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (options.verbose && r.status !== 200) console.log(round, r.status, url, JSON.parse(new TextDecoder().decode(body)).code);
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const healthAfter = (await fetch(`${api}/healthz`)).status;
  const figures: BatteryFigures = {
    scans: targets.length * rounds,
    seconds,
    statuses,
    healthAfter,
    rssAtStartMb,
    peakMb: vm(pid, 'VmHWM:'),
    rssNowMb: vm(pid, 'VmRSS:'),
    children: [...children.values()],
    canary: { web: canary.connections, whois: whoisCanary?.connections ?? null },
  };
  clearInterval(watch);
  service.kill('SIGTERM');
  await new Promise((r) => (service.exitCode !== null ? r(null) : service.once('exit', r)));
  await Promise.all([standIns.close(), canary.close(), whoisCanary?.close()]);
  return figures;
}

export const byStatus = (statuses: Map<number, number>) => [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rounds = Number(process.env.ROUNDS ?? 3);
  const f = await runBattery({ port: 18_311, rounds, verbose: Boolean(process.env.VERBOSE) });
  console.log(`battery bench: ${f.scans / rounds} targets × ${rounds} rounds = ${f.scans} scans (all of a round in parallel) in ${f.seconds.toFixed(1)} s`);
  console.log(`answers by status: ${byStatus(f.statuses)}; healthz after: ${f.healthAfter}`);
  console.log(`service RSS: ${f.rssAtStartMb.toFixed(0)} MB at start, peak (VmHWM) ${f.peakMb.toFixed(0)} MB, now ${f.rssNowMb.toFixed(0)} MB`);
  for (const c of f.children) console.log(`child process ${c.pid} (${c.cmd}): peak (VmHWM) ≥ ${c.peakMb.toFixed(0)} MB`);
  console.log(`canary connections: web ${f.canary.web}, whois ${f.canary.whois ?? 'n/a (port 43 unavailable)'}`);
}
