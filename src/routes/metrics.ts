// GET /metrics: the Prometheus text format of this process's registry (no scope: scrapers carry no API key;
// keep the port off the public internet, or scrape through a proxy that limits who may).
import type { FastifyPluginAsync } from 'fastify';

export const metricsRoutes: FastifyPluginAsync = async (app) => {
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const body = await app.metrics.registry.metrics();
    return reply.type(app.metrics.registry.contentType).send(body);
  });
};
