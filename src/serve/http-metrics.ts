// HTTP latency by route pattern and status: the pattern (`/v1/scans/:id`), never the URL, keeps the label set
// small; requests that matched no route share one label.
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';

export function installHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpSeconds.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
