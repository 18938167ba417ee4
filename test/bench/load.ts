// Load helpers the HTTP benches share: a closed-loop load in the style of autocannon (undici, a fixed number of
// connections, one request in flight on each), paced latency probes, and starting and stopping the service
// (or a bare Fastify) as a process of its own so that the load generator does not share its event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { Pool } from 'undici';

export interface Target {
  path: string;
  method: 'GET' | 'POST';
  body?: string;
}

export interface LoadRun {
  rps: number;
  errors: number;
  statuses: Record<number, number>;
}

export async function waitFor(base: string, path: string) {
  const pool = new Pool(base);
  try {
    for (let i = 0; i < 300; i++) {
      try {
        const r = await pool.request({ path, method: 'GET' });
        await r.body.dump();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`${base} did not start`);
  } finally {
    await pool.close();
  }
}

/** Closed-loop load: `connections` loops, each sending the next request when the last answered. */
export async function load(base: string, target: Target, ms: number, connections: number): Promise<LoadRun> {
  const pool = new Pool(base, { connections, pipelining: 1 });
  const headers = target.body ? { 'content-type': 'application/json' } : {};
  const statuses: Record<number, number> = {};
  let done = 0;
  let errors = 0;
  const until = performance.now() + ms;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        try {
          const r = await pool.request({ path: target.path, method: target.method, headers, body: target.body });
          await r.body.dump();
          statuses[r.statusCode] = (statuses[r.statusCode] ?? 0) + 1;
          if (r.statusCode === 200) done++;
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = performance.now() - started;
  await pool.close();
  return { rps: (done / elapsed) * 1000, errors, statuses };
}

/** A warm-up, then the measured run. */
export async function measure(base: string, target: Target, ms: number, connections: number, warmupMs = 1_000): Promise<LoadRun> {
  await load(base, target, warmupMs, connections);
  return load(base, target, ms, connections);
}

/**
 * Open-loop probes: one request every `everyMs` whether or not the last has answered, so a stalled event loop
 * shows in the latencies instead of slowing the prober down (no coordinated omission). Latencies in ms, of the
 * requests sent after `warmUpMs` of the same probing, not recorded: the first requests of a fresh probe process
 * (connecting, its own code not yet compiled) took 11-28 ms against an idle service answering in 1, and were
 * among the 15 slowest of the 1,500 a p99 is read from.
 */
export async function probe(base: string, path: string, ms: number, everyMs: number, warmUpMs = 0): Promise<{ latencies: number[]; errors: number }> {
  const pool = new Pool(base, { connections: 16, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const recordFrom = performance.now() + warmUpMs;
  const until = recordFrom + ms;
  while (performance.now() < until) {
    const record = performance.now() >= recordFrom;
    const sent = performance.now();
    inFlight.push(
      pool
        .request({ path, method: 'GET' })
        .then(async (r) => {
          await r.body.dump();
          if (!record) return;
          if (r.statusCode === 200) latencies.push(performance.now() - sent);
          else errors++;
        })
        .catch(() => {
          if (record) errors++;
        }),
    );
    await new Promise((r) => setTimeout(r, everyMs));
  }
  await Promise.all(inFlight);
  await pool.close();
  return { latencies, errors };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export function startNode(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
}

export const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
