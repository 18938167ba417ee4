// Benchmark: peak RSS of the built service, a process of its own, through the hostile battery in the three
// configurations issue 7 names: (a) a fresh empty data dir and (b) that data dir again, both with the
// thread count and heap limits the service derives for this machine, and (c) Postgres with 4 analysis
// threads. Prints the figures and whether each peak is under 512 MB; asserts nothing.
// usage: npm run bench:memory   (builds first; DATABASE_URL overrides the Postgres of (c); ROUNDS=3)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machine, sizeAnalysis } from '../../src/scan/analysis-sizing.js';
import { byStatus, runBattery } from './battery-memory.js';

const LIMIT_MB = 512;
const rounds = Number(process.env.ROUNDS ?? 3);
const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scamscore-bench-memory-')), 'data');

const configurations: { name: string; env: Record<string, string>; store: 'pglite' | 'postgres'; threads?: number }[] = [
  { name: '(a) fresh empty data dir, default threads', env: { SCAMSCORE_DATA_DIR: dataDir }, store: 'pglite' },
  { name: '(b) existing data dir (from a), default threads', env: { SCAMSCORE_DATA_DIR: dataDir }, store: 'pglite' },
  { name: '(c) Postgres, SCAMSCORE_ANALYSIS_THREADS=4', env: { DATABASE_URL: postgresUrl, SCAMSCORE_ANALYSIS_THREADS: '4' }, store: 'postgres', threads: 4 },
];

const m = machine();
console.log(`machine: ${m.cores} cores, ${m.machineMb} MB; node ${process.version}; battery ${rounds} rounds`);
const lines: string[] = [];
for (const [i, c] of configurations.entries()) {
  // The same derivation the service makes from this environment (services.ts).
  const s = sizeAnalysis({ threads: c.threads, store: c.store, ...m });
  const f = await runBattery({ env: c.env, port: 18_321 + i, rounds });
  const verdict = f.peakMb < LIMIT_MB ? 'under' : 'OVER';
  lines.push(`${c.name}: peak ${f.peakMb.toFixed(0)} MB (${verdict} ${LIMIT_MB})`);
  console.log(`\n${c.name}`);
  console.log(`  sizing: budget ${s.budgetMb} MB, ${s.threads} analysis thread(s), old space ${s.maxOldGenerationMb} MB, young ${s.maxYoungGenerationMb} MB each`);
  console.log(`  ${f.scans} scans in ${f.seconds.toFixed(1)} s; answers by status: ${byStatus(f.statuses)}; healthz after: ${f.healthAfter}`);
  console.log(`  service RSS: ${f.rssAtStartMb.toFixed(0)} MB once ready, peak (VmHWM) ${f.peakMb.toFixed(0)} MB, at the end ${f.rssNowMb.toFixed(0)} MB: ${verdict} ${LIMIT_MB} MB`);
  if (f.children.length === 0) console.log('  child processes started by the service: none');
  for (const ch of f.children) console.log(`  child process ${ch.pid} (${ch.cmd}): peak (VmHWM) ≥ ${ch.peakMb.toFixed(0)} MB, not counted in the service's peak`);
  console.log(`  canary connections: web ${f.canary.web}, whois ${f.canary.whois ?? 'n/a (port 43 unavailable)'}`);
}
console.log(`\nsummary (the Postgres server's own memory is not part of the service's):\n  ${lines.join('\n  ')}`);
fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
