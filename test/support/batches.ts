// Helpers for batch tests: loopback sites that record when each page request arrived, and waiting for a batch.
import type http from 'node:http';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/services.js';
import { startHarness, type Harness, type SiteSpec } from './harness.js';

/**
 * No event-loop-delay shedding: these tests are not about load, and with the whole suite sharing two cores a
 * one-second stall is the machine's, not the app's (it answered 503 OVERLOADED to every request for the next second).
 */
const NO_DELAY_SHEDDING = { maxEventLoopDelayMs: 0 };

/** The app with its services on this environment, without delay shedding. */
export async function openBatchApp(env: Record<string, string>) {
  const services = await createServices(loadConfig(env));
  const app = await buildApp(services, { pressure: NO_DELAY_SHEDDING });
  await app.ready();
  return {
    app,
    services,
    async close() {
      await app.close();
      await services.close();
    },
  };
}

/** startHarness with openBatchApp's pressure settings. */
export const startBatchHarness = (sites: Record<string, SiteSpec>, extraEnv: Record<string, string> = {}): Promise<Harness> =>
  startHarness(sites, extraEnv, { pressure: NO_DELAY_SHEDDING });

export const PAGE = (title: string) =>
  `<!doctype html><html lang="ko"><head><title>${title}</title></head><body><h1>${title}</h1><p>소액결제 현금화 상담 카톡 ID: cash${title.length}</p></body></html>`;

export interface Arrival {
  host: string;
  path: string;
  /** performance.now() when the request reached the server. */
  at: number;
}

/** Sites whose '/' (and any listed path) answers after `delayMs`, each arrival recorded in `arrivals`. */
export function recordedSites(hosts: string[], arrivals: Arrival[], opts: { delayMs?: number; paths?: string[] } = {}): Record<string, SiteSpec> {
  const handler = (host: string) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    arrivals.push({ host, path: req.url ?? '/', at: performance.now() });
    setTimeout(() => {
      if (!res.destroyed) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE(`${host} ${req.url}`));
    }, opts.delayMs ?? 0);
  };
  return Object.fromEntries(
    hosts.map((host) => [
      host,
      {
        routes: Object.fromEntries((opts.paths ?? ['/']).map((p) => [p, handler(host)])),
        whois: { ageDays: 5, registrar: 'Gname.com Pte. Ltd.', privacy: true },
      },
    ]),
  );
}

export interface BatchView {
  id: string;
  status: 'queued' | 'running' | 'done';
  total: number;
  done: number;
  pending: number;
  reused: number;
  errors: number;
  duplicates: number;
  counts: Record<string, number>;
  finishedAt: string | null;
}

/** Polls GET /v1/batches/:id until it is done (the test's own timeout bounds the wait). */
export async function waitForBatch(app: FastifyInstance, id: string, opts: { until?: (b: BatchView) => boolean; everyMs?: number } = {}): Promise<BatchView> {
  const until = opts.until ?? ((b: BatchView) => b.status === 'done');
  for (;;) {
    const r = await app.inject({ method: 'GET', url: `/v1/batches/${id}` });
    if (r.statusCode !== 200) throw new Error(`GET /v1/batches/${id} answered ${r.statusCode}: ${r.body}`);
    const b = r.json() as BatchView;
    if (until(b)) return b;
    await new Promise((res) => setTimeout(res, opts.everyMs ?? 50));
  }
}

/** Gaps between consecutive arrivals at one host, in arrival order. */
export function gapsOf(arrivals: Arrival[], host: string): number[] {
  const times = arrivals.filter((a) => a.host === host).map((a) => a.at).sort((a, b) => a - b);
  return times.slice(1).map((t, i) => t - times[i]!);
}
