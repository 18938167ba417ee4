// Prometheus metrics (prom-client), one registry per services instance so that several apps in one process
// (tests) do not share counters. Served at GET /metrics. Label values are small fixed sets: never a URL.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics(opts: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'scamscore_' });
  const queueDepths = new Map<string, () => number | Promise<number>>();
  return {
    registry,
    /** Scans finished, by band (low…critical, unknown) and outcome (stored, not-saved, failed). */
    scans: new Counter({ name: 'scamscore_scans_total', help: 'Scans finished, by band and outcome', labelNames: ['band', 'outcome'] as const, registers: [registry] }),
    scanSeconds: new Histogram({
      name: 'scamscore_scan_duration_seconds',
      help: 'Time of one scan, fetch to verdict',
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30],
      registers: [registry],
    }),
    /** Page fetch failures by kind (the fetch error code: DNS_FAILED, TIMEOUT, BLOCKED_ADDRESS, ...). */
    fetchErrors: new Counter({ name: 'scamscore_fetch_errors_total', help: 'Page fetch failures by kind', labelNames: ['kind'] as const, registers: [registry] }),
    /** Domain record (WHOIS / RDAP) lookups that gave no answer, by kind. */
    whoisErrors: new Counter({ name: 'scamscore_whois_errors_total', help: 'WHOIS/RDAP lookups without an answer, by kind', labelNames: ['kind'] as const, registers: [registry] }),
    httpSeconds: new Histogram({
      name: 'scamscore_http_request_duration_seconds',
      help: 'HTTP request latency by route and status class',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
      registers: [registry],
    }),
    /** Verdict cache answers: hit (fresh), stale (past expiresAt), miss. */
    cacheRequests: new Counter({ name: 'scamscore_cache_requests_total', help: 'Verdict cache lookups by result', labelNames: ['result'] as const, registers: [registry] }),
    queueDepth: new Gauge({
      name: 'scamscore_queue_depth',
      help: 'Jobs waiting, by queue',
      labelNames: ['queue'] as const,
      registers: [registry],
      async collect() {
        for (const [queue, depth] of queueDepths) this.set({ queue }, await depth());
      },
    }),
    /** Registers a queue whose depth is read at each scrape. */
    watchQueue(queue: string, depth: () => number | Promise<number>) {
      queueDepths.set(queue, depth);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
