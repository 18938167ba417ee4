import type { FastifyPluginAsync } from 'fastify';
import { health } from '../http/schemas.js';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { schema: { response: { 200: health } } }, async () => ({ status: 'ok' }));
};
